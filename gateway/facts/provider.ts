/**
 * The FactsProvider of a running gateway: scope from the registers (BRP, BAG), signals and cases
 * from the store, consulted tiers from the decision records of the audit log. Same semantics as
 * createInMemoryFacts. Per load(): at most one call per register and one query per table; per
 * request, each address is looked up and queried once.
 */
import { TIERS, type Tier } from '../../schema/classification.ts';
import { addressInArea, registrationOn } from '../policy/area.ts';
import type { EntityFacts, FactsProvider, FactsQuery } from '../policy/facts.ts';
import { chooseLink, earlierRegistrations, type ScopeLink } from '../policy/links.ts';
import { occupantLinks } from '../store/visits.ts';
import { findOpenCases, type OpenCase } from '../store/cases.ts';
import { prepared, type Db } from '../store/db.ts';
import { signalsFor, type StoredSignal } from '../store/signals.ts';
import { failingAsUnavailable } from '../store/unavailable.ts';
import type { LookupFor, RegisteredPerson, RegisterLookup } from './registers.ts';

export interface StoreFactsOptions {
  db: Db;
  registers: RegisterLookup;
  /** The subject pseudonym of a BSN, to find persons found at a home visit; without it, visits link no one. */
  pseudonymOf?: (bsn: string) => string;
}

export type AddressFacts = Omit<EntityFacts, 'kind' | 'subjectId' | 'secrecy'>;

export function createStoreFacts({ db: store, registers, pseudonymOf }: StoreFactsOptions): FactsProvider {
  // A failed read fails the request (503), not only the subject's fields: see store/unavailable.ts.
  const db = failingAsUnavailable(store);
  // Per request, an address's facts (its BAG look-up and its store queries) are loaded once, whether
  // it is asked about itself or as where a person lives: later questions of the request reuse them.
  const addressesOfRequest = new WeakMap<object, Map<string, Promise<AddressFacts>>>();

  function addressFactsFor(addressIds: readonly string[], query: FactsQuery): Promise<AddressFacts>[] {
    let known = addressesOfRequest.get(query.request);
    if (!known) addressesOfRequest.set(query.request, (known = new Map()));
    const keyOf = (id: string) => `${query.project.id}|${query.referenceDate}|${query.today}|${id}`;
    const missing = addressIds.filter((id) => !known.has(keyOf(id)));
    if (missing.length > 0) {
      const loading = loadAddresses(db, registers, missing, query);
      for (const id of missing) {
        const one = loading.then((facts) => facts.get(id) ?? outOfScope(id));
        one.catch(() => {});
        known.set(keyOf(id), one);
      }
    }
    return addressIds.map((id) => known.get(keyOf(id))!);
  }

  return {
    async load(entities, query) {
      const bsns = entities.filter((e) => e.kind === 'person').map((e) => e.subjectId);
      const persons = bsns.length > 0 ? await registers.persons(bsns, lookupFor(query)) : new Map();
      const personAddress = new Map<string, string | null>(
        bsns.map((bsn) => [bsn, registrationOn(persons.get(bsn)?.registrations ?? [], query.referenceDate)?.adresId ?? null]),
      );
      const addressIds = [
        ...new Set([
          ...entities.filter((e) => e.kind === 'address').map((e) => e.subjectId),
          ...[...personAddress.values()].filter((id): id is string => id !== null),
        ]),
      ];
      const loaded = await Promise.all(addressFactsFor(addressIds, query));
      const addressFacts = new Map(addressIds.map((id, i) => [id, loaded[i]!]));
      const factsOf = (adresId: string | null): AddressFacts => (adresId === null ? undefined : addressFacts.get(adresId)) ?? outOfScope(adresId);

      // Persons the BRP knows but not in the area: in scope only through a link to a selected address.
      const unregistered = [...new Set(bsns)].filter((bsn) => persons.has(bsn) && !factsOf(personAddress.get(bsn) ?? null).inScope);
      const candidates = await linkCandidates(unregistered, persons, query);
      const linkedIds = [...new Set([...candidates.values()].flat().map((link) => link.addressId))].filter((id) => !addressFacts.has(id));
      const linkedLoaded = await Promise.all(addressFactsFor(linkedIds, query));
      linkedIds.forEach((id, i) => addressFacts.set(id, linkedLoaded[i]!));
      const links = new Map([...candidates].map(([bsn, found]) => [bsn, chooseLink(found, (id) => addressFacts.get(id))]));

      return entities.map((entity): EntityFacts => {
        if (entity.kind === 'address') return { kind: 'address', subjectId: entity.subjectId, secrecy: null, ...factsOf(entity.subjectId) };
        const person = persons.get(entity.subjectId);
        const secrecy = person ? person.secrecy : null;
        const link = links.get(entity.subjectId);
        if (link) return { kind: 'person', subjectId: entity.subjectId, secrecy, ...factsOf(link.addressId), link };
        return { kind: 'person', subjectId: entity.subjectId, secrecy, ...factsOf(personAddress.get(entity.subjectId) ?? null) };
      });
    },
  };

  /** The records that tie each person to addresses: earlier registrations (BRP), ownership and employers (registers), home visits (the case). */
  async function linkCandidates(bsns: readonly string[], persons: ReadonlyMap<string, RegisteredPerson>, query: FactsQuery): Promise<Map<string, ScopeLink[]>> {
    const result = new Map<string, ScopeLink[]>(
      bsns.map((bsn) => [bsn, earlierRegistrations(persons.get(bsn)?.registrations ?? [], query.project.period, query.referenceDate)]),
    );
    if (bsns.length === 0) return result;
    const pseudonyms = pseudonymOf ? new Map(bsns.map((bsn) => [bsn, pseudonymOf(bsn)])) : undefined;
    const [registered, visited] = await Promise.all([
      registers.links ? registers.links(bsns, lookupFor(query)) : undefined,
      pseudonyms ? occupantLinks(db, query.project.id, [...pseudonyms.values()]) : undefined,
    ]);
    for (const bsn of bsns) {
      const own = result.get(bsn)!;
      own.push(...(registered?.get(bsn) ?? []));
      for (const visit of visited?.get(pseudonyms!.get(bsn)!) ?? []) {
        own.push({ kind: 'aangetroffen-bij-huisbezoek', addressId: visit.adresId, partner: 'project', record: `huisbezoek ${visit.visitId} op ${visit.visitedOn}` });
      }
    }
    return result;
  }
}

/**
 * The facts of addresses: from the BAG whether they are in the project's area, and the store's facts
 * of those that are. The store is read while the BAG is asked (it holds nothing about an address
 * outside the area that could be used: only in-area facts are kept).
 */
async function loadAddresses(db: Db, registers: RegisterLookup, addressIds: readonly string[], query: FactsQuery): Promise<Map<string, AddressFacts>> {
  const [asked, read] = await Promise.allSettled([registers.addresses(addressIds, lookupFor(query)), loadAddressFacts(db, addressIds, query)]);
  // A register that cannot answer denies the subjects (as before the store was read); a store that cannot be read fails the request.
  if (asked.status === 'rejected') throw asked.reason;
  if (read.status === 'rejected') throw read.reason;
  const known = asked.value;
  const stored = read.value;
  const result = new Map<string, AddressFacts>();
  for (const id of addressIds) {
    const address = known.get(id);
    if (address !== undefined && addressInArea({ adresId: id, postcode: address.postcode }, query.project.area)) result.set(id, stored.get(id)!);
  }
  return result;
}

/** The request the register look-ups are made for: its trace, and the request itself (they are recorded as its processings). */
function lookupFor(query: FactsQuery): LookupFor {
  return { request: query.request, ...(query.traceId ? { traceId: query.traceId } : {}) };
}

function outOfScope(adresId: string | null): AddressFacts {
  return { inScope: false, addressId: adresId, signals: { partners: [], kinds: [] }, documentedSuspicion: false, caseId: null, consultedTiers: [] };
}

/** The facts of in-area addresses from the store alone: their signals up to today, their open case, its findings and consulted tiers. */
export async function loadAddressFacts(db: Db, adresIds: readonly string[], query: FactsQuery): Promise<Map<string, AddressFacts>> {
  const result = new Map<string, AddressFacts>();
  if (adresIds.length === 0) return result;
  // Three reads at once: the consulted tiers are those of the addresses' open cases, found by the
  // tiers query itself. A case opened between the reads has no tiers yet; one that is missing from
  // the tiers read counts as having consulted none (the stricter reading for subsidiarity).
  const [signals, cases, tiers] = await Promise.all([
    signalsFor(db, query.project.id, adresIds, { onOrBefore: query.today }),
    findOpenCases(db, query.project.id, adresIds),
    consultedTiersOfOpenCases(db, query.project.id, adresIds),
  ]);
  const openCase = new Map<string, OpenCase | undefined>(adresIds.map((id) => [id, cases.get(id)?.[0]]));
  for (const adresId of adresIds) {
    const found: readonly StoredSignal[] = signals.get(adresId) ?? [];
    const open = openCase.get(adresId);
    result.set(adresId, {
      inScope: true,
      addressId: adresId,
      signals: { partners: found.map((s) => s.partner), kinds: found.map((s) => s.soort) },
      documentedSuspicion: (open?.findings ?? 0) > 0,
      caseId: open?.id ?? null,
      consultedTiers: open ? (tiers.get(open.id) ?? []) : [],
    });
  }
  return result;
}

/**
 * The owner of the project's joint case file (the covenant's `caseFile`, served by the gateway's
 * project subgraph): reading the case's own reason or outcomes consults no source, so its decisions
 * do not count as a tier consulted in the case (subsidiarity).
 */
export const CASE_FILE_OWNER = 'project';

/** The released decisions of one case in records of one field (allowed or minimised) about partners' data, as the index audit_log_released_tiers covers them. */
const RELEASED_IN_CASE = `FROM audit_log WHERE kind = 'decision' AND body ->> 'outcome' IN ('allow', 'minimise') AND body ->> 'owner' <> '${CASE_FILE_OWNER}' AND body ->> 'case_id'`;
/** The sets of tiers released in one case by grouped decision records (one per subject and partner call), as the index audit_log_released_tier_sets covers them. */
const TIER_SETS_IN_CASE = `FROM audit_log WHERE kind = 'decision' AND body -> 'released_tiers' <> '[]'::jsonb AND body ->> 'owner' <> '${CASE_FILE_OWNER}' AND body ->> 'case_id'`;
const TIER_SET = "(body -> 'released_tiers')::text";

/** The consulted tiers of the cases `seed` (SQL giving a case_id column, with $1 and any further parameters) selects. */
function tiersOfSql(seed: string): string {
  return `WITH RECURSIVE cases_asked (case_id) AS (${seed}), consulted (case_id, tier) AS (
       SELECT c.case_id, (SELECT body ->> 'tier' ${RELEASED_IN_CASE} = c.case_id ORDER BY body ->> 'tier' LIMIT 1)
         FROM cases_asked AS c
       UNION ALL
       SELECT t.case_id, (SELECT body ->> 'tier' ${RELEASED_IN_CASE} = t.case_id AND body ->> 'tier' > t.tier ORDER BY body ->> 'tier' LIMIT 1)
         FROM consulted t
        WHERE t.tier IS NOT NULL
     ), tier_sets (case_id, tiers) AS (
       SELECT c.case_id, (SELECT ${TIER_SET} ${TIER_SETS_IN_CASE} = c.case_id ORDER BY ${TIER_SET} LIMIT 1)
         FROM cases_asked AS c
       UNION ALL
       SELECT t.case_id, (SELECT ${TIER_SET} ${TIER_SETS_IN_CASE} = t.case_id AND ${TIER_SET} > t.tiers ORDER BY ${TIER_SET} LIMIT 1)
         FROM tier_sets t
        WHERE t.tiers IS NOT NULL
     )
     SELECT case_id, tier FROM consulted WHERE tier IS NOT NULL
     UNION
     SELECT case_id, jsonb_array_elements_text(tiers::jsonb) FROM tier_sets WHERE tiers IS NOT NULL
     ORDER BY 1, 2`;
}

const TIERS_OF_CASES = prepared(tiersOfSql('SELECT unnest($1::text[]) AS case_id'));
const TIERS_OF_OPEN_CASES = prepared(tiersOfSql('SELECT id AS case_id FROM cases WHERE project = $2 AND adres_id = ANY($1::text[]) AND closed_at IS NULL'));

/**
 * Per case: the distinct tiers of fields released (allowed or minimised) in it, from the decision
 * records of both shapes. Loose index scans: each step finds the next tier (records of one field)
 * or the next set of released tiers (grouped records) above the last one, so the cost grows with
 * the number of distinct tiers and sets, not with the number of decision records in the case.
 */
export async function consultedTiers(db: Db, caseIds: readonly string[]): Promise<Map<string, Tier[]>> {
  const result = new Map<string, Tier[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return result;
  return tiersOf(db, TIERS_OF_CASES, [[...new Set(caseIds)]], result);
}

/** consultedTiers of the open cases of addresses in a project, found in the same query: case id → tiers. */
export async function consultedTiersOfOpenCases(db: Db, project: string, adresIds: readonly string[]): Promise<Map<string, Tier[]>> {
  return tiersOf(db, TIERS_OF_OPEN_CASES, [[...new Set(adresIds)], project], new Map());
}

/** Runs a tiers statement and adds its rows to result: case id → tiers. */
async function tiersOf(db: Db, sql: string, params: unknown[], result: Map<string, Tier[]>): Promise<Map<string, Tier[]>> {
  const { rows } = await db.query<{ case_id: string; tier: string }>(sql, params);
  for (const row of rows) {
    if (!(TIERS as readonly string[]).includes(row.tier)) continue;
    let tiers = result.get(row.case_id);
    if (!tiers) result.set(row.case_id, (tiers = []));
    tiers.push(row.tier as Tier);
  }
  return result;
}
