/**
 * Starts Doelpoort from a validated configuration: the audit store, the policy, the partners'
 * subgraphs (in process on the embedded default, or the configured URLs), identity, and the
 * gateway. Everything that can be wrong is checked here, before the first request is served.
 */
import { loadPseudonymKey, loadSigningKeys } from './audit/keys.ts';
import { createAuditSink } from './audit/request-records.ts';
import { createLookupJournal } from './audit/register-lookup-records.ts';
import { createAuditWriter } from './audit/writer.ts';
import { startCheckpointer } from './audit/checkpointer.ts';
import { createMutationRecorder } from './audit/mutation-records.ts';
import { checkpointsRoute } from './audit/published-checkpoints.ts';
import { pseudonymise } from './audit/pseudonym.ts';
import type { Config } from './config/index.ts';
import { clockOf } from './config/clock.ts';
import { formatTraceparent, newTraceId } from './context/trace.ts';
import { createCallerVerifier } from './identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from './identity/local-issuer.ts';
import { createPartnerCallSigning, createPartnerTokenSigner } from './partner-token/index.ts';
import { createGatewayTokenVerifier, type GatewayCallContext } from '@doelpoort/subgraph-kit';
import type { SubgraphRequest } from '@doelpoort/subgraph-kit/subgraph';
import { createPolicy } from './policy/create-policy.ts';
import { loadPolicyData, oversightActivity, processingActivityFor } from './policy/load.ts';
import { applyMinimisation } from './policy/minimise.ts';
import { httpSubgraphFetcher } from './executor/subgraph-client.ts';
import { composeGateway, createGateway, fetchSubgraphSdl, type Gateway } from './server/gateway.ts';
import { explainSchemaFrom } from './explain/schema.ts';
import { createDryRunFacts } from './facts/dry-run.ts';
import { openStore } from './store/open.ts';
import { readSupergraphFile, watchSupergraphFile } from './server/supergraph-file.ts';
import { loadSupergraph } from './executor/supergraph.ts';
import type { Db } from './store/db.ts';
import { createStoreFacts } from './facts/provider.ts';
import { createDailyPersonLimit } from './facts/daily-limit.ts';
import { cachePerRequest } from './policy/request-facts-cache.ts';
import { dutchDayOf } from './policy/dates.ts';
import { createAuditApi } from './server/audit-api.ts';
import { createPartnerRegisterLookup } from './facts/registers.ts';
import { seedSignalsFromWorld } from './store/signals.ts';
import type { EmbeddedPartners } from './embedded.ts';
import type { DocumentNode } from 'graphql';
import type { SubgraphSource } from '../schema/compose.ts';
import { createProjectSubgraph, PROJECT_SUBGRAPH } from './project/index.ts';
import type { SubgraphFetcher } from './executor/subgraph-client.ts';

/** The project subgraph runs inside the gateway: it holds the product's own state (signals, cases). */
const PROJECT_URL = 'inprocess://project';
import { createWebApp } from './server/web-app.ts';
import { appChoices, createDevSignIn } from './server/dev-sign-in.ts';
/**
 * A partner token's project or purpose when the call is made for none: a request that touches no
 * person or address, or declares no purpose (the policy then denies every personal field). Purpose
 * headers are lower-case ids, so no caller can declare this value.
 */
const NOT_DECLARED = '-';
import { limitsPlugin } from './limits/plugin.ts';
import { createTrustedDocuments } from './limits/trusted-documents.ts';
import type { GatewayContext } from './server/http.ts';
import { subjectCost } from './limits/check.ts';
import { createResilientFetcher } from './partners/resilient-fetcher.ts';
import { createLogger } from './observability/log.ts';
import { createAuditHealth } from './observability/audit-health.ts';
import { probeAuditWrite } from './audit/write-probe.ts';
import { createGatewayMetrics } from './observability/metrics.ts';
import { createRequestObserver, createResponseObserver } from './observability/request-observer.ts';
import { createTracer } from './observability/tracing.ts';
import { tracedPolicy } from './observability/policy-tracing.ts';

export interface Doelpoort {
  logger: import('./observability/log.ts').Logger;
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
  logStream?: Pick<import('node:stream').Writable, 'write'>;
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
  const embedded = config.subgraphs === undefined && config.supergraphFile === undefined;
  const now = options.now ?? clockOf(config);
  if (!embedded && config.auth === undefined) {
    throw new Error('Configuration error: auth: with configured subgraphs or a supergraph file the gateway needs an identity provider (auth.issuer, auth.audience and auth.jwksUrl or auth.jwksFile); the local issuer serves only the embedded default.');
  }
  if (embedded && options.embedded === undefined) {
    throw new Error('Configuration error: subgraphs: no partner subgraphs and no supergraph file are configured, and no embedded partners were given (npm start brings the synthetic ones: scripts/embedded-default.ts).');
  }
  const policyData = loadPolicyData(config.policyDir);
  const logger = createLogger({ level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) });
  const metrics = createGatewayMetrics();
  const tracer = config.otlpEndpoint
    ? createTracer({ endpoint: config.otlpEndpoint, serviceName: 'doelpoort-gateway', onExportError: (error) => logger.warn('tracing.export-failed', { message: error.message }) })
    : undefined;
  const db = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  const closers: (() => Promise<void>)[] = [() => db.close()];
  try {
    const pseudonymKey = await loadPseudonymKey(config.dataDir);
    const checkpointKeys = await loadSigningKeys(config.dataDir);
    const partnerTokens = await createPartnerTokenSigner({ dataDir: config.dataDir, algorithm: config.partnerTokenAlgorithm });
    const signing = createPartnerCallSigning(partnerTokens);

    // The project subgraph, like every partner, accepts only the gateway's token for exactly the call.
    const projectTokens = createGatewayTokenVerifier({ partner: PROJECT_SUBGRAPH, jwks: partnerTokens.jwks() });
    const auditHealth = createAuditHealth({ logger, metrics, probe: () => probeAuditWrite(db) });
    const checkpointEvery = { keys: checkpointKeys, every: 1000 };
    const project = createProjectSubgraph({
      db,
      policyData,
      now,
      verifyGatewayToken: (header, call) => projectTokens.verify(header, call),
      pseudonymOf: (kind, id) => pseudonymise(kind, id, pseudonymKey),
      recordMutation: createMutationRecorder({
        pseudonymKey,
        activityFor: (purpose) => processingActivityFor(policyData, purpose),
        checkpoints: checkpointEvery,
        onFailed: (error) => auditHealth.commitFailed(error, 1),
      }),
    });

    let sources: SubgraphSource[] = [];
    let localIssuer: LocalIssuer | undefined;
    if (options.embedded && embedded) {
      const embeddedPartners = options.embedded();
      const served = await embeddedPartners.serve({
        gatewayKeys: partnerTokens.jwks(),
        basePort: config.gateway.port === 0 ? 0 : config.gateway.port + 1,
        host: config.gateway.host,
        ...(options.onPartnerRequest ? { onRequest: options.onPartnerRequest } : {}),
      });
      closers.push(() => served.close());
      sources = served.subgraphs.map((s) => ({ name: s.name, url: s.url, sdl: s.sdl }));
      for (const p of policyData.projects.values()) await seedSignalsFromWorld(db, embeddedPartners.signals, p);
      localIssuer = await ensureLocalIssuer(config.dataDir);
    } else if (config.subgraphs) {
      sources = await Promise.all(config.subgraphs.map((s) => fetchSubgraphSdl(s.name, s.url, config.subgraphTimeoutMs)));
    }
    // A supergraph composed elsewhere is served as it is (the project subgraph is not part of it).
    const fromFile = config.supergraphFile ? readSupergraphFile(config.supergraphFile) : undefined;
    if (!fromFile) sources.push({ name: PROJECT_SUBGRAPH, url: PROJECT_URL, sdl: project.sdl });
    const graphs = fromFile ? [...loadSupergraph(fromFile.supergraphSdl).graphs.values()].map(({ name, url }) => ({ name, url })) : sources.map(({ name, url }) => ({ name, url }));
    const partnerOfUrl = new Map(graphs.map((s) => [s.url, s.name]));
    // A fresh token for every attempt (retries included), bound to the call as sent.
    const partners = createResilientFetcher(signing.fetcher(httpSubgraphFetcher), {
      partnerOf: (url) => partnerOfUrl.get(url) ?? url,
      timeoutMs: config.subgraphTimeoutMs,
      maxConcurrentPerPartner: config.partners.maxConcurrent,
      maxQueuedPerPartner: config.partners.maxQueued,
      breaker: config.partners.breaker,
      retries: config.partners.retry,
      onCall: (call) => metrics.recordPartnerCall(call),
    });
    const fetcher: SubgraphFetcher = (url, request, options) =>
      url === PROJECT_URL ? signing.fetcher(project.fetcher)(url, request, options) : partners(url, request, options);

    const auth = config.auth;
    const verifier = createCallerVerifier(
      auth
        ? {
            jwks: auth.jwksFile ? { file: auth.jwksFile } : { url: auth.jwksUrl! },
            issuer: auth.issuer,
            audience: auth.audience,
            clockSkewSeconds: auth.clockSkewSeconds,
            algorithms: auth.algorithms,
            claims: auth.claims,
          }
        : { jwks: { file: localIssuer!.jwksFile }, issuer: localIssuer!.issuer, audience: localIssuer!.audience, clockSkewSeconds: 30, algorithms: ['ES256'] },
    );

    const urls = new Map(graphs.map((s) => [s.name, s.url]));
    const headersFor = async (call: { graph: string; coordinates: string[]; context: import('./context/types.ts').RequestContext; spanId: string }) => {
      const { context } = call;
      const caller = context.caller;
      const headers: Record<string, string> = { traceparent: formatTraceparent(context.traceId, call.spanId) };
      if (!caller) return headers;
      return signing.headers(
        {
          partner: call.graph,
          traceId: context.traceId,
          organisation: caller.organisation,
          role: caller.roles[0] ?? '',
          roles: caller.roles,
          callerId: caller.id,
          project: context.purpose?.project ?? NOT_DECLARED,
          purpose: context.purpose?.purpose ?? NOT_DECLARED,
          ...(context.purpose?.caseId ? { caseId: context.purpose.caseId } : {}),
          fields: call.coordinates,
        },
        headers,
      );
    };
    // The policy's own look-ups (where a person is registered, an address's postcode) carry a token
    // too, in the trace of the request they are made for, so the partner's log joins our audit trail.
    const lookups = createLookupJournal();
    const registers = createPartnerRegisterLookup({
      fetcher,
      urls: { bag: urls.get('bag')!, brp: urls.get('brp')!, ...(urls.has('arbeidsinspectie') ? { arbeidsinspectie: urls.get('arbeidsinspectie')! } : {}) },
      timeoutMs: config.subgraphTimeoutMs,
      onLookup: lookups.note,
      headers: async (partner, coordinates, requestTraceId, spanId) => {
        const traceId = requestTraceId ?? newTraceId();
        const context: GatewayCallContext = {
          partner,
          traceId,
          organisation: 'doelpoort',
          role: 'policy-engine',
          callerId: 'doelpoort',
          project: NOT_DECLARED,
          purpose: 'scope-check',
          fields: [...coordinates],
        };
        return signing.headers(context, { traceparent: formatTraceparent(traceId, spanId) });
      },
    });
    const decidingPolicy = createPolicy({
      data: policyData,
      facts: cachePerRequest(createStoreFacts({ db, registers, pseudonymOf: (bsn) => pseudonymise('person', bsn, pseudonymKey) })),
    });
    const policy = tracer ? tracedPolicy(decidingPolicy, tracer) : decidingPolicy;
    const daily = createDailyPersonLimit({ db, maxPersonsPerUserPerDay: config.limits.maxPersonsPerUserPerDay });
    const writer = createAuditWriter(db, {
      checkpoints: checkpointEvery,
      now,
      onQueueDepth: metrics.recordAuditQueueDepth,
      onWriteCommitted: (durationMs) => {
        metrics.recordAuditWrite(durationMs);
        auditHealth.committed();
      },
      onCommitFailed: auditHealth.commitFailed,
    });
    const checkpointer = startCheckpointer(db, {
      keys: checkpointKeys,
      intervalMs: config.audit.checkpointIntervalMs,
      now,
      onError: (error) => logger.warn('audit.checkpoint-failed', { message: error instanceof Error ? error.message : String(error) }),
    });
    closers.push(() => checkpointer.stop());
    const audit = createAuditSink(writer, {
      pseudonymKey,
      policyVersion: policyData.version,
      activities: policyData.processingActivities.flatMap((a) => (a.purpose === undefined ? [] : [{ id: a.id, version: a.version, purpose: a.purpose }])),
    }, lookups);

    const composed = fromFile ?? composeGateway(sources);
    const devSignIn = auth ? undefined : localIssuer;
    const trusted = config.trustedDocumentsFile ? await createTrustedDocuments({ file: config.trustedDocumentsFile }) : undefined;
    const gateway = await createGateway({
      subgraphs: sources,
      composed,
      policy,
      minimise: (transform, value) => applyMinimisation(transform, value, policyData.covenant.amountBands),
      audit,
      authenticate: (header) => verifier.verify(header),
      introspection: config.introspection,
      timeoutMs: config.subgraphTimeoutMs,
      requestTimeoutMs: config.requestTimeoutMs,
      maxBodyBytes: config.limits.maxBodyBytes,
      maxBatch: config.limits.maxBatch,
      plugins: [limitsPlugin({ ...config.limits, ...subjectCost }), ...(trusted ? [trusted.plugin<GatewayContext>()] : [])],
      ...(trusted ? { persistedQueries: { cache: trusted.cache, ttl: null } } : {}),
      onRequestDone: createRequestObserver({ logger, metrics, ...(tracer ? { tracer } : {}) }),
      onResponse: createResponseObserver({ logger, metrics }),
      headersFor,
      fetcher,
      maxPersonsPerRequest: config.limits.maxPersonsPerRequest,
      admitPersons: (context, count) => (context.caller ? daily.admit(context.caller, dutchDayOf(context.now), count) : Promise.resolve(false)),
      handlers: [
        // The web app at /; its development sign-in only on the embedded default without `auth`.
        createWebApp({ config: { signIn: { mode: devSignIn ? 'development' : 'unavailable' }, ...appChoices(policyData) } }),
        ...(devSignIn ? [createDevSignIn(devSignIn, policyData)] : []),
        createAuditApi({
          db,
          writer,
          pseudonymKey,
          checkpointPublicKey: checkpointKeys.publicKey,
          maxUnsignedAgeMs: config.audit.maxUnsignedAgeMs,
          authenticate: (header) => verifier.verify(header),
          now,
          oversightActivity: oversightActivity(policyData),
          // Explain is a dry run: its facts come from the store alone, never from a partner.
          explain: { schema: explainSchemaFrom(composed), data: policyData, facts: createDryRunFacts({ db }) },
        }),
      ],
      routes: {
        '/health/live': async () => ({ status: 200, body: { status: 'ok' } }),
        '/health/ready': async () =>
          (await auditHealth.writable())
            ? { status: 200, body: { status: 'ready', policyVersion: policyData.version, partners: partners.partnerStatus() } }
            : { status: 503, body: { status: 'not ready', reason: 'the audit trail cannot be written, so no data can be returned' } },
        '/metrics': async () => ({ status: 200, body: await metrics.render(), contentType: metrics.contentType }),
        '/.well-known/jwks.json': async () => ({ status: 200, body: partnerTokens.jwks() }),
        '/.well-known/audit-checkpoints': checkpointsRoute(db, checkpointKeys.publicKey),
      },
      now,
    });
    const supergraphFile = config.supergraphFile;
    if (supergraphFile) {
      logger.info('supergraph.loaded', { file: supergraphFile, version: gateway.versions.current().id });
      const stopWatching = watchSupergraphFile(supergraphFile, gateway.versions, {
        onLoaded: (version) => logger.info('supergraph.loaded', { file: supergraphFile, version: version.id }),
        onRefused: (error) => logger.error('supergraph.refused', { file: supergraphFile, message: `${error.message} The supergraph serving stays: version ${gateway.versions.current().id}.` }),
      });
      closers.push(async () => stopWatching());
    }
    const url = await gateway.listen(config.gateway.port, config.gateway.host);
    return {
      url: `${url}/graphql`,
      logger,
      gateway,
      db,
      ...(localIssuer ? { localIssuer } : {}),
      subgraphs: graphs,
      async stop() {
        await gateway.close();
        await tracer?.shutdown();
        for (const close of closers.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}

