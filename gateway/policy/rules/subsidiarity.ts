/**
 * Subsidiariteit: for a subject in a case, a tier only after the tiers below it on the covenant's
 * ladder were consulted in that case, or with a written justification (flagged for review).
 */
import type { Tier } from '../../../schema/classification.ts';
import { PURPOSE_HEADERS } from '../../context/purpose.ts';
import type { FieldQuestion } from '../types.ts';
import type { EntityFacts } from '../facts.ts';
import type { PolicyData } from '../load.ts';
import type { RequestClearance } from './context.ts';
import { deny, type Denial } from './deny.ts';

export type Subsidiarity = { kind: 'satisfied' } | { kind: 'justified' } | Denial;

export function checkSubsidiarity(
  field: FieldQuestion,
  entity: EntityFacts,
  clearance: RequestClearance,
  data: PolicyData,
): Subsidiarity {
  const { tier } = field.classification;
  const missing = data.covenant.tiers[tier].after.filter((lower: Tier) => !entity.consultedTiers.includes(lower));
  if (missing.length === 0 || entity.caseId === null) return { kind: 'satisfied' };
  if (clearance.justification) return { kind: 'justified' };
  return deny(
    'subsidiariteit',
    'subsidiariteit.lower-tiers-first',
    `consult the ${missing.join(' and ')} data in case ${entity.caseId} before ${tier} data, ` +
      `or give a written justification of why they cannot serve in the ${PURPOSE_HEADERS.justification} header (it is recorded for the privacy officer's review)`,
  );
}
