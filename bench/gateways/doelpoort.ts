/**
 * Child process: Doelpoort over the workload-1 subgraphs, built with `createGateway`.
 *
 *   BENCH_MODE=policy  the product's pipeline: the real policy (policies/), the real audit writer on
 *                      PGlite (group commit, signed checkpoints), JWT verification against a local
 *                      issuer, the request limits and the request observer (log line + metrics).
 *   BENCH_MODE=off     the same, but an allow-all policy and a no-op audit sink. This switch exists
 *                      only here, in bench/: no served build can turn the policy off.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPseudonymKey, loadSigningKeys } from '../../gateway/audit/keys.ts';
import { createAuditSink } from '../../gateway/audit/request-records.ts';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import { loadConfig } from '../../gateway/config/index.ts';
import { createStoreFacts } from '../../gateway/facts/provider.ts';
import type { RegisterLookup } from '../../gateway/facts/registers.ts';
import { createCallerVerifier } from '../../gateway/identity/caller-verifier.ts';
import { ensureLocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { subjectCost } from '../../gateway/limits/check.ts';
import { limitsPlugin } from '../../gateway/limits/plugin.ts';
import { createLogger } from '../../gateway/observability/log.ts';
import { createGatewayMetrics } from '../../gateway/observability/metrics.ts';
import { createRequestObserver } from '../../gateway/observability/request-observer.ts';
import { createPolicy } from '../../gateway/policy/create-policy.ts';
import { loadPolicyData } from '../../gateway/policy/load.ts';
import { applyMinimisation } from '../../gateway/policy/minimise.ts';
import { cachePerRequest } from '../../gateway/policy/request-facts-cache.ts';
import type { Decision, Policy } from '../../gateway/policy/types.ts';
import { createGateway } from '../../gateway/server/gateway.ts';
import type { AuditSink } from '../../gateway/server/pipeline.ts';
import { openStore } from '../../gateway/store/open.ts';
import { benchSubgraphs } from '../subgraphs/schemas.ts';
import { ready, subgraphUrls } from '../lib/supergraph.ts';

export const BENCH_PROJECT = 'wijkaanpak-2026';
export const BENCH_PURPOSE = 'uitkeringsfraude';

const allowAllPolicy: Policy = {
  async decide(question) {
    const allow: Decision = { outcome: 'allow', rule: 'bench.policy-off' };
    return { decisions: question.entities.map(() => question.fields.map(() => allow)) };
  },
};
const noAudit: AuditSink = { recordRequest: async () => {} };

/** The workload-1 subgraphs hold no person or address, so the policy never needs a register. */
const noRegisters: RegisterLookup = {
  addresses: async () => {
    throw new Error('bench: no BAG in workload 1');
  },
  persons: async () => {
    throw new Error('bench: no BRP in workload 1');
  },
};

const mode = process.env['BENCH_MODE'];
if (mode !== 'policy' && mode !== 'off') throw new Error('BENCH_MODE must be "policy" or "off"');
const urls = subgraphUrls();
const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-bench-'));
const config = loadConfig({ env: { DOELPOORT_DATA_DIR: dataDir, DOELPOORT_PORT: '0', DOELPOORT_POLICY_DIR: resolve('policies'), DOELPOORT_LIMITS_MAX_COST: '1000000' } });
const policyData = loadPolicyData(config.policyDir);
const issuer = await ensureLocalIssuer(dataDir);
const verifier = createCallerVerifier({ jwks: { file: issuer.jwksFile }, issuer: issuer.issuer, audience: issuer.audience, clockSkewSeconds: 30, algorithms: ['ES256'] });

let policy: Policy = allowAllPolicy;
let audit: AuditSink = noAudit;
if (mode === 'policy') {
  const db = await openStore({ dataDir });
  policy = createPolicy({ data: policyData, facts: cachePerRequest(createStoreFacts({ db, registers: noRegisters })) });
  const writer = createAuditWriter(db, { checkpoints: { keys: await loadSigningKeys(dataDir), every: 1000 } });
  audit = createAuditSink(writer, {
    pseudonymKey: await loadPseudonymKey(dataDir),
    policyVersion: policyData.version,
    activities: policyData.processingActivities.flatMap((a) => (a.purpose === undefined ? [] : [{ id: a.id, version: a.version, purpose: a.purpose }])),
  });
}

const gateway = await createGateway({
  subgraphs: benchSubgraphs().map((s) => ({ name: s.name, url: urls[s.name]!, sdl: s.sdl })),
  policy,
  minimise: (transform, value) => applyMinimisation(transform, value, policyData.covenant.amountBands),
  audit,
  authenticate: (header) => verifier.verify(header),
  introspection: false,
  timeoutMs: config.subgraphTimeoutMs,
  maxBodyBytes: config.limits.maxBodyBytes,
  maxBatch: config.limits.maxBatch,
  plugins: [limitsPlugin({ ...config.limits, ...subjectCost })],
  onRequestDone: createRequestObserver({ logger: createLogger({ level: config.logLevel, stream: { write: () => true } }), metrics: createGatewayMetrics() }),
});
const origin = await gateway.listen(0, '127.0.0.1');
const token = await issuer.sign({ id: 'bench-analist-1', organisation: 'belastingdienst', roles: ['analist'], projects: [BENCH_PROJECT] }, 24 * 3600);
ready({
  url: `${origin}/graphql`,
  headers: { authorization: `Bearer ${token}`, 'x-doelpoort-project': BENCH_PROJECT, 'x-doelpoort-purpose': BENCH_PURPOSE },
});
process.on('SIGTERM', () => process.exit(0));
