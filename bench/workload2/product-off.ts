/**
 * Child process: Doelpoort over the same 13 partner subgraphs (bench/workload2/partners.ts, in their
 * own process: BENCH_PARTNERS), built with `createGateway` and an allow-all policy and a no-op audit
 * sink: the bench-only "policy off". Callers are still authenticated (the same local issuer), and
 * partners still get and check a gateway token for every call (no partner answers without one),
 * signed with the run's shared keys (BENCH_DATA_DIR), through the same resilient fetcher as the
 * product (time-out, retries, breaker, per-partner limits from the configuration). The project
 * subgraph is left out: the combined view does not ask it.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../gateway/config/index.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { subjectCost } from '../../gateway/limits/check.ts';
import { limitsPlugin } from '../../gateway/limits/plugin.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { applyMinimisation } from '../../gateway/policy/minimise.ts';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import { createGateway } from '../../gateway/server/gateway.ts';
import { formatTraceparent } from '../../gateway/context/trace.ts';
import { httpSubgraphFetcher } from '../../gateway/executor/subgraph-client.ts';
import { createPartnerCallSigning, createPartnerTokenSigner } from '../../gateway/partner-token/index.ts';
import { createResilientFetcher } from '../../gateway/partners/resilient-fetcher.ts';
import { createAllSubgraphs } from '../../subgraphs/index.ts';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { partnerUrls } from '../lib/partners.ts';
import { ready } from '../lib/supergraph.ts';
import { PROJECT, PURPOSE } from './query.ts';

const allowAll: Policy = {
  async decide(question) {
    const allow: Decision = { outcome: 'allow', rule: 'bench.policy-off' };
    return { decisions: question.entities.map(() => question.fields.map(() => allow)) };
  },
};

const dataDir = process.env['BENCH_DATA_DIR'];
if (!dataDir) throw new Error('BENCH_DATA_DIR is not set');
const config = loadConfig({ env: { DOELPOORT_DATA_DIR: dataDir, DOELPOORT_PORT: '0', DOELPOORT_POLICY_DIR: resolve('policies'), DOELPOORT_LIMITS_MAX_COST: '1000000' } });
const policyData = loadPolicyData(config.policyDir);
const world = defaultWorld();
const sdlByName = new Map(createAllSubgraphs(world).map((s) => [s.name, s.sdl]));
const partnerTokens = await createPartnerTokenSigner({ dataDir, algorithm: config.partnerTokenAlgorithm });
const signing = createPartnerCallSigning(partnerTokens);
const urls = partnerUrls();
const partnerOfUrl = new Map(Object.entries(urls).map(([name, url]) => [url, name]));
const fetcher = createResilientFetcher(signing.fetcher(httpSubgraphFetcher), {
  partnerOf: (url) => partnerOfUrl.get(url) ?? url,
  timeoutMs: config.subgraphTimeoutMs,
  maxConcurrentPerPartner: config.partners.maxConcurrent,
  maxQueuedPerPartner: config.partners.maxQueued,
  breaker: config.partners.breaker,
  retries: config.partners.retry,
});
const issuer = await ensureLocalIssuer(dataDir);
const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });
const gateway = await createGateway({
  subgraphs: [...sdlByName].map(([name, sdl]) => ({ name, url: urls[name]!, sdl })),
  policy: allowAll,
  minimise: (transform, value) => applyMinimisation(transform, value, policyData.covenant.amountBands),
  audit: { recordRequest: async () => {} },
  authenticate: (header) => verifier.verify(header),
  introspection: false,
  timeoutMs: config.subgraphTimeoutMs,
  fetcher,
  headersFor: ({ graph, coordinates, context, spanId }) =>
    signing.headers(
      { partner: graph, traceId: context.traceId, organisation: 'belastingdienst', role: 'analist', callerId: 'bench-analist-1', project: PROJECT, purpose: PURPOSE, fields: coordinates },
      { traceparent: formatTraceparent(context.traceId, spanId) },
    ),
  maxBodyBytes: config.limits.maxBodyBytes,
  maxBatch: config.limits.maxBatch,
  plugins: [limitsPlugin({ ...config.limits, ...subjectCost })],
});
const origin = await gateway.listen(0, '127.0.0.1');
const analist = await issuer.sign({ id: 'bench-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [PROJECT] }, 24 * 3600);
ready({ url: `${origin}/graphql`, headers: { authorization: `Bearer ${analist}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': PURPOSE } });
// Exit on SIGTERM so that `--cpu-prof` can write its profile.
process.on('SIGTERM', () => process.exit(0));
