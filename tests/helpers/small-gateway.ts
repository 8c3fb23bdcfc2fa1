/**
 * A gateway over one small in-process subgraph, served on a loopback port with a local issuer, for
 * tests of the HTTP surface (limits, trusted documents): records the queries the subgraph gets.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, type ExecutionResult } from 'graphql';
import type { SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { createGateway, type Gateway, type GatewayOptions } from '../../gateway/server/gateway.ts';
import { allowAllPolicy } from './federation.ts';

export interface SmallGateway {
  gateway: Gateway;
  dataDir: string;
  /** Queries the subgraph received, in order. */
  received: string[];
  post(body: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

export async function startSmallGateway(
  sdl: string,
  resolvers: Record<string, unknown>,
  options: Partial<GatewayOptions> & { before?: (dataDir: string) => Promise<Partial<GatewayOptions>> } = {},
): Promise<SmallGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'doelpoort-small-'));
  const issuer = await ensureLocalIssuer(dataDir);
  const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never });
  const received: string[] = [];
  const fetcher: SubgraphFetcher = async (_url, request) => {
    received.push(request.query);
    return JSON.parse(JSON.stringify((await execute({ schema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult));
  };
  const { before, ...rest } = options;
  const gateway = await createGateway({
    subgraphs: [{ name: 'sg', url: 'http://sg.test/graphql', sdl }],
    policy: allowAllPolicy,
    minimise: (_t, v) => v,
    audit: { recordRequest: async () => {} },
    authenticate: (h) => verifier.verify(h),
    introspection: false,
    timeoutMs: 1000,
    maxBodyBytes: 100_000,
    fetcher,
    ...rest,
    ...(before ? await before(dataDir) : {}),
  });
  const url = await gateway.listen(0, '127.0.0.1');
  return {
    gateway,
    dataDir,
    received,
    async post(body) {
      const token = await issuer.sign({ id: 'emp-1', organisation: 'arbeidsinspectie', roles: ['analist'], projects: [] });
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
    close: () => gateway.close(),
  };
}
