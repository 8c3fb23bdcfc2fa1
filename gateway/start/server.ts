/**
 * Start step "server": the gateway itself (composition, the executor with its policy, limits and
 * audit, the observers), its other routes (web app, audit API, health, metrics, key sets), and,
 * with a supergraph file, the watch that swaps in a new version.
 */
import { checkpointsRoute } from '../audit/published-checkpoints.ts';
import type { Config } from '../config/index.ts';
import { explainSchemaFrom } from '../explain/schema.ts';
import { createDailyPersonLimit } from '../facts/daily-limit.ts';
import { createDryRunFacts } from '../facts/dry-run.ts';
import type { LocalIssuer } from '../identity/local-issuer.ts';
import { subjectCost } from '../limits/check.ts';
import { limitsPlugin } from '../limits/plugin.ts';
import { createTrustedDocuments } from '../limits/trusted-documents.ts';
import { createRequestObserver, createResponseObserver } from '../observability/request-observer.ts';
import { dutchDayOf } from '../policy/dates.ts';
import { oversightActivity, type PolicyData } from '../policy/load.ts';
import { applyMinimisation } from '../policy/minimise.ts';
import type { Policy } from '../policy/types.ts';
import { createAuditApi } from '../server/audit-api.ts';
import { appChoices, createDevSignIn } from '../server/dev-sign-in.ts';
import { composeGateway, createGateway, type ComposedGateway, type Gateway } from '../server/gateway.ts';
import type { GatewayContext } from '../server/http.ts';
import { watchSupergraphFile } from '../server/supergraph-file.ts';
import { createWebApp } from '../server/web-app.ts';
import { appSignIn } from '../server/app-sign-in.ts';
import type { Db } from '../store/db.ts';
import type { Audit } from './audit.ts';
import { callHeaders } from './call-headers.ts';
import type { Identity } from './identity.ts';
import type { Observability } from './observability.ts';
import type { Partners } from './partners.ts';
import type { Keys } from './stores.ts';

export interface ServerInput {
  config: Config;
  db: Db;
  keys: Keys;
  policyData: PolicyData;
  policy: Policy;
  audit: Audit;
  sink: ReturnType<Audit['sink']>;
  identity: Identity;
  partners: Partners;
  observability: Observability;
  now: () => Date;
  closers: (() => Promise<void>)[];
}

/** Builds the gateway (not yet listening) and watches its supergraph file when there is one. */
export async function createServer(input: ServerInput): Promise<Gateway> {
  const { config, policyData, partners, observability } = input;
  const { logger, metrics, tracer } = observability;
  const composed = partners.fromFile ?? composePartners(partners.sources, logger);
  const trusted = config.trustedDocumentsFile ? await createTrustedDocuments({ file: config.trustedDocumentsFile }) : undefined;
  const daily = createDailyPersonLimit({ db: input.db, maxPersonsPerUserPerDay: config.limits.maxPersonsPerUserPerDay });
  const gateway = await createGateway({
    subgraphs: partners.sources,
    composed,
    policy: input.policy,
    minimise: (transform, value) => applyMinimisation(transform, value, policyData.covenant.amountBands),
    audit: input.sink,
    authenticate: (header) => input.identity.verifier.verify(header),
    introspection: config.introspection,
    timeoutMs: config.subgraphTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    maxBodyBytes: config.limits.maxBodyBytes,
    maxBatch: config.limits.maxBatch,
    plugins: [limitsPlugin({ ...config.limits, ...subjectCost }), ...(trusted ? [trusted.plugin<GatewayContext>()] : [])],
    ...(trusted ? { persistedQueries: { cache: trusted.cache, ttl: null } } : {}),
    onRequestDone: createRequestObserver({ logger, metrics, ...(tracer ? { tracer } : {}) }),
    onResponse: createResponseObserver({ logger, metrics }),
    headersFor: callHeaders(input.keys.signing),
    fetcher: partners.fetcher,
    maxPersonsPerRequest: config.limits.maxPersonsPerRequest,
    admitPersons: (context, count) => (context.caller ? daily.admit(context.caller, dutchDayOf(context.now), count) : Promise.resolve(false)),
    handlers: handlers(input, explainSchemaFrom(composed)),
    routes: routes(input),
    now: input.now,
  });
  watchSupergraph(config, gateway, input);
  return gateway;
}

/** The web app at /; its development sign-in only on the embedded default without `auth`; the audit API. */
function handlers(input: ServerInput, explainSchema: ReturnType<typeof explainSchemaFrom>) {
  const { db, keys, policyData } = input;
  const devSignIn: LocalIssuer | undefined = input.config.auth ? undefined : input.identity.localIssuer;
  return [
    createWebApp({ config: { signIn: appSignIn(input.config.auth), ...appChoices(policyData) } }),
    ...(devSignIn ? [createDevSignIn(devSignIn, policyData)] : []),
    createAuditApi({
      db,
      writer: input.audit.writer,
      pseudonymKey: keys.pseudonymKey,
      checkpointPublicKey: keys.checkpointKeys.publicKey,
      maxUnsignedAgeMs: input.config.audit.maxUnsignedAgeMs,
      authenticate: (header) => input.identity.verifier.verify(header),
      now: input.now,
      oversightActivity: oversightActivity(policyData),
      // Explain is a dry run: its facts come from the store alone, never from a partner.
      explain: { schema: explainSchema, data: policyData, facts: createDryRunFacts({ db }) },
    }),
  ];
}

function routes(input: ServerInput) {
  const { metrics } = input.observability;
  return {
    '/health/live': async () => ({ status: 200, body: { status: 'ok' } }),
    '/health/ready': async () =>
      (await input.audit.health.writable())
        ? { status: 200, body: { status: 'ready', policyVersion: input.policyData.version, partners: input.partners.partnerStatus() } }
        : { status: 503, body: { status: 'not ready', reason: 'the audit trail cannot be written, so no data can be returned' } },
    '/metrics': async () => ({ status: 200, body: await metrics.render(), contentType: metrics.contentType }),
    '/.well-known/jwks.json': async () => ({ status: 200, body: input.keys.partnerTokens.jwks() }),
    '/.well-known/audit-checkpoints': checkpointsRoute(input.db, input.keys.checkpointKeys.publicKey),
  };
}

/** The partners composed at start-up; the fields the kit composed otherwise than the library are logged. */
export function composePartners(sources: Partners['sources'], logger: Observability['logger']): ComposedGateway {
  const { repaired, ...composed } = composeGateway(sources);
  if (repaired.length > 0) {
    logger.info('supergraph.repaired', {
      fields: repaired,
      message: 'These fields are composed as the Federation spec and the subgraphs say, not as @theguild/federation-composition wrote them (docs/executor-patches.md, "Compatibility suite").',
    });
  }
  return composed;
}

/** A new supergraph file is served once it is read and composed; a bad one is refused and logged. */
function watchSupergraph(config: Pick<Config, 'supergraphFile'>, gateway: Gateway, input: Pick<ServerInput, 'observability' | 'closers'>): void {
  const file = config.supergraphFile;
  if (!file) return;
  const { logger } = input.observability;
  logger.info('supergraph.loaded', { file, version: gateway.versions.current().id });
  const stopWatching = watchSupergraphFile(file, gateway.versions, {
    onLoaded: (version) => logger.info('supergraph.loaded', { file, version: version.id }),
    onRefused: (error) => logger.error('supergraph.refused', { file, message: `${error.message} The supergraph serving stays: version ${gateway.versions.current().id}.` }),
  });
  input.closers.push(async () => stopWatching());
}
