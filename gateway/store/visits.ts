/**
 * Home visits recorded in a case: when, why (the justification the top of the ladder needs), what
 * was found, and who was found living there (as subject pseudonyms: the store holds no BSN). A
 * person found at a visit is linked to the address for the project's purposes (gateway/policy/links.ts).
 */
import { randomUUID } from 'node:crypto';
import { prepared, type Db } from './db.ts';

export interface NewVisit {
  caseId: string;
  visitedOn: string;
  justification: string;
  note: string;
  /** Pseudonyms of the persons found living at the address. */
  occupants: readonly string[];
  recordedBy: string;
  organisation: string;
  recordedAt: Date;
}

export interface Visit extends Omit<NewVisit, 'occupants'> {
  id: string;
  /** How many persons were found living there. */
  occupants: number;
}

export async function recordVisit(db: Db, visit: NewVisit): Promise<Visit> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO visits (id, case_id, visited_on, justification, note, recorded_by, organisation, recorded_at)
       SELECT $1, id, $3, $4, $5, $6, $7, $8 FROM cases WHERE id = $2 AND closed_at IS NULL`,
      [id, visit.caseId, visit.visitedOn, visit.justification, visit.note, visit.recordedBy, visit.organisation, visit.recordedAt],
    );
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM visits WHERE id = $1', [id]);
    if (rows.length === 0) throw new Error(`no open case ${visit.caseId}`);
    for (const pseudonym of new Set(visit.occupants)) {
      await tx.query('INSERT INTO visit_occupants (visit_id, person_pseudonym) VALUES ($1, $2)', [id, pseudonym]);
    }
  });
  const { occupants, ...rest } = visit;
  return { id, ...rest, occupants: new Set(occupants).size };
}

interface VisitRow {
  id: string;
  case_id: string;
  visited_on: string | Date;
  justification: string;
  note: string;
  recorded_by: string;
  organisation: string;
  recorded_at: Date;
  occupants: number | string;
}

/** The visits of each case, oldest first, in one query. Every asked id is a key. */
export async function visitsOf(db: Db, caseIds: readonly string[]): Promise<Map<string, Visit[]>> {
  const result = new Map<string, Visit[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return result;
  const { rows } = await db.query<VisitRow>(
    `SELECT v.id, v.case_id, v.visited_on::text AS visited_on, v.justification, v.note, v.recorded_by, v.organisation, v.recorded_at,
            (SELECT count(*) FROM visit_occupants o WHERE o.visit_id = v.id)::int AS occupants
       FROM visits v WHERE v.case_id = ANY($1::text[]) ORDER BY v.visited_on, v.recorded_at, v.id`,
    [[...new Set(caseIds)]],
  );
  for (const row of rows) {
    result.get(row.case_id)?.push({
      id: row.id,
      caseId: row.case_id,
      visitedOn: String(row.visited_on).slice(0, 10),
      justification: row.justification,
      note: row.note,
      recordedBy: row.recorded_by,
      organisation: row.organisation,
      recordedAt: new Date(row.recorded_at),
      occupants: Number(row.occupants),
    });
  }
  return result;
}

export interface OccupantLink {
  adresId: string;
  visitId: string;
  visitedOn: string;
}

const OCCUPANT_LINKS = prepared(`SELECT o.person_pseudonym, c.adres_id, v.id AS visit_id, v.visited_on::text AS visited_on
       FROM visit_occupants o JOIN visits v ON v.id = o.visit_id JOIN cases c ON c.id = v.case_id
      WHERE o.person_pseudonym = ANY($1::text[]) AND c.project = $2 AND c.closed_at IS NULL
      ORDER BY v.visited_on, v.id`);

/** Per person pseudonym: the addresses of the project's open cases where a visit found them living. */
export async function occupantLinks(db: Db, project: string, pseudonyms: readonly string[]): Promise<Map<string, OccupantLink[]>> {
  const result = new Map<string, OccupantLink[]>();
  if (pseudonyms.length === 0) return result;
  const { rows } = await db.query<{ person_pseudonym: string; adres_id: string; visit_id: string; visited_on: string }>(OCCUPANT_LINKS, [[...new Set(pseudonyms)], project]);
  for (const row of rows) {
    const links = result.get(row.person_pseudonym) ?? [];
    links.push({ adresId: row.adres_id, visitId: row.visit_id, visitedOn: String(row.visited_on).slice(0, 10) });
    result.set(row.person_pseudonym, links);
  }
  return result;
}
