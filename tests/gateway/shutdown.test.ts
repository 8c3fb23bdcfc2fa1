import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGateway } from '../../gateway/server/gateway.ts';
import type { RequestSummary } from '../../gateway/server/pipeline.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { FED, allowAllPolicy } from '../helpers/federation.ts';

const sdl = `${FED} type Query { werkgever(id: ID!): Werkgever } type Werkgever @key(fields: "id") { id: ID! naam: String }`;

describe('graceful shutdown', () => {
  it('finishes every request that had started, with its audit, and accepts no new ones', async () => {
    const issuer = await ensureLocalIssuer(mkdtempSync(join(tmpdir(), 'doelpoort-shutdown-')));
    const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
    let inFlight = 0;
    let allStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => (allStarted = resolve));
    const slow: SubgraphFetcher = async (_url, request) => {
      if (++inFlight === 10) allStarted();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const id = /werkgever\(id: "(\w+)"\)/.exec(request.query)?.[1];
      return { data: { werkgever: { __typename: 'Werkgever', naam: `Werkgever ${id}` } } };
    };
    const audited: RequestSummary[] = [];
    const gateway = await createGateway({
      subgraphs: [{ name: 'ai', url: 'http://ai.test/graphql', sdl }],
      policy: allowAllPolicy,
      minimise: (_t, v) => v,
      audit: { recordRequest: async (summary) => void audited.push(summary) },
      authenticate: (h) => verifier.verify(h),
      introspection: false,
      timeoutMs: 5000,
      maxBodyBytes: 100_000,
      fetcher: slow,
    });
    const url = await gateway.listen(0, '127.0.0.1');
    const token = await issuer.sign({ id: 'emp-1', organisation: 'arbeidsinspectie', roles: ['analist'], projects: [] });
    const ask = (i: number) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ werkgever(id: "w${i}") { naam } }` }),
      }).then(async (res) => ({ status: res.status, json: await res.json() }));

    const responses = Array.from({ length: 10 }, (_, i) => ask(i));
    await started;
    const closing = gateway.close();
    const late = await ask(99).then(
      () => 'answered',
      () => 'refused',
    );
    const answers = await Promise.all(responses);
    await closing;

    expect(late).toBe('refused');
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => ({ status: 200, json: { data: { werkgever: { naam: `Werkgever w${i}` } } } })));
    expect(audited).toHaveLength(10);
  });
});
