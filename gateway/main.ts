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
import type { Config } from './config/index.ts';
import { formatTraceparent, newTraceId } from './context/trace.ts';
import { createCallerVerifier } from './identity/caller-verifier.ts';
import { ensureLocalIssuer, type LocalIssuer } from './identity/local-issuer.ts';
import { createPartnerTokenSigner } from './partner-token/index.ts';
import { createPolicy } from './policy/create-policy.ts';
import { loadPolicyData, oversightActivity, processingActivityFor } from './policy/load.ts';
import { applyMinimisation } from './policy/minimise.ts';
import { httpSubgraphFetcher } from './executor/subgraph-client.ts';
import { composeGateway, createGateway, fetchSubgraphSdl, type Gateway } from './server/gateway.ts';
import { explainSchemaFrom } from './explain/schema.ts';
import { createDryRunFacts } from './facts/dry-run.ts';
import { openStore } from './store/open.ts';
import type { Db } from './store/db.ts';
import { createStoreFacts } from './facts/provider.ts';
import { createDailyPersonLimit } from './facts/daily-limit.ts';
import { cachePerRequest } from './policy/request-facts-cache.ts';
import { dutchDayOf } from './policy/dates.ts';
import { createAuditApi } from './server/audit-api.ts';
import { createPartnerRegisterLookup } from './facts/registers.ts';
import { seedSignalsFromWorld } from './store/signals.ts';
import { defaultWorld } from '../subgraphs/world/index.ts';
import { serveAllSubgraphs } from '../subgraphs/index.ts';
import { SubgraphRequestRefused, type SubgraphRequest } from '../subgraphs/kit/serve.ts';
import type { DocumentNode } from 'graphql';
import type { SubgraphSource } from '../schema/compose.ts';
import { createGatewayTokenVerifier, fieldCoordinatesByQuery, type GatewayTokenVerifier } from '../subgraphs/kit/gateway-token.ts';
import { createProjectSubgraph, PROJECT_SUBGRAPH } from '../subgraphs/project/index.ts';
import type { SubgraphFetcher } from './executor/subgraph-client.ts';

/** The project subgraph runs inside the gateway: it holds the product's own state (signals, cases). */
const PROJECT_URL = 'inprocess://project';
import { SCENARIO_EXAMPLES } from './examples.ts';
import { limitsPlugin } from './limits/plugin.ts';
import { createTrustedDocuments } from './limits/trusted-documents.ts';
import type { GatewayContext } from './server/http.ts';
import { weightByType } from './limits/check.ts';
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
   * cases, the audit trail's times. The system clock by default. For tests and for replaying a
   * day: it is never read from the environment or the configuration, so a served build always
   * runs on the system clock. (Tokens are checked and signed on the system clock regardless.)
   */
  now?: () => Date;
  /** Observes every request an embedded partner receives, before it checks the gateway token (for tests). */
  onPartnerRequest?: (request: SubgraphRequest) => void;
}

export async function startDoelpoort(config: Config, options: StartOptions = {}): Promise<Doelpoort> {
  const embedded = config.subgraphs === undefined;
  const now = options.now ?? (() => new Date());
  if (!embedded && config.auth === undefined) {
    throw new Error('Configuration error: auth: with configured subgraphs the gateway needs an identity provider (auth.issuer, auth.audience and auth.jwksUrl or auth.jwksFile); the local issuer serves only the embedded default.');
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
    const partnerTokens = await createPartnerTokenSigner({ dataDir: config.dataDir });

    // Partners accept only calls that carry the gateway's token for exactly the fields asked.
    const partnerVerifiers = new Map<string, GatewayTokenVerifier>();
    const verifierFor = (partner: string) => {
      let v = partnerVerifiers.get(partner);
      if (!v) partnerVerifiers.set(partner, (v = createGatewayTokenVerifier({ partner, jwks: partnerTokens.jwks() })));
      return v;
    };
    const auditHealth = createAuditHealth({ logger, metrics, probe: () => probeAuditWrite(db) });
    const checkpointEvery = { keys: checkpointKeys, every: 1000 };
    const project = createProjectSubgraph({
      db,
      policyData,
      now,
      recordMutation: createMutationRecorder({
        pseudonymKey,
        activityFor: (purpose) => processingActivityFor(policyData, purpose),
        checkpoints: checkpointEvery,
        onFailed: (error) => auditHealth.commitFailed(error, 1),
      }),
      verifyGatewayToken: (header, fields) => verifierFor(PROJECT_SUBGRAPH).verify(header, fields),
    });

    let sources: SubgraphSource[];
    let localIssuer: LocalIssuer | undefined;
    if (embedded) {
      const world = defaultWorld();
      // Every partner refuses a call without the gateway's token for exactly the fields it asks,
      // including a call it cannot parse (so an unknown caller learns nothing from its errors).
      const coordinatesOf = new Map<string, (query: string, document: DocumentNode) => string[]>();
      const served = await serveAllSubgraphs(world, {
        basePort: config.gateway.port === 0 ? 0 : config.gateway.port + 1,
        host: config.gateway.host,
        onRequest: async (request) => {
          options.onPartnerRequest?.(request);
          const coordinates = coordinatesOf.get(request.subgraph);
          if (!coordinates) throw new SubgraphRequestRefused(503, 'This partner is not ready yet.');
          const header = request.headers.authorization;
          const fields = request.document ? coordinates(request.query, request.document) : [];
          await verifierFor(request.subgraph).verify(Array.isArray(header) ? header[0] : header, fields);
        },
      });
      closers.push(() => served.close());
      for (const s of served.subgraphs) coordinatesOf.set(s.name, fieldCoordinatesByQuery(s.schema));
      sources = served.subgraphs.map((s) => ({ name: s.name, url: s.url, sdl: s.sdl }));
      for (const p of policyData.projects.values()) await seedSignalsFromWorld(db, world, p);
      localIssuer = await ensureLocalIssuer(config.dataDir);
    } else {
      sources = await Promise.all(config.subgraphs!.map((s) => fetchSubgraphSdl(s.name, s.url, config.subgraphTimeoutMs)));
    }
    sources.push({ name: PROJECT_SUBGRAPH, url: PROJECT_URL, sdl: project.sdl });
    const partnerOfUrl = new Map(sources.map((s) => [s.url, s.name]));
    const partners = createResilientFetcher(httpSubgraphFetcher, {
      partnerOf: (url) => partnerOfUrl.get(url) ?? url,
      timeoutMs: { default: config.subgraphTimeoutMs },
      maxConcurrentPerPartner: 16,
      breaker: { failureThreshold: 5, resetAfterMs: 30_000 },
      retries: { attempts: 2, baseDelayMs: 100 },
      onCall: (call) => metrics.recordPartnerCall(call),
    });
    const fetcher: SubgraphFetcher = (url, request, options) =>
      url === PROJECT_URL ? project.fetcher(url, request, options) : partners(url, request, options);

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

    const urls = new Map(sources.map((s) => [s.name, s.url]));
    const headersFor = async (call: { graph: string; coordinates: string[]; context: import('./context/types.ts').RequestContext; spanId: string }) => {
      const { context } = call;
      const caller = context.caller;
      const headers: Record<string, string> = { traceparent: formatTraceparent(context.traceId, call.spanId) };
      if (caller) {
        const token = await partnerTokens.sign({
          partner: call.graph,
          traceId: context.traceId,
          organisation: caller.organisation,
          role: caller.roles[0] ?? '',
          callerId: caller.id,
          project: context.purpose?.project ?? '',
          purpose: context.purpose?.purpose ?? '',
          ...(context.purpose?.caseId ? { caseId: context.purpose.caseId } : {}),
          fields: call.coordinates,
        });
        headers.authorization = `Bearer ${token}`;
      }
      return headers;
    };
    // The policy's own look-ups (where a person is registered, an address's postcode) carry a token
    // too, in the trace of the request they are made for, so the partner's log joins our audit trail.
    const lookups = createLookupJournal();
    const registers = createPartnerRegisterLookup({
      fetcher,
      urls: { bag: urls.get('bag')!, brp: urls.get('brp')! },
      timeoutMs: config.subgraphTimeoutMs,
      onLookup: lookups.note,
      headers: async (partner, coordinates, requestTraceId, spanId) => {
        const traceId = requestTraceId ?? newTraceId();
        return {
          traceparent: formatTraceparent(traceId, spanId),
          authorization: `Bearer ${await partnerTokens.sign({
            partner,
            traceId,
            organisation: 'doelpoort',
            role: 'policy-engine',
            callerId: 'doelpoort',
            project: '-',
            purpose: 'scope-check',
            fields: [...coordinates],
          })}`,
        };
      },
    });
    const decidingPolicy = createPolicy({ data: policyData, facts: cachePerRequest(createStoreFacts({ db, registers })) });
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

    const composed = composeGateway(sources);
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
      plugins: [limitsPlugin({ ...config.limits, fieldWeight: weightByType({ Persoon: 5, Adres: 3 }) }), ...(trusted ? [trusted.plugin<GatewayContext>()] : [])],
      ...(trusted ? { persistedQueries: { cache: trusted.cache, ttl: null } } : {}),
      onRequestDone: createRequestObserver({ logger, metrics, ...(tracer ? { tracer } : {}) }),
      onResponse: createResponseObserver({ logger, metrics }),
      headersFor,
      fetcher,
      maxPersonsPerRequest: config.limits.maxPersonsPerRequest,
      admitPersons: (context, count) => (context.caller ? daily.admit(context.caller.id, dutchDayOf(context.now), count) : Promise.resolve(false)),
      handlers: [
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
        '/metrics': async () => ({ status: 200, body: metrics.render(), contentType: 'text/plain; version=0.0.4; charset=utf-8' }),
        '/.well-known/jwks.json': async () => ({ status: 200, body: partnerTokens.jwks() }),
        '/.well-known/audit-checkpoints': checkpointsRoute(db, checkpointKeys.publicKey),
      },
      examples: SCENARIO_EXAMPLES,
      now,
    });
    const url = await gateway.listen(config.gateway.port, config.gateway.host);
    return {
      url: `${url}/graphql`,
      logger,
      gateway,
      db,
      ...(localIssuer ? { localIssuer } : {}),
      subgraphs: sources.map((s) => ({ name: s.name, url: s.url })),
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

