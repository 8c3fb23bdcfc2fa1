/**
 * Starts Doelpoort from a validated configuration, in named steps (gateway/start/): the
 * configuration checked, observability, the store and keys, the audit, the project subgraph, the
 * partners (embedded or configured), identity, the policy, and the server. Everything that can be
 * wrong is checked here, before the first request is served.
 */
import type { Writable } from 'node:stream';
import type { SubgraphRequest } from '@doelpoort/subgraph-kit/subgraph';
import type { Config } from './config/index.ts';
import { clockOf } from './config/clock.ts';
import type { EmbeddedPartners } from './embedded.ts';
import type { LocalIssuer } from './identity/local-issuer.ts';
import type { Logger } from './observability/log.ts';
import { loadPolicyData } from './policy/load.ts';
import type { Gateway } from './server/gateway.ts';
import type { Db } from './store/db.ts';
import { startAudit } from './start/audit.ts';
import { checkStartConfig } from './start/config.ts';
import { startIdentity } from './start/identity.ts';
import { startObservability } from './start/observability.ts';
import { connectPartners } from './start/partners.ts';
import { startPolicy } from './start/policy.ts';
import { startProject } from './start/project.ts';
import { createServer } from './start/server.ts';
import { loadKeys, openConfiguredStore } from './start/stores.ts';
import { keepPolicyVersion } from './store/policy-versions.ts';

export interface Doelpoort {
  logger: Logger;
  url: string;
  gateway: Gateway;
  db: Db;
  /** Only on the embedded default. */
  localIssuer?: LocalIssuer;
  subgraphs: { name: string; url: string }[];
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the JSON log lines go; standard output by default. */
  logStream?: Pick<Writable, 'write'>;
  /**
   * The clock requests are judged by: the policy's today, the project subgraph's signals and
   * cases, the audit trail's times. By default the configuration's (`clockOf`: the system clock,
   * or the embedded default's `clockStart`). For tests and for replaying a day. (Tokens are
   * checked and signed on the system clock regardless.)
   */
  now?: () => Date;
  /**
   * The partners of the embedded default (no subgraphs and no supergraph file configured): served in
   * process, their signals laid in each project. `npm start` passes the synthetic world's.
   */
  embedded?: () => EmbeddedPartners;
  /** Observes every request an embedded partner receives, before it checks the gateway token (for tests). */
  onPartnerRequest?: (request: SubgraphRequest) => void;
}

export async function startDoelpoort(config: Config, options: StartOptions = {}): Promise<Doelpoort> {
  const { embedded } = checkStartConfig(config, options.embedded !== undefined);
  const now = options.now ?? clockOf(config);
  const policyData = loadPolicyData(config.policyDir);
  const observability = startObservability(config, options.logStream);
  const db = await openConfiguredStore(config);
  const closers: (() => Promise<void>)[] = [() => db.close()];
  try {
    // Every version the gateway runs with is kept, so its decisions can be replayed (docs/audit.md).
    await keepPolicyVersion(db, config.policyDir, policyData.version);
    const keys = await loadKeys(config);
    const audit = startAudit({ config, db, keys, policyData, now, logger: observability.logger, metrics: observability.metrics, closers });
    const project = startProject({ db, policyData, now, keys, audit });
    const partners = await connectPartners({
      config,
      db,
      policyData,
      keys,
      metrics: observability.metrics,
      project,
      ...(embedded && options.embedded ? { embedded: options.embedded() } : {}),
      ...(options.onPartnerRequest ? { onPartnerRequest: options.onPartnerRequest } : {}),
      closers,
    });
    const identity = await startIdentity(config, embedded);
    const { policy, lookups } = startPolicy({
      policyData,
      db,
      keys,
      fetcher: partners.fetcher,
      graphs: partners.graphs,
      subgraphTimeoutMs: config.subgraphTimeoutMs,
      ...(observability.tracer ? { tracer: observability.tracer } : {}),
    });
    const sink = audit.sink(lookups);
    const gateway = await createServer({ config, db, keys, policyData, policy, audit, sink, identity, partners, observability, now, closers });
    const url = await gateway.listen(config.gateway.port, config.gateway.host);
    return {
      url: `${url}/graphql`,
      logger: observability.logger,
      gateway,
      db,
      ...(identity.localIssuer ? { localIssuer: identity.localIssuer } : {}),
      subgraphs: partners.graphs,
      async stop() {
        await gateway.close();
        await observability.tracer?.shutdown();
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}
