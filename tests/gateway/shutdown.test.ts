import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createGateway } from '../../gateway/server/gateway.ts';
import type { RequestSummary } from '../../gateway/server/pipeline.ts';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { FED, allowAllPolicy } from '../helpers/federation.ts';

const sdl = `${FED} type Query { werkgever(id: ID!): Werkgever } type Werkgever @key(fields: "id") { id: ID! naam: String }`;

/** A gateway over one partner whose answer about employer `id` waits until `answer(id)` says so. */
async function startGateway(options: { held: (id: string) => boolean }) {
  const issuer = await ensureLocalIssuer(mkdtempSync(join(tmpdir(), 'doelpoort-shutdown-')));
  const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
  const waiting = new Map<string, () => void>();
  const arrived: string[] = [];
  const partner: SubgraphFetcher = async (_url, request) => {
    const id = /werkgever\(id: "(\w+)"\)/.exec(request.query)?.[1] ?? '';
    arrived.push(id);
    if (options.held(id)) await new Promise<void>((resolve) => waiting.set(id, resolve));
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
    fetcher: partner,
  });
  const url = `${await gateway.listen(0, '127.0.0.1')}/graphql`;
  const token = await issuer.sign({ id: 'emp-1', organisation: 'arbeidsinspectie', roles: ['analist'], projects: [] });
  const body = (id: string) => JSON.stringify({ query: `{ werkgever(id: "${id}") { naam } }` });
  const arrivals = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (arrived.length >= n ? resolve() : setTimeout(check, 5));
      check();
    });
  return {
    gateway,
    audited,
    arrivals,
    answer: (id: string) => waiting.get(id)?.(),
    ask: (id: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body(id) }).then(async (res) => ({
        status: res.status,
        json: await res.json(),
      })),
    /** A POST over `agent`: its status, its Connection header, and whether it went over a connection already open. */
    askOver: (agent: Agent, id: string) =>
      new Promise<{ status: number; connection: string | undefined; reused: boolean; json: unknown }>((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reused: req.reusedSocket, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
          );
        });
        req.on('error', reject);
        req.end(body(id));
      }),
  };
}

describe('graceful shutdown', () => {
  it('finishes every request that had started, with its audit, and accepts no new ones', async () => {
    const g = await startGateway({ held: () => true });
    const responses = Array.from({ length: 10 }, (_, i) => g.ask(`w${i}`));
    await g.arrivals(10);
    const closing = g.gateway.close();
    const late = await g.ask('w99').then(
      () => 'answered',
      () => 'refused',
    );
    for (let i = 0; i < 10; i++) g.answer(`w${i}`);
    const answers = await Promise.all(responses);
    await closing;

    expect(late).toBe('refused');
    expect(answers).toEqual(Array.from({ length: 10 }, (_, i) => ({ status: 200, json: { data: { werkgever: { naam: `Werkgever w${i}` } } } })));
    expect(g.audited).toHaveLength(10);
  });

  it('answers requests sent on open keep-alive connections during the drain, with Connection: close, and then closes the idle ones', async () => {
    const g = await startGateway({ held: (id) => id === 'slow' });
    const agent = new Agent({ keepAlive: true, maxSockets: 5 });
    const idle = new Agent({ keepAlive: true, maxSockets: 1 });
    // Five keep-alive connections open and idle, and one more that stays idle throughout.
    const warmUp = await Promise.all([...Array.from({ length: 5 }, (_, i) => g.askOver(agent, `warm${i}`)), g.askOver(idle, 'idle')]);
    expect(warmUp.map((a) => [a.status, a.connection])).toEqual(Array(6).fill([200, 'keep-alive']));
    const slow = g.askOver(new Agent({ keepAlive: true }), 'slow');
    await g.arrivals(7);

    let closed = false;
    const closing = g.gateway.close().then(() => (closed = true));
    const duringDrain = await Promise.all(Array.from({ length: 5 }, (_, i) => g.askOver(agent, `drain${i}`)));
    expect(duringDrain).toEqual(
      Array.from({ length: 5 }, (_, i) => ({ status: 200, connection: 'close', reused: true, json: { data: { werkgever: { naam: `Werkgever drain${i}` } } } })),
    );
    expect(closed).toBe(false);

    g.answer('slow');
    expect(await slow).toMatchObject({ status: 200, connection: 'close', json: { data: { werkgever: { naam: 'Werkgever slow' } } } });
    await closing;
    // The client sees the idle connection closed by the gateway (the agent drops it once it hears so).
    await vi.waitFor(() => expect(Object.keys(idle.freeSockets)).toEqual([]));
    agent.destroy();
    idle.destroy();
  });
});
