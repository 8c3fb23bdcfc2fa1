/**
 * Scope: the subject must belong to the project's area: an address in it, a person registered at
 * one on the reference date, or a person a partner's record ties to a selected address in it (the
 * facts carry that link, links.ts; the decision then names it).
 */
import type { EntityFacts } from '../facts.ts';
import type { RequestClearance } from './context.ts';
import { deny, type Denial } from './deny.ts';

export function checkScope(entity: EntityFacts, clearance: RequestClearance): Denial | undefined {
  if (entity.inScope) return undefined;
  const { project, referenceDate } = clearance;
  return deny(
    'scope',
    'scope.out-of-area',
    entity.kind === 'address'
      ? `this address is outside the area of project "${project.id}"`
      : `this person is not registered at an address in the area of project "${project.id}" on the reference date ${referenceDate}, nor tied by a partner's record to an address selected in it`,
  );
}
