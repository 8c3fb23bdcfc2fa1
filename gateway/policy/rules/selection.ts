/**
 * No dragnet: personal data (any tier above low) about an address or its residents only for an
 * address selected into a case.
 */
import type { FieldQuestion } from '../types.ts';
import type { EntityFacts } from '../facts.ts';
import { inWords } from '../words.ts';
import type { RequestClearance } from './context.ts';
import { deny, type Denial } from './deny.ts';
import type { AddressIndication } from './indication.ts';

export function checkSelection(
  field: FieldQuestion,
  entity: EntityFacts,
  indication: AddressIndication,
  clearance: RequestClearance,
): Denial | undefined {
  if (field.classification.tier === 'low' || entity.caseId !== null) return undefined;
  const { project } = clearance;
  return deny(
    'dragnet',
    'dragnet.no-selection',
    `personal data needs a selected address, and ${indication.subject} has no open case in project "${project.id}"; ` +
      `an address is selected when signals from ${inWords(project.selectionThreshold)} partners overlap (it has ${inWords(indication.partners)})`,
  );
}
