/**
 * The partners' outcomes of a case (terugkoppeling): what each did as a result, with an amount
 * where the kind has one, and the project's totals for its results report.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from './db.ts';

export interface NewOutcome {
  caseId: string;
  organisation: string;
  kind: string;
  amountCents: number | null;
  subjectType: 'address' | 'person';
  subjectPseudonym: string;
  note: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface Outcome {
  caseId: string;
  organisation: string;
  kind: string;
  amountCents: number | null;
  note: string;
  recordedAt: Date;
}

export async function recordOutcome(db: Db, outcome: NewOutcome): Promise<Outcome> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO outcomes (id, case_id, organisation, kind, amount_cents, subject_type, subject_pseudonym, note, recorded_by, recorded_at)
     SELECT $1, id, $3, $4, $5, $6, $7, $8, $9, $10 FROM cases WHERE id = $2 AND closed_at IS NULL RETURNING id`,
    [
      randomUUID(),
      outcome.caseId,
      outcome.organisation,
      outcome.kind,
      outcome.amountCents,
      outcome.subjectType,
      outcome.subjectPseudonym,
      outcome.note,
      outcome.recordedBy,
      outcome.recordedAt,
    ],
  );
  if (rows.length === 0) throw new Error(`no open case ${outcome.caseId}`);
  const { caseId, organisation, kind, amountCents, note, recordedAt } = outcome;
  return { caseId, organisation, kind, amountCents, note, recordedAt };
}

interface OutcomeRow {
  case_id: string;
  organisation: string;
  kind: string;
  amount_cents: string | number | null;
  note: string;
  recorded_at: Date;
}

/** The outcomes of each case, oldest first, in one query. Every asked id is a key. */
export async function outcomesOf(db: Db, caseIds: readonly string[]): Promise<Map<string, Outcome[]>> {
  const result = new Map<string, Outcome[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return result;
  const { rows } = await db.query<OutcomeRow>(
    'SELECT case_id, organisation, kind, amount_cents, note, recorded_at FROM outcomes WHERE case_id = ANY($1::text[]) ORDER BY recorded_at, id',
    [[...new Set(caseIds)]],
  );
  for (const row of rows) {
    result.get(row.case_id)?.push({
      caseId: row.case_id,
      organisation: row.organisation,
      kind: row.kind,
      amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
      note: row.note,
      recordedAt: new Date(row.recorded_at),
    });
  }
  return result;
}

/** One partner's outcomes of one kind in a project: distinct cases and the sum of amounts (null when none has an amount). */
export interface OutcomeTotal {
  organisation: string;
  kind: string;
  cases: number;
  amountCents: number | null;
}

export interface ProjectTotals {
  cases: number;
  visits: number;
  outcomes: OutcomeTotal[];
}

/** The project's totals over all its cases, open or closed, ordered by partner and kind. */
export async function projectTotals(db: Db, project: string): Promise<ProjectTotals> {
  const [cases, visits, outcomes] = await Promise.all([
    db.query<{ n: number | string }>('SELECT count(*)::int AS n FROM cases WHERE project = $1', [project]),
    db.query<{ n: number | string }>('SELECT count(*)::int AS n FROM visits v JOIN cases c ON c.id = v.case_id WHERE c.project = $1', [project]),
    db.query<{ organisation: string; kind: string; cases: number | string; amount_cents: string | number | null }>(
      `SELECT o.organisation, o.kind, count(DISTINCT o.case_id)::int AS cases, sum(o.amount_cents) AS amount_cents
         FROM outcomes o JOIN cases c ON c.id = o.case_id
        WHERE c.project = $1
        GROUP BY o.organisation, o.kind
        ORDER BY o.organisation, o.kind`,
      [project],
    ),
  ]);
  return {
    cases: Number(cases.rows[0]?.n ?? 0),
    visits: Number(visits.rows[0]?.n ?? 0),
    outcomes: outcomes.rows.map((row) => ({
      organisation: row.organisation,
      kind: row.kind,
      cases: Number(row.cases),
      amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    })),
  };
}
