/**
 * What a privacy officer asks of the audit log. Pure SQL over the store; lists are paged by seq
 * (pass `next` back as `after`) and filtered by the time a record was committed (from inclusive,
 * to exclusive).
 */
import type { Db } from '../store/db.ts';
import { pseudonymise } from './pseudonym.ts';
import { fieldDecisions, isGrouped, type FieldDecision } from './field-decisions.ts';
import type { AuditKind, FieldDecisionRecord, LiftRecord, ProcessingRecord, ReviewRecord, StoredDecisionBody } from './records.ts';
import type { AuditWriter } from './writer.ts';
import { verifyChain, type ChainVerdict, type VerifyOptions } from './verify.ts';

export interface Page {
  after?: number;
  /** 1..1000, default 100. */
  limit?: number;
  from?: Date;
  to?: Date;
}

export interface AuditEntry<Body = Record<string, unknown>> {
  seq: number;
  /** A field of a grouped decision record, by its index in the record's `fields` (a review targets it so); absent otherwise. */
  field?: number;
  kind: AuditKind;
  recorded_at: Date;
  body: Body;
}

export interface PageOf<T> {
  items: T[];
  /** The cursor for the next page, or null on the last page. */
  next: number | null;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

async function listEntries<Body>(db: Db, where: readonly string[], params: readonly unknown[], page: Page): Promise<PageOf<AuditEntry<Body>>> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new Error(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  if (page.after !== undefined && !(Number.isInteger(page.after) && page.after >= 0)) throw new Error('after must be a seq');
  const conditions = [...where];
  const values = [...params];
  const bind = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (page.after !== undefined) conditions.push(`seq > ${bind(page.after)}`);
  if (page.from !== undefined) conditions.push(`recorded_at >= ${bind(page.from)}`);
  if (page.to !== undefined) conditions.push(`recorded_at < ${bind(page.to)}`);
  const { rows } = await db.query<AuditEntry<Body>>(
    `SELECT seq, kind, recorded_at, body FROM audit_log
      ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY seq LIMIT ${bind(limit + 1)}`,
    values,
  );
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1]!.seq : null };
}

/**
 * The entries of a page with each decision record read per field: a grouped record becomes one
 * entry per field that `keep` keeps (with its index and the body a record of that one field would
 * have had); a record of one field stays as stored, when kept. Other kinds stay as they are. The
 * page's cursor is the records' seq, so a grouped record is never split across pages.
 */
function perField(page: PageOf<AuditEntry<unknown>>, keep: (decision: FieldDecision, seq: number) => boolean = () => true): PageOf<AuditEntry> {
  const items: AuditEntry[] = [];
  for (const entry of page.items) {
    if (entry.kind !== 'decision') {
      items.push(entry as AuditEntry);
      continue;
    }
    const body = entry.body as StoredDecisionBody;
    for (const decision of fieldDecisions(body)) {
      if (!keep(decision, entry.seq)) continue;
      items.push(isGrouped(body) ? { seq: entry.seq, field: decision.field!, kind: entry.kind, recorded_at: entry.recorded_at, body: decision.body } : (entry as AuditEntry));
    }
  }
  return { items, next: page.next };
}

/** Every processing and decision record about one subject, by pseudonym; decisions per field. */
export async function accessToSubject(db: Db, subjectPseudonym: string, page: Page = {}): Promise<PageOf<AuditEntry>> {
  return perField(await listEntries(db, ['subject_pseudonym = $1'], [subjectPseudonym], page));
}

/** Every processing and decision record about the person with this BSN. */
export function accessToPerson(db: Db, bsn: string, key: Uint8Array, page: Page = {}): Promise<PageOf<AuditEntry>> {
  return accessToSubject(db, pseudonymise('person', bsn, key), page);
}

/** Every decision taken in a project, per field. */
export async function accessInProject(db: Db, project: string, page: Page = {}): Promise<PageOf<AuditEntry<FieldDecisionRecord>>> {
  return perField(await listEntries(db, ["kind = 'decision'", 'project = $1'], [project], page)) as PageOf<AuditEntry<FieldDecisionRecord>>;
}

/** A record with a field of this outcome or flag: a record of one field holds it at the top, a grouped record among its fields. */
const HAS_DENIED = `(body ->> 'outcome' = 'deny' OR body -> 'fields' @> '[{"outcome": "deny"}]')`;
const HAS_FLAGGED = `((body ->> 'flagged_for_review')::boolean OR body -> 'fields' @> '[{"flagged_for_review": true}]')`;
const denied = ({ body }: FieldDecision) => body.outcome === 'deny';
/** What a privacy officer reviews: a release on a written justification (flagged), or a refusal. */
const reviewable = ({ body }: FieldDecision) => body.flagged_for_review || body.outcome === 'deny';

/** Every refused field, optionally in one project. */
export async function refusals(db: Db, page: Page & { project?: string } = {}): Promise<PageOf<AuditEntry<FieldDecisionRecord>>> {
  const where = ["kind = 'decision'", HAS_DENIED];
  const listed = page.project === undefined ? await listEntries(db, where, [], page) : await listEntries(db, [...where, 'project = $1'], [page.project], page);
  return perField(listed, denied) as PageOf<AuditEntry<FieldDecisionRecord>>;
}

/** A review of this record: of the record of one field, or (target_field) of one field of a grouped record. */
const REVIEW_OF_RECORD = "SELECT 1 FROM audit_log r WHERE r.kind = 'review' AND r.target_seq = audit_log.seq";
/** A flagged field that no review targets: the record itself (of one field), or a flagged entry of its fields. */
const AWAITING_REVIEW = [
  "kind = 'decision'",
  `(((body ->> 'flagged_for_review')::boolean AND NOT EXISTS (${REVIEW_OF_RECORD}))
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(body -> 'fields') WITH ORDINALITY AS f (entry, n)
                WHERE (f.entry ->> 'flagged_for_review')::boolean
                  AND NOT EXISTS (${REVIEW_OF_RECORD} AND (r.body ->> 'target_field')::int = f.n - 1)))`,
];

/** Where a review mark is kept: the record's seq, and the field's index in a grouped record. */
const markKey = (seq: number, field: number | undefined) => (field === undefined ? `${seq}` : `${seq}.${field}`);

/** Decisions flagged for review (a justification skipped a lower tier) that nobody has reviewed yet, per field. */
export async function awaitingReview(db: Db, page: Page = {}): Promise<PageOf<AuditEntry<FieldDecisionRecord>>> {
  const listed = await listEntries(db, AWAITING_REVIEW, [], page);
  const marks = await reviewsOf(db, listed.items.map((item) => item.seq));
  return perField(listed, (d, seq) => d.body.flagged_for_review && !marks.has(markKey(seq, d.field))) as PageOf<AuditEntry<FieldDecisionRecord>>;
}

/** A review mark: who reviewed the decision, when, with what note, and the review record's own seq. */
export interface ReviewMark extends ReviewRecord {
  seq: number;
}

/** The review of each decision of these records that has one (the first, should there be more), by the record's seq and, in a grouped record, the field's index ("12.3"). */
async function reviewsOf(db: Db, seqs: readonly number[]): Promise<Map<string, ReviewMark>> {
  if (seqs.length === 0) return new Map();
  const { rows } = await db.query<{ seq: number; body: ReviewRecord }>(
    "SELECT seq, body FROM audit_log WHERE kind = 'review' AND target_seq = ANY($1::bigint[]) ORDER BY seq",
    [seqs],
  );
  const marks = new Map<string, ReviewMark>();
  for (const { seq, body } of rows) {
    const key = markKey(body.target_seq, body.target_field);
    if (!marks.has(key)) marks.set(key, { seq: Number(seq), ...body });
  }
  return marks;
}

/** Each entry with its review mark, or null. */
export async function withReviews<Body>(db: Db, page: PageOf<AuditEntry<Body>>): Promise<PageOf<AuditEntry<Body> & { review: ReviewMark | null }>> {
  const marks = await reviewsOf(db, [...new Set(page.items.map((item) => item.seq))]);
  return { items: page.items.map((item) => ({ ...item, review: marks.get(markKey(item.seq, item.field)) ?? null })), next: page.next };
}

/** Refusals and justified releases that a privacy officer has reviewed, with the review, optionally in one project. */
export async function reviewed(db: Db, page: Page & { project?: string } = {}): Promise<PageOf<AuditEntry<FieldDecisionRecord> & { review: ReviewMark | null }>> {
  const where = ["kind = 'decision'", `(${HAS_FLAGGED} OR ${HAS_DENIED})`, `EXISTS (${REVIEW_OF_RECORD})`];
  const listed = page.project === undefined ? await listEntries(db, where, [], page) : await listEntries(db, [...where, 'project = $1'], [page.project], page);
  const marks = await reviewsOf(db, listed.items.map((item) => item.seq));
  const fields = perField(listed, (d, seq) => reviewable(d) && marks.has(markKey(seq, d.field))) as PageOf<AuditEntry<FieldDecisionRecord>>;
  return { items: fields.items.map((item) => ({ ...item, review: marks.get(markKey(item.seq, item.field))! })), next: fields.next };
}

/** Why a decision cannot be marked as reviewed. */
export class ReviewRefused extends Error {
  constructor(
    readonly reason: 'not-reviewable' | 'already-reviewed' | 'own-request',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Records that a privacy officer reviewed a refusal or a release on a written justification; the
 * review is itself an audit record, in the chain. A field of a grouped decision record is named by
 * its index (`field`, as the lists give it); a record of one field takes none. A decision is
 * reviewed once. Returns the review's seq.
 */
export async function markReviewed(
  db: Db,
  writer: AuditWriter,
  seq: number,
  reviewer: string,
  options: { field?: number; note?: string; now?: Date; organisation?: string } = {},
): Promise<number> {
  const { field } = options;
  const named = field === undefined ? `seq ${seq}` : `seq ${seq} field ${field}`;
  // A seq no record can have (beyond what the log's bigint and a JavaScript number hold) is not looked up.
  if (!Number.isSafeInteger(seq) || seq < 1) throw new ReviewRefused('not-reviewable', `${named} is not a refusal or a release on a written justification`);
  const { rows } = await db.query<{ body: StoredDecisionBody }>("SELECT body FROM audit_log WHERE seq = $1 AND kind = 'decision'", [seq]);
  const decision = rows[0] && fieldDecisions(rows[0].body).find((d) => d.field === field);
  if (!decision || !reviewable(decision)) throw new ReviewRefused('not-reviewable', `${named} is not a refusal or a release on a written justification`);
  // A user who holds both roles never reviews their own request: review is someone else's check. A user
  // is an id at an organisation (employee ids are the organisation's own); without the organisation, the id alone.
  const own = rows[0]!.body.caller_id === reviewer && (options.organisation === undefined || rows[0]!.body.organisation === options.organisation);
  if (own) throw new ReviewRefused('own-request', `${named} was decided on a request of ${reviewer}; another privacy officer reviews it`);
  const earlier = (await reviewsOf(db, [seq])).get(markKey(seq, field));
  if (earlier) throw new ReviewRefused('already-reviewed', `${named} was already reviewed by ${earlier.reviewed_by} at ${earlier.reviewed_at}`);
  const body: ReviewRecord = {
    target_seq: seq,
    ...(field !== undefined ? { target_field: field } : {}),
    reviewed_by: reviewer,
    reviewed_at: (options.now ?? new Date()).toISOString(),
    note: options.note ?? null,
  };
  const [written] = await writer.write([{ kind: 'review', body }]);
  return written!;
}

/** Lifts the confidentiality of a processing record (the investigation is over); itself an audit record. Returns its seq. */
export async function liftConfidentiality(
  db: Db,
  writer: AuditWriter,
  seq: number,
  by: string,
  reason: string,
  now: Date = new Date(),
): Promise<number> {
  const { rows } = await db.query<{ seq: number }>(
    "SELECT seq FROM audit_log WHERE seq = $1 AND kind = 'processing' AND (body ->> 'confidential')::boolean",
    [seq],
  );
  if (rows.length === 0) throw new Error(`seq ${seq} is not a confidential processing record`);
  const body: LiftRecord = { target_seq: seq, lifted_by: by, lifted_at: now.toISOString(), reason };
  const [written] = await writer.write([{ kind: 'lift', body }]);
  return written!;
}

export interface SubjectAccessEntry {
  /** When the processing started (the earliest record of the request about this subject). */
  when: string;
  organisation: string;
  project: string | null;
  purpose: string | null;
  processing_activities: { id: string; version: string }[];
  /** The kinds of data released (allowed or minimised), as field coordinates grouped by the partner that holds them. */
  data: { owner: string; fields: string[] }[];
  /** Set when they were looked up and every field was refused: a processing too, though nothing was given out. */
  refused?: true;
}

export interface SubjectAccessReport {
  subject_type: 'person';
  entries: SubjectAccessEntry[];
}

/**
 * The AVG art. 15 report for a resident: which organisations processed their data, when, in which
 * project, for which purpose, and which kinds of data. Requests with a confidential processing
 * that is still in force (not past confidential_until and not lifted) are left out entirely, and
 * the report does not say that anything was left out. Refused fields are not data given out and
 * are not listed; a request that looked the person up and was refused on every field is listed as
 * such (`refused: true`, no data): the look-up itself processed their number. The person who
 * asked is not named (the report names organisations).
 *
 * A privacy officer's read of the log about them (the oversight activity) is listed too, with the
 * officer's organisation and no project, purpose or data. While any processing about them is
 * confidential and in force, at any time and not only in the range asked, no oversight read is
 * listed: an officer's read of a hidden processing would otherwise give that processing away.
 */
export async function subjectAccessReport(
  db: Db,
  input: { bsn: string; key: Uint8Array; now: Date; oversightActivityId: string; from?: Date; to?: Date },
): Promise<SubjectAccessReport> {
  const subject = pseudonymise('person', input.bsn, input.key);
  const values: unknown[] = [subject];
  let range = '';
  if (input.from) range += ` AND recorded_at >= $${values.push(input.from)}`;
  if (input.to) range += ` AND recorded_at < $${values.push(input.to)}`;
  const { rows } = await db.query<AuditEntry<ProcessingRecord | StoredDecisionBody>>(
    `SELECT seq, kind, recorded_at, body FROM audit_log
      WHERE subject_pseudonym = $1 AND kind IN ('processing', 'decision')${range}
      ORDER BY seq`,
    values,
  );
  const lifted = await liftedSeqs(db, rows.filter((r) => r.kind === 'processing').map((r) => r.seq));
  const byTrace = new Map<string, AuditEntry<ProcessingRecord | StoredDecisionBody>[]>();
  for (const row of rows) {
    const group = byTrace.get(row.body.trace_id) ?? [];
    group.push(row);
    byTrace.set(row.body.trace_id, group);
  }
  const anythingHidden = await confidentialInForce(db, subject, input.now);
  const entries: SubjectAccessEntry[] = [];
  for (const group of byTrace.values()) {
    const processings = group.filter((r) => r.kind === 'processing').map((r) => ({ seq: r.seq, body: r.body as ProcessingRecord }));
    const hidden = processings.some((p) => inForce(p, lifted, input.now));
    if (hidden) continue;
    const oversight = processings.length > 0 && processings.every((p) => p.body.processing_activity_id === input.oversightActivityId);
    if (oversight && anythingHidden) continue;
    const decisions = group.filter((r) => r.kind === 'decision').flatMap((r) => fieldDecisions(r.body as StoredDecisionBody).map((d) => d.body));
    const released = decisions.filter((d) => d.outcome !== 'deny');
    if (processings.length === 0 && decisions.length === 0) continue;
    const entry = entryOf(processings.map((p) => p.body), decisions, released);
    entries.push(processings.length === 0 && released.length === 0 ? { ...entry, refused: true } : entry);
  }
  return { subject_type: 'person', entries: entries.sort((a, b) => (a.when < b.when ? -1 : a.when > b.when ? 1 : 0)) };
}

function entryOf(processings: ProcessingRecord[], decisions: FieldDecisionRecord[], released: FieldDecisionRecord[]): SubjectAccessEntry {
  const times = [...processings.map((p) => p.started_at), ...decisions.map((d) => d.decided_at)].sort();
  const context = decisions[0];
  const activities = new Map<string, { id: string; version: string }>();
  for (const p of processings) activities.set(`${p.processing_activity_id}@${p.processing_activity_version}`, { id: p.processing_activity_id, version: p.processing_activity_version });
  const owners = new Map<string, Set<string>>();
  for (const d of released) owners.set(d.owner, (owners.get(d.owner) ?? new Set()).add(d.resource));
  return {
    when: times[0]!,
    organisation: context?.organisation ?? processings[0]!.organisation,
    project: context?.project ?? null,
    purpose: context?.purpose ?? null,
    processing_activities: [...activities.values()],
    data: [...owners.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([owner, fields]) => ({ owner, fields: [...fields].sort() })),
  };
}

/** A confidential processing is in force until it is lifted or its confidential_until has passed. */
function inForce(p: { seq: number; body: ProcessingRecord }, lifted: Set<number>, now: Date): boolean {
  return p.body.confidential && !lifted.has(p.seq) && (p.body.confidential_until === null || new Date(p.body.confidential_until) > now);
}

/** Whether any processing record about the subject, whenever recorded, is confidential and in force. */
async function confidentialInForce(db: Db, subject: string, now: Date): Promise<boolean> {
  const { rows } = await db.query<{ seq: number; body: ProcessingRecord }>(
    "SELECT seq, body FROM audit_log WHERE subject_pseudonym = $1 AND kind = 'processing' AND (body ->> 'confidential')::boolean",
    [subject],
  );
  const lifted = await liftedSeqs(db, rows.map((r) => r.seq));
  return rows.some((row) => inForce(row, lifted, now));
}

async function liftedSeqs(db: Db, seqs: readonly number[]): Promise<Set<number>> {
  if (seqs.length === 0) return new Set();
  const { rows } = await db.query<{ target_seq: number }>(
    "SELECT target_seq FROM audit_log WHERE kind = 'lift' AND target_seq = ANY($1::bigint[])",
    [seqs],
  );
  return new Set(rows.map((r) => r.target_seq));
}

/** Whether the chain is intact (see verifyChain). */
export function chainStatus(db: Db, publicKey: CryptoKey, options: VerifyOptions = {}): Promise<ChainVerdict> {
  return verifyChain(db, publicKey, options);
}
