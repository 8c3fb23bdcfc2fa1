/**
 * Scenario 1, the rented-out family home (BRIEF §6.1, docs/scenarios.md): Hazelaarstraat 14,
 * 9999200000900001, end to end through the whole product, on the product's clock: 2026-04-01
 * (before the Belastingdienst's signal of 2026-06-15 overlaps the corporation's), 2026-06-15 (the
 * overlap and the selection), then case work in November. What each role sees at each step:
 * signals side by side, no personal data before selection, selection by the coordinator only and
 * only on overlap, identifying data after selection, financial data only after identifying data (or
 * on a justification the privacy officer reviews), criminal-law data only on a documented suspicion
 * (a justification does not replace it), and the Labour Inspectorate's data only for its purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denials, justification, PROJECT, startProduct, type GraphQLBody, type Product } from '../helpers/product.ts';
import { storedFieldDecisions } from '../helpers/field-decisions.ts';
import { testClock, type TestClock } from '../helpers/test-clock.ts';
import { withheldReason } from '../policy/fixtures.ts';

const ADRES = '9999200000900001';
const ESMEE = '999990007';
const PIOTR = '999990044';
const DENNIS = '999990032';
const VISIT_JUSTIFICATION = 'The desk research cannot show who actually lives in the dwelling; only a visit can.';
const VISIT = (zaakId: string) => `mutation { legHuisbezoekVast(zaakId: "${zaakId}", datum: "2026-09-22",
  rechtvaardiging: "${VISIT_JUSTIFICATION}", bevinding: "Six men live in the dwelling; the registered family does not.",
  aangetroffen: ["999990044", "999990056", "999990068", "999990081", "999990093", "999990111"]) { datum rechtvaardiging aantalAangetroffen organisatie } }`;
const REDEN = 'Nuisance reported by the corporation; allowances that do not fit the household.';
const JUSTIFICATION = 'The household composition in the BRP cannot show the allowances that the signal is about.';

const LIST_FROM = (minimaalPartners: number) => `{ projectAdressen(project: "${PROJECT}", minimaalPartners: ${minimaalPartners}, eerste: 100) {
  items { adres { adresId } aantalPartners partners signaalSoorten eersteSignaal laatsteSignaal geselecteerd zaak { id } } } }`;
const LIST = LIST_FROM(2);
const REGISTER = `{ adres(adresId: "${ADRES}") { straat huisnummer postcode verblijfsobject { oppervlakte aantalWooneenheden } aantalBewoners bewoners { bsn } } }`;
const SELECT = `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "${REDEN}") { id geopendOp } }`;
const ESMEE_TOESLAGEN = `{ persoon(bsn: "${ESMEE}") { toeslagen { soort jaar jaarbedrag } } }`;
const BEWONERS = `{ adres(adresId: "${ADRES}") { bewoners { bsn naam { voornamen geslachtsnaam } geboortedatum } } }`;
const POLITIE = `{ adres(adresId: "${ADRES}") { politieRegistraties { id soort datum } } }`;
const BEWONERS_TOESLAGEN = `{ adres(adresId: "${ADRES}") { bewoners { bsn toeslagen { soort jaar jaarbedrag } } } }`;
const LABOUR = `{ persoon(bsn: "${PIOTR}") { loonbevindingen { id betaaldUurloonCent minimumUurloonCent } }
  adres(adresId: "${ADRES}") { huisvestingArbeidsmigranten { aantalPersonen vastgesteldOp werkgever { werkgeverId naam eigenaar { naam { geslachtsnaam } } } } } }`;

const ESMEE_ALLOWANCES = [
  { soort: 'zorgtoeslag', jaar: 2026, jaarbedrag: 1500 },
  { soort: 'kindgebonden-budget', jaar: 2026, jaarbedrag: 4082 },
  { soort: 'huurtoeslag', jaar: 2026, jaarbedrag: 2842 },
];

function listItem(body: GraphQLBody) {
  const items = (body.data?.['projectAdressen'] as { items: { adres: { adresId: string } }[] }).items;
  return items.find((item) => item.adres.adresId === ADRES);
}

/** No oracle: before the selection, the residents are refused with the uniform refusal, whatever the address's signals. */
const WITHHELD = { code: 'FIELD_DENIED', principle: 'subject', rule: 'subject.withheld' } as const;

describe('scenario 1: the rented-out family home', () => {
  let p: Product;
  let analist: string;
  let coordinator: string;
  let privacyOfficer: string;
  let caseId: string;
  let clock: TestClock;

  beforeAll(async () => {
    clock = testClock('2026-04-01');
    p = await startProduct({ clock });
    analist = await p.token('analist', 'belastingdienst');
    coordinator = await p.token('coordinator', 'sociale-dienst');
    privacyOfficer = await p.token('privacy-officer', 'brp');
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('on 2026-04-01, before the overlap, the list shows the address with the corporation’s signal alone; not among the addresses of two partners', async () => {
    const two = await p.query(analist, 'woonfraude', LIST);
    expect(two.body.errors).toBeUndefined();
    expect(listItem(two.body)).toBeUndefined();

    const { status, body } = await p.query(analist, 'woonfraude', LIST_FROM(1));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(listItem(body)).toEqual({
      adres: { adresId: ADRES },
      aantalPartners: 1,
      partners: ['woningcorporatie'],
      signaalSoorten: ['overlast'],
      eersteSignaal: '2026-03-02',
      laatsteSignaal: '2026-03-02',
      geselecteerd: false,
      zaak: null,
    });
  });

  it('before the overlap the analyst gets the register data and the residents only as a count (minimised before selection), with or without a justification', async () => {
    for (const headers of [{}, justification(JUSTIFICATION)]) {
      const { status, body } = await p.query(analist, 'woonfraude', REGISTER, headers);
      expect(status).toBe(200);
      expect(body.data).toEqual({
        adres: { straat: 'Hazelaarstraat', huisnummer: 14, postcode: '5971ZA', verblijfsobject: { oppervlakte: 85, aantalWooneenheden: 1 }, aantalBewoners: 3, bewoners: null },
      });
      expect(body.errors?.map((e) => [e.path, e.extensions?.['code']])).toEqual([[['adres', 'bewoners'], 'FIELD_MINIMISED']]);
      expect(body.extensions).toEqual({ doelpoort: { minimised: [{ path: ['adres', 'bewoners'], coordinate: 'Adres.bewoners', transform: 'count', value: 3 }] } });
    }
    // A field without a minimised form (the name) is still refused, with the uniform refusal (no oracle).
    const { body } = await p.query(analist, 'woonfraude', `{ persoon(bsn: "${ESMEE}") { naam { geslachtsnaam } } }`);
    expect(denials(body)).toEqual([{ path: 'persoon.naam', ...WITHHELD }]);
    expect(body.errors![0]!.extensions!['reason']).toBe(withheldReason('Persoon.naam', 'identifying'));
  });

  it('under uitkeringsfraude, for which the corporation does not share its signal, the residents are refused as at an address without any signal (no oracle)', async () => {
    const { status, body } = await p.query(analist, 'uitkeringsfraude', REGISTER);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      adres: { straat: 'Hazelaarstraat', huisnummer: 14, postcode: '5971ZA', verblijfsobject: { oppervlakte: 85, aantalWooneenheden: 1 }, aantalBewoners: 3, bewoners: null },
    });
    expect(denials(body)).toEqual([{ path: 'adres.bewoners', ...WITHHELD }]);
    expect(body.extensions).toBeUndefined();
  });

  it('before the overlap the coordinator cannot select the address: one partner is below the selection threshold', async () => {
    const { status, body } = await p.query(coordinator, 'woonfraude', SELECT);
    expect(status).toBe(200);
    expect(body.data).toEqual({ selecteerAdres: null });
    expect(body.errors).toEqual([
      {
        message:
          "project: Selection needs signals from at least 2 participating partners; this address has 1 (woningcorporatie). Select it only when another partner's signal overlaps.",
        locations: [{ line: 1, column: 12 }],
        path: ['selecteerAdres'],
        extensions: { partnerCode: 'BELOW_SELECTION_THRESHOLD', code: 'SUBGRAPH_ERROR', serviceName: 'project' },
      },
    ]);
  });

  it('on 2026-06-15 the Belastingdienst’s signal overlaps: the list shows both partners side by side, not yet selected', async () => {
    clock.set('2026-06-15');
    const { status, body } = await p.query(analist, 'woonfraude', LIST);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(listItem(body)).toEqual({
      adres: { adresId: ADRES },
      aantalPartners: 2,
      partners: ['belastingdienst', 'woningcorporatie'],
      signaalSoorten: ['overlast', 'toeslagen-afwijkend'],
      eersteSignaal: '2026-03-02',
      laatsteSignaal: '2026-06-15',
      geselecteerd: false,
      zaak: null,
    });
  });

  it('before selection the analyst gets the register data (BAG) but the residents only as a count (no selection yet)', async () => {
    const { status, body } = await p.query(analist, 'uitkeringsfraude', REGISTER);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      adres: { straat: 'Hazelaarstraat', huisnummer: 14, postcode: '5971ZA', verblijfsobject: { oppervlakte: 85, aantalWooneenheden: 1 }, aantalBewoners: 3, bewoners: null },
    });
    expect(body.extensions).toEqual({ doelpoort: { minimised: [{ path: ['adres', 'bewoners'], coordinate: 'Adres.bewoners', transform: 'count', value: 3 }] } });
  });

  it('an analyst cannot select the address: only a coordinator selects (FORBIDDEN)', async () => {
    const { status, body } = await p.query(analist, 'woonfraude', SELECT);
    expect(status).toBe(200);
    expect(body.data).toEqual({ selecteerAdres: null });
    expect(body.errors).toEqual([
      {
        message: `project: Only a project coordinator selects addresses; your roles are "analist". Ask the coordinator of project "${PROJECT}".`,
        locations: [{ line: 1, column: 12 }],
        path: ['selecteerAdres'],
        extensions: { partnerCode: 'FORBIDDEN', code: 'SUBGRAPH_ERROR', serviceName: 'project' },
      },
    ]);
  });

  it('the coordinator selects it: a case is opened on 2026-06-15 and the list shows it selected', async () => {
    const selected = await p.query(coordinator, 'woonfraude', SELECT);
    expect(selected.body.errors).toBeUndefined();
    const zaak = (selected.body.data as { selecteerAdres: { id: string; geopendOp: string } }).selecteerAdres;
    expect(zaak.geopendOp.slice(0, 10)).toBe('2026-06-15');
    expect(zaak.id).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    caseId = zaak.id;

    const { body } = await p.query(analist, 'woonfraude', LIST);
    expect(listItem(body)).toMatchObject({ geselecteerd: true, zaak: { id: caseId } });
  });

  it('after selection, financial data is denied by subsidiarity until identifying data was consulted in the case', async () => {
    // The case work runs in November, after the reference date the world is drawn on.
    clock.set('2026-11-23');
    const { body } = await p.query(analist, 'uitkeringsfraude', ESMEE_TOESLAGEN);
    expect(body.data).toEqual({ persoon: { toeslagen: null } });
    expect(denials(body)).toEqual([{ path: 'persoon.toeslagen', code: 'FIELD_DENIED', principle: 'subsidiariteit', rule: 'subsidiariteit.lower-tiers-first' }]);
    expect(body.errors![0]!.extensions!['reason']).toBe(
      `consult the identifying data in case ${caseId} before financial data, or give a written justification of why they cannot serve in the x-doelpoort-justification header (it is recorded for the privacy officer's review)`,
    );
  });

  it('with a written justification the allowances are given at once, and the decision is flagged for the privacy officer', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', ESMEE_TOESLAGEN, justification(JUSTIFICATION));
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ persoon: { toeslagen: ESMEE_ALLOWANCES } });

    const reviews = await p.audit(privacyOfficer, 'GET', '/audit/reviews');
    expect(reviews.status).toBe(200);
    const { items, next } = reviews.body as { items: { seq: number; field: number; kind: string; body: Record<string, unknown> }[]; next: unknown };
    expect(next).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe('decision');
    // One decision record of the request about Esmee and the Belastingdienst's call; toeslagen is its only field.
    expect(items[0]!.field).toBe(0);
    expect(items[0]!.body).toMatchObject({
      resource: 'Persoon.toeslagen',
      owner: 'belastingdienst',
      tier: 'financial',
      outcome: 'allow',
      rule: 'subsidiariteit.justified',
      flagged_for_review: true,
      justification: JUSTIFICATION,
      case_id: caseId,
      organisation: 'belastingdienst',
      role: 'analist',
      caller_id: 'belastingdienst-analist-1',
      project: PROJECT,
      purpose: 'uitkeringsfraude',
      subject_type: 'person',
    });
    expect(items[0]!.body['subject_pseudonym']).toMatch(/^[0-9a-f]{64}$/);

    const analystTries = await p.audit(analist, 'GET', '/audit/reviews');
    expect(analystTries).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: 'The audit API is for the privacy-officer role only.' } } });

    // The record names who asked once; the review names the field of it that was flagged.
    expect(await p.audit(privacyOfficer, 'POST', `/audit/reviews/${items[0]!.seq}`, {})).toMatchObject({ status: 404 });
    const marked = await p.audit(privacyOfficer, 'POST', `/audit/reviews/${items[0]!.seq}`, { field: items[0]!.field, note: 'Justification read; acceptable for this case.' });
    expect(marked.status).toBe(200);
    expect((marked.body as { reviewSeq: number }).reviewSeq).toBeGreaterThan(items[0]!.seq);
    expect((await p.audit(privacyOfficer, 'GET', '/audit/reviews')).body).toEqual({ items: [], next: null });
    // A decision is reviewed once: the second mark names the first.
    const again = await p.audit(privacyOfficer, 'POST', `/audit/reviews/${items[0]!.seq}`, { field: 0 });
    expect(again.status).toBe(409);
    expect((again.body as { error: { code: string; message: string } }).error).toMatchObject({ code: 'ALREADY_REVIEWED', message: expect.stringMatching(new RegExp(`^seq ${items[0]!.seq} field 0 was already reviewed by \\S+ at `)) });
  });

  it('after selection the identifying data of the residents is allowed', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', BEWONERS);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      adres: {
        bewoners: [
          { bsn: '999990007', naam: { voornamen: 'Esmee', geslachtsnaam: 'Verhoeven' }, geboortedatum: '1994-05-12' },
          { bsn: '999990019', naam: { voornamen: 'Noah', geslachtsnaam: 'Verhoeven' }, geboortedatum: '2020-03-14' },
          { bsn: '999990020', naam: { voornamen: 'Lotte', geslachtsnaam: 'Verhoeven' }, geboortedatum: '2022-09-30' },
        ],
      },
    });
  });

  it('once identifying data was consulted in the case, the allowances come without a justification: 1500, 4082, 2842', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', BEWONERS_TOESLAGEN);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      adres: {
        bewoners: [
          { bsn: '999990007', toeslagen: ESMEE_ALLOWANCES },
          { bsn: '999990019', toeslagen: [] },
          { bsn: '999990020', toeslagen: [] },
        ],
      },
    });
    expect((await p.audit(privacyOfficer, 'GET', '/audit/reviews')).body).toEqual({ items: [], next: null });
  });

  // Issue 12, item 10: the case's reason is data about the address, decided on and recorded like its
  // other fields (reading it is reading identifying data in the case, so it is asked after the ladder steps above).
  it('the reason of the case is a field of the address: released with a decision record, and withheld where the address’s fields are', async () => {
    const reason = `{ adres(adresId: "${ADRES}") { zaakReden } }`;
    const { body } = await p.query(analist, 'woonfraude', reason);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ adres: { zaakReden: REDEN } });
    const decided = (await storedFieldDecisions(p.doelpoort.db)).filter((d) => d.body.resource === 'Adres.zaakReden');
    expect(decided.map((d) => [d.body.owner, d.body.tier, d.body.outcome])).toEqual([['project', 'identifying', 'allow']]);
    // An address that is not selected: the field is refused like the address's other personal data, not merely empty.
    const unselected = await p.query(analist, 'woonfraude', `{ adres(adresId: "9999200000900002") { zaakReden } }`);
    expect(unselected.body.data).toEqual({ adres: { zaakReden: null } });
    expect(denials(unselected.body)).toEqual([{ path: 'adres.zaakReden', ...WITHHELD }]);
  });

  it('after selection, the police’s data is refused by proportionaliteit: criminal-law data needs a documented suspicion in the case, and a justification does not replace it', async () => {
    const inspector = await p.token('analist', 'arbeidsinspectie');
    for (const headers of [{}, justification(JUSTIFICATION)]) {
      const { body } = await p.query(inspector, 'arbeidsuitbuiting', POLITIE, headers);
      expect(body.data).toEqual({ adres: { politieRegistraties: null } });
      expect(denials(body)).toEqual([{ path: 'adres.politieRegistraties', ...WITHHELD }]);
      expect(body.errors![0]!.message).toBe(`Access to Adres.politieRegistraties was denied (subject): ${withheldReason('Adres.politieRegistraties', 'criminal-law')}`);
    }
    expect((await p.audit(privacyOfficer, 'GET', '/audit/reviews')).body).toEqual({ items: [], next: null });
  });

  it('the Labour Inspectorate’s data is denied for purpose uitkeringsfraude (the inspectorate shares it only against exploitation)', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', LABOUR);
    expect(body.data).toEqual({ persoon: { loonbevindingen: null }, adres: { huisvestingArbeidsmigranten: null } });
    expect(denials(body)).toEqual([
      { path: 'persoon.loonbevindingen', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.owner-purpose' },
      { path: 'adres.huisvestingArbeidsmigranten', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.owner-purpose' },
    ]);
    expect(body.errors![0]!.extensions!['reason']).toBe('"arbeidsinspectie" shares Persoon.loonbevindingen only for "arbeidsuitbuiting", not for "uitkeringsfraude"');
  });

  it('the Labour Inspectorate (purpose arbeidsuitbuiting) sees the housing of the six men and, through it, the employer’s owner; the men’s wage findings wait for a visit: they are registered nowhere', async () => {
    const inspector = await p.token('analist', 'arbeidsinspectie');
    const { body } = await p.query(inspector, 'arbeidsuitbuiting', LABOUR);
    expect(body.data).toEqual({
      persoon: { loonbevindingen: null },
      adres: {
        huisvestingArbeidsmigranten: [
          {
            aantalPersonen: 6,
            vastgesteldOp: '2026-09-22',
            werkgever: { werkgeverId: '899990001L01', naam: 'Kraaijeveld Logistiek B.V.', eigenaar: { naam: { geslachtsnaam: 'Kraaijeveld' } } },
          },
        ],
      },
    });
    // Dennis lives in Oude Haven, outside the area, but owns the employer that houses people at the
    // selected address: in scope through that link. Piotr is tied to the address by no record yet.
    expect(denials(body)).toEqual([{ path: 'persoon.loonbevindingen', ...WITHHELD }]);
    expect(body.errors![0]!.extensions!['reason']).toBe(withheldReason('Persoon.loonbevindingen', 'financial'));
    const { items } = (await p.audit(privacyOfficer, 'POST', '/audit/person-access', { bsn: DENNIS })).body as { items: { body: Record<string, unknown> }[] };
    const naam = items.find((item) => item.body['resource'] === 'Persoon.naam' && item.body['outcome'] === 'allow');
    expect(naam?.body['scope_link']).toEqual({
      kind: 'werkgever-van-bewoners',
      partner: 'arbeidsinspectie',
      record: 'huisvesting door werkgever 899990001L01',
      address_pseudonym: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(naam?.body['case_id']).toBe(caseId);
  });

  it('the visit is recorded in the case with its justification and the six men found; then the inspectorate sees their wage findings, and nobody else does', async () => {
    const handhaver = await p.token('handhaver', 'arbeidsinspectie');
    const visit = await p.query(handhaver, 'arbeidsuitbuiting', VISIT(caseId));
    expect(visit.body.errors).toBeUndefined();
    expect(visit.body.data).toEqual({
      legHuisbezoekVast: { datum: '2026-09-22', rechtvaardiging: VISIT_JUSTIFICATION, aantalAangetroffen: 6, organisatie: 'arbeidsinspectie' },
    });

    const inspector = await p.token('analist', 'arbeidsinspectie');
    const { body } = await p.query(inspector, 'arbeidsuitbuiting', `{ persoon(bsn: "${PIOTR}") { loonbevindingen { id betaaldUurloonCent minimumUurloonCent } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ persoon: { loonbevindingen: [{ id: 'NLA-L-9001', betaaldUurloonCent: 850, minimumUurloonCent: 1440 }] } });

    const { items } = (await p.audit(privacyOfficer, 'POST', '/audit/person-access', { bsn: PIOTR })).body as { items: { body: Record<string, unknown> }[] };
    const released = items.find((item) => item.body['resource'] === 'Persoon.loonbevindingen' && item.body['outcome'] === 'allow');
    expect(released?.body['scope_link']).toMatchObject({ kind: 'aangetroffen-bij-huisbezoek', partner: 'project' });
    expect(String((released?.body['scope_link'] as { record: string }).record)).toMatch(/^huisbezoek [0-9a-f-]{36} op 2026-09-22$/);

    const other = await p.query(analist, 'uitkeringsfraude', `{ persoon(bsn: "${PIOTR}") { loonbevindingen { id } } }`);
    expect(denials(other.body)).toEqual([{ path: 'persoon.loonbevindingen', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.owner-purpose' }]);
  });

  // The case file's findings and home visits are data about the address. They were fields of Zaak,
  // given through the project list to every participant without a decision; now they are fields of
  // the address, decided on for each address and recorded, however they are reached.
  it('the case’s home visits are fields of the address: released with a decision record, through the project list too', async () => {
    const VISITS = [{ datum: '2026-09-22', bevinding: 'Six men live in the dwelling; the registered family does not.', aantalAangetroffen: 6 }];
    const direct = await p.query(analist, 'woonfraude', `{ adres(adresId: "${ADRES}") { huisbezoeken { datum bevinding aantalAangetroffen } } }`);
    expect(direct.body.errors).toBeUndefined();
    expect(direct.body.data).toEqual({ adres: { huisbezoeken: VISITS } });
    const listed = await p.query(analist, 'woonfraude', `{ projectAdressen(project: "${PROJECT}", minimaalPartners: 2, eerste: 100) {
      items { zaak { adres { adresId huisbezoeken { datum bevinding aantalAangetroffen } } } } } }`);
    expect(listed.body.errors).toBeUndefined();
    const items = (listed.body.data?.['projectAdressen'] as { items: { zaak: { adres: { adresId: string; huisbezoeken: unknown } } | null }[] }).items;
    expect(items.find((item) => item.zaak?.adres.adresId === ADRES)?.zaak?.adres.huisbezoeken).toEqual(VISITS);
    const decided = (await storedFieldDecisions(p.doelpoort.db)).filter((d) => d.body.resource === 'Adres.huisbezoeken');
    expect(decided.map((d) => [d.body.owner, d.body.tier, d.body.outcome])).toEqual([
      ['project', 'identifying', 'allow'],
      ['project', 'identifying', 'allow'],
    ]);
    // The case itself holds no findings any more: no way around the address's decision.
    const around = await p.query(analist, 'woonfraude', `{ projectAdressen(project: "${PROJECT}") { items { zaak { huisbezoeken { bevinding } bevindingen { toelichting } } } } }`);
    expect(around.body.data).toBeUndefined();
    expect(around.body.errors!.map((e) => e.extensions!['code'])).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
  });
});
