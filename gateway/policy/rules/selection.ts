/**
 * No dragnet: personal data (any tier above low) about an address or its residents only for an
 * address selected into a case. Before selection, an address that weighs at least the covenant's
 * `minimisedBeforeSelection` gives the owner's minimised form (a masked BSN, a year, a band, a
 * count, whether it exists) where the field's tier allows that form; everything else is denied.
 */
import type { FieldQuestion } from '../types.ts';
import type { EntityFacts } from '../facts.ts';
import type { PolicyData } from '../load.ts';
import { signalOwnersFor } from '../signal-sharing.ts';
import { indicationWeight, weighsAtLeast, type Weight } from '../weight.ts';
import { inWords } from '../words.ts';
import type { RequestClearance } from './context.ts';
import { deny, type Denial } from './deny.ts';
import type { AddressIndication } from './indication.ts';
import { TRANSFORM_WORDS, type Minimised } from './proportionality.ts';

export function checkSelection(
  field: FieldQuestion,
  entity: EntityFacts,
  indication: AddressIndication,
  clearance: RequestClearance,
  data: PolicyData,
): Denial | Minimised | undefined {
  if (field.classification.tier === 'low' || entity.caseId !== null) return undefined;
  const { project } = clearance;
  const unselected =
    `personal data needs a selected address, and ${indication.subject} has no open case in project "${project.id}"; ` +
    `an address is selected when signals from ${inWords(project.selectionThreshold)} partners overlap (it has ${inWords(indication.partners)})`;
  const form = formBeforeSelection(field, visibleWeight(entity, clearance, data), data);
  if (form) {
    return { outcome: 'minimise', transform: form, principle: 'dragnet', rule: 'dragnet.no-selection', reason: `${unselected}; until then it is given as ${TRANSFORM_WORDS[form]}` };
  }
  return deny('dragnet', 'dragnet.no-selection', unselected);
}

/**
 * The address's weight counted over the signals the caller may see (signal-sharing.ts): whether a
 * minimised form or a refusal comes back must not tell the caller of a signal its owner does not
 * share with them for this purpose (no oracle).
 */
function visibleWeight(entity: EntityFacts, clearance: RequestClearance, data: PolicyData): Weight {
  const visible = signalOwnersFor(clearance, data);
  const partners = new Set(entity.signals.partners.filter((partner) => visible.includes(partner))).size;
  return indicationWeight({ signallingPartners: partners, documentedSuspicion: entity.documentedSuspicion }, clearance.project.selectionThreshold);
}

/** The field's minimised form, when the covenant gives it before selection at this weight and the tier allows it. */
function formBeforeSelection(field: FieldQuestion, weight: Weight, data: PolicyData) {
  const from = data.covenant.minimisedBeforeSelection;
  const { tier, minimised } = field.classification;
  const below = data.covenant.tiers[tier].below;
  if (!from || !minimised || below === 'deny' || !below.minimise.includes(minimised)) return undefined;
  return weighsAtLeast(weight, from) ? minimised : undefined;
}
