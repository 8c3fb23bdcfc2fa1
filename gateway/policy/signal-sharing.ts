/**
 * Whose signals a caller sees. A signal is the owner's data about an address: it counts and shows
 * only under a purpose its owner shares it for, with the caller's organisation (a covenant legal
 * basis naming owner, recipient and purpose), and only from partners in the project.
 */
import type { PolicyData } from './load.ts';
import type { RequestClearance } from './rules/context.ts';

/** The participating partners whose signals the cleared caller sees, in the project's order. */
export function signalOwnersFor(clearance: Pick<RequestClearance, 'project' | 'purpose' | 'organisation'>, data: PolicyData): string[] {
  const { project, purpose, organisation } = clearance;
  return project.participants.filter((owner) =>
    data.covenant.legalBases.some((basis) => basis.owner === owner && basis.recipients.includes(organisation) && basis.purposes.includes(purpose.id)),
  );
}
