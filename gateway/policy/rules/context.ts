/**
 * Context rules: who asks, in which project, for which purpose. They do not depend on the field or
 * the entity, so they are judged once per request.
 */
import { PURPOSE_HEADERS } from '../../context/purpose.ts';
import { dutchDayOf } from '../dates.ts';
import type { RequestFacts } from '../facts.ts';
import type { PolicyData } from '../load.ts';
import type { Project, Purpose, Role } from '../schemas.ts';
import { quotedList } from '../words.ts';
import { deny, type Denial } from './deny.ts';

/** What the context rules establish for the rules after them. */
export interface RequestClearance {
  organisation: string;
  project: Project;
  purpose: Purpose;
  /** The caller's roles that may act for the purpose. */
  roles: readonly Role[];
  /** The request's day in the Netherlands. */
  today: string;
  /** The day residence is judged on: the project's reference date, else today. */
  referenceDate: string;
  justification: string | undefined;
}

export function checkContext(request: RequestFacts, data: PolicyData): Denial | RequestClearance {
  const { caller, purpose: declared } = request;
  if (!caller) {
    return deny('context', 'context.missing-caller', 'the request has no verified caller; send a bearer token issued to you by your organisation');
  }
  if (!declared?.project || !declared.purpose) {
    return deny(
      'context',
      'context.missing-purpose',
      `declare a project and purpose with the ${PURPOSE_HEADERS.project} and ${PURPOSE_HEADERS.purpose} headers, e.g. ${example(data, dutchDayOf(request.now))}`,
    );
  }
  const project = data.projects.get(declared.project);
  if (!project) {
    return deny(
      'context',
      'context.unknown-project',
      `project "${declared.project}" is not in the policy; known projects: ${quotedList([...data.projects.keys()].sort())}`,
    );
  }
  if (!caller.projects.includes(project.id)) {
    return deny(
      'context',
      'context.project-not-authorised',
      `you are not authorised for project "${project.id}"; ask its coordinator to add you to the project`,
    );
  }
  const purpose = data.purposes.get(declared.purpose);
  if (!purpose) {
    return deny(
      'context',
      'context.unknown-purpose',
      `purpose "${declared.purpose}" is not a covenant purpose; known purposes: ${quotedList([...data.purposes.keys()].sort())}`,
    );
  }
  const roles = caller.roles.flatMap((id) => data.roles.get(id) ?? []).filter((role) => role.purposes.includes(purpose.id));
  if (roles.length === 0) {
    const able = [...data.roles.values()].filter((role) => role.purposes.includes(purpose.id)).map((role) => role.id);
    return deny(
      'context',
      'context.role-purpose',
      `none of your roles (${quotedList(caller.roles)}) may act for purpose "${purpose.id}"; roles that may: ${quotedList(able)}`,
    );
  }
  const today = dutchDayOf(request.now);
  return {
    organisation: caller.organisation,
    project,
    purpose,
    roles,
    today,
    referenceDate: project.referenceDate ?? today,
    justification: declared.justification?.trim() || undefined,
  };
}

/** Header values for a project active today (else the first project), for the missing-purpose reason. */
function example(data: PolicyData, today: string): string {
  const projects = [...data.projects.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const project = projects.find((p) => p.period.from <= today && today <= p.period.to) ?? projects[0];
  const { project: projectHeader, purpose: purposeHeader } = PURPOSE_HEADERS;
  if (!project) return `${projectHeader}: <project id> and ${purposeHeader}: <purpose id>`;
  return `${projectHeader}: ${project.id} and ${purposeHeader}: ${project.purposes[0]}`;
}
