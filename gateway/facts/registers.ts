/**
 * The gateway's own look-ups in the registers, for the scope principle: which postcode an address
 * has (BAG) and where a person is registered when (BRP), plus the BRP secrecy flag. The gateway
 * holds no copy of the registers; it asks, one `_entities` call per register per look-up.
 * Any failure throws: the policy then denies with `policy.facts-unavailable` (fail closed).
 */
import { newSpanId } from '../context/trace.ts';
import type { SubgraphFetcher, SubgraphResponse } from '../executor/subgraph-client.ts';
import type { ScopeLink } from '../policy/links.ts';
import type { Registration } from '../policy/register-records.ts';

export interface RegisteredAddress {
  postcode: string;
}

/** A registration as the BRP answers it; datumEinde is the last day the person lived there. */
export type { Registration };

export interface RegisteredPerson {
  registrations: Registration[];
  secrecy: boolean;
}

/** The request a look-up is made for: its trace (the partner's log joins it) and the request itself (its audit records). */
export interface LookupFor {
  traceId?: string;
  request?: object;
}

export interface RegisterLookup {
  /** Known addresses by id; an id the BAG does not know is absent. */
  addresses(adresIds: readonly string[], on?: LookupFor): Promise<Map<string, RegisteredAddress>>;
  /** Known persons by BSN; a BSN the BRP does not know is absent. */
  persons(bsns: readonly string[], on?: LookupFor): Promise<Map<string, RegisteredPerson>>;
  /**
   * The partners' records that tie each person to addresses other than where they are registered:
   * the dwellings they own (BAG) and where the employers they own house people (Arbeidsinspectie).
   * Without it, only the BRP and the case link persons to addresses.
   */
  links?(bsns: readonly string[], on?: LookupFor): Promise<Map<string, ScopeLink[]>>;
}

export type RegisterPartner = 'bag' | 'brp' | 'arbeidsinspectie';

/** One look-up made: a processing of each subject asked about, to be recorded with the request's audit records. */
export interface RegisterLookupCall {
  partner: RegisterPartner;
  subjectType: 'person' | 'address';
  subjectIds: readonly string[];
  spanId: string;
  startedAt: Date;
  endedAt: Date;
  ok: boolean;
}

export interface RegisterLookupOptions {
  fetcher: SubgraphFetcher;
  /** Without the Arbeidsinspectie, employers do not link their owners to the addresses where they house people. */
  urls: Record<'bag' | 'brp', string> & Partial<Record<'arbeidsinspectie', string>>;
  /**
   * Headers for a call (e.g. the gateway token and traceparent): the partner, the "Type.field"
   * coordinates it selects, and the trace id of the request it is made for, when known.
   */
  headers?: (partner: RegisterPartner, coordinates: readonly string[], traceId: string | undefined, spanId: string) => Promise<Record<string, string>>;
  timeoutMs: number;
  /** Told of every look-up made, answered or not, with the request it was made for. */
  onLookup?: (call: RegisterLookupCall, on: LookupFor) => void;
}

const ADDRESS_QUERY = 'query RegisterAddresses($representations: [_Any!]!) { _entities(representations: $representations) { ... on Adres { postcode } } }';
const ADDRESS_COORDINATES = ['Adres.postcode'];

const PERSON_QUERY =
  'query RegisterPersons($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { geheimhouding verblijfplaatsen { adres { adresId } datumAanvang datumEinde } } } }';
const PERSON_COORDINATES = [
  'Adres.adresId',
  'Persoon.geheimhouding',
  'Persoon.verblijfplaatsen',
  'Verblijfplaats.adres',
  'Verblijfplaats.datumAanvang',
  'Verblijfplaats.datumEinde',
];

const OWNED_QUERY = 'query RegisterOwnership($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { adressenInEigendom { adresId } } } }';
const OWNED_COORDINATES = ['Adres.adresId', 'Persoon.adressenInEigendom'];

const EMPLOYER_QUERY =
  'query RegisterEmployers($representations: [_Any!]!) { _entities(representations: $representations) { ... on Persoon { werkgevers { werkgeverId huisvestingsadressen { adresId } } } } }';
const EMPLOYER_COORDINATES = ['Adres.adresId', 'Persoon.werkgevers', 'Werkgever.huisvestingsadressen', 'Werkgever.werkgeverId'];

export function createPartnerRegisterLookup(options: RegisterLookupOptions): RegisterLookup {
  async function entities(
    partner: RegisterPartner,
    subjectType: 'person' | 'address',
    query: string,
    coordinates: readonly string[],
    ids: readonly string[],
    on: LookupFor,
  ): Promise<unknown[]> {
    const representations = ids.map((id) => (subjectType === 'person' ? { __typename: 'Persoon', bsn: id } : { __typename: 'Adres', adresId: id }));
    const spanId = newSpanId();
    const startedAt = new Date();
    let ok = false;
    try {
      const headers = options.headers ? await options.headers(partner, coordinates, on.traceId, spanId) : undefined;
      const response = await options.fetcher(
        options.urls[partner]!,
        { query, variables: { representations } },
        { timeoutMs: options.timeoutMs, ...(headers ? { headers } : {}) },
      );
      const list = entityList(partner, response, representations.length);
      ok = true;
      return list;
    } finally {
      options.onLookup?.({ partner, subjectType, subjectIds: ids, spanId, startedAt, endedAt: new Date(), ok }, on);
    }
  }

  return {
    async addresses(adresIds, on = {}) {
      const ids = [...new Set(adresIds)];
      const result = new Map<string, RegisteredAddress>();
      if (ids.length === 0) return result;
      const found = await entities('bag', 'address', ADDRESS_QUERY, ADDRESS_COORDINATES, ids, on);
      found.forEach((entity, i) => {
        const postcode = field(entity, 'postcode');
        if (postcode === null || postcode === undefined) return;
        if (typeof postcode !== 'string') throw malformed('bag');
        result.set(ids[i]!, { postcode });
      });
      return result;
    },

    async persons(bsns, on = {}) {
      const ids = [...new Set(bsns)];
      const result = new Map<string, RegisteredPerson>();
      if (ids.length === 0) return result;
      const found = await entities('brp', 'person', PERSON_QUERY, PERSON_COORDINATES, ids, on);
      found.forEach((entity, i) => {
        const secrecy = field(entity, 'geheimhouding');
        if (secrecy === null || secrecy === undefined) return;
        if (typeof secrecy !== 'boolean') throw malformed('brp');
        result.set(ids[i]!, { secrecy, registrations: registrations(field(entity, 'verblijfplaatsen')) });
      });
      return result;
    },

    async links(bsns, on = {}) {
      const ids = [...new Set(bsns)];
      const result = new Map<string, ScopeLink[]>(ids.map((bsn) => [bsn, []]));
      if (ids.length === 0) return result;
      const [owned, employers] = await Promise.all([
        entities('bag', 'person', OWNED_QUERY, OWNED_COORDINATES, ids, on),
        options.urls.arbeidsinspectie === undefined ? undefined : entities('arbeidsinspectie', 'person', EMPLOYER_QUERY, EMPLOYER_COORDINATES, ids, on),
      ]);
      owned.forEach((entity, i) => {
        for (const adresId of addressIds('bag', field(entity, 'adressenInEigendom'))) {
          result.get(ids[i]!)!.push({ kind: 'eigenaar', addressId: adresId, partner: 'bag', record: 'eigendom (WOZ) van het adres' });
        }
      });
      employers?.forEach((entity, i) => {
        for (const werkgever of list('arbeidsinspectie', field(entity, 'werkgevers'))) {
          const werkgeverId = field(werkgever, 'werkgeverId');
          if (typeof werkgeverId !== 'string') throw malformed('arbeidsinspectie');
          for (const adresId of addressIds('arbeidsinspectie', field(werkgever, 'huisvestingsadressen'))) {
            result.get(ids[i]!)!.push({ kind: 'werkgever-van-bewoners', addressId: adresId, partner: 'arbeidsinspectie', record: `huisvesting door werkgever ${werkgeverId}` });
          }
        }
      });
      return result;
    },
  };
}

/** A list in a register's answer; null (an unknown person) is an empty list. */
function list(partner: RegisterPartner, value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw malformed(partner);
  return value;
}

function addressIds(partner: RegisterPartner, value: unknown): string[] {
  return list(partner, value).map((item) => {
    const adresId = field(item, 'adresId');
    if (typeof adresId !== 'string') throw malformed(partner);
    return adresId;
  });
}

function entityList(partner: RegisterPartner, response: SubgraphResponse, expected: number): unknown[] {
  if (response.failure) throw new Error(`register look-up: ${partner} ${response.failure.message} (${response.failure.code})`);
  if (response.errors?.length) throw new Error(`register look-up: ${partner} answered with ${response.errors.length} error(s)`);
  const list = response.data?._entities;
  if (!Array.isArray(list) || list.length !== expected) throw malformed(partner);
  return list;
}

function field(entity: unknown, name: string): unknown {
  if (entity === null) return null;
  if (typeof entity !== 'object' || Array.isArray(entity)) throw new Error('register look-up: an entity is not an object');
  return (entity as Record<string, unknown>)[name];
}

function registrations(value: unknown): Registration[] {
  if (!Array.isArray(value)) throw malformed('brp');
  return value.map((item) => {
    const adresId = field(field(item, 'adres'), 'adresId');
    const datumAanvang = field(item, 'datumAanvang');
    const datumEinde = field(item, 'datumEinde') ?? null;
    if (typeof adresId !== 'string' || typeof datumAanvang !== 'string' || (datumEinde !== null && typeof datumEinde !== 'string')) {
      throw malformed('brp');
    }
    return { adresId, datumAanvang, datumEinde };
  });
}

function malformed(partner: RegisterPartner): Error {
  return new Error(`register look-up: ${partner} answered with data that does not match the query`);
}
