/**
 * Generated request contexts: every role, organisations inside and outside the projects, every
 * purpose, the active and the ended project or no declaration at all, with and without a
 * justification; and the subjects asked about: selected and unselected addresses, residents of
 * both, persons out of the area, under the secrecy flag, in care, and ones that do not exist.
 */
import fc from 'fast-check';

export const ROLES = ['analist', 'handhaver', 'zorgverlener', 'coordinator', 'privacy-officer'] as const;
export const ORGANISATIONS = [
  'sociale-dienst',
  'woningcorporatie',
  'arbeidsinspectie',
  'politie',
  'wijkteam',
  'uwv',
  'belastingdienst',
  'svb',
  'inlichtingenbureau',
  'ind',
  'rdw',
  'onbekende-organisatie',
] as const;
export const PURPOSES = ['uitkeringsfraude', 'adreskwaliteit', 'woonfraude', 'arbeidsuitbuiting', 'hulpverlening'] as const;
export const ACTIVE_PROJECT = 'wijkaanpak-2026';
export const ENDED_PROJECT = 'wijkaanpak-2025';

/** Addresses the suite's coordinator selects before the run (scenarios 1 and 2). */
export const SELECTED_ADDRESSES = ['9999200000900001', '9999200000900002'] as const;
const UNSELECTED_ADDRESSES = ['9999200000900009', '9999200000900013', '9999200000900014', '9999200000900016', '9999200000900099'] as const;
const PERSONS = ['999990007', '999990160', '999990184', '999990317', '999990263', '999990032', '999990044', '123456782'] as const;

export interface RequestContextCase {
  role: (typeof ROLES)[number];
  organisation: (typeof ORGANISATIONS)[number];
  /** undefined: no project and purpose headers at all. */
  project: typeof ACTIVE_PROJECT | typeof ENDED_PROJECT | undefined;
  purpose: (typeof PURPOSES)[number];
  justification: boolean;
}

/** Contexts the covenant serves (the scenarios'), so that a good share of the cases releases data. */
const SERVED: readonly Pick<RequestContextCase, 'role' | 'organisation' | 'purpose'>[] = [
  { role: 'analist', organisation: 'sociale-dienst', purpose: 'uitkeringsfraude' },
  { role: 'analist', organisation: 'woningcorporatie', purpose: 'woonfraude' },
  { role: 'analist', organisation: 'arbeidsinspectie', purpose: 'arbeidsuitbuiting' },
  { role: 'zorgverlener', organisation: 'wijkteam', purpose: 'hulpverlening' },
  { role: 'handhaver', organisation: 'politie', purpose: 'woonfraude' },
  { role: 'analist', organisation: 'belastingdienst', purpose: 'uitkeringsfraude' },
];

const anyContext = fc.record({
  role: fc.constantFrom(...ROLES),
  organisation: fc.constantFrom(...ORGANISATIONS),
  purpose: fc.constantFrom(...PURPOSES),
});

export const contextArb: fc.Arbitrary<RequestContextCase> = fc
  .record({
    who: fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...SERVED) }, { weight: 1, arbitrary: anyContext }),
    project: fc.oneof({ weight: 6, arbitrary: fc.constant(ACTIVE_PROJECT) }, { weight: 2, arbitrary: fc.constant(ENDED_PROJECT) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    justification: fc.boolean(),
  })
  .map(({ who, project, justification }) => ({ ...who, project, justification }));

export type RootCase =
  | { field: 'adres'; type: 'Adres'; adresId: string }
  | { field: 'adresOpPostcode'; type: 'Adres'; postcode: string; huisnummer: number }
  | { field: 'persoon'; type: 'Persoon'; bsn: string };

export const rootArb: fc.Arbitrary<RootCase> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SELECTED_ADDRESSES, ...UNSELECTED_ADDRESSES).map((adresId) => ({ field: 'adres' as const, type: 'Adres' as const, adresId })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(['5971ZA', 14], ['5971ZB', 22], ['5973ZA', 7], ['1234AB', 1])
      .map(([postcode, huisnummer]) => ({ field: 'adresOpPostcode' as const, type: 'Adres' as const, postcode: postcode as string, huisnummer: huisnummer as number })),
  },
  { weight: 3, arbitrary: fc.constantFrom(...PERSONS).map((bsn) => ({ field: 'persoon' as const, type: 'Persoon' as const, bsn })) },
);

export function rootCall(root: RootCase): string {
  if (root.field === 'adres') return `adres(adresId: "${root.adresId}")`;
  if (root.field === 'persoon') return `persoon(bsn: "${root.bsn}")`;
  return `adresOpPostcode(postcode: "${root.postcode}", huisnummer: ${root.huisnummer})`;
}

/** The subject a root field names, when the caller gave its id. */
export function rootSubject(root: RootCase): { kind: 'person' | 'address'; id: string } | undefined {
  if (root.field === 'adres') return { kind: 'address', id: root.adresId };
  if (root.field === 'persoon') return { kind: 'person', id: root.bsn };
  return undefined;
}
