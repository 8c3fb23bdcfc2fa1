/**
 * The gateway's configuration and its rules, as a zod schema. Defaults are those of the embedded
 * default: the in-process subgraphs, an embedded PGlite database in dataDir and the local issuer.
 */
import { z } from 'zod';

/** Marks a rule's own message, which explains the problem better than the setting's "expected". */
export const EXPLAINED = { explained: true } as const;

/** Public-key JWS algorithms a caller token may be signed with; `none` and HS* never. */
export const JWS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

const SUBGRAPH_NAME = /^[a-z][a-z0-9-]*$/;
const HOST = /^[A-Za-z0-9.:\-[\]]+$/;

function hasProtocol(value: string, protocols: readonly string[]): boolean {
  if (!protocols.some((protocol) => value.startsWith(`${protocol}//`))) return false;
  try {
    return new URL(value).hostname !== '';
  } catch {
    return false;
  }
}

const text = z.string().trim().min(1);
const positive = z.int().min(1);
const url = (...protocols: string[]) => z.string().refine((value) => hasProtocol(value, protocols));

/** An ISO 8601 date-time with a zone (Z or an offset), e.g. 2026-06-01T10:00:00+02:00. */
const instant = z.iso.datetime({ offset: true });

const subgraph = z.strictObject({ name: z.string().regex(SUBGRAPH_NAME), url: url('http:', 'https:') });

const subgraphs = z
  .array(subgraph)
  .min(1)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach(({ name }, index) => {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `the subgraph name "${name}" is used twice`, params: EXPLAINED });
      seen.add(name);
    });
  });

const claims = z.strictObject({
  subject: text.default('sub'),
  organisation: text.default('org'),
  roles: text.default('roles'),
  projects: text.default('projects'),
});

const auth = z
  .strictObject({
    jwksFile: text.optional(),
    jwksUrl: url('https:').optional(),
    issuer: text,
    audience: text,
    clockSkewSeconds: z.int().min(0).max(300).default(30),
    algorithms: z.array(z.enum(JWS_ALGORITHMS)).min(1).default(['ES256', 'RS256', 'EdDSA']),
    claims: claims.prefault({}),
    /** The web app's OpenID Connect client at the issuer (authorisation code flow with PKCE, no secret). */
    webApp: z.strictObject({ clientId: text, scopes: text.default('openid') }).optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.jwksFile === undefined) === (value.jwksUrl === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['jwksUrl'], message: 'set exactly one of auth.jwksFile and auth.jwksUrl', params: EXPLAINED });
    }
  });

const limits = z.strictObject({
  maxDepth: positive.default(15),
  maxAliases: z.int().min(0).default(30),
  maxRootFields: positive.default(10),
  maxFields: positive.default(2000),
  maxBodyBytes: positive.default(1_000_000),
  maxBatch: positive.default(5),
  maxCost: positive.default(5000),
  maxPersonsPerRequest: positive.default(200),
  maxPersonsPerUserPerDay: positive.default(2000),
});

const audit = z
  .strictObject({
    checkpointIntervalMs: positive.max(600_000).default(5000),
    maxUnsignedAgeMs: positive.max(86_400_000).default(60_000),
  })
  .superRefine((value, ctx) => {
    if (value.maxUnsignedAgeMs <= value.checkpointIntervalMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxUnsignedAgeMs'],
        message: `maxUnsignedAgeMs (${value.maxUnsignedAgeMs}) must be longer than checkpointIntervalMs (${value.checkpointIntervalMs}); records wait up to that long for their checkpoint`,
        params: EXPLAINED,
      });
    }
  });
/** How the gateway guards each partner: docs/operations.md, "Partner resilience". */
const partners = z.strictObject({
  maxConcurrent: positive.max(10_000).default(16),
  maxQueued: z.int().min(0).max(100_000).default(1000),
  breaker: z
    .strictObject({
      failureThreshold: positive.max(1000).default(5),
      resetAfterMs: positive.max(3_600_000).default(30_000),
    })
    .prefault({}),
  retry: z
    .strictObject({
      attempts: positive.max(10).default(2),
      baseDelayMs: z.int().min(0).max(60_000).default(100),
    })
    .prefault({}),
});

export const configSchema = z
  .strictObject({
    gateway: z
      .strictObject({
        port: z.int().min(0).max(65535).default(4000),
        host: z.string().regex(HOST).default('127.0.0.1'),
      })
      .prefault({}),
    dataDir: text.default('./data'),
    databaseUrl: url('postgres:', 'postgresql:').optional(),
    subgraphs: subgraphs.optional(),
    supergraphFile: text.optional(),
    subgraphTimeoutMs: positive.max(600_000).default(5000),
    requestTimeoutMs: positive.max(600_000).default(15_000),
    introspection: z.boolean().optional(),
    policyDir: text.default('./policies'),
    logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    partnerTokenAlgorithm: z.enum(['EdDSA', 'ES256']).default('EdDSA'),
    otlpEndpoint: url('http:', 'https:').optional(),
    trustedDocumentsFile: text.optional(),
    auth: auth.optional(),
    clockStart: instant.optional(),
    limits: limits.prefault({}),
    audit: audit.prefault({}),
    partners: partners.prefault({}),
  })
  .superRefine((value, ctx) => {
    if (value.subgraphs !== undefined && value.supergraphFile !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['supergraphFile'],
        message: 'set either subgraphs (composed at start-up) or supergraphFile (composed elsewhere), not both',
        params: EXPLAINED,
      });
    }
    if (value.clockStart !== undefined && value.auth !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['clockStart'],
        message: 'clockStart runs the embedded default at another instant, for demonstrations and tests; it is refused once auth is configured (a served build judges requests on the system clock)',
        params: EXPLAINED,
      });
    }
    if (value.requestTimeoutMs < value.subgraphTimeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['requestTimeoutMs'],
        message: `requestTimeoutMs (${value.requestTimeoutMs}) is shorter than subgraphTimeoutMs (${value.subgraphTimeoutMs}); a request must have time for one partner call`,
        params: EXPLAINED,
      });
    }
  })
  .transform(({ introspection, ...rest }) => ({
    ...rest,
    /** On by default only for the embedded default (in-process subgraphs). */
    introspection: introspection ?? (rest.subgraphs === undefined && rest.supergraphFile === undefined),
  }));

export type Config = z.output<typeof configSchema>;
export type AuthConfig = NonNullable<Config['auth']>;
export type LimitsConfig = Config['limits'];
export type AuditConfig = Config['audit'];
export type PartnersConfig = Config['partners'];
