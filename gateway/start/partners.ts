/**
 * Start step "partners": the subgraphs the gateway serves (the embedded partners, the configured
 * URLs or a supergraph file) and the fetcher that calls them: resilient and signed per call for
 * the partners, in process for the project subgraph.
 */
import type { SubgraphRequest } from '@doelpoort/subgraph-kit/subgraph';
import type { SubgraphSource } from '../../schema/compose.ts';
import type { Config } from '../config/index.ts';
import type { EmbeddedPartners } from '../embedded.ts';
import { httpSubgraphFetcher, type SubgraphFetcher } from '../executor/subgraph-client.ts';
import { loadSupergraph } from '../executor/supergraph.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { createResilientFetcher } from '../partners/resilient-fetcher.ts';
import type { PolicyData } from '../policy/load.ts';
import { PROJECT_SUBGRAPH } from '../project/index.ts';
import { sharedExecutableDirectives } from '../project/shared-directives.ts';
import { fetchSubgraphSdl } from '../server/gateway.ts';
import { readSupergraphFile } from '../server/supergraph-file.ts';
import type { Db } from '../store/db.ts';
import { seedSignalsFromWorld } from '../store/signals.ts';
import type { Keys } from './stores.ts';

/** The project subgraph runs inside the gateway: it holds the product's own state (signals, cases). */
export const PROJECT_URL = 'inprocess://project';

export interface Partners {
  /** The subgraphs composed here; empty of partners with a supergraph file. */
  sources: SubgraphSource[];
  /** A supergraph composed elsewhere, when configured. */
  fromFile?: ReturnType<typeof readSupergraphFile>;
  /** Every graph served, by name and URL. */
  graphs: { name: string; url: string }[];
  fetcher: SubgraphFetcher;
  /** The partners' breakers and queues, for readiness. */
  partnerStatus: ReturnType<typeof createResilientFetcher>['partnerStatus'];
}

export interface PartnersInput {
  config: Config;
  db: Db;
  policyData: PolicyData;
  keys: Keys;
  metrics: GatewayMetrics;
  /** The project subgraph's SDL and its in-process fetcher. */
  project: { sdl: string; fetcher: SubgraphFetcher };
  /** Given on the embedded default only. */
  embedded?: EmbeddedPartners;
  onPartnerRequest?: (request: SubgraphRequest) => void;
  /** Where this step registers what must be closed on stop. */
  closers: (() => Promise<void>)[];
}

export async function connectPartners(input: PartnersInput): Promise<Partners> {
  const { config, keys } = input;
  const sources = await partnerSources(input);
  // A supergraph composed elsewhere is served as it is (the project subgraph is not part of it).
  const fromFile = config.supergraphFile ? readSupergraphFile(config.supergraphFile) : undefined;
  if (!fromFile) {
    // Composed with the executable directives every partner defines (it ignores them), so that they stay in the API schema.
    const shared = sharedExecutableDirectives(sources.map((s) => s.sdl), input.project.sdl);
    sources.push({ name: PROJECT_SUBGRAPH, url: PROJECT_URL, sdl: `${input.project.sdl}\n${shared}` });
  }
  const graphs = fromFile ? [...loadSupergraph(fromFile.supergraphSdl).graphs.values()].map(({ name, url }) => ({ name, url })) : sources.map(({ name, url }) => ({ name, url }));
  const partnerOfUrl = new Map(graphs.map((s) => [s.url, s.name]));
  // A fresh token for every attempt (retries included), bound to the call as sent.
  const partners = createResilientFetcher(keys.signing.fetcher(httpSubgraphFetcher), {
    partnerOf: (url) => partnerOfUrl.get(url) ?? url,
    timeoutMs: config.subgraphTimeoutMs,
    maxConcurrentPerPartner: config.partners.maxConcurrent,
    maxQueuedPerPartner: config.partners.maxQueued,
    breaker: config.partners.breaker,
    retries: config.partners.retry,
    onCall: (call) => input.metrics.recordPartnerCall(call),
  });
  const project = keys.signing.fetcher(input.project.fetcher);
  const fetcher: SubgraphFetcher = (url, request, options) => (url === PROJECT_URL ? project(url, request, options) : partners(url, request, options));
  return { sources, ...(fromFile ? { fromFile } : {}), graphs, fetcher, partnerStatus: partners.partnerStatus };
}

/** The embedded partners, served and their signals laid in each project; or the configured subgraphs' SDL. */
async function partnerSources(input: PartnersInput): Promise<SubgraphSource[]> {
  const { config, embedded } = input;
  if (embedded) {
    const served = await embedded.serve({
      gatewayKeys: input.keys.partnerTokens.jwks(),
      basePort: config.gateway.port === 0 ? 0 : config.gateway.port + 1,
      host: config.gateway.host,
      ...(input.onPartnerRequest ? { onRequest: input.onPartnerRequest } : {}),
    });
    input.closers.push(() => served.close());
    for (const p of input.policyData.projects.values()) await seedSignalsFromWorld(input.db, embedded.signals, p);
    return served.subgraphs.map((s) => ({ name: s.name, url: s.url, sdl: s.sdl }));
  }
  if (config.subgraphs) return Promise.all(config.subgraphs.map((s) => fetchSubgraphSdl(s.name, s.url, config.subgraphTimeoutMs)));
  return [];
}
