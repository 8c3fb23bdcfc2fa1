/**
 * The records of the audit trail and their strict shapes. Field names are snake_case: this is the
 * log's own format, read by privacy officers' tools and replayed years later.
 *
 * - processing: what happened (Logboek Dataverwerkingen): one record per processing per data subject.
 * - decision: why it was allowed (authorization decision log): one record per subject and partner
 *   call, listing every field's outcome (decision-records.ts). Records written before that hold one
 *   field each (fieldDecisionRecord); readers take both shapes.
 * - review: a privacy officer reviewed a flagged decision (target_seq, and target_field for a field
 *   of a record of several).
 * - lift: the confidentiality of a processing record (target_seq) was lifted.
 * - mutation: a change made through the project's case work (selecting an address, recording a
 *   finding, ...): who made it, in which project, for which purpose and why, about which subject.
 */
import { z } from 'zod';
import { removeBsnLike } from '../policy/bsn-like.ts';
import { compileCheck } from './record-check.ts';

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`));
const text = z.string().min(1).max(2000);
const instant = z.iso.datetime();
/** A pseudonym is an HMAC-SHA256 in hex: a plain BSN or address id can never pass for one. */
const pseudonym = hex(64);
const subjectType = z.enum(['person', 'address']);
const seq = z.number().int().positive();

export const processingRecord = z.strictObject({
  trace_id: hex(32),
  span_id: hex(16),
  parent_span_id: hex(16).nullable(),
  name: text,
  status: z.enum(['ok', 'error']),
  started_at: instant,
  ended_at: instant,
  processing_activity_id: text,
  processing_activity_version: text,
  subject_pseudonym: pseudonym,
  subject_type: subjectType,
  /** The partner called, for a partner call; null for the gateway's own processing. */
  partner: text.nullable(),
  /** What follows this call into the partner's own log (the partner-call span id or token jti). */
  partner_reference: text.nullable(),
  organisation: text,
  /**
   * Who acted, where no decision record of the same trace says it: the privacy officer whose read
   * of the audit log this is (the oversight activity). Absent on the gateway's own records.
   */
  caller_id: text.optional(),
  confidential: z.boolean(),
  /** Confidentiality lifts by itself at this moment; null: until lifted by a lift record. */
  confidential_until: instant.nullable(),
});

const coordinate = z.string().regex(/^[A-Z][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/);
const day = z.iso.date();

/**
 * What the rules of a decision read, in the form they read it (docs/audit.md, "Replaying
 * decisions"): the request, the field's classification and the entity's facts, with the address
 * pseudonymised as the subject is. Keys in sorted order, which is their canonical order.
 */
export const decisionInput = z.strictObject({
  /** The entity's facts; null when the request or the field was refused before they were loaded. */
  entity: z
    .strictObject({
      address_pseudonym: pseudonym.nullable(),
      case_id: text.nullable(),
      consulted_tiers: z.array(text),
      documented_suspicion: z.boolean(),
      in_scope: z.boolean(),
      secrecy: z.boolean().nullable(),
      signals: z.strictObject({ kinds: z.array(text), partners: z.array(text) }),
    })
    .nullable(),
  field: z.strictObject({ coordinate, minimised: text.nullable(), owner: text, purposes: z.array(text), tier: text }),
  request: z.strictObject({
    /** The verified caller as the rules read it (their id is the record's caller_id); null: none. */
    caller: z.strictObject({ organisation: text, projects: z.array(text), roles: z.array(text) }).nullable(),
    /** The declared purpose; whether a justification was given (its text is the record's justification). */
    purpose: z.strictObject({ case_id: text.nullable(), justified: z.boolean(), project: text, purpose: text }).nullable(),
    reference_date: day.nullable(),
    today: day,
  }),
});

/** What a decision record says once, in either shape: who asked, about whom, for what, under which policy. */
const decisionContext = {
  request_id: text,
  trace_id: hex(32),
  caller_id: text,
  organisation: text,
  role: text.nullable(),
  action: z.literal('read'),
  /** The partner that owns the field (or fields). */
  owner: text,
  subject_pseudonym: pseudonym,
  subject_type: subjectType,
  project: text.nullable(),
  phase: text.nullable(),
  purpose: text.nullable(),
  /** The case the decision was made in (the entity's open case, else the declared one). */
  case_id: text.nullable(),
  justification: text.nullable(),
  /** Exact version (content hash) of the policy files that decided. */
  policy_version: text,
  decided_at: instant,
  /** The processing activity the request ran under, when known: sets the record's retention. */
  processing_activity_id: text.nullable(),
  processing_activity_version: text.nullable(),
  /** A person in scope through a partner's record that ties them to a selected address (docs/policy.md, "Linked persons"). */
  scope_link: z
    .strictObject({ kind: text, partner: text, record: text, address_pseudonym: pseudonym })
    .optional(),
};

/** One field's outcome, in either shape. */
const outcomeOfField = {
  /** The field's coordinate, "Type.field". */
  resource: coordinate,
  outcome: z.enum(['allow', 'minimise', 'deny']),
  principle: text.nullable(),
  rule: text,
  reason: text.nullable(),
  transform: text.nullable(),
  flagged_for_review: z.boolean(),
  tier: text,
  /**
   * Where in the response the field was decided for: its response keys and list indexes, joined by
   * dots ("adres.bewoners.0.bsn"), nine-digit runs masked. With the subject pseudonym it ties each
   * released value to the decision about that very subject.
   */
  field_path: text.optional(),
};

/** A shape with its keys in sorted order: a parsed value then holds them so, which is its canonical order (canonical.ts). */
function sortedShape<Shape extends Record<string, z.ZodType>>(shape: Shape): Shape {
  return Object.fromEntries(Object.entries(shape).sort(([a], [b]) => (a < b ? -1 : 1))) as Shape;
}

/**
 * A decision record of one field about one subject: the shape written before decisions were
 * recorded per subject and partner call. Still read (existing logs hold it), no longer written by
 * the gateway; the per-field view of a grouped record has this shape too (field-decisions.ts).
 */
export const fieldDecisionRecord = z.strictObject({
  ...decisionContext,
  ...outcomeOfField,
  reviewed_at: instant.nullable(),
  reviewed_by: text.nullable(),
  /** What the rules read; absent on a decision made outside them, and on records older than it. */
  input: decisionInput.optional(),
});

/** The outcome of one field in a decision record, with the part of the input that is the field's own. */
export const fieldOutcome = z.strictObject(
  sortedShape({
    ...outcomeOfField,
    /** The field's classification as the rules read it; absent on a field decided outside them. */
    input: z.strictObject({ field: decisionInput.shape.field }).optional(),
  }),
);

/**
 * A decision record: every field decided about one subject for one partner (the owner of the
 * fields) in one round of the request, the round in which that partner is called once. Who asked,
 * for what and under which policy is said once; each field's outcome is an entry of `fields`.
 */
export const decisionRecord = z.strictObject({
  ...decisionContext,
  /** The span id of the call to the owner that fetched the released fields (as its processing record's); null when none was made. */
  partner_reference: text.nullable(),
  /** The distinct tiers of the fields released (allowed or minimised), sorted: what the consulted-tiers read indexes. */
  released_tiers: z.array(text),
  /** What the rules read of the request and the entity, once; each field's own part is in its entry. Absent when no field was decided by the rules. */
  input: decisionInput.pick({ entity: true, request: true }).optional(),
  fields: z.array(fieldOutcome).min(1),
});

/** A decision record as a reader takes it: grouped, or of one field. */
export const storedDecisionRecord = z.union([decisionRecord, fieldDecisionRecord]);

export const reviewRecord = z.strictObject({
  target_seq: seq,
  /** The field reviewed, by its index in the target's `fields`; absent for a record of one field (fieldDecisionRecord). */
  target_field: z.number().int().nonnegative().optional(),
  reviewed_by: text,
  reviewed_at: instant,
  note: text.nullable(),
});

export const liftRecord = z.strictObject({
  target_seq: seq,
  lifted_by: text,
  lifted_at: instant,
  reason: text,
});

export const mutationRecord = z.strictObject({
  trace_id: hex(32),
  caller_id: text,
  organisation: text,
  role: text,
  project: text,
  purpose: text,
  /** The mutation, as the schema names it: "selecteerAdres", "legBevindingVast", ... */
  action: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
  subject_pseudonym: pseudonym,
  subject_type: subjectType,
  case_id: text.nullable(),
  /** What the caller wrote to justify or explain the change (BSN-like numbers removed). */
  reason: text.nullable(),
  performed_at: instant,
  /** The purpose's processing activity: sets the record's retention. */
  processing_activity_id: text,
  processing_activity_version: text,
});

export type ProcessingRecord = z.infer<typeof processingRecord>;
export type DecisionRecord = z.infer<typeof decisionRecord>;
export type FieldDecisionRecord = z.infer<typeof fieldDecisionRecord>;
export type FieldOutcome = z.infer<typeof fieldOutcome>;
/** A decision record as stored: grouped, or one field as written before. */
export type StoredDecisionBody = DecisionRecord | FieldDecisionRecord;
export type RecordedInput = z.infer<typeof decisionInput>;
export type ReviewRecord = z.infer<typeof reviewRecord>;
export type LiftRecord = z.infer<typeof liftRecord>;
export type MutationRecord = z.infer<typeof mutationRecord>;

export type AuditRecord =
  | { kind: 'processing'; body: ProcessingRecord }
  | { kind: 'decision'; body: DecisionRecord | FieldDecisionRecord }
  | { kind: 'review'; body: ReviewRecord }
  | { kind: 'lift'; body: LiftRecord }
  | { kind: 'mutation'; body: MutationRecord };

export type AuditKind = AuditRecord['kind'];

/** The shapes each kind may have; a decision record is grouped, or of one field as written before (both are the log's format). */
const bodies: Record<AuditKind, readonly z.ZodObject[]> = {
  processing: [processingRecord],
  decision: [decisionRecord, fieldDecisionRecord],
  review: [reviewRecord],
  lift: [liftRecord],
  mutation: [mutationRecord],
};

/** Each shape's fields in sorted order: a checked body holds its keys so, which is its canonical order (chain.ts). */
const SORTED_FIELDS = new Map(Object.values(bodies).flat().map((schema) => [schema, Object.keys(schema.shape).sort()]));

/** Fields that hold free text typed by people; numbers that look like a BSN are removed from them. */
const FREE_TEXT: ReadonlySet<string> = new Set(['name', 'justification', 'reason', 'note']);
const BSN_LIKE = /(?<!\d)\d{8,9}(?!\d)/g;

/** In any spelling of a BSN (removeBsnLike, a few µs a text); a field's reason, the gateway's own words, only once it holds a plain one. */
const scrubbed = (value: string) => removeBsnLike(value, '[removed]');
const hasBsnLike = (value: string) => ((BSN_LIKE.lastIndex = 0), BSN_LIKE.test(value));

/** Each shape compiled into a plain predicate with zod's verdict (record-check.ts). */
const COMPILED = new Map(Object.values(bodies).flat().map((schema) => [schema, compileCheck(schema)]));

/** Checks a record strictly and removes BSN-like numbers from its free text. Throws on anything unknown. */
export function parseAuditRecord(record: AuditRecord): AuditRecord {
  const schemas = bodies[record.kind];
  if (schemas === undefined) throw new Error('audit record: unknown kind');
  const schema = schemas.find((s) => COMPILED.get(s)!(record.body));
  if (schema === undefined) throw invalid(record, schemas);
  // The body fits its shape as it is (nothing to coerce or strip): its members are copied in sorted order, free text scrubbed.
  const data = record.body as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const field of SORTED_FIELDS.get(schema)!) {
    const value = data[field];
    if (value === undefined) continue;
    body[field] = FREE_TEXT.has(field) && typeof value === 'string' ? scrubbed(value) : value;
  }
  // A grouped decision's fields each carry their own reason.
  if (Array.isArray(body.fields)) body.fields = (body.fields as FieldOutcome[]).map((f) => (f.reason === null || !hasBsnLike(f.reason) ? f : { ...f, reason: scrubbed(f.reason) }));
  return { kind: record.kind, body } as AuditRecord;
}

/** What is wrong with a record that fits none of its kind's shapes, as zod names it: of shapes that do not fit, the one nearest to fitting. */
function invalid(record: AuditRecord, schemas: readonly z.ZodObject[]): Error {
  const issues = schemas.map((schema) => schema.safeParse(record.body).error?.issues ?? []).reduce((best, next) => (next.length < best.length ? next : best));
  // Fail closed on a disagreement too (tests/audit/record-check.test.ts pins that there is none).
  if (issues.length === 0) return new Error(`audit record (${record.kind}): refused by the compiled check, though zod accepts it`);
  const paths = issues.map((issue) => issue.path.join('.') || '(body)');
  return new Error(`audit record (${record.kind}): invalid ${[...new Set(paths)].join(', ')}`);
}
