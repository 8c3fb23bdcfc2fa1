/**
 * The brief's five stories (docs/scenarios.md), step by step, as `npm run demo` tells them and the
 * tests follow them. Each step names who asks and for which purpose, and checks what comes back.
 */
import { DESK_RESEARCH, LINDELAAN, PROJECT } from './queries.ts';
import { at, same, withheld, type Story, type StoryState } from './steps.ts';

const GEZINSWONING = '9999200000900001';
const SPOOKPAND = '9999200000900003';
const WOUTERS = '9999200000900013';
const ESMEE = '999990007';
const PIOTR = '999990044';
const ZES_MANNEN = ['999990044', '999990056', '999990068', '999990081', '999990093', '999990111'];

const select = (adresId: string, reden: string) => `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${adresId}", reden: "${reden}") { id } }`;
const caseOf = (state: StoryState, adresId: string) => state.get(adresId) ?? 'no-case-yet';
const rememberCase = (adresId: string) => (answer: { body: { data?: Record<string, unknown> | null } }, state: StoryState) => {
  const id = (answer.body.data?.['selecteerAdres'] as { id?: string } | undefined)?.id;
  if (id) state.set(adresId, id);
};
const noErrors = (answer: { body: { errors?: unknown[] } }) => (answer.body.errors ? [`unexpected errors: ${JSON.stringify(answer.body.errors)}`] : []);

const BEWONERS = `{ adres(adresId: "${GEZINSWONING}") { straat huisnummer aantalBewoners bewoners { bsn naam { voornamen geslachtsnaam } } } }`;
const LABOUR = `{ persoon(bsn: "${PIOTR}") { loonbevindingen { id betaaldUurloonCent minimumUurloonCent } }
  adres(adresId: "${GEZINSWONING}") { huisvestingArbeidsmigranten { aantalPersonen werkgever { naam eigenaar { naam { geslachtsnaam } } } } } }`;
const VISIT_JUSTIFICATION = 'The desk research cannot show who actually lives in the dwelling; only a visit can.';

export const STORIES: readonly Story[] = [
  {
    number: 1,
    title: 'The rented-out family home (Hazelaarstraat 14)',
    steps: [
      {
        title: 'Before the overlap (2026-04-01): the address has the corporation’s signal alone',
        beforeOverlap: true,
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'woonfraude',
        query: `{ projectAdressen(project: "${PROJECT}", minimaalPartners: 1, eerste: 100) { items { adres { adresId } aantalPartners partners } } }`,
        expect: ({ body }) => {
          const items = (at(body, 'projectAdressen.items') as { adres: { adresId: string } }[] | undefined) ?? [];
          return same('the address in the list', items.find((i) => i.adres.adresId === GEZINSWONING), { adres: { adresId: GEZINSWONING }, aantalPartners: 1, partners: ['woningcorporatie'] });
        },
      },
      {
        title: 'Before the overlap: the register data, and the residents only as a count (no selected address)',
        beforeOverlap: true,
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'woonfraude',
        query: BEWONERS,
        expect: ({ body }) => [...same('released', body.data, { adres: { straat: 'Hazelaarstraat', huisnummer: 14, aantalBewoners: 3, bewoners: null } }), ...same('withheld', withheld(body), [])],
        minimised: ['adres.bewoners count 3'],
      },
      {
        title: 'Before the overlap: about the registered main occupant, only minimised forms (a masked BSN, the year of birth, how many allowances)',
        beforeOverlap: true,
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'woonfraude',
        query: `{ persoon(bsn: "${ESMEE}") { bsn geboortedatum naam { geslachtsnaam } toeslagen { jaarbedrag } } }`,
        expect: ({ body }) => [
          ...same('released', body.data, { persoon: { bsn: '*****0007', geboortedatum: '1994', naam: null, toeslagen: null } }),
          ...same('withheld', withheld(body), ['persoon.naam subject.withheld']),
        ],
        minimised: ['persoon.bsn masked-bsn "*****0007"', 'persoon.geboortedatum year "1994"', 'persoon.toeslagen count 3'],
      },
      {
        title: 'Before the overlap the coordinator cannot select it: one partner is below the threshold',
        beforeOverlap: true,
        who: { role: 'coordinator', org: 'sociale-dienst' },
        purpose: 'woonfraude',
        query: select(GEZINSWONING, 'Nuisance reported by the corporation, allowances that do not fit.'),
        expect: ({ body }) => same('refused', withheld(body), ['selecteerAdres BELOW_SELECTION_THRESHOLD']),
      },
      {
        title: 'After the Belastingdienst’s signal (2026-06-15) the coordinator selects the address: a case',
        who: { role: 'coordinator', org: 'sociale-dienst' },
        purpose: 'woonfraude',
        query: select(GEZINSWONING, 'Nuisance reported by the corporation, allowances that do not fit.'),
        expect: noErrors,
        remember: rememberCase(GEZINSWONING),
      },
      {
        title: 'Identifying data first (subsidiarity): the three registered residents',
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'uitkeringsfraude',
        query: BEWONERS,
        expect: ({ body }) => [
          ...noErrors({ body }),
          ...same('residents', (at(body, 'adres.bewoners') as { bsn: string }[] | undefined)?.map((b) => b.bsn), [ESMEE, '999990019', '999990020']),
        ],
      },
      {
        title: 'Then the allowances: zorgtoeslag 1500, kindgebonden budget 4082, huurtoeslag 2842',
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'uitkeringsfraude',
        query: `{ persoon(bsn: "${ESMEE}") { toeslagen { soort jaarbedrag } } }`,
        expect: ({ body }) => [...noErrors({ body }), ...same('allowances', (at(body, 'persoon.toeslagen') as { jaarbedrag: number }[] | undefined)?.map((t) => t.jaarbedrag), [1500, 4082, 2842])],
      },
      {
        title: 'The Labour Inspectorate sees the housing and, through it, the employer’s owner; not yet the men’s wages',
        who: { role: 'analist', org: 'arbeidsinspectie' },
        purpose: 'arbeidsuitbuiting',
        query: LABOUR,
        expect: ({ body }) => [
          ...same('housing', at(body, 'adres.huisvestingArbeidsmigranten'), [{ aantalPersonen: 6, werkgever: { naam: 'Kraaijeveld Logistiek B.V.', eigenaar: { naam: { geslachtsnaam: 'Kraaijeveld' } } } }]),
          ...same('withheld', withheld(body), ['persoon.loonbevindingen subject.withheld']),
        ],
      },
      {
        title: 'The visit (controle), the top of the ladder: recorded with its justification and the six men found',
        who: { role: 'handhaver', org: 'arbeidsinspectie' },
        purpose: 'arbeidsuitbuiting',
        query: (state) => `mutation { legHuisbezoekVast(zaakId: "${caseOf(state, GEZINSWONING)}", datum: "2026-09-22",
          rechtvaardiging: "${VISIT_JUSTIFICATION}", bevinding: "Six men live in the dwelling; the registered family does not.",
          aangetroffen: ${JSON.stringify(ZES_MANNEN)}) { datum aantalAangetroffen } }`,
        expect: ({ body }) => same('visit', body.data, { legHuisbezoekVast: { datum: '2026-09-22', aantalAangetroffen: 6 } }),
      },
      {
        title: 'Found living there, the men are in scope through the address: their wage findings, for the inspectorate’s purpose',
        who: { role: 'analist', org: 'arbeidsinspectie' },
        purpose: 'arbeidsuitbuiting',
        query: `{ persoon(bsn: "${PIOTR}") { loonbevindingen { id betaaldUurloonCent minimumUurloonCent } } }`,
        expect: ({ body }) => [...noErrors({ body }), ...same('wages', at(body, 'persoon.loonbevindingen'), [{ id: 'NLA-L-9001', betaaldUurloonCent: 850, minimumUurloonCent: 1440 }])],
      },
      {
        title: 'The wage data never for another purpose',
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'uitkeringsfraude',
        query: `{ persoon(bsn: "${PIOTR}") { loonbevindingen { id } } }`,
        expect: ({ body }) => same('withheld', withheld(body), ['persoon.loonbevindingen doelbinding.owner-purpose']),
      },
      ...(
        [
          ['belastingdienst', 'uitkering-gestopt', 8424, 'The allowances stop: the registered household does not live there.'],
          ['arbeidsinspectie', 'boete', 36000, 'A fine for paying six workers below the minimum wage.'],
          ['woningcorporatie', 'herhuisvest', null, 'The six men are rehoused; the dwelling returns to the corporation.'],
        ] as const
      ).map(([org, soort, bedrag, toelichting]) => ({
        title: `Result: ${org} records "${soort}"${bedrag === null ? '' : ` (EUR ${bedrag})`}`,
        who: { role: 'analist', org },
        purpose: org === 'belastingdienst' ? 'uitkeringsfraude' : org === 'woningcorporatie' ? 'woonfraude' : 'arbeidsuitbuiting',
        query: (state: StoryState) =>
          `mutation { legUitkomstVast(zaakId: "${caseOf(state, GEZINSWONING)}", soort: "${soort}", bedragEuro: ${bedrag ?? 'null'}, toelichting: "${toelichting}") { organisatie soort bedragEuro } }`,
        expect: ({ body }: { body: { data?: Record<string, unknown> | null } }) => same('outcome', body.data, { legUitkomstVast: { organisatie: org, soort, bedragEuro: bedrag } }),
      })),
      {
        title: 'The project’s results for its steering group: per partner and outcome, a cell of fewer than three cases suppressed',
        who: { role: 'coordinator', org: 'sociale-dienst' },
        purpose: 'uitkeringsfraude',
        query: `{ projectResultaten(project: "${PROJECT}") { minimumCel aantalHuisbezoeken regels { organisatie soort aantalZaken totaalBedragEuro onderdrukt } csv } }`,
        expect: ({ body }) => {
          const rows = (at(body, 'projectResultaten.regels') as { organisatie: string; soort: string; aantalZaken: number | null; onderdrukt: boolean }[] | undefined) ?? [];
          const ours = rows.filter((r) => ['belastingdienst', 'arbeidsinspectie', 'woningcorporatie'].includes(r.organisatie));
          return [
            ...noErrors({ body }),
            ...same('one case per cell: suppressed', ours.map((r) => [r.organisatie, r.soort, r.aantalZaken, r.onderdrukt]), [
              ['arbeidsinspectie', 'boete', null, true],
              ['belastingdienst', 'uitkering-gestopt', null, true],
              ['woningcorporatie', 'herhuisvest', null, true],
            ]),
            ...same('csv header', String(at(body, 'projectResultaten.csv')).split('\n')[0], 'organisatie,soort,aantal_zaken,totaal_bedrag_euro,onderdrukt'),
          ];
        },
      },
      {
        title: 'The outcomes are data about the address: read through the policy like its other fields (an unselected address: only a count)',
        who: { role: 'analist', org: 'belastingdienst' },
        purpose: 'uitkeringsfraude',
        query: `{ adres(adresId: "${GEZINSWONING}") { uitkomsten { organisatie soort bedragEuro } } ander: adres(adresId: "9999200000900002") { uitkomsten { soort } } }`,
        expect: ({ body }) => [
          // Recorded at the same instant on a test clock, so compared per organisation.
          ...same('outcomes', ((at(body, 'adres.uitkomsten') as { organisatie: string }[] | undefined) ?? []).slice().sort((a, b) => a.organisatie.localeCompare(b.organisatie)), [
            { organisatie: 'arbeidsinspectie', soort: 'boete', bedragEuro: 36000 },
            { organisatie: 'belastingdienst', soort: 'uitkering-gestopt', bedragEuro: 8424 },
            { organisatie: 'woningcorporatie', soort: 'herhuisvest', bedragEuro: null },
          ]),
          ...same('withheld', withheld(body), []),
        ],
        minimised: ['ander.uitkomsten count 0'],
      },
    ],
  },
  {
    number: 2,
    title: 'Ghost residents and hidden residents (Vlierbesstraat 30, owned by one man)',
    steps: [
      {
        title: 'Before selection the corporation learns only that a private person owns Vlierbesstraat 30, not who',
        who: { role: 'analist', org: 'woningcorporatie' },
        purpose: 'woonfraude',
        query: `{ adres(adresId: "${SPOOKPAND}") { aantalBewoners eigenaar { naam { geslachtsnaam } } } }`,
        expect: ({ body }) => [...same('released', body.data, { adres: { aantalBewoners: 0, eigenaar: null } }), ...same('withheld', withheld(body), [])],
        minimised: ['adres.eigenaar exists true'],
      },
      {
        title: 'The coordinator selects Vlierbesstraat 30: the inspectorate’s and the BRP’s signals overlap',
        who: { role: 'coordinator', org: 'sociale-dienst' },
        purpose: 'woonfraude',
        query: select(SPOOKPAND, 'Labour migrants housed in a building that is empty in the BRP.'),
        expect: noErrors,
        remember: rememberCase(SPOOKPAND),
      },
      {
        title: 'Nobody is registered there; the owner, who lives outside the area, is in scope through his ownership of the selected building',
        who: { role: 'analist', org: 'woningcorporatie' },
        purpose: 'woonfraude',
        query: `{ adres(adresId: "${SPOOKPAND}") { aantalBewoners eigenaar { naam { geslachtsnaam } adressenInEigendom { adresId straat huisnummer } } } }`,
        expect: ({ body }) => [
          ...same('owner', at(body, 'adres.eigenaar.naam.geslachtsnaam'), 'Schouten'),
          ...same('his buildings in the area', (at(body, 'adres.eigenaar.adressenInEigendom') as ({ adresId: string } | null)[] | undefined)?.map((a) => a?.adresId ?? null), [
            '9999200000900003',
            '9999200000900004',
            '9999200000900005',
            null,
          ]),
          ...same('his own home, outside the area, withheld', withheld(body), [
            'adres.eigenaar.adressenInEigendom.3.adresId subject.withheld',
            'adres.eigenaar.adressenInEigendom.3.straat subject.withheld',
            'adres.eigenaar.adressenInEigendom.3.huisnummer subject.withheld',
          ]),
        ],
      },
    ],
  },
  {
    number: 3,
    title: 'The desk research (four Lindelaan addresses, three partners, one query)',
    steps: [
      ...Object.values(LINDELAAN).map((adresId) => ({
        title: `The coordinator selects ${adresId} (two partners’ signals)`,
        who: { role: 'coordinator', org: 'sociale-dienst' },
        purpose: 'uitkeringsfraude',
        query: select(adresId, 'Overlapping signals of two partners on this address.'),
        expect: noErrors,
        remember: rememberCase(adresId),
      })),
      {
        title: 'Identifying data first, over the four addresses',
        who: { role: 'analist', org: 'sociale-dienst' },
        purpose: 'uitkeringsfraude',
        query: `{ ${Object.entries(LINDELAAN).map(([n, id]) => `lindelaan${n}: adres(adresId: "${id}") { bewoners { bsn naam { geslachtsnaam } } }`).join(' ')} }`,
        expect: noErrors,
      },
      {
        title: 'One query: assistance, jobs and income side by side; three addresses disagree, Lindelaan 15 agrees',
        who: { role: 'analist', org: 'sociale-dienst' },
        purpose: 'uitkeringsfraude',
        query: DESK_RESEARCH,
        expect: ({ body }) => [
          ...noErrors({ body }),
          ...same('Lindelaan 3: a job alongside assistance', at(body, 'lindelaan3.bewoners.0.dienstverbanden.0.werkgeverNaam'), 'Bouwbedrijf Lindeboom B.V.'),
          ...same('Lindelaan 7: income of 31712', at(body, 'lindelaan7.bewoners.0.inkomens.0.verzamelinkomen'), 31712),
          ...same('Lindelaan 15: no job', at(body, 'lindelaan15.bewoners.0.dienstverbanden.0.einddatum'), '2024-05-31'),
        ],
      },
    ],
  },
  {
    number: 4,
    title: 'Help, not only enforcement (Meidoornweg 27)',
    steps: [
      {
        title: 'The coordinator selects Meidoornweg 27 (police and Inlichtingenbureau signals)',
        who: { role: 'coordinator', org: 'sociale-dienst' },
        purpose: 'hulpverlening',
        query: select(WOUTERS, 'A neighbour is worried about the elderly resident.'),
        expect: noErrors,
        remember: rememberCase(WOUTERS),
      },
      {
        title: 'The care worker identifies the residents, then sees Gerda’s care trajectory',
        who: { role: 'zorgverlener', org: 'wijkteam' },
        purpose: 'hulpverlening',
        query: `{ adres(adresId: "${WOUTERS}") { bewoners { bsn naam { voornamen } heeftZorgverwijzing } } }`,
        expect: noErrors,
      },
      {
        title: 'Gerda’s care trajectory, to the care role acting for help',
        who: { role: 'zorgverlener', org: 'wijkteam' },
        purpose: 'hulpverlening',
        query: `{ persoon(bsn: "999990317") { zorgtrajecten { soort startdatum } } }`,
        expect: ({ body }) => same('care', body.data, { persoon: { zorgtrajecten: [{ soort: 'wmo-begeleiding', startdatum: '2026-07-01' }] } }),
      },
      {
        title: 'The enforcement analyst sees that a referral exists, never the care data',
        who: { role: 'analist', org: 'sociale-dienst' },
        purpose: 'uitkeringsfraude',
        query: `{ persoon(bsn: "999990317") { heeftZorgverwijzing zorgtrajecten { soort } } }`,
        expect: ({ body }) => [...same('released', body.data, { persoon: { heeftZorgverwijzing: true, zorgtrajecten: null } }), ...same('withheld', withheld(body), ['persoon.zorgtrajecten doelbinding.care-only'])],
      },
    ],
  },
  {
    number: 5,
    title: 'The data subject (Esmee Verhoeven asks who looked at her data)',
    steps: [
      {
        title: 'The privacy officer’s report for her: when, which organisation, project, purpose and kinds of data',
        who: { role: 'privacy-officer', org: 'brp' },
        purpose: '-',
        audit: { method: 'POST', path: '/audit/subject-access-report', body: { bsn: ESMEE } },
        expect: ({ status, body }) => {
          const entries = (body as unknown as { entries?: { organisation: string }[] }).entries ?? [];
          const organisations = [...new Set(entries.map((e) => e.organisation))];
          return [...same('status', status, 200), ...(organisations.includes('belastingdienst') ? [] : [`the report names no look by the Belastingdienst: ${JSON.stringify(organisations)}`])];
        },
      },
      {
        title: 'The chain of audit records is intact',
        who: { role: 'privacy-officer', org: 'brp' },
        purpose: '-',
        audit: { method: 'GET', path: '/audit/chain' },
        expect: ({ status, body }) => [...same('status', status, 200), ...same('intact', (body as unknown as { ok?: boolean }).ok, true)],
      },
    ],
  },
];
