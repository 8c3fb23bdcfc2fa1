/**
 * A decision's input on record, both ways: what the policy's rules read (policy/facts.ts
 * DecisionInput) as the decision record keeps it, and back into the facts the rules read, so that
 * replay can make the decision again. The record holds no personal data beyond what it held
 * already: the subject and their address as pseudonyms, whether a justification was given (its
 * text is the record's own justification), the caller's organisation, roles and projects.
 */
import type { Minimisation, Tier } from '../../schema/classification.ts';
import { dutchDayOf } from '../policy/dates.ts';
import type { EntityFacts, RequestFacts } from '../policy/facts.ts';
import type { LinkKind } from '../policy/links.ts';
import type { FieldQuestion } from '../policy/types.ts';
import type { FieldDecisionRecord, RecordedInput } from './records.ts';

/**
 * The request's part of the input as the record keeps it: the same for every decision of a request
 * (decision-records.ts makes it once and shares it). Keys in sorted order at every level: the
 * canonical order the audit chain hashes (canonical.ts).
 */
export function recordedRequest(request: RequestFacts, referenceDate: string | null): RecordedInput['request'] {
  const { caller, purpose } = request;
  return {
    caller: caller ? { organisation: caller.organisation, projects: [...caller.projects], roles: [...caller.roles] } : null,
    purpose: purpose
      ? { case_id: purpose.caseId ?? null, justified: Boolean(purpose.justification?.trim()), project: purpose.project, purpose: purpose.purpose }
      : null,
    reference_date: referenceDate,
    today: dutchDayOf(request.now),
  };
}

/** The entity's part: its facts, the address as its pseudonym (`pseudonymOf` turns an address id into it); null when they were not loaded. */
export function recordedEntity(entity: EntityFacts | null, pseudonymOf: (addressId: string) => string): RecordedInput['entity'] {
  return (
    entity && {
      address_pseudonym: entity.addressId === null ? null : pseudonymOf(entity.addressId),
      case_id: entity.caseId,
      consulted_tiers: [...entity.consultedTiers],
      documented_suspicion: entity.documentedSuspicion,
      in_scope: entity.inScope,
      secrecy: entity.secrecy,
      signals: { kinds: [...entity.signals.kinds], partners: [...entity.signals.partners] },
    }
  );
}

/** The field's part of the input: its coordinate, owner and classification. */
export function recordedFieldInput(field: FieldQuestion): RecordedInput['field'] {
  const { classification } = field;
  return {
    coordinate: field.coordinate,
    minimised: classification.minimised ?? null,
    owner: field.owner,
    purposes: [...classification.purposes],
    tier: classification.tier,
  };
}

/** The question a recorded decision answered, as the rules read it; the subject is its pseudonym (no rule reads the id). */
export interface ReplayQuestion {
  request: RequestFacts;
  field: FieldQuestion;
  /** null: the entity's facts were not loaded when it was decided. */
  entity: EntityFacts | null;
}

/** The facts of a field decision's input (a record of one field, or a field of a grouped record as fieldDecisions views it), for the rules; undefined for a record without one (decided outside the rules). */
export function replayQuestion(record: FieldDecisionRecord): ReplayQuestion | undefined {
  const { input } = record;
  if (!input) return undefined;
  const { caller, purpose, today } = input.request;
  const justification = purpose?.justified ? (record.justification ?? 'given') : undefined;
  const request: RequestFacts = {
    // Noon UTC falls on the same calendar day in the Netherlands: the rules read only that day.
    now: new Date(`${today}T12:00:00.000Z`),
    ...(caller ? { caller: { id: record.caller_id, organisation: caller.organisation, roles: [...caller.roles], projects: [...caller.projects] } } : {}),
    ...(purpose
      ? {
          purpose: {
            project: purpose.project,
            purpose: purpose.purpose,
            ...(purpose.case_id !== null ? { caseId: purpose.case_id } : {}),
            ...(justification !== undefined ? { justification } : {}),
          },
        }
      : {}),
  };
  const { field: f, entity: e } = input;
  const field: FieldQuestion = {
    coordinate: f.coordinate,
    owner: f.owner,
    // As recorded: the rules check a classification themselves (classification.invalid).
    classification: { tier: f.tier as Tier, purposes: [...f.purposes], ...(f.minimised !== null ? { minimised: f.minimised as Minimisation } : {}) },
  };
  const link = record.scope_link;
  const entity: EntityFacts | null = e && {
    kind: record.subject_type,
    subjectId: record.subject_pseudonym,
    inScope: e.in_scope,
    addressId: e.address_pseudonym,
    ...(link ? { link: { kind: link.kind as LinkKind, partner: link.partner, record: link.record, addressId: link.address_pseudonym } } : {}),
    signals: { partners: [...e.signals.partners], kinds: [...e.signals.kinds] },
    documentedSuspicion: e.documented_suspicion,
    caseId: e.case_id,
    consultedTiers: e.consulted_tiers as Tier[],
    secrecy: e.secrecy,
  };
  return { request, field, entity };
}
