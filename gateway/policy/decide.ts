/**
 * The pure decision on one field for one entity, in rule order: context, doelbinding, scope,
 * selection (no dragnet), proportionaliteit, subsidiariteit. The first rule that refuses decides.
 * The stages are exported so that createPolicy can judge the request and each field once.
 */
import { MINIMISATIONS, TIERS } from '../../schema/classification.ts';
import type { EntityFacts, RequestFacts } from './facts.ts';
import type { PolicyData } from './load.ts';
import { checkContext, type RequestClearance } from './rules/context.ts';
import { deny, type Denial } from './rules/deny.ts';
import { checkFieldUse, checkProjectUse, checkSecrecy } from './rules/doelbinding.ts';
import { addressIndication } from './rules/indication.ts';
import { checkProportionality } from './rules/proportionality.ts';
import { checkScope } from './rules/scope.ts';
import { checkSelection } from './rules/selection.ts';
import { checkSubsidiarity } from './rules/subsidiarity.ts';
import type { Decision, FieldQuestion } from './types.ts';

export const ALLOW: Decision = { outcome: 'allow', rule: 'policy.allow' };

export function decideField(field: FieldQuestion, entity: EntityFacts, request: RequestFacts, data: PolicyData): Decision {
  const clearance = judgeRequest(request, data);
  if ('outcome' in clearance) return clearance;
  return judgeField(field, clearance, data) ?? judgeEntity(field, entity, clearance, data);
}

/** Stage 1, once per request: context rules and the project-level doelbinding rules. */
export function judgeRequest(request: RequestFacts, data: PolicyData): Denial | RequestClearance {
  const clearance = checkContext(request, data);
  if ('outcome' in clearance) return clearance;
  return checkProjectUse(clearance) ?? clearance;
}

/** Stage 2, once per field and request: a usable classification and the field-level doelbinding rules. */
export function judgeField(field: FieldQuestion, clearance: RequestClearance, data: PolicyData): Denial | undefined {
  return checkClassification(field) ?? checkFieldUse(field, clearance, data);
}

/** The rules of stage 3 that can refuse, in the order judgeEntity applies them. */
export const ENTITY_RULES = [
  'scope.out-of-area',
  'doelbinding.brp-secrecy',
  'dragnet.no-selection',
  'proportionaliteit.tier-weight',
  'subsidiariteit.lower-tiers-first',
] as const;

/** Stage 3, per entity: scope, secrecy, selection, proportionality, subsidiarity. */
export function judgeEntity(field: FieldQuestion, entity: EntityFacts, clearance: RequestClearance, data: PolicyData): Decision {
  const refused = checkScope(entity, clearance) ?? checkSecrecy(field, entity, clearance, data);
  if (refused) return refused;
  const indication = addressIndication(entity, clearance);
  const unselected = checkSelection(field, entity, indication, clearance, data);
  if (unselected?.outcome === 'deny') return unselected;
  const proportional = unselected ?? checkProportionality(field, indication, clearance, data);
  if (proportional?.outcome === 'deny') return proportional;
  const subsidiarity = checkSubsidiarity(field, entity, clearance, data);
  if ('outcome' in subsidiarity) return subsidiarity;
  if (subsidiarity.kind === 'satisfied') return proportional ?? ALLOW;
  if (!proportional) return { outcome: 'allow', rule: 'subsidiariteit.justified', flaggedForReview: true };
  return {
    ...proportional,
    reason: `${proportional.reason}; lower tiers were skipped on a written justification, flagged for review`,
    flaggedForReview: true,
  };
}

/** Fail closed on a classification the rules cannot read. */
function checkClassification(field: FieldQuestion): Denial | undefined {
  const { tier, purposes, minimised } = field.classification;
  const valid =
    (TIERS as readonly string[]).includes(tier) &&
    Array.isArray(purposes) &&
    purposes.length > 0 &&
    (minimised === undefined || (MINIMISATIONS as readonly string[]).includes(minimised));
  if (valid) return undefined;
  return deny(
    'classification',
    'classification.invalid',
    `the classification of ${field.coordinate} by "${field.owner}" is not valid (a known tier, at least one purpose, a known minimised form); the partner must correct its @classified directive`,
  );
}
