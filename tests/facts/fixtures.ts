/**
 * A small synthetic neighbourhood for the facts tests: addresses with postcodes, persons with their
 * registrations, the partners' signals, and a RegisterLookup over them that counts its calls.
 */
import { fileURLToPath } from 'node:url';
import type { RegisterLookup } from '../../gateway/facts/registers.ts';
import type { FactsQuery } from '../../gateway/policy/facts.ts';
import type { FactsRecords } from '../../gateway/policy/in-memory-facts.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import type { EntityQuestion } from '../../gateway/policy/types.ts';
import type { NewSignal } from '../../gateway/store/signals.ts';
import type { Signaal } from '../../subgraphs/world/types.ts';

export const policyData = loadPolicyData(fileURLToPath(new URL('../../policies', import.meta.url)));
/** Area: postcode areas 5971 and 5972; reference date 2026-11-01; selection threshold 2. */
export const PROJECT = policyData.projects.get('wijkaanpak-2026')!;

export const ADRES = {
  /** Two partners: woningcorporatie on 2026-03-02, belastingdienst on 2026-06-15. */
  twoPartners: '9999200000900001',
  /** One partner (politie), twice. */
  onePartner: '9999200000900002',
  /** In the area, no signals. */
  quiet: '9999200000900003',
  /** Outside the area (5973), with a signal. */
  outside: '9999200000900016',
  /** Unknown to the BAG. */
  unknown: '9999200000999999',
} as const;

export const BSN = {
  /** Registered at twoPartners since 2019. */
  resident: '999990007',
  /** Registered at twoPartners until the day before the reference date, then outside. */
  movedOut: '999990019',
  /** Under the BRP secrecy flag, registered at onePartner. */
  secret: '999990160',
  /** Registered nowhere. */
  unregistered: '999990044',
  /** Unknown to the BRP. */
  unknown: '999990056',
} as const;

export const SIGNALS: Array<NewSignal & Pick<Signaal, 'partner'>> = [
  { id: 'SIG-1', adresId: ADRES.twoPartners, partner: 'woningcorporatie', soort: 'overlast', datum: '2026-03-02' },
  { id: 'SIG-2', adresId: ADRES.twoPartners, partner: 'belastingdienst', soort: 'toeslagen-afwijkend', datum: '2026-06-15' },
  { id: 'SIG-3', adresId: ADRES.onePartner, partner: 'politie', soort: 'overlast', datum: '2026-02-18' },
  { id: 'SIG-4', adresId: ADRES.onePartner, partner: 'politie', soort: 'hennep', datum: '2026-04-01' },
  { id: 'SIG-5', adresId: ADRES.outside, partner: 'uwv', soort: 'ww-controle', datum: '2026-01-10' },
];

export const RECORDS: Omit<FactsRecords, 'cases'> = {
  addresses: [
    { adresId: ADRES.twoPartners, postcode: '5971ZA' },
    { adresId: ADRES.onePartner, postcode: '5972 zb' },
    { adresId: ADRES.quiet, postcode: '5971ZB' },
    { adresId: ADRES.outside, postcode: '5973ZA' },
  ],
  persons: [
    { bsn: BSN.resident, geheimhouding: false, verblijfplaatsen: [{ adresId: ADRES.twoPartners, datumAanvang: '2019-08-01', datumEinde: null }] },
    {
      bsn: BSN.movedOut,
      geheimhouding: false,
      verblijfplaatsen: [
        { adresId: ADRES.twoPartners, datumAanvang: '2016-03-01', datumEinde: '2026-10-31' },
        { adresId: ADRES.outside, datumAanvang: '2026-10-31', datumEinde: null },
      ],
    },
    { bsn: BSN.secret, geheimhouding: true, verblijfplaatsen: [{ adresId: ADRES.onePartner, datumAanvang: '2025-01-20', datumEinde: null }] },
    { bsn: BSN.unregistered, geheimhouding: false, verblijfplaatsen: [] },
  ],
  signals: SIGNALS,
};

/** A RegisterLookup over RECORDS that records every call. */
export function fakeRegisters(): { registers: RegisterLookup; calls: { kind: 'addresses' | 'persons'; ids: string[] }[] } {
  const calls: { kind: 'addresses' | 'persons'; ids: string[] }[] = [];
  const registers: RegisterLookup = {
    async addresses(ids) {
      calls.push({ kind: 'addresses', ids: [...ids] });
      return new Map(RECORDS.addresses.filter((a) => ids.includes(a.adresId)).map((a) => [a.adresId, { postcode: a.postcode }]));
    },
    async persons(bsns) {
      calls.push({ kind: 'persons', ids: [...bsns] });
      return new Map(
        RECORDS.persons
          .filter((p) => bsns.includes(p.bsn))
          .map((p) => [p.bsn, { secrecy: p.geheimhouding, registrations: p.verblijfplaatsen.map((v) => ({ ...v })) }]),
      );
    },
  };
  return { registers, calls };
}

export function query(today: string): FactsQuery {
  return {
    project: PROJECT,
    referenceDate: PROJECT.referenceDate!,
    today,
    request: { now: new Date(`${today}T10:00:00Z`), caller: { id: 'medewerker-17', organisation: 'sociale-dienst', roles: ['analist'], projects: [PROJECT.id] } },
  };
}

export function entity(kind: 'person' | 'address', subjectId: string, index = 0): EntityQuestion {
  return { typename: kind === 'person' ? 'Persoon' : 'Adres', kind, subjectId, path: ['items', index] };
}
