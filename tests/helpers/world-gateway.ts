/**
 * Test harness over the real partners: the executor composed from the 13 partner subgraphs of a
 * World (classifications from `composeSupergraph`), called in process or over real HTTP, recording
 * what each partner was asked.
 */
import { createServer, type AddressInfo } from 'node:net';
import { execute, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { Classification, Minimisation } from '../../schema/classification.ts';
import { composeSupergraph, formatProblems } from '../../schema/compose.ts';
import { buildApiSchema } from '../../gateway/executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES, createExecutor, type ExecutionOutput, type ExecutorOptions } from '../../gateway/executor/execute.ts';
import { loadSupergraph } from '../../gateway/executor/supergraph.ts';
import { httpSubgraphFetcher, type SubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import type { Policy } from '../../gateway/policy/types.ts';
import type { RequestContext } from '../../gateway/context/types.ts';
import { createAllSubgraphs, serveAllSubgraphs, type ServeAllOptions } from '../../subgraphs/index.ts';
import type { World } from '../../subgraphs/world/index.ts';
import { allowAllPolicy, testContext } from './federation.ts';
import { testGatewayTokens } from './gateway-tokens.ts';

/** One call a partner received. */
export interface PartnerCall {
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
}

/** A call made in process, with when it started and ended (monotonic ms) and how many were in flight. */
export interface TimedPartnerCall extends PartnerCall {
  startedAt: number;
  endedAt: number;
  /** The number of calls in flight (this one included) when it started. */
  inFlightAtStart: number;
}

export interface WorldGatewayOptions {
  /** Default: allowAllPolicy. */
  policy?: Policy;
  /** Default: `<transform>(<value>)`, so a test sees which transform was applied. */
  minimise?: (transform: Minimisation, value: unknown) => unknown;
  timeoutMs?: number;
  /** Changes the classifications composition gave (e.g. to make one unreadable). */
  classifications?: (composed: ReadonlyMap<string, Classification>) => ReadonlyMap<string, Classification>;
}

export interface WorldGateway {
  run(query: string, variables?: Record<string, unknown>, context?: Partial<RequestContext>): Promise<ExecutionOutput>;
  /** Every partner call, in the order they were made (in process) or received (HTTP). */
  calls: PartnerCall[];
  /** The calls one partner received. */
  callsTo(subgraph: string): PartnerCall[];
  reset(): void;
}

export interface InProcessWorldGateway extends WorldGateway {
  calls: TimedPartnerCall[];
  /** The most calls that were in flight at one time. */
  maxInFlight(): number;
}

export interface HttpWorldGateway extends WorldGateway {
  /** Subgraph name → the GraphQL endpoint the executor calls. */
  urls: ReadonlyMap<string, string>;
  /** Takes one partner off the network: its calls go to a port where nothing listens any more. */
  stop(subgraph: string): Promise<void>;
  close(): Promise<void>;
}

export type OnSubgraphRequest = NonNullable<ServeAllOptions['onRequest']>;

const defaultMinimise = (transform: Minimisation, value: unknown): unknown => `${transform}(${JSON.stringify(value)})`;

interface Composed {
  base: Omit<ExecutorOptions, 'fetcher' | 'urls'>;
}

function compose(world: World, options: WorldGatewayOptions): Composed & { schemas: Map<string, GraphQLSchema> } {
  const subgraphs = createAllSubgraphs(world);
  const composed = composeSupergraph(subgraphs.map(({ name, sdl }) => ({ name, sdl, url: `http://${name}.partner.test/graphql` })));
  if (!composed.ok) throw new Error(`The partner subgraphs do not compose:\n${formatProblems(composed.problems)}`);
  return {
    schemas: new Map(subgraphs.map((s) => [s.name, s.schema])),
    base: {
      supergraph: loadSupergraph(composed.supergraphSdl),
      apiSchema: buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES)),
      classifications: options.classifications ? options.classifications(composed.classifications) : composed.classifications,
      policy: options.policy ?? allowAllPolicy,
      minimise: options.minimise ?? defaultMinimise,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    },
  };
}

function runner(executorOptions: ExecutorOptions): WorldGateway['run'] {
  const executor = createExecutor(executorOptions);
  return (query, variables, context) =>
    executor.execute({ document: parse(query) as DocumentNode, variables: variables ?? {}, context: testContext(context) });
}

/** The gateway over the world's partners, each called in process against its own schema. */
export function createInProcessWorldGateway(world: World, options: WorldGatewayOptions = {}): InProcessWorldGateway {
  const { base, schemas } = compose(world, options);
  const byUrl = new Map([...base.supergraph.graphs.values()].map((g) => [g.url, g.name]));
  const calls: TimedPartnerCall[] = [];
  let inFlight = 0;
  const fetcher: SubgraphFetcher = async (url, request) => {
    const subgraph = byUrl.get(url);
    const schema = subgraph === undefined ? undefined : schemas.get(subgraph);
    if (subgraph === undefined || schema === undefined) throw new Error(`No partner subgraph at ${url}.`);
    inFlight++;
    const call: TimedPartnerCall = { subgraph, query: request.query, variables: request.variables ?? {}, startedAt: performance.now(), endedAt: Number.NaN, inFlightAtStart: inFlight };
    calls.push(call);
    try {
      // Yield first, so that calls started together are in flight together, as over a network.
      await new Promise((resolve) => setImmediate(resolve));
      const result = (await execute({ schema, document: parse(request.query), variableValues: request.variables ?? {} })) as ExecutionResult;
      return JSON.parse(JSON.stringify(result));
    } finally {
      call.endedAt = performance.now();
      inFlight--;
    }
  };
  return {
    run: runner({ ...base, fetcher }),
    calls,
    callsTo: (subgraph) => calls.filter((c) => c.subgraph === subgraph),
    reset: () => void calls.splice(0),
    maxInFlight: () => Math.max(0, ...calls.map((c) => c.inFlightAtStart)),
  };
}

/**
 * The gateway over the world's partners served over real HTTP on ephemeral ports, each call with a
 * gateway token. `onRequest` runs after the call is recorded; it may throw (e.g.
 * SubgraphRequestRefused) or wait.
 */
export async function createHttpWorldGateway(world: World, options: WorldGatewayOptions & { onRequest?: OnSubgraphRequest } = {}): Promise<HttpWorldGateway> {
  const { base } = compose(world, options);
  const calls: PartnerCall[] = [];
  // The partners verify the gateway's token of every call, as in production.
  const tokens = await testGatewayTokens();
  const served = await serveAllSubgraphs(world, {
    gatewayKeys: tokens.jwks,
    basePort: 0,
    onRequest: async (request) => {
      calls.push({ subgraph: request.subgraph, query: request.query, variables: request.variables });
      await options.onRequest?.(request);
    },
  });
  const urls = new Map(served.subgraphs.map(({ name, url }) => [name, url]));
  return {
    run: runner({ ...base, urls, fetcher: tokens.signing.fetcher(httpSubgraphFetcher), headersFor: tokens.headersFor }),
    calls,
    callsTo: (subgraph) => calls.filter((c) => c.subgraph === subgraph),
    reset: () => void calls.splice(0),
    urls,
    async stop(subgraph) {
      if (!urls.has(subgraph)) throw new Error(`No partner subgraph named ${subgraph}.`);
      urls.set(subgraph, `http://127.0.0.1:${await releasedPort()}/graphql`);
    },
    close: served.close,
  };
}

/** A port that was just bound and released again: nothing listens there. */
async function releasedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}
