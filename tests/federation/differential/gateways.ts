/**
 * The two gateways of the differential test, both started from the same supergraph SDL: Doelpoort
 * (allow-all policy, no privacy world: the fixtures hold no person or address) served over HTTP,
 * and Apollo Gateway (the oracle) in Apollo Server, run in process.
 */
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { composeSupergraph, formatProblems } from '../../../schema/compose.ts';
import { createGateway } from '../../../gateway/server/gateway.ts';
import { allowAllPolicy } from '../../helpers/federation.ts';
import type { FixtureSubgraph } from './fixture.ts';

export interface GraphQLAnswer {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface GatewayPair {
  doelpoort(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  apollo(query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

export async function startGateways(subgraphs: readonly FixtureSubgraph[], urls: ReadonlyMap<string, string>): Promise<GatewayPair> {
  const sources = subgraphs.map((s) => ({ name: s.name, url: urls.get(s.name)!, sdl: s.typeDefs }));
  const composed = composeSupergraph(sources);
  if (!composed.ok) throw new Error(`the fixture does not compose:\n${formatProblems(composed.problems)}`);
  const doelpoort = await createGateway({
    subgraphs: sources,
    composed,
    policy: allowAllPolicy,
    minimise: (_t, v) => v,
    audit: { recordRequest: async () => {} },
    authenticate: async () => ({ id: 'emp-1', organisation: 'arbeidsinspectie', roles: ['analist'], projects: [] }),
    introspection: false,
    timeoutMs: 5000,
    maxBodyBytes: 1_000_000,
  });
  const doelpoortUrl = `${await doelpoort.listen(0, '127.0.0.1')}/graphql`;
  const apollo = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }), includeStacktraceInErrorResponses: false });
  await apollo.start();
  return {
    async doelpoort(query, variables) {
      const res = await fetch(doelpoortUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLAnswer;
    },
    async apollo(query, variables) {
      const response = await apollo.executeOperation({ query, ...(variables ? { variables } : {}) });
      if (response.body.kind !== 'single') throw new Error('Apollo Gateway answered incrementally');
      return response.body.singleResult as GraphQLAnswer;
    },
    async close() {
      await Promise.all([doelpoort.close(), apollo.stop()]);
    },
  };
}
