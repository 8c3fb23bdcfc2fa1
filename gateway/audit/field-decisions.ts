/**
 * Decision records read per field, whichever shape they were written in: a record of one field
 * (fieldDecisionRecord, the log's shape before decisions were grouped) is its own view; a grouped
 * record (decisionRecord) gives one view per entry of its `fields`, in the record-of-one-field
 * shape, with the field's index. Everything that answers per field (the privacy officer's queries,
 * the subject-access report, replay) reads decisions through here, so both shapes answer alike.
 */
import type { DecisionRecord, FieldDecisionRecord, StoredDecisionBody } from './records.ts';

/** One field's decision: the record-of-one-field shape, and its index in a grouped record (absent for a record of one field). */
export interface FieldDecision {
  field?: number;
  body: FieldDecisionRecord;
}

export function isGrouped(body: StoredDecisionBody): body is DecisionRecord {
  return Array.isArray((body as DecisionRecord).fields);
}

/** The record's decisions, one per field. */
export function fieldDecisions(body: StoredDecisionBody): FieldDecision[] {
  if (!isGrouped(body)) return [{ body }];
  return body.fields.map((_, field) => ({ field, body: fieldDecisionOf(body, field) }));
}

/** The view of one field of a grouped record, as a record of that one field would have held it. */
export function fieldDecisionOf(record: DecisionRecord, index: number): FieldDecisionRecord {
  const f = record.fields[index]!;
  const { input } = record;
  return {
    request_id: record.request_id,
    trace_id: record.trace_id,
    caller_id: record.caller_id,
    organisation: record.organisation,
    role: record.role,
    action: record.action,
    resource: f.resource,
    owner: record.owner,
    subject_pseudonym: record.subject_pseudonym,
    subject_type: record.subject_type,
    project: record.project,
    phase: record.phase,
    purpose: record.purpose,
    case_id: record.case_id,
    justification: record.justification,
    outcome: f.outcome,
    principle: f.principle,
    rule: f.rule,
    reason: f.reason,
    transform: f.transform,
    flagged_for_review: f.flagged_for_review,
    reviewed_at: null,
    reviewed_by: null,
    policy_version: record.policy_version,
    decided_at: record.decided_at,
    tier: f.tier,
    ...(f.field_path !== undefined ? { field_path: f.field_path } : {}),
    processing_activity_id: record.processing_activity_id,
    processing_activity_version: record.processing_activity_version,
    ...(record.scope_link ? { scope_link: record.scope_link } : {}),
    ...(input && f.input ? { input: { entity: input.entity, field: f.input.field, request: input.request } } : {}),
  };
}
