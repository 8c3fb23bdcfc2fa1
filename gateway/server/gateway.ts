/**
 * Assembles a gateway from its parts: the partners' subgraphs (composed at start-up, refusing
 * unclassified fields), the policy, the audit sink and the caller authentication.
 */
import type { Server } from 'node:http';
import type { Classification, Minimisation } from '../../schema/classification.ts';
import { composeSupergraph, SchemaCheckError, type SubgraphSource } from '../../schema/compose.ts';
import type { Caller } from '../context/types.ts';
import { buildApiSchema } from '../executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES, createExecutor, type Executor, type ExecutorOptions } from '../executor/execute.ts';
import { loadSupergraph } from '../executor/supergraph.ts';
import type { Policy } from '../policy/types.ts';
import { createApollo, type ApolloOptions } from './apollo.ts';
import { createGatewayHttpServer, listen, type HttpOptions } from './http.ts';
import type { AuditSink } from './pipeline.ts';

/** The partners' subgraphs composed once: what the executor runs on and what Explain reads. */
export interface ComposedGateway {
  supergraphSdl: string;
  apiSchemaSdl: string;
  /** "<graph>:<Type.field>" → the owner's classification. */
  classifications: Map<string, Classification>;
}

/** Composes the partners' subgraphs, refusing unclassified fields (SchemaCheckError). */
export function composeGateway(subgraphs: readonly SubgraphSource[]): ComposedGateway {
  const composed = composeSupergraph(subgraphs);
  if (!composed.ok) throw new SchemaCheckError(composed.problems);
  return { supergraphSdl: composed.supergraphSdl, apiSchemaSdl: composed.apiSchemaSdl, classifications: composed.classifications };
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
  examples?: NonNullable<HttpOptions['landing']>['examples'];
  /** The clock requests are judged by; the system clock by default. */
  now?: () => Date;
}

export interface Gateway {
  executor: Executor;
  server: Server;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const composed = options.composed ?? composeGateway(options.subgraphs);
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
    urls: new Map(options.subgraphs.map((s) => [s.name, s.url])),
    ...(options.headersFor ? { headersFor: options.headersFor } : {}),
    ...(options.maxPersonsPerRequest ? { maxPersonsPerRequest: options.maxPersonsPerRequest } : {}),
    ...(options.admitPersons ? { admitPersons: options.admitPersons } : {}),
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
  });
  const apollo = createApollo({
    executor,
    audit: options.audit,
    apiSchema: servedSchema,
    supergraphSdl: composed.supergraphSdl,
    introspection: options.introspection,
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
    landing: { examples: options.examples ?? [] },
  });
  return {
    executor,
    server,
    listen: (port, host) => listen(server, port, host),
    /** Stops accepting, lets every request that had started finish (audit included), then stops. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections that fall idle after a response would hold the server open.
      const sweep = setInterval(() => server.closeIdleConnections(), 25);
      server.closeIdleConnections();
      await closed;
      clearInterval(sweep);
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
