import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrpSubgraph } from '../../subgraphs/brp/index.ts';
import { createGatewayTokenVerifier } from '@doelpoort/subgraph-kit';
import { SubgraphRequestRefused, serveSubgraph } from '@doelpoort/subgraph-kit/subgraph';
import type { ServedSubgraph, SubgraphRequest } from '@doelpoort/subgraph-kit/subgraph';
import { testGatewayTokens, type TestGatewayTokens } from '../helpers/gateway-tokens.ts';
import { ANNA, BRAM, fixtureWorld } from './fixture.ts';

const recorded: SubgraphRequest[] = [];
const brp = createBrpSubgraph(fixtureWorld);
let served: ServedSubgraph;
let tokens: TestGatewayTokens;

beforeAll(async () => {
  tokens = await testGatewayTokens();
  served = await serveSubgraph(brp, {
    port: 0,
    verifier: createGatewayTokenVerifier({ partner: 'brp', jwks: tokens.jwks }),
    onRequest: (request) => {
      recorded.push(request);
      if (request.headers['x-test-refuse'] === 'yes') throw new SubgraphRequestRefused(401, 'A gateway token is required.');
      if (request.headers['x-test-crash'] === 'yes') throw new Error(`internal detail about ${ANNA}`);
    },
  });
});

afterAll(async () => {
  await served.close();
});

/** POSTs the body with a gateway token for exactly it (unless the headers bring their own authorization). */
async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const authorization: Record<string, string> = 'authorization' in headers ? {} : { authorization: signedFor(body) };
  const response = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization, ...headers }, body });
  return { status: response.status, json: await response.json() };
}

function signedFor(body: string): string {
  try {
    const { query, variables, operationName } = JSON.parse(body) as { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
    return typeof query === 'string' ? tokens.authorizationFor('brp', brp.schema, { query, variables, operationName }) : '';
  } catch {
    return '';
  }
}

describe('serveSubgraph', () => {
  it('listens on the ephemeral port it was given and says so in its url', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(served.url).not.toContain(':0/');
  });

  it('answers a query with its variables', async () => {
    const query = 'query Naam($bsn: ID!) { persoon(bsn: $bsn) { naam { geslachtsnaam } partner { bsn } } }';
    const reply = await post(JSON.stringify({ query, variables: { bsn: ANNA }, operationName: 'Naam' }));
    expect(reply).toEqual({ status: 200, json: { data: { persoon: { naam: { geslachtsnaam: 'Berg' }, partner: { bsn: BRAM } } } } });
  });

  it('gives onRequest exactly what the subgraph was asked', async () => {
    recorded.length = 0;
    const query = 'query ($bsn: ID!) { persoon(bsn: $bsn) { geslacht } }';
    await post(JSON.stringify({ query, variables: { bsn: BRAM } }), { 'x-trace': 'abc' });
    expect(recorded).toHaveLength(1);
    const [request] = recorded;
    expect(request).toMatchObject({ subgraph: 'brp', query, variables: { bsn: BRAM }, operationName: null });
    expect(request?.headers['x-trace']).toBe('abc');
    expect(request?.document?.kind).toBe('Document');
  });

  it('refuses a data query without a gateway token, before validating, and answers the schema without one', async () => {
    expect(await post(JSON.stringify({ query: '{ persoon(bsn: "1") { schoenmaat } }' }), { authorization: '' })).toEqual({
      status: 401,
      json: { errors: [{ message: expect.stringContaining('No gateway token was sent.'), extensions: { code: 'GATEWAY_TOKEN_MISSING' } }] },
    });
    const sdl = await post(JSON.stringify({ query: '{ _service { sdl } }' }), { authorization: '' });
    expect(sdl).toEqual({ status: 200, json: { data: { _service: { sdl: brp.sdl } } } });
  });

  it('refuses a token signed for other subjects (403) and a token used twice (401)', async () => {
    const query = 'query ($bsn: ID!) { persoon(bsn: $bsn) { geslacht } }';
    const forAnna = tokens.authorization('brp', { query, variables: { bsn: ANNA } }, ['Persoon.geslacht', 'Query.persoon']);
    expect(await post(JSON.stringify({ query, variables: { bsn: BRAM } }), { authorization: forAnna })).toMatchObject({
      status: 403,
      json: { errors: [{ extensions: { code: 'GATEWAY_TOKEN_OTHER_CALL' } }] },
    });
    const once = tokens.authorization('brp', { query, variables: { bsn: ANNA } }, ['Persoon.geslacht', 'Query.persoon']);
    expect((await post(JSON.stringify({ query, variables: { bsn: ANNA } }), { authorization: once })).status).toBe(200);
    expect(await post(JSON.stringify({ query, variables: { bsn: ANNA } }), { authorization: once })).toMatchObject({
      status: 401,
      json: { errors: [{ extensions: { code: 'GATEWAY_TOKEN_REPLAYED' } }] },
    });
  });

  it('answers 400 with a clear message for a body that is not JSON', async () => {
    expect(await post('{"query": ')).toEqual({ status: 400, json: { errors: [{ message: 'The request body is not valid JSON.' }] } });
  });

  it('answers 400 for a body without a query', async () => {
    expect(await post(JSON.stringify({ variables: {} }))).toEqual({
      status: 400,
      json: { errors: [{ message: 'The request body must have a non-empty string "query".' }] },
    });
    expect(await post('[]')).toEqual({ status: 400, json: { errors: [{ message: 'The request body must be a JSON object.' }] } });
  });

  it('answers 400 for variables that are not an object', async () => {
    expect(await post(JSON.stringify({ query: '{ __typename }', variables: [1] }))).toEqual({
      status: 400,
      json: { errors: [{ message: '"variables" must be a JSON object when given.' }] },
    });
  });

  it('answers 400 with the validation errors of an invalid query', async () => {
    expect(await post(JSON.stringify({ query: '{ persoon(bsn: "1") { schoenmaat } }' }))).toEqual({
      status: 400,
      json: { errors: [{ message: 'Cannot query field "schoenmaat" on type "Persoon".', locations: [{ line: 1, column: 23 }] }] },
    });
  });

  it('answers 400 with the syntax error of a query that does not parse', async () => {
    expect(await post(JSON.stringify({ query: '{ persoon(' }))).toEqual({
      status: 400,
      json: { errors: [{ message: 'Syntax Error: Expected Name, found <EOF>.', locations: [{ line: 1, column: 11 }] }] },
    });
  });

  it('answers 400 when variables do not fit the operation', async () => {
    const reply = await post(JSON.stringify({ query: 'query ($bsn: ID!) { persoon(bsn: $bsn) { geslacht } }' }));
    expect(reply).toEqual({
      status: 400,
      json: { errors: [{ message: 'Variable "$bsn" of required type "ID!" was not provided.', locations: [{ line: 1, column: 8 }] }] },
    });
  });

  it('masks a BSN that graphql-js repeats in a validation or variable error', async () => {
    expect(await post(JSON.stringify({ query: `{ persoon(bsn: ${ANNA}.5) { geslacht } }` }))).toEqual({
      status: 400,
      json: { errors: [{ message: 'ID cannot represent a non-string and non-integer value: *********.5', locations: [{ line: 1, column: 16 }] }] },
    });
    const reply = await post(JSON.stringify({ query: 'query ($bsn: ID!) { persoon(bsn: $bsn) { geslacht } }', variables: { bsn: [Number(ANNA)] } }));
    expect(reply).toEqual({
      status: 400,
      json: {
        errors: [{ message: 'Variable "$bsn" got invalid value [*********]; ID cannot represent value: [*********]', locations: [{ line: 1, column: 8 }] }],
      },
    });
  });

  it('answers 413 for a body larger than 1 MiB', async () => {
    const reply = await post(JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` }));
    expect(reply).toEqual({ status: 413, json: { errors: [{ message: 'The request body is larger than 1048576 bytes.' }] } });
  });

  it('answers with the status of a refusal from onRequest, before validating', async () => {
    expect(await post(JSON.stringify({ query: '{ schoenmaat }' }), { 'x-test-refuse': 'yes' })).toEqual({
      status: 401,
      json: { errors: [{ message: 'A gateway token is required.' }] },
    });
  });

  it('answers 500 without the message when onRequest fails otherwise', async () => {
    expect(await post(JSON.stringify({ query: '{ __typename }' }), { 'x-test-crash': 'yes' })).toEqual({
      status: 500,
      json: { errors: [{ message: 'The subgraph could not handle the request.' }] },
    });
  });

  it('answers 415 for a body that is not declared JSON, 405 for GET and 404 elsewhere', async () => {
    const text = await fetch(served.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect([text.status, await text.json()]).toEqual([415, { errors: [{ message: 'The request body must be application/json.' }] }]);
    const get = await fetch(served.url);
    expect([get.status, get.headers.get('allow'), await get.json()]).toEqual([405, 'POST', { errors: [{ message: 'Use POST with a JSON body.' }] }]);
    const other = await fetch(served.url.replace('/graphql', '/elders'), { method: 'POST' });
    expect([other.status, await other.json()]).toEqual([404, { errors: [{ message: 'Not found: the GraphQL endpoint is /graphql.' }] }]);
  });
});
