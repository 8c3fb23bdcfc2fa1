/**
 * Assembles a gateway from its parts: the partners' subgraphs (composed at start-up, refusing
 * unclassified fields), the policy, the audit sink and the caller authentication.
 */
import type { Server } from 'node:http';
import type { Classification, Minimisation } from '../../schema/classification.ts';
import { composeSupergraph, SchemaCheckError, type SubgraphSource } from '../../schema/compose.ts';
import type { Caller } from '../context/types.ts';
import { buildApiSchema } from '../executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES, createExecutor, type ExecutorOptions } from '../executor/execute.ts';
import { loadSupergraph } from '../executor/supergraph.ts';
import type { Policy } from '../policy/types.ts';
import { createApollo, type ApolloOptions } from './apollo.ts';
import { createGatewayHttpServer, listen, type HttpOptions } from './http.ts';
import { drainable } from './drain.ts';
import type { AuditSink } from './pipeline.ts';
import { createSupergraphVersions, type BuiltVersion, type SupergraphVersions } from './supergraph-versions.ts';

/** The partners' subgraphs composed once: what the executor runs on and what Explain reads. */
export interface ComposedGateway {
  supergraphSdl: string;
  apiSchemaSdl: string;
  /** "<graph>:<Type.field>" → the owner's classification. */
  classifications: Map<string, Classification>;
}

/**
 * Composes the partners' subgraphs, refusing unclassified fields (SchemaCheckError). `repaired`:
 * the fields whose composed definition the kit repaired (the composition library's defects, in
 * docs/executor-patches.md), for the start-up log.
 */
export function composeGateway(subgraphs: readonly SubgraphSource[]): ComposedGateway & { repaired: string[] } {
  const composed = composeSupergraph(subgraphs);
  if (!composed.ok) throw new SchemaCheckError(composed.problems);
  return { supergraphSdl: composed.supergraphSdl, apiSchemaSdl: composed.apiSchemaSdl, classifications: composed.classifications, repaired: composed.repaired };
}

export interface GatewayOptions {
  subgraphs: SubgraphSource[];
  /** The subgraphs already composed with composeGateway; composed here when absent. */
  composed?: ComposedGateway;
  policy: Policy;
  minimise: (transform: Minimisation, value: unknown) => unknown;
  audit: AuditSink;
  authenticate: (authorizationHeader: string | undefined) => Promise<Caller>;
  introspection: boolean;
  timeoutMs: number;
  requestTimeoutMs?: number;
  maxBodyBytes: number;
  maxBatch?: number;
  plugins?: ApolloOptions['plugins'];
  persistedQueries?: ApolloOptions['persistedQueries'];
  onRequestDone?: ApolloOptions['onRequestDone'];
  headersFor?: ExecutorOptions['headersFor'];
  maxPersonsPerRequest?: number;
  admitPersons?: ExecutorOptions['admitPersons'];
  fetcher?: ExecutorOptions['fetcher'];
  routes?: HttpOptions['routes'];
  handlers?: HttpOptions['handlers'];
  onResponse?: HttpOptions['onResponse'];
  /** The clock requests are judged by; the system clock by default. */
  now?: () => Date;
}

export interface Gateway {
  /** The supergraph versions served; `swap` replaces the one serving atomically. */
  versions: SupergraphVersions;
  server: Server;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const initial = options.composed ?? composeGateway(options.subgraphs);
  // The subgraphs' URLs as configured; a supergraph swapped in later routes by its own join__graph URLs.
  const urls = new Map(options.subgraphs.map((s) => [s.name, s.url]));
  const build = (composed: ComposedGateway): BuiltVersion => {
    // Two schema objects from one SDL: Apollo Server's plugins may instrument theirs; the executor's stays plain.
    const apiSchema = buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES));
    const servedSchema = buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES));
    const executor = createExecutor({
      supergraph: loadSupergraph(composed.supergraphSdl),
      apiSchema,
      classifications: composed.classifications,
      policy: options.policy,
      minimise: options.minimise,
      timeoutMs: options.timeoutMs,
      ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(composed === initial ? { urls } : {}),
      ...(options.headersFor ? { headersFor: options.headersFor } : {}),
      ...(options.maxPersonsPerRequest ? { maxPersonsPerRequest: options.maxPersonsPerRequest } : {}),
      ...(options.admitPersons ? { admitPersons: options.admitPersons } : {}),
      ...(options.fetcher ? { fetcher: options.fetcher } : {}),
    });
    return { servedSchema, executor };
  };
  const versions = createSupergraphVersions(initial, build);
  const apollo = createApollo({
    versions,
    audit: options.audit,
    introspection: options.introspection,
    allowBatches: options.maxBatch !== undefined,
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.persistedQueries !== undefined ? { persistedQueries: options.persistedQueries } : {}),
    ...(options.onRequestDone ? { onRequestDone: options.onRequestDone } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await apollo.start();
  const server = createGatewayHttpServer({
    apollo,
    authenticate: options.authenticate,
    maxBodyBytes: options.maxBodyBytes,
    ...(options.maxBatch !== undefined ? { maxBatch: options.maxBatch } : {}),
    ...(options.routes ? { routes: options.routes } : {}),
    ...(options.handlers ? { handlers: options.handlers } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });
  const drain = drainable(server);
  return {
    versions,
    server,
    listen: (port, host) => listen(server, port, host),
    /** Stops accepting, lets every request that had started finish (audit included), then stops. */
    async close() {
      await drain();
      await apollo.stop();
    },
  };
}

/** A partner's SDL, asked of the partner itself with the subgraph protocol. */
export async function fetchSubgraphSdl(name: string, url: string, timeoutMs: number): Promise<SubgraphSource> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new Error(`Subgraph ${name} at ${url} could not be reached to read its schema (_service { sdl }). Is it running?`);
  }
  const body = (await response.json().catch(() => undefined)) as { data?: { _service?: { sdl?: string } } } | undefined;
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl !== 'string') throw new Error(`Subgraph ${name} at ${url} did not answer _service { sdl } (HTTP ${response.status}). Is it a Federation v2 subgraph?`);
  return { name, url, sdl };
}
