/**
 * No oracle: a refusal tells the caller what depends on the caller's own context (project,
 * purpose, role, the field's tier, subsidiarity in their case, a missing justification), never
 * facts about a person or an address the caller may not know. The per-entity rules that refuse on
 * such facts (where a person lives, whether the address is selected, how many partners signalled
 * it, the BRP secrecy flag) are shown to the caller as one and the same refusal, identical in
 * principle, rule id and words whichever of them refused; the precise rule and reason stay with
 * the decision (`precise`), for the decision record and for Explain (privacy officers).
 */
import type { PolicyData } from './load.ts';
import type { RequestClearance } from './rules/context.ts';
import type { Denial } from './rules/deny.ts';
import { needsInWords } from './rules/proportionality.ts';
import type { Decision, FieldQuestion } from './types.ts';

/** The rules whose refusal rests on facts about the subject: the caller is shown SUBJECT_WITHHELD instead. */
export const SUBJECT_FACT_RULES: ReadonlySet<string> = new Set([
  'scope.out-of-area',
  'doelbinding.brp-secrecy',
  'dragnet.no-selection',
  'proportionaliteit.tier-weight',
]);

/** The rule id the caller is shown for every refusal on facts about the subject. */
export const SUBJECT_WITHHELD = 'subject.withheld';

/**
 * The decision as the caller may see it: a refusal on facts about the subject becomes the uniform
 * refusal (the same for every subject, given the request and the field's tier), with the precise
 * one kept in `precise`. Every other decision is its own shown form.
 */
export function shownToCaller(decision: Decision, field: FieldQuestion, clearance: RequestClearance, data: PolicyData): Decision {
  if (decision.outcome !== 'deny' || !SUBJECT_FACT_RULES.has(decision.rule)) return decision;
  const { principle, rule, reason } = decision;
  const withheld: Denial = { outcome: 'deny', principle: 'subject', rule: SUBJECT_WITHHELD, reason: withheldReason(field, clearance, data) };
  return { ...withheld, ...(decision.caseId ? { caseId: decision.caseId } : {}), precise: { principle, rule, reason } };
}

/** The precise decision, as the decision record and Explain keep it. */
export function preciseDecision(decision: Decision): Decision {
  if (decision.outcome !== 'deny' || !decision.precise) return decision;
  const { precise, ...shown } = decision;
  return { ...shown, ...precise };
}

/** The conditions a subject must meet for this field, in words that depend on the request and the field only. */
function withheldReason(field: FieldQuestion, clearance: RequestClearance, data: PolicyData): string {
  const { project, referenceDate, organisation } = clearance;
  const { tier } = field.classification;
  const needed = data.covenant.tiers[tier].requires;
  const { owners, deniedSectors } = data.covenant.secrecyFlag;
  const sector = data.parties.get(organisation)?.sector;
  const conditions = [
    `the address lies in the area of project "${project.id}" (for a person: they are registered at such an address on ${referenceDate})`,
    ...(tier === 'low' ? [] : [`the address is selected into a case of the project`]),
    ...(needed === 'none' ? [] : [`it has the indication that ${tier} data ${needsInWords(needed, project)}`]),
    ...(owners.includes(field.owner) && (!sector || deniedSectors.includes(sector)) ? [`(for a person) they are known not to be under the BRP secrecy flag`] : []),
  ];
  return (
    `${field.coordinate} is released only when ${conditions.join(', ')}; whether that holds for this subject is not disclosed, ` +
    'and the precise rule is in the decision record for the privacy officer. To go further, ask the project coordinator whether the address is selected'
  );
}
