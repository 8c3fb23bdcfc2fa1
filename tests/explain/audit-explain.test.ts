/**
 * POST /audit/explain on the whole product: privacy officers only, exact 400s for bad bodies, an
 * explanation made from the store alone (no partner receives anything), and only the officer's own
 * processing record of the address it read about written to the audit log: never a decision record
 * (a decision record would count as a consulted tier), so the analyst's subsidiarity is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import { loadPseudonymKey } from '../../gateway/audit/keys.ts';
import { consultedTiers } from '../../gateway/facts/provider.ts';
import { ADRES, BSN } from './world.ts';
import { PROJECT, startProduct, type Product } from '../helpers/product.ts';

const HOME = `{ adres(adresId: "${ADRES.gezinswoning}") { straat bewoners { bsn } } persoon(bsn: "${BSN.esmeeVerhoeven}") { toeslagen { jaarbedrag } } }`;
const ANALYST = { organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT], project: PROJECT, purpose: 'uitkeringsfraude' };
const ENTITY_RULES = ['scope.out-of-area', 'doelbinding.brp-secrecy', 'dragnet.no-selection', 'proportionaliteit.tier-weight', 'subsidiariteit.lower-tiers-first'];
const ASSUMED_SCOPE = [
  {
    rule: 'scope.out-of-area',
    why: "whether the address lies in the project's area depends on its postcode in the BAG, which a dry run does not ask; the outcome holds if it does",
  },
];

describe('POST /audit/explain', () => {
  let p: Product;
  let officer: string;
  let caseId: string;

  beforeAll(async () => {
    p = await startProduct();
    officer = await p.token('privacy-officer', 'brp');
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    const selected = await p.query(
      coordinator,
      'uitkeringsfraude',
      `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${ADRES.gezinswoning}", reden: "Signals of two partners overlap on this address.") { id } }`,
    );
    caseId = (selected.body.data as { selecteerAdres: { id: string } }).selecteerAdres.id;
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  const head = async () => (await p.doelpoort.db.query<{ n: number }>('SELECT coalesce(max(seq), 0)::int AS n FROM audit_log', [])).rows[0]!.n;
  const recordsAfter = async (seq: number) =>
    (await p.doelpoort.db.query<{ kind: string; body: Record<string, unknown> }>('SELECT kind, body FROM audit_log WHERE seq > $1 ORDER BY seq', [seq])).rows;

  it('explains from the store alone: no partner is asked, and only the oversight read of the address is recorded', async () => {
    const partnerRequests = p.partnerRequests();
    const before = await head();
    const tiersBefore = await consultedTiers(p.doelpoort.db, [caseId]);
    const { status, body } = await p.audit(officer, 'POST', '/audit/explain', { query: HOME, context: ANALYST });
    expect(p.partnerRequests()).toEqual(partnerRequests);
    const written = await recordsAfter(before);
    expect(written.map((r) => [r.kind, r.body['processing_activity_id'], r.body['subject_type'], r.body['subject_pseudonym'], r.body['caller_id']])).toEqual([
      ['processing', 'toezicht', 'address', pseudonymise('address', ADRES.gezinswoning, await loadPseudonymKey(p.dataDir)), 'brp-privacy-officer-1'],
    ]);
    expect(await consultedTiers(p.doelpoort.db, [caseId])).toEqual(tiersBefore);
    expect(status).toBe(200);
    const facts = { weight: 'overlapping-signals', signallingPartners: ['belastingdienst', 'woningcorporatie'], caseId, consultedTiers: [] };
    expect(body).toEqual({
      dryRun: true,
      policyVersion: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      operation: { type: 'query', name: null },
      request: {
        outcome: 'cleared',
        organisation: 'belastingdienst',
        project: PROJECT,
        purpose: 'uitkeringsfraude',
        roles: ['analist'],
        today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        referenceDate: '2026-11-01',
        justification: false,
      },
      fields: [
        {
          path: 'adres.straat',
          coordinate: 'Adres.straat',
          owner: 'bag',
          tier: 'low',
          subject: { kind: 'address', named: true },
          stage: 'entity',
          decision: { outcome: 'allow', rule: 'policy.allow', caseId },
          facts,
          assumes: ASSUMED_SCOPE,
        },
        {
          path: 'adres.bewoners',
          coordinate: 'Adres.bewoners',
          owner: 'brp',
          tier: 'identifying',
          subject: { kind: 'address', named: true },
          stage: 'entity',
          decision: { outcome: 'allow', rule: 'policy.allow', caseId },
          facts,
          assumes: ASSUMED_SCOPE,
        },
        {
          path: 'adres.bewoners.*.bsn',
          coordinate: 'Persoon.bsn',
          owner: 'brp',
          tier: 'identifying',
          subject: { kind: 'person', named: false, answeredBy: { partner: 'brp', path: 'adres.bewoners' } },
          stage: 'run-time',
          atRunTime: {
            rules: ENTITY_RULES,
            why: 'which persons these are is only known from the answer of "brp" to adres.bewoners, and a dry run asks no partner; the per-entity rules are decided for each of them at run time',
          },
        },
        {
          path: 'persoon.toeslagen',
          coordinate: 'Persoon.toeslagen',
          owner: 'belastingdienst',
          tier: 'financial',
          subject: { kind: 'person', named: true },
          stage: 'run-time',
          atRunTime: {
            rules: ENTITY_RULES,
            why: "a person's address on the reference date and their BRP secrecy flag are in the BRP, which a dry run does not ask; the per-entity rules are decided at run time",
          },
        },
      ],
      personLimits: ['dragnet.persons-per-request', 'dragnet.persons-per-day'],
    });
    // The same query and context as a real request: the partners are asked, and the outcomes agree.
    const analyst = await p.token('analist', 'belastingdienst');
    const real = await p.query(analyst, 'uitkeringsfraude', HOME);
    expect(p.partnerRequests().length).toBeGreaterThan(partnerRequests.length);
    const data = real.body.data as { adres: { straat: string; bewoners: { bsn: string }[] }; persoon: { toeslagen: unknown } };
    expect(data.adres.straat).toBe('Hazelaarstraat');
    expect(data.adres.bewoners.map((b) => b.bsn)).toEqual([BSN.esmeeVerhoeven, BSN.noahVerhoeven, BSN.lotteVerhoeven]);
    expect(real.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.['rule']])).toEqual([['persoon.toeslagen', 'subsidiariteit.lower-tiers-first']]);
  });

  it('explains a refused request context with the refusal and its reason', async () => {
    const { status, body } = await p.audit(officer, 'POST', '/audit/explain', {
      query: `{ adres(adresId: "${ADRES.gezinswoning}") { straat } }`,
      context: { organisation: 'wijkteam', roles: ['zorgverlener'], projects: [PROJECT], project: PROJECT, purpose: 'uitkeringsfraude' },
    });
    expect(status).toBe(200);
    const refusal = {
      outcome: 'deny',
      principle: 'context',
      rule: 'context.role-purpose',
      reason: 'none of your roles ("zorgverlener") may act for purpose "uitkeringsfraude"; roles that may: "analist", "handhaver", "coordinator"',
    };
    expect((body as { request: unknown }).request).toEqual(refusal);
    expect((body as { fields: { path: string; stage: string; decision: unknown }[] }).fields.map((f) => [f.path, f.stage, f.decision])).toEqual([
      ['adres.straat', 'request', refusal],
    ]);
  });

  it('is for privacy officers only', async () => {
    const analyst = await p.token('analist', 'belastingdienst');
    const { status, body } = await p.audit(analyst, 'POST', '/audit/explain', { query: HOME, context: ANALYST });
    expect(status).toBe(403);
    expect(body).toEqual({ error: { code: 'FORBIDDEN', message: 'The audit API is for the privacy-officer role only.' } });
  });

  it('refuses a privacy officer whose token also holds a role that queries, saying which', async () => {
    const both = await p.doelpoort.localIssuer!.sign({ id: 'fg-bd-1', organisation: 'belastingdienst', roles: ['privacy-officer', 'analist'], projects: ['wijkaanpak-2026'] });
    const { status, body } = await p.audit(both, 'POST', '/audit/explain', { query: HOME, context: ANALYST });
    expect(status).toBe(403);
    expect(body).toEqual({
      error: {
        code: 'FORBIDDEN',
        message:
          'The audit API answers a token with the privacy-officer role alone; yours also holds "analist" (separation of duties: who audits does not also query). Ask your organisation for a token with the privacy-officer role only.',
      },
    });
  });

  it('refuses a project id that looks like a BSN, in the path or the query string, and leaves it out of the log', async () => {
    const spelled = '999-990-007';
    const inPath = await p.audit(officer, 'GET', `/audit/projects/${spelled}/access`);
    const inQuery = await p.audit(officer, 'GET', `/audit/refusals?project=${spelled}`);
    const NOT_A_BSN = 'a project id, not a BSN (nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits). See docs/audit.md for the request shapes.';
    expect([inPath, inQuery]).toEqual([
      { status: 400, body: { error: { code: 'BAD_REQUEST', message: `GET /audit/projects/<project>/access: project: ${NOT_A_BSN}` } } },
      { status: 400, body: { error: { code: 'BAD_REQUEST', message: `query string: project: ${NOT_A_BSN}` } } },
    ]);
    expect(p.logLines().filter((line) => line.includes(spelled))).toEqual([]);
    // Longer numbers than a BSN's stay as they are in a refusal.
    const tooFar = await p.audit(officer, 'GET', '/audit/refusals?after=99999999999999999999');
    expect(tooFar).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'query string: after: Too big: expected int to be <=9007199254740991. See docs/audit.md for the request shapes.' } } });
    expect(p.logLines().filter((line) => line.includes('"route":"(other)"')).length).toBeGreaterThan(0);
  });

  const SHAPES = '. See docs/audit.md for the request shapes.';
  it.each([
    ['no query', { context: ANALYST }, `query: Invalid input: expected string, received undefined${SHAPES}`],
    ['an empty query', { query: '', context: ANALYST }, `query: send the GraphQL operation to explain${SHAPES}`],
    ['no context', { query: HOME }, `context: Invalid input: expected object, received undefined${SHAPES}`],
    ['an unknown field', { query: HOME, context: ANALYST, bsn: BSN.esmeeVerhoeven }, `(body): Unrecognized key: "bsn"${SHAPES}`],
    // What the refusal quotes of the request is masked where it holds nine digits in a row.
    ['an unknown field named with a BSN', { query: HOME, context: ANALYST, [`bsn${BSN.esmeeVerhoeven}`]: 1 }, `(body): Unrecognized key: "bsn*********"${SHAPES}`],
    [
      'an organisation that is a BSN',
      { query: HOME, context: { ...ANALYST, organisation: '999-990-007' } },
      `context.organisation: an id, not a BSN (nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits)${SHAPES}`,
    ],
    ['roles that are not a list', { query: HOME, context: { ...ANALYST, roles: 'analist' } }, `context.roles: Invalid input: expected array, received string${SHAPES}`],
    [
      'a malformed organisation',
      { query: HOME, context: { ...ANALYST, organisation: 'Belastingdienst' } },
      `context.organisation: an id of lower-case letters, digits and dashes (at most 64)${SHAPES}`,
    ],
    [
      'a project without a purpose',
      { query: HOME, context: { ...ANALYST, purpose: undefined } },
      `context.purpose: declare both a project and a purpose, or neither (to see how a request without them is refused)${SHAPES}`,
    ],
    [
      'a short justification',
      { query: HOME, context: { ...ANALYST, justification: 'because' } },
      `context.justification: a justification says in 20 to 2000 characters why the less intrusive sources cannot serve${SHAPES}`,
    ],
    // Refused as the gateway refuses these headers (x-doelpoort-case, x-doelpoort-justification).
    [
      'a case id that is a BSN',
      { query: HOME, context: { ...ANALYST, case: BSN.esmeeVerhoeven } },
      `context.case: a case id, not a BSN (nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits)${SHAPES}`,
    ],
    [
      'a justification holding a BSN',
      { query: HOME, context: { ...ANALYST, justification: `De bewoner ${BSN.esmeeVerhoeven} is niet in de BRP te vinden.` } },
      'context.justification: a justification holds no BSN (nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits): ' +
        'refer to a person by their place at the address (e.g. "the main occupant", "resident 2") and keep their BSN out of the text; the person can be found from the address' +
        SHAPES,
    ],
    ['a query that does not parse', { query: '{ adres(adresId: "1") { straat }', context: ANALYST }, 'query: Syntax Error: Expected Name, found <EOF>.'],
    ['a field the schema does not have', { query: '{ adres(adresId: "1") { kleur } }', context: ANALYST }, 'query: Cannot query field "kleur" on type "Adres".'],
  ])('answers 400 for %s', async (_name, requestBody, message) => {
    const { status, body } = await p.audit(officer, 'POST', '/audit/explain', requestBody);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'BAD_REQUEST', message: `POST /audit/explain: ${message}` } });
  });
});
