/** Synthetic audit records for the tests. */
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import type { AuditRecord, DecisionRecord, FieldDecisionRecord, FieldOutcome, ProcessingRecord } from '../../gateway/audit/records.ts';

export const KEY = new Uint8Array(32).fill(7);
export const OTHER_KEY = new Uint8Array(32).fill(9);
/** Synthetic BSNs (the 9999 test range). */
export const BSN = '999990019';
export const OTHER_BSN = '999990032';
export const ADRES_ID = '0983200000012345';
export const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

export function processing(overrides: Partial<ProcessingRecord> = {}): AuditRecord {
  return {
    kind: 'processing',
    body: {
      trace_id: TRACE_ID,
      span_id: '00f067aa0ba902b7',
      parent_span_id: null,
      name: 'Fetch toeslagen from belastingdienst',
      status: 'ok',
      started_at: '2025-03-04T10:00:00.000Z',
      ended_at: '2025-03-04T10:00:00.120Z',
      processing_activity_id: 'lsi-administratief-onderzoek',
      processing_activity_version: '1',
      subject_pseudonym: pseudonymise('person', BSN, KEY),
      subject_type: 'person',
      partner: 'belastingdienst',
      partner_reference: '00f067aa0ba902b7',
      organisation: 'gemeente-venlo',
      confidential: false,
      confidential_until: null,
      ...overrides,
    },
  };
}

/** What a decision record says once, in either shape: who asked, about whom, for what. */
function decisionContext() {
  return {
    request_id: 'req-1',
    trace_id: TRACE_ID,
    caller_id: 'venlo-analist-17',
    organisation: 'gemeente-venlo',
    role: 'analist',
    action: 'read' as const,
    owner: 'belastingdienst',
    subject_pseudonym: pseudonymise('person', BSN, KEY),
    subject_type: 'person' as const,
    project: 'klingerberg-2025',
    phase: 'administratief-onderzoek',
    purpose: 'uitkeringsfraude',
    case_id: null,
    justification: null,
    policy_version: 'sha256:0f1e2d',
    decided_at: '2025-03-04T10:00:00.000Z',
    processing_activity_id: 'lsi-administratief-onderzoek',
    processing_activity_version: '1',
  };
}

/** A decision record of one field, as the log held them before decisions were grouped per subject and partner call. */
export function decision(overrides: Partial<FieldDecisionRecord> = {}): AuditRecord {
  return {
    kind: 'decision',
    body: {
      ...decisionContext(),
      resource: 'Persoon.toeslagen',
      outcome: 'allow',
      principle: null,
      rule: 'doelbinding.covenant-basis',
      reason: null,
      transform: null,
      flagged_for_review: false,
      reviewed_at: null,
      reviewed_by: null,
      tier: 'financial',
      ...overrides,
    },
  };
}

/** One field's outcome in a grouped decision record. */
export function fieldOutcome(overrides: Partial<FieldOutcome> = {}): FieldOutcome {
  return {
    flagged_for_review: false,
    outcome: 'allow',
    principle: null,
    reason: null,
    resource: 'Persoon.toeslagen',
    rule: 'doelbinding.covenant-basis',
    tier: 'financial',
    transform: null,
    ...overrides,
  };
}

/** A decision record as the gateway writes it: one subject, one partner call, these fields. */
export function groupedDecision(fields: FieldOutcome[], overrides: Partial<DecisionRecord> = {}): AuditRecord {
  const released = new Set(fields.filter((f) => f.outcome !== 'deny').map((f) => f.tier));
  return {
    kind: 'decision',
    body: { ...decisionContext(), partner_reference: '00f067aa0ba902b7', released_tiers: [...released].sort(), fields, ...overrides },
  };
}

/** n decision records with distinct request ids. */
export function decisions(n: number, from = 1): AuditRecord[] {
  return Array.from({ length: n }, (_, i) => decision({ request_id: `req-${from + i}` }));
}

/** The record of one field as the gateway writes it now: a grouped record with that one field (same subject, call and context). */
export function asGrouped(record: AuditRecord): AuditRecord {
  if (record.kind !== 'decision' || 'fields' in record.body) return record;
  const { resource, outcome, principle, rule, reason, transform, flagged_for_review, tier, field_path, reviewed_at: _at, reviewed_by: _by, input, ...context } = record.body;
  const field = fieldOutcome({ resource, outcome, principle, rule, reason, transform, flagged_for_review, tier, ...(field_path !== undefined ? { field_path } : {}), ...(input ? { input: { field: input.field } } : {}) });
  return groupedDecision([field], { ...context, ...(input ? { input: { entity: input.entity, request: input.request } } : {}) });
}
