/** Reading cases and their findings for the project subgraph, batched per request. */
import type { Db } from '../store/db.ts';

export interface CaseRecord {
  id: string;
  project: string;
  adresId: string;
  reason: string;
  openedAt: Date;
  open: boolean;
}

export interface FindingRecord {
  caseId: string;
  kind: string;
  note: string;
  recordedAt: Date;
}

interface CaseRow {
  id: string;
  project: string;
  adres_id: string;
  reason: string;
  opened_at: Date;
  closed_at: Date | null;
}

/** The cases with the given ids, in one query; an unknown id is absent. */
export async function casesById(db: Db, ids: readonly string[]): Promise<Map<string, CaseRecord>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<CaseRow>('SELECT id, project, adres_id, reason, opened_at, closed_at FROM cases WHERE id = ANY($1::text[])', [[...new Set(ids)]]);
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, project: row.project, adresId: row.adres_id, reason: row.reason, openedAt: new Date(row.opened_at), open: row.closed_at === null },
    ]),
  );
}

interface FindingRow {
  case_id: string;
  kind: string;
  note: string;
  recorded_at: Date;
}

/** The findings of each case, oldest first, in one query. Every asked id is a key. */
export async function findingsOf(db: Db, caseIds: readonly string[]): Promise<Map<string, FindingRecord[]>> {
  const result = new Map<string, FindingRecord[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return result;
  const { rows } = await db.query<FindingRow>(
    'SELECT case_id, kind, note, recorded_at FROM findings WHERE case_id = ANY($1::text[]) ORDER BY recorded_at, id',
    [[...new Set(caseIds)]],
  );
  for (const row of rows) result.get(row.case_id)?.push({ caseId: row.case_id, kind: row.kind, note: row.note, recordedAt: new Date(row.recorded_at) });
  return result;
}
