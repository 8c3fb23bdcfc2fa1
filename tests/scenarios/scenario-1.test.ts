/**
 * Scenario 1, the rented-out family home (BRIEF §6.1, docs/scenarios.md): Hazelaarstraat 14,
 * 9999200000900001, end to end through the whole product. What each role sees at each step:
 * signals side by side, no personal data before selection, selection by the coordinator only,
 * identifying data after selection, financial data only after identifying data (or on a
 * justification the privacy officer reviews), and the Labour Inspectorate's data only for its purpose.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../gateway/context/types.ts';
import { createStoreFacts } from '../../gateway/facts/provider.ts';
import { createPolicy } from '../../gateway/policy/create-policy.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { denials, justification, PROJECT, startProduct, type GraphQLBody, type Product } from '../helpers/product.ts';
import { worldRegisters } from './world-registers.ts';

const ADRES = '9999200000900001';
const ESMEE = '999990007';
const PIOTR = '999990044';
const REDEN = 'Nuisance reported by the corporation; allowances that do not fit the household.';
const JUSTIFICATION = 'The household composition in the BRP cannot show the allowances that the signal is about.';

const LIST = `{ projectAdressen(project: "${PROJECT}", minimaalPartners: 2, eerste: 100) {
  items { adres { adresId } aantalPartners partners signaalSoorten eersteSignaal laatsteSignaal geselecteerd zaak { id reden } } } }`;
const REGISTER = `{ adres(adresId: "${ADRES}") { straat huisnummer postcode verblijfsobject { oppervlakte aantalWooneenheden } aantalBewoners bewoners { bsn } } }`;
const SELECT = `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES}", reden: "${REDEN}") { id reden } }`;
const ESMEE_TOESLAGEN = `{ persoon(bsn: "${ESMEE}") { toeslagen { soort jaar jaarbedrag } } }`;
const BEWONERS = `{ adres(adresId: "${ADRES}") { bewoners { bsn naam { voornamen geslachtsnaam } geboortedatum } } }`;
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

describe('scenario 1: the rented-out family home', () => {
  let p: Product;
  let analist: string;
  let coordinator: string;
  let privacyOfficer: string;
  let caseId: string;

  beforeAll(async () => {
    p = await startProduct();
    analist = await p.token('analist', 'belastingdienst');
    coordinator = await p.token('coordinator', 'sociale-dienst');
    privacyOfficer = await p.token('privacy-officer', 'brp');
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('the project list shows the address with its signal partners side by side, not yet selected', async () => {
    const { status, body } = await p.query(analist, 'uitkeringsfraude', LIST);
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

  it('before the overlap (judged on 2026-04-01, policy level: the HTTP API cannot move the clock) the address has one signal; from 2026-06-15 two', async () => {
    const data = loadPolicyData(fileURLToPath(new URL('../../policies', import.meta.url)));
    const policy = createPolicy({ data, facts: createStoreFacts({ db: p.doelpoort.db, registers: worldRegisters() }) });
    const question = {
      owner: 'brp',
      fields: [
        { coordinate: 'Adres.aantalBewoners', owner: 'brp', classification: { tier: 'low' as const, purposes: ['uitkeringsfraude'] } },
        { coordinate: 'Adres.bewoners', owner: 'brp', classification: { tier: 'identifying' as const, purposes: ['uitkeringsfraude'], minimised: 'count' as const } },
      ],
      entities: [{ typename: 'Adres', kind: 'address' as const, subjectId: ADRES, path: ['adres'] }],
    };
    const on = (day: string): RequestContext => ({
      requestId: randomUUID(),
      traceId: '0'.repeat(31) + '1',
      spanId: '0'.repeat(15) + '1',
      now: new Date(`${day}T10:00:00+02:00`),
      caller: { id: 'belastingdienst-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] },
      purpose: { project: PROJECT, purpose: 'uitkeringsfraude' },
    });
    const reason = (count: string) =>
      `personal data needs a selected address, and this address has no open case in project "${PROJECT}"; an address is selected when signals from two partners overlap (it has ${count})`;

    expect((await policy.decide(question, on('2026-04-01'))).decisions).toEqual([
      [{ outcome: 'allow', rule: 'policy.allow' }, { outcome: 'deny', principle: 'dragnet', rule: 'dragnet.no-selection', reason: reason('one') }],
    ]);
    expect((await policy.decide(question, on('2026-06-15'))).decisions).toEqual([
      [{ outcome: 'allow', rule: 'policy.allow' }, { outcome: 'deny', principle: 'dragnet', rule: 'dragnet.no-selection', reason: reason('two') }],
    ]);
  });

  it('before selection the analyst gets the register data (BAG) but not the residents (dragnet.no-selection)', async () => {
    const { status, body } = await p.query(analist, 'uitkeringsfraude', REGISTER);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      adres: { straat: 'Hazelaarstraat', huisnummer: 14, postcode: '5971ZA', verblijfsobject: { oppervlakte: 85, aantalWooneenheden: 1 }, aantalBewoners: 3, bewoners: null },
    });
    expect(denials(body)).toEqual([{ path: 'adres.bewoners', code: 'FIELD_DENIED', principle: 'dragnet', rule: 'dragnet.no-selection' }]);
    expect(body.errors![0]!.extensions!['reason']).toBe(
      `personal data needs a selected address, and this address has no open case in project "${PROJECT}"; an address is selected when signals from two partners overlap (it has two)`,
    );
  });

  it('an analyst cannot select the address: only a coordinator selects (FORBIDDEN)', async () => {
    const { status, body } = await p.query(analist, 'uitkeringsfraude', SELECT);
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      {
        message: `project: Only a project coordinator selects addresses; your role is "analist". Ask the coordinator of project "${PROJECT}".`,
        locations: [{ line: 1, column: 12 }],
        path: ['selecteerAdres'],
        extensions: { partnerCode: 'FORBIDDEN', code: 'SUBGRAPH_ERROR', serviceName: 'project' },
      },
    ]);
  });

  it('the coordinator selects it: a case is opened and the list shows it selected', async () => {
    const selected = await p.query(coordinator, 'uitkeringsfraude', SELECT);
    expect(selected.body.errors).toBeUndefined();
    const zaak = (selected.body.data as { selecteerAdres: { id: string; reden: string } }).selecteerAdres;
    expect(zaak.reden).toBe(REDEN);
    expect(zaak.id).toMatch(/^[A-Za-z0-9-]{1,64}$/);
    caseId = zaak.id;

    const { body } = await p.query(analist, 'uitkeringsfraude', LIST);
    expect(listItem(body)).toMatchObject({ geselecteerd: true, zaak: { id: caseId, reden: REDEN } });
  });

  it('after selection, financial data is denied by subsidiarity until identifying data was consulted in the case', async () => {
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
    const { items, next } = reviews.body as { items: { seq: number; kind: string; body: Record<string, unknown> }[]; next: unknown };
    expect(next).toBeNull();
    expect(items).toHaveLength(1);
    expect(items[0]!.kind).toBe('decision');
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

    const marked = await p.audit(privacyOfficer, 'POST', `/audit/reviews/${items[0]!.seq}`, { note: 'Justification read; acceptable for this case.' });
    expect(marked.status).toBe(200);
    expect((marked.body as { reviewSeq: number }).reviewSeq).toBeGreaterThan(items[0]!.seq);
    expect((await p.audit(privacyOfficer, 'GET', '/audit/reviews')).body).toEqual({ items: [], next: null });
    const again = await p.audit(privacyOfficer, 'POST', `/audit/reviews/${items[0]!.seq}`, {});
    expect(again.status).toBe(404);
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

  it('the Labour Inspectorate’s data is denied for purpose uitkeringsfraude (the inspectorate shares it only against exploitation)', async () => {
    const { body } = await p.query(analist, 'uitkeringsfraude', LABOUR);
    expect(body.data).toEqual({ persoon: { loonbevindingen: null }, adres: { huisvestingArbeidsmigranten: null } });
    expect(denials(body)).toEqual([
      { path: 'persoon.loonbevindingen', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.owner-purpose' },
      { path: 'adres.huisvestingArbeidsmigranten', code: 'FIELD_DENIED', principle: 'doelbinding', rule: 'doelbinding.owner-purpose' },
    ]);
    expect(body.errors![0]!.extensions!['reason']).toBe('"arbeidsinspectie" shares Persoon.loonbevindingen only for "arbeidsuitbuiting", not for "uitkeringsfraude"');
  });

  it('the Labour Inspectorate (purpose arbeidsuitbuiting) sees the housing of the six men; their wage findings stay out of scope: they are registered nowhere', async () => {
    const inspector = await p.token('analist', 'arbeidsinspectie');
    const { body } = await p.query(inspector, 'arbeidsuitbuiting', LABOUR);
    expect(body.data).toEqual({
      persoon: { loonbevindingen: null },
      adres: {
        huisvestingArbeidsmigranten: [
          { aantalPersonen: 6, vastgesteldOp: '2026-09-22', werkgever: { werkgeverId: '899990001L01', naam: 'Kraaijeveld Logistiek B.V.', eigenaar: { naam: null } } },
        ],
      },
    });
    // The men and the employer's owner (Dennis, registered in Oude Haven) are not registered at an
    // address in the project's area on the reference date, so the scope principle refuses them.
    expect(denials(body)).toEqual([
      { path: 'persoon.loonbevindingen', code: 'FIELD_DENIED', principle: 'scope', rule: 'scope.out-of-area' },
      { path: 'adres.huisvestingArbeidsmigranten.0.werkgever.eigenaar.naam', code: 'FIELD_DENIED', principle: 'scope', rule: 'scope.out-of-area' },
    ]);
    expect(body.errors![0]!.extensions!['reason']).toBe(
      `this person is not registered at an address in the area of project "${PROJECT}" on the reference date 2026-11-01`,
    );
  });
});
