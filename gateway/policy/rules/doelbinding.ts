/**
 * Doelbinding (purpose limitation, from the covenant). The project-level rules hold for the whole
 * request; the field-level rules for one owner's field; the secrecy rule for one person.
 */
import type { FieldQuestion } from '../types.ts';
import type { EntityFacts } from '../facts.ts';
import type { PolicyData } from '../load.ts';
import { quotedList } from '../words.ts';
import type { RequestClearance } from './context.ts';
import { deny, type Denial } from './deny.ts';

export function checkProjectUse(clearance: RequestClearance): Denial | undefined {
  const { project, purpose, organisation, today } = clearance;
  if (today < project.period.from || today > project.period.to) {
    return deny(
      'doelbinding',
      'doelbinding.project-inactive',
      `project "${project.id}" runs from ${project.period.from} to ${project.period.to} and is not active on ${today}; use a project that is active today`,
    );
  }
  if (!project.participants.includes(organisation)) {
    return deny(
      'doelbinding',
      'doelbinding.requester-not-participant',
      `your organisation "${organisation}" does not take part in project "${project.id}"; participants: ${quotedList(project.participants)}`,
    );
  }
  if (!project.purposes.includes(purpose.id)) {
    return deny(
      'doelbinding',
      'doelbinding.purpose-not-in-project',
      `purpose "${purpose.id}" is not one of the purposes of project "${project.id}": ${quotedList(project.purposes)}`,
    );
  }
  return undefined;
}

export function checkFieldUse(field: FieldQuestion, clearance: RequestClearance, data: PolicyData): Denial | undefined {
  const { project, purpose, organisation } = clearance;
  const { owner, coordinate, classification } = field;
  const caseFile = data.covenant.caseFile?.owner === owner ? data.covenant.caseFile : undefined;
  if (!caseFile && !project.participants.includes(owner)) {
    return deny(
      'doelbinding',
      'doelbinding.owner-not-participant',
      `"${owner}" does not take part in project "${project.id}", so its data cannot be used in it`,
    );
  }
  if (isCareData(field, data) && !(purpose.kind === 'care' && clearance.roles.some((role) => role.kind === 'care'))) {
    const carePurposes = [...data.purposes.values()].filter((p) => p.kind === 'care').map((p) => p.id);
    const careRoles = [...data.roles.values()].filter((r) => r.kind === 'care').map((r) => r.id);
    return deny(
      'doelbinding',
      'doelbinding.care-only',
      `${coordinate} is care data: it serves only help (purpose ${quotedList(carePurposes)}) by a care role (${quotedList(careRoles)}), never enforcement`,
    );
  }
  if (!classification.purposes.includes(purpose.id)) {
    return deny(
      'doelbinding',
      'doelbinding.owner-purpose',
      `"${owner}" shares ${coordinate} only for ${quotedList(classification.purposes)}, not for "${purpose.id}"`,
    );
  }
  const basis =
    caseFile?.purposes.includes(purpose.id) ??
    data.covenant.legalBases.some((b) => b.owner === owner && b.recipients.includes(organisation) && b.purposes.includes(purpose.id));
  if (!basis) {
    return deny(
      'doelbinding',
      'doelbinding.legal-basis',
      `the covenant gives "${owner}" no legal basis to share with "${organisation}" for purpose "${purpose.id}"`,
    );
  }
  return undefined;
}

/** The BRP secrecy flag: a flagged (or unknown) person's data from these owners skips the denied sectors. */
export function checkSecrecy(field: FieldQuestion, entity: EntityFacts, clearance: RequestClearance, data: PolicyData): Denial | undefined {
  const { owners, deniedSectors } = data.covenant.secrecyFlag;
  if (entity.kind !== 'person' || entity.secrecy === false || !owners.includes(field.owner)) return undefined;
  const sector = data.parties.get(clearance.organisation)?.sector;
  if (sector && !deniedSectors.includes(sector)) return undefined;
  const flag =
    entity.secrecy === null
      ? 'it is not known whether this person is under the BRP secrecy flag (geheimhouding)'
      : 'this person is under the BRP secrecy flag (geheimhouding)';
  const body = sector ? `a ${sector} body` : 'not a covenant party';
  return deny('doelbinding', 'doelbinding.brp-secrecy', `${flag}, so "${field.owner}" does not give their data to "${clearance.organisation}" (${body})`);
}

/** Care data: a tier the covenant reserves for care, or a field the owner shares only for care purposes. */
export function isCareData(field: FieldQuestion, data: PolicyData): boolean {
  const { tier, purposes } = field.classification;
  if (data.covenant.tiers[tier].careOnly) return true;
  return purposes.length > 0 && purposes.every((id) => data.purposes.get(id)?.kind === 'care');
}
