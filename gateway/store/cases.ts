/**
 * Case work the policy stage reads and writes: cases opened on an address in a project, findings
 * recorded in them (a finding raises the address's weight to documented suspicion), and per-user
 * daily counters.
 */
import { randomUUID } from 'node:crypto';
import { containsBsnLike } from '../policy/bsn-like.ts';
import { prepared, type Db } from './db.ts';

export interface Case {
  id: string;
  project: string;
  adresId: string;
  openedBy: string;
  reason: string;
  openedAt: Date;
  closedAt: Date | null;
}

export interface OpenCase extends Case {
  /** Findings recorded in the case; one or more means documented suspicion. */
  findings: number;
}

export interface NewCase {
  project: string;
  adresId: string;
  openedBy: string;
  reason: string;
  openedAt: Date;
}

export interface NewFinding {
  caseId: string;
  kind: string;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

const ADRES_ID = /^\d{16}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function requireText(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${name} must be a non-empty string`);
}

/**
 * A new case id: a random UUID that holds no BSN-like number and no run of nine digits. About one
 * UUID in 800 holds nine digits in a row that pass the 11-test, one in 40 eight digits in a row,
 * and a few in a hundred nine or more digits that are no BSN; the id goes into the x-doelpoort-case
 * header, which refuses a BSN-like value, into decision records' reasons, whose BSN-like numbers
 * the audit removes, and into refusals, whose runs of nine digits the server masks, so such a
 * UUID is drawn again.
 */
export function newCaseId(random: () => string = randomUUID): string {
  let id = random();
  while (containsBsnLike(id) || NINE_DIGITS.test(id)) id = random();
  return id;
}

const NINE_DIGITS = /\d{9}/;

export async function openCase(db: Db, input: NewCase): Promise<Case> {
  requireText('project', input.project);
  requireText('openedBy', input.openedBy);
  requireText('reason', input.reason);
  if (!ADRES_ID.test(input.adresId)) throw new Error('adresId must be a 16-digit BAG id');
  const id = newCaseId();
  await db.query(
    'INSERT INTO cases (id, project, adres_id, opened_by, reason, opened_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, input.project, input.adresId, input.openedBy, input.reason, input.openedAt],
  );
  return { id, ...input, closedAt: null };
}

export async function closeCase(db: Db, caseId: string, closedAt: Date): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE cases SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL RETURNING id',
    [caseId, closedAt],
  );
  if (rows.length === 0) throw new Error(`no open case ${caseId}`);
}

interface CaseRow {
  id: string;
  project: string;
  adres_id: string;
  opened_by: string;
  reason: string;
  opened_at: Date;
  closed_at: Date | null;
  findings: number;
}

const OPEN_CASES = prepared(`SELECT c.id, c.project, c.adres_id, c.opened_by, c.reason, c.opened_at, c.closed_at,
            (SELECT count(*)::int FROM findings f WHERE f.case_id = c.id) AS findings
       FROM cases c
      WHERE c.project = $1 AND c.adres_id = ANY($2::text[]) AND c.closed_at IS NULL
      ORDER BY c.opened_at, c.id`);

/** The open cases of a project on each of the given addresses, in one query. Every asked id is a key. */
export async function findOpenCases(db: Db, project: string, adresIds: readonly string[]): Promise<Map<string, OpenCase[]>> {
  const result = new Map<string, OpenCase[]>(adresIds.map((id) => [id, []]));
  if (adresIds.length === 0) return result;
  const { rows } = await db.query<CaseRow>(OPEN_CASES, [project, [...new Set(adresIds)]]);
  for (const row of rows) {
    result.get(row.adres_id)?.push({
      id: row.id,
      project: row.project,
      adresId: row.adres_id,
      openedBy: row.opened_by,
      reason: row.reason,
      openedAt: row.opened_at,
      closedAt: row.closed_at,
      findings: row.findings,
    });
  }
  return result;
}

/** Records a finding in an open case. */
export async function addFinding(db: Db, finding: NewFinding): Promise<void> {
  requireText('kind', finding.kind);
  requireText('note', finding.note);
  requireText('recordedBy', finding.recordedBy);
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO findings (case_id, kind, note, recorded_by, recorded_at)
     SELECT id, $2, $3, $4, $5 FROM cases WHERE id = $1 AND closed_at IS NULL
     RETURNING id`,
    [finding.caseId, finding.kind, finding.note, finding.recordedBy, finding.recordedAt],
  );
  if (rows.length === 0) throw new Error(`no open case ${finding.caseId}`);
}

const ADD_TO_COUNTER = prepared(`INSERT INTO daily_counters (user_id, day, kind, count) VALUES ($1, $2::date, $3, $4)
     ON CONFLICT (user_id, day, kind) DO UPDATE SET count = daily_counters.count + $4
      WHERE daily_counters.count + $4 <= $5
     RETURNING count`);

/**
 * Adds amount to a user's counter of a kind on a day ("YYYY-MM-DD") and returns the new count, in
 * one statement; or, when the new count would pass max, adds nothing and returns null.
 */
export async function addToDailyCounter(db: Db, userId: string, day: string, kind: string, amount: number, max: number): Promise<number | null> {
  requireText('userId', userId);
  requireText('kind', kind);
  if (!DAY.test(day)) throw new Error('day must be YYYY-MM-DD');
  if (!Number.isInteger(amount) || amount < 1) throw new Error('amount must be a whole number of at least 1');
  if (!Number.isInteger(max)) throw new Error('max must be a whole number');
  if (amount > max) return null;
  const { rows } = await db.query<{ count: number }>(ADD_TO_COUNTER, [userId, day, kind, amount, max]);
  return rows[0]?.count ?? null;
}
