/**
 * What an authenticated caller may do beyond querying: the project they declare, the audit API,
 * address selection. Pure checks on the Caller; the policy decides about fields.
 */
import type { Caller } from '../context/types.ts';
import { AuthorisationError } from './errors.ts';

export const PRIVACY_OFFICER_ROLE = 'privacy-officer';
export const COORDINATOR_ROLE = 'coordinator';

/** Throws PROJECT_NOT_AUTHORISED unless the declared project is one of the caller's projects. */
export function assertProjectAuthorised(caller: Caller, project: string): void {
  if (caller.projects.includes(project)) return;
  const yours = caller.projects.length === 0 ? 'none' : caller.projects.map((p) => `"${p}"`).join(', ');
  throw new AuthorisationError(
    'PROJECT_NOT_AUTHORISED',
    `You are not authorised for project "${project}" (your projects: ${yours}). Declare one of your projects, or ask your organisation to add you to this one.`,
  );
}

/** Only privacy officers read the audit API. */
export function canUseAuditApi(caller: Caller): boolean {
  return caller.roles.includes(PRIVACY_OFFICER_ROLE);
}

/** Only coordinators select addresses for a project. */
export function canSelectAddresses(caller: Caller): boolean {
  return caller.roles.includes(COORDINATOR_ROLE);
}

export function hasAnyProject(caller: Caller): boolean {
  return caller.projects.length > 0;
}
