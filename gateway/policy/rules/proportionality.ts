/**
 * Proportionaliteit: a tier needs at least the weight the covenant's tier table sets; below it the
 * field is denied, or given in the owner's minimised form when the table allows that form.
 */
import type { Minimisation } from '../../../schema/classification.ts';
import type { Decision, FieldQuestion } from '../types.ts';
import type { PolicyData } from '../load.ts';
import type { Project } from '../schemas.ts';
import { weighsAtLeast, type Weight } from '../weight.ts';
import { inWords } from '../words.ts';
import type { RequestClearance } from './context.ts';
import { deny, type Denial } from './deny.ts';
import type { AddressIndication } from './indication.ts';

export type Minimised = Extract<Decision, { outcome: 'minimise' }>;

export function checkProportionality(
  field: FieldQuestion,
  indication: AddressIndication,
  clearance: RequestClearance,
  data: PolicyData,
): Denial | Minimised | undefined {
  const { tier, minimised } = field.classification;
  const rule = data.covenant.tiers[tier];
  if (weighsAtLeast(indication.weight, rule.requires)) return undefined;
  const shortfall = `${tier} data ${needsInWords(rule.requires, clearance.project)}; ${indication.subject} ${has(rule.requires, indication)}`;
  if (rule.below !== 'deny' && minimised && rule.below.minimise.includes(minimised)) {
    return {
      outcome: 'minimise',
      transform: minimised,
      principle: 'proportionaliteit',
      rule: 'proportionaliteit.tier-weight',
      reason: `${shortfall}; until then it is given as ${TRANSFORM_WORDS[minimised]}`,
    };
  }
  return deny('proportionaliteit', 'proportionaliteit.tier-weight', shortfall);
}

/** "needs overlapping signals from two partners": what a weight takes, in the project's words. */
export function needsInWords(weight: Weight, project: Project): string {
  switch (weight) {
    case 'none':
      return 'needs no indication';
    case 'one-signal':
      return 'needs a signal from at least one partner';
    case 'overlapping-signals':
      return `needs overlapping signals from ${inWords(project.selectionThreshold)} partners`;
    case 'documented-suspicion':
      return "needs a documented suspicion recorded in the address's case";
  }
}

function has(needed: Weight, indication: AddressIndication): string {
  if (needed === 'documented-suspicion') {
    return `has none (it has signals from ${inWords(indication.partners)} partner${indication.partners === 1 ? '' : 's'})`;
  }
  return `has ${inWords(indication.partners)}`;
}

export const TRANSFORM_WORDS: Record<Minimisation, string> = {
  'masked-bsn': 'a masked BSN',
  year: 'the year only',
  band: 'an amount band',
  count: 'a count',
  exists: 'whether it exists',
};
