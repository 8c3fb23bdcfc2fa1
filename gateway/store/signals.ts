/**
 * The voortraject in the store: each partner lays its signals about addresses in a project, and the
 * project sees them side by side per address. A signal indicates where to look, never that someone
 * did wrong.
 */
import { addressInArea } from '../policy/area.ts';
import { isIsoDate } from '../policy/dates.ts';
import type { AddressSignal, RegisteredAddress } from '../policy/register-records.ts';
import type { Project } from '../policy/schemas.ts';
import { prepared, type Db } from './db.ts';

export interface NewSignal {
  /** Unique over all projects; importing the same id again changes nothing. */
  id: string;
  adresId: string;
  partner: string;
  soort: string;
  /** YYYY-MM-DD */
  datum: string;
}

export interface StoredSignal extends NewSignal {
  project: string;
}

/** One address in a project's list: its signals side by side, never personal data. */
export interface ProjectAddress {
  adresId: string;
  /** Distinct partners with signals on the address, sorted. */
  partners: string[];
  /** Distinct kinds of signal, sorted. */
  kinds: string[];
  /** YYYY-MM-DD */
  firstDate: string;
  lastDate: string;
  /** The open case on the address in the project (the address is selected), or null. */
  caseId: string | null;
}

export interface SignalWindow {
  /** Only signals dated on or before this day (YYYY-MM-DD) count. */
  onOrBefore?: string;
  /** Only signals from these partners count (the project's participants). */
  partners?: readonly string[];
}

export interface ProjectAddressQuery extends SignalWindow {
  /** Page size, 1 or more. */
  first: number;
  /** Addresses to skip: the offset a previous page ended at. */
  after?: number;
  /** Only addresses with signals from at least this many distinct partners. */
  minPartners?: number;
}

export interface ProjectAddressPage {
  items: ProjectAddress[];
  /** The offset to pass as `after` for the next page; null on the last page. */
  next: number | null;
}

const ADRES_ID = /^\d{16}$/;

function checkSignal(signal: NewSignal, index: number): void {
  const where = `signals[${index}]`;
  for (const key of ['id', 'partner', 'soort'] as const) {
    if (typeof signal[key] !== 'string' || signal[key].trim() === '') throw new Error(`${where}.${key} must be a non-empty string`);
  }
  if (!ADRES_ID.test(signal.adresId)) throw new Error(`${where}.adresId must be a 16-digit BAG id`);
  if (!isIsoDate(signal.datum)) throw new Error(`${where}.datum must be a date (YYYY-MM-DD)`);
}

/**
 * Lays signals in a project, in one transaction. Idempotent by id: a signal already stored as given
 * is skipped; an id stored with other content is refused (nothing is imported). Returns the number
 * of signals added.
 */
export async function importSignals(db: Db, project: string, signals: readonly NewSignal[], receivedAt = new Date()): Promise<number> {
  if (typeof project !== 'string' || project.trim() === '') throw new Error('project must be a non-empty string');
  signals.forEach(checkSignal);
  const ids = signals.map((s) => s.id);
  if (new Set(ids).size !== ids.length) throw new Error('signals: an id occurs more than once');
  if (signals.length === 0) return 0;
  return db.transaction(async (tx) => {
    const { rows: inserted } = await tx.query<{ id: string }>(
      `INSERT INTO signals (id, project, adres_id, partner, soort, datum, received_at)
       SELECT id, $1, adres_id, partner, soort, datum::date, $7
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS s (id, adres_id, partner, soort, datum)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [project, ids, signals.map((s) => s.adresId), signals.map((s) => s.partner), signals.map((s) => s.soort), signals.map((s) => s.datum), receivedAt],
    );
    const added = new Set(inserted.map((r) => r.id));
    const existing = signals.filter((s) => !added.has(s.id));
    if (existing.length > 0) await refuseChangedSignals(tx, project, existing);
    return added.size;
  });
}

async function refuseChangedSignals(db: Db, project: string, signals: readonly NewSignal[]): Promise<void> {
  const stored = await signalsById(db, signals.map((s) => s.id));
  const changed = signals
    .filter((s) => {
      const old = stored.get(s.id);
      return !old || old.project !== project || old.adresId !== s.adresId || old.partner !== s.partner || old.soort !== s.soort || old.datum !== s.datum;
    })
    .map((s) => s.id);
  if (changed.length > 0) {
    throw new Error(`signals already stored with other content (give a new signal a new id): ${changed.sort().join(', ')}`);
  }
}

interface SignalRow {
  id: string;
  project: string;
  adres_id: string;
  partner: string;
  soort: string;
  datum: string;
}

const SIGNAL_COLUMNS = `id, project, adres_id, partner, soort, to_char(datum, 'YYYY-MM-DD') AS datum`;

const SIGNALS_OF_ADDRESSES = prepared(`SELECT ${SIGNAL_COLUMNS} FROM signals
      WHERE project = $1 AND adres_id = ANY($2::text[])
        AND ($3::date IS NULL OR datum <= $3::date)
        AND ($4::text[] IS NULL OR partner = ANY($4::text[]))
      ORDER BY datum, id`);

function storedSignal(row: SignalRow): StoredSignal {
  return { id: row.id, project: row.project, adresId: row.adres_id, partner: row.partner, soort: row.soort, datum: row.datum };
}

async function signalsById(db: Db, ids: readonly string[]): Promise<Map<string, StoredSignal>> {
  const { rows } = await db.query<SignalRow>(`SELECT ${SIGNAL_COLUMNS} FROM signals WHERE id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((row) => [row.id, storedSignal(row)]));
}

/** The signals of a project on each of the given addresses, oldest first, in one query. Every asked id is a key. */
export async function signalsFor(
  db: Db,
  project: string,
  adresIds: readonly string[],
  window: SignalWindow = {},
): Promise<Map<string, StoredSignal[]>> {
  const result = new Map<string, StoredSignal[]>(adresIds.map((id) => [id, []]));
  if (adresIds.length === 0) return result;
  const { rows } = await db.query<SignalRow>(SIGNALS_OF_ADDRESSES, [project, [...new Set(adresIds)], windowDay(window), window.partners ? [...window.partners] : null]);
  for (const row of rows) result.get(row.adres_id)?.push(storedSignal(row));
  return result;
}

function windowDay(window: SignalWindow): string | null {
  if (window.onOrBefore === undefined) return null;
  if (!isIsoDate(window.onOrBefore)) throw new Error('onOrBefore must be a date (YYYY-MM-DD)');
  return window.onOrBefore;
}

interface ProjectAddressRow {
  adres_id: string;
  partners: string[];
  kinds: string[];
  first_date: string;
  last_date: string;
  case_id: string | null;
}

/**
 * A project's addresses with signals, side by side: most distinct partners first, then the most
 * recent signal, then the address id. Paged by offset.
 */
export async function listProjectAddresses(db: Db, project: string, query: ProjectAddressQuery): Promise<ProjectAddressPage> {
  const { first, after = 0, minPartners = 1 } = query;
  if (!Number.isInteger(first) || first < 1) throw new Error('first must be a whole number of at least 1');
  if (!Number.isInteger(after) || after < 0) throw new Error('after must be a whole number of at least 0');
  if (!Number.isInteger(minPartners) || minPartners < 1) throw new Error('minPartners must be a whole number of at least 1');
  const { rows } = await db.query<ProjectAddressRow>(
    `WITH counted AS (
       SELECT adres_id,
              array_agg(DISTINCT partner ORDER BY partner) AS partners,
              array_agg(DISTINCT soort ORDER BY soort) AS kinds,
              min(datum) AS first_date,
              max(datum) AS last_date
         FROM signals
        WHERE project = $1
          AND ($2::date IS NULL OR datum <= $2::date)
          AND ($3::text[] IS NULL OR partner = ANY($3::text[]))
        GROUP BY adres_id
       HAVING count(DISTINCT partner) >= $4
     )
     SELECT adres_id, partners, kinds,
            to_char(first_date, 'YYYY-MM-DD') AS first_date,
            to_char(last_date, 'YYYY-MM-DD') AS last_date,
            (SELECT c.id FROM cases c
              WHERE c.project = $1 AND c.adres_id = counted.adres_id AND c.closed_at IS NULL
              ORDER BY c.opened_at, c.id LIMIT 1) AS case_id
       FROM counted
      ORDER BY cardinality(partners) DESC, last_date DESC, adres_id
      LIMIT $5 OFFSET $6`,
    [project, windowDay(query), query.partners ? [...query.partners] : null, minPartners, first + 1, after],
  );
  const items = rows.slice(0, first).map((row) => ({
    adresId: row.adres_id,
    partners: row.partners,
    kinds: row.kinds,
    firstDate: row.first_date,
    lastDate: row.last_date,
    caseId: row.case_id,
  }));
  return { items, next: rows.length > first ? after + first : null };
}

/** Addresses and the signals on them, as a synthetic world holds them (the embedded default's partners). */
export interface SignalSource {
  adressen: readonly RegisteredAddress[];
  signalen: readonly AddressSignal[];
}

/**
 * Lays a synthetic world's signals on addresses in the project's area (npm start). Ids are scoped
 * to the project ("<project>/<signal id>"), so that projects with overlapping areas each get their own.
 */
export async function seedSignalsFromWorld(db: Db, world: SignalSource, project: Project): Promise<number> {
  const inArea = new Set(world.adressen.filter((adres) => addressInArea(adres, project.area)).map((adres) => adres.adresId));
  const signals = world.signalen
    .filter((signaal) => inArea.has(signaal.adresId))
    .map((signaal) => ({ id: `${project.id}/${signaal.id}`, adresId: signaal.adresId, partner: signaal.partner, soort: signaal.soort, datum: signaal.datum }));
  return importSignals(db, project.id, signals);
}
