import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../gateway/server/gateway.ts';
import type { AuditSink, RequestSummary } from '../../gateway/server/pipeline.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { CLASSIFIED_DIRECTIVE_SDL } from '../../schema/classification.ts';
import { FED, allowAllPolicy } from '../helpers/federation.ts';

const BSN = '999990019';
const brp = `${FED}
${CLASSIFIED_DIRECTIVE_SDL}
type Query { persoon(bsn: ID!): Persoon }
type Persoon @key(fields: "bsn") {
  bsn: ID! @classified(tier: "identifying", purposes: ["uitkeringsfraude"], minimised: "masked-bsn")
  geslachtsnaam: String @classified(tier: "identifying", purposes: ["uitkeringsfraude"])
}`;
const brpSchema = buildSubgraphSchema({
  typeDefs: parse(brp),
  resolvers: {
    Query: { persoon: (_: unknown, a: { bsn: string }) => ({ bsn: a.bsn }) },
    Persoon: { __resolveReference: (r: { bsn: string }) => ({ bsn: r.bsn, geslachtsnaam: 'Jansen' }) },
  } as never,
});

let gateway: Gateway;
let url: string;
let issuer: LocalIssuer;
const recorded: RequestSummary[] = [];
let auditDown = false;
const received: string[] = [];

const audit: AuditSink = {
  async recordRequest(summary) {
    if (auditDown) throw new Error('store down');
    recorded.push(summary);
  },
};
const fetcher: SubgraphFetcher = async (_url, request) => {
  received.push(request.query);
  return JSON.parse(JSON.stringify((await execute({ schema: brpSchema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult));
};

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'doelpoort-http-'));
  issuer = await ensureLocalIssuer(dataDir);
  const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
  gateway = await createGateway({
    subgraphs: [{ name: 'brp', url: 'http://brp.test/graphql', sdl: brp }],
    policy: allowAllPolicy,
    minimise: (t, v) => `${t}:${String(v)}`,
    audit,
    authenticate: (h) => verifier.verify(h),
    introspection: true,
    timeoutMs: 1000,
    maxBodyBytes: 2000,
    fetcher,
    routes: { '/health/live': async () => ({ status: 200, body: { status: 'ok' } }) },
  });
  url = await gateway.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await gateway?.close();
});

async function token(projects = ['wijkaanpak-2026']): Promise<string> {
  return issuer.sign({ id: 'emp-1', organisation: 'sociale-dienst', roles: ['analist'], projects });
}

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json(), headers: res.headers };
}

describe('the gateway over HTTP', () => {
  it('answers a query with the data, honouring the caller trace id, and audits it first', async () => {
    recorded.length = 0;
    const res = await post(
      { query: `query Wie($bsn: ID!) { persoon(bsn: $bsn) { geslachtsnaam } }`, variables: { bsn: BSN } },
      {
        authorization: `Bearer ${await token()}`,
        'x-doelpoort-project': 'wijkaanpak-2026',
        'x-doelpoort-purpose': 'uitkeringsfraude',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { persoon: { geslachtsnaam: 'Jansen' } } });
    expect(res.headers.get('x-trace-id')).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.operationName).toBe('Wie');
    expect(recorded[0]!.parentSpanId).toBe('00f067aa0ba902b7');
    expect(recorded[0]!.context.purpose).toEqual({ project: 'wijkaanpak-2026', purpose: 'uitkeringsfraude' });
    expect(recorded[0]!.output.decisions.map((d) => [d.coordinate, d.decision.outcome])).toEqual([['Persoon.geslachtsnaam', 'allow']]);
  });

  it('answers introspection from the schema, alone and beside partner fields, with no partner asked for it', async () => {
    const headers = { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude' };
    received.length = 0;
    const alone = await post({ query: '{ __schema { queryType { name } } }' }, headers);
    expect(alone.json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect(received).toEqual([]);
    const mixed = await post(
      {
        query: 'query Q($t: String!) { __type(name: $t) { name } persoon(bsn: $bsn) { geslachtsnaam } ...Meta } fragment Meta on Query { __schema { mutationType { name } } }'.replace('$bsn', `"${BSN}"`),
        variables: { t: 'Persoon' },
      },
      headers,
    );
    expect(mixed.json).toEqual({ data: { __type: { name: 'Persoon' }, persoon: { geslachtsnaam: 'Jansen' }, __schema: { mutationType: null } } });
    // The person's key first, then the decided field: introspection in neither.
    expect(received).toHaveLength(2);
    for (const query of received) expect(query).not.toMatch(/__schema|__type\b/);
  });

  it('refuses a variable of the wrong shape with 400 before any partner is asked, masking the BSN it echoes', async () => {
    const headers = { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude' };
    received.length = 0;
    const res = await post({ query: 'query Q($b: ID!) { persoon(bsn: $b) { geslachtsnaam } }', variables: { b: { bsn: BSN } } }, headers);
    expect(res.status).toBe(400);
    expect(received).toEqual([]);
    expect(res.json).not.toHaveProperty('data');
    expect(res.json.errors).toEqual([
      { message: 'Variable "$b" got invalid value { bsn: "*********" }; ID cannot represent value: { bsn: "*********" }', locations: [{ line: 1, column: 9 }], extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    // In another spelling too.
    const spelled = await post({ query: 'query Q($b: ID!) { persoon(bsn: $b) { geslachtsnaam } }', variables: { b: { bsn: '9999 90 019' } } }, headers);
    expect(spelled.json.errors?.map((e: { message: string }) => e.message)).toEqual(['Variable "$b" got invalid value { bsn: "*********" }; ID cannot represent value: { bsn: "*********" }']);
  });

  it('refuses a request without a token with 401 and asks no partner', async () => {
    received.length = 0;
    const res = await post({ query: '{ persoon(bsn: "999990019") { geslachtsnaam } }' });
    expect(res.status).toBe(401);
    expect(res.json.errors[0].extensions.code).toBe('TOKEN_MISSING');
    expect(received).toEqual([]);
  });

  it('refuses a project the caller is not authorised for with 403', async () => {
    const res = await post({ query: '{ __typename }' }, { authorization: `Bearer ${await token(['ander-project'])}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude' });
    expect(res.status).toBe(403);
    expect(res.json.errors[0].extensions.code).toBe('PROJECT_NOT_AUTHORISED');
  });

  it('rejects a malformed purpose header with 400 saying what to send', async () => {
    const res = await post({ query: '{ __typename }' }, { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026' });
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toEqual({
      message: 'Declare both a project and a purpose: the x-doelpoort-purpose header is missing, e.g. x-doelpoort-project: wijkaanpak-2026 and x-doelpoort-purpose: uitkeringsfraude.',
      extensions: { code: 'BAD_PURPOSE_CONTEXT' },
    });
  });

  // Issue 12, item 10: free text holding a BSN, in any spelling, is refused with what to write
  // instead; so is a case id holding one, as it goes into every decision record and partner token.
  const SPELLINGS = '(nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits)';
  const justificationRefused =
    `The x-doelpoort-justification header must not contain a BSN ${SPELLINGS}: ` +
    'refer to a person by their place at the address (e.g. "the main occupant", "resident 2") and keep their BSN out of the text; the person can be found from the address.';
  const caseRefused = `The x-doelpoort-case header must be the id of a case (as selecteerAdres returned it), not a BSN ${SPELLINGS}.`;
  it.each([
    ['x-doelpoort-justification', encodeURIComponent('De bewoner 999990226 is niet in de BRP te vinden, dus eerst de toeslagen.'), justificationRefused],
    ['x-doelpoort-justification', encodeURIComponent('De bewoner 9999 90 226 is niet in de BRP te vinden, dus eerst de toeslagen.'), justificationRefused],
    ['x-doelpoort-justification', encodeURIComponent('De bewoner 9999.90.226 is niet in de BRP te vinden, dus eerst de toeslagen.'), justificationRefused],
    ['x-doelpoort-case', '999990226', caseRefused],
    ['x-doelpoort-case', '999-990-226', caseRefused],
    ['x-doelpoort-case', 'zaak-999990226', caseRefused],
    ['x-doelpoort-purpose', '999990226', `The x-doelpoort-purpose header must name a covenant purpose (e.g. uitkeringsfraude), not a BSN ${SPELLINGS}.`],
    ['x-doelpoort-purpose', '999-990-226', `The x-doelpoort-purpose header must name a covenant purpose (e.g. uitkeringsfraude), not a BSN ${SPELLINGS}.`],
    ['x-doelpoort-project', 'bsn-999990226', `The x-doelpoort-project header must name a project (e.g. wijkaanpak-2026), not a BSN ${SPELLINGS}.`],
    // Not an id at all: the refusal does not echo what was sent, as it does for a value without a BSN.
    ['x-doelpoort-purpose', 'fraude 999 99 0226', 'The x-doelpoort-purpose header must be an id of lower-case letters, digits and dashes (at most 64), e.g. uitkeringsfraude; got a value that holds a BSN-like number.'],
  ])('rejects a %s header holding a BSN (%j) with 400 and asks no partner', async (header, value, message) => {
    received.length = 0;
    const res = await post(
      { query: '{ persoon(bsn: "999990019") { geslachtsnaam } }' },
      { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude', [header]: value },
    );
    expect(res.status).toBe(400);
    expect(res.json.errors[0]).toEqual({ message, extensions: { code: 'BAD_PURPOSE_CONTEXT' } });
    expect(received).toEqual([]);
  });

  it('refuses a GET whose URL names a BSN, in any spelling, with 400 and asks no partner; a GET without one is answered', async () => {
    const headers = { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude', 'apollo-require-preflight': 'true' };
    received.length = 0;
    for (const search of [`query=${encodeURIComponent(`{ persoon(bsn: "${BSN}") { geslachtsnaam } }`)}`, `query=${encodeURIComponent('query Q($b: ID!) { persoon(bsn: $b) { geslachtsnaam } }')}&variables=${encodeURIComponent('{"b":"9999 90 019"}')}`]) {
      const res = await fetch(`${url}/graphql?${search}`, { headers });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [
          {
            message:
              "This GET request's URL holds a BSN (nine digits that pass the 11-test, also in groups with spaces, dots, dashes, commas or slashes, or any number of 8 or 9 digits); " +
              'URLs are logged on their way. Send the query with POST, with the BSN in the body (in variables).',
            extensions: { code: 'BSN_IN_URL' },
          },
        ],
      });
    }
    expect(received).toEqual([]);
    const plain = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers });
    expect(await plain.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses an operation name the document does not hold with 400, running no operation', async () => {
    recorded.length = 0;
    received.length = 0;
    const res = await post(
      { query: `query A { persoon(bsn: "${BSN}") { geslachtsnaam } }`, operationName: 'B' },
      { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude' },
    );
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ message: 'Unknown operation named "B".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
    expect(received).toEqual([]);
    expect(recorded.flatMap((r) => r.output.decisions)).toEqual([]);
  });

  it.each(['abc', '', '12345678', '0999990019', ' 999990019'])('denies the fields of a person asked by the malformed BSN %j, asking no partner for them', async (bsn) => {
    recorded.length = 0;
    received.length = 0;
    const res = await post(
      { query: 'query Q($b: ID!) { persoon(bsn: $b) { geslachtsnaam } }', variables: { b: bsn } },
      { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude' },
    );
    expect(res.status).toBe(200);
    expect(res.json.data).toEqual({ persoon: { geslachtsnaam: null } });
    expect(res.json.errors.map((e: any) => [e.path, e.extensions.rule])).toEqual([[['persoon', 'geslachtsnaam'], 'scope.subject-unknown']]);
    expect(recorded[0]!.output.decisions.map((d) => [d.coordinate, d.subject, d.decision.rule])).toEqual([
      ['Persoon.geslachtsnaam', { kind: 'person', id: undefined }, 'scope.subject-unknown'],
    ]);
    // Only the root field with the key; no _entities call for the denied field.
    expect(received).toHaveLength(1);
    expect(received[0]).not.toMatch(/_entities/);
  });

  it('rejects bad JSON and oversized bodies with clear errors', async () => {
    const auth = { authorization: `Bearer ${await token()}` };
    const bad = await post('{"query": ', auth);
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    const big = await post({ query: `{ __typename } # ${'x'.repeat(3000)}` }, auth);
    expect(big.status).toBe(413);
    expect(big.json.errors[0].message).toMatch(/limit of 2000 bytes|the limit is 2000 bytes/);
  });

  it('returns 503 and no data when the audit cannot be written (no log, no access)', async () => {
    auditDown = true;
    try {
      const res = await post(
        { query: `{ persoon(bsn: "${BSN}") { geslachtsnaam } }` },
        { authorization: `Bearer ${await token()}`, 'x-doelpoort-project': 'wijkaanpak-2026', 'x-doelpoort-purpose': 'uitkeringsfraude' },
      );
      expect(res.status).toBe(503);
      expect(res.json.data).toBeUndefined();
      expect(res.json.errors[0].extensions.code).toBe('AUDIT_UNAVAILABLE');
      expect(JSON.stringify(res.json)).not.toContain('Jansen');
    } finally {
      auditDown = false;
    }
  });

  it('sends a browser that opens /graphql to the web app at /, and serves health as JSON', async () => {
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/');
    const live = await fetch(`${url}/health/live`);
    expect(await live.json()).toEqual({ status: 'ok' });
  });
});
