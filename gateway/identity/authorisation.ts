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

/**
 * Only privacy officers read the audit API, with a token that holds no other role: who audits the
 * access to persons does not also query them (separation of duties; the FG's independence, AVG
 * art. 38(6)). Otherwise an analyst who also held the role could learn from the audit which other
 * partners looked at a person, and so that the person is being investigated.
 */
export function canUseAuditApi(caller: Caller): boolean {
  return auditApiRefusal(caller) === undefined;
}

/** Why the audit API refuses this caller (in terms of the caller's own token), or undefined. */
export function auditApiRefusal(caller: Caller): string | undefined {
  if (!caller.roles.includes(PRIVACY_OFFICER_ROLE)) return 'The audit API is for the privacy-officer role only.';
  const others = caller.roles.filter((role) => role !== PRIVACY_OFFICER_ROLE);
  if (others.length === 0) return undefined;
  return `The audit API answers a token with the privacy-officer role alone; yours also holds ${others.map((r) => `"${r}"`).join(', ')} (separation of duties: who audits does not also query). Ask your organisation for a token with the privacy-officer role only.`;
}

/** Only coordinators select addresses for a project. */
export function canSelectAddresses(caller: Caller): boolean {
  return caller.roles.includes(COORDINATOR_ROLE);
}

export function hasAnyProject(caller: Caller): boolean {
  return caller.projects.length > 0;
}
