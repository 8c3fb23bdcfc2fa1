/**
 * Every setting the gateway reads: its key in the config file, its environment variable, how an
 * environment value is read, and what a right value looks like (for error messages and the docs).
 */

/** How the string of an environment variable becomes a value. */
export type EnvKind = 'string' | 'integer' | 'boolean' | 'list' | 'subgraphs';

export interface Setting {
  /** Dotted key in the config file, e.g. "gateway.port". */
  key: string;
  env: string;
  kind: EnvKind;
  /** What a right value is, after "expected". */
  expected: string;
  /** A right value, as it would be in the config file. */
  example: unknown;
  /** Never echo the value in a message (it may hold a password). */
  secret?: boolean;
  /** For a list of objects: the keys of one item. */
  itemKeys?: readonly string[];
}

const POSITIVE = 'a whole number of at least 1';

export const SETTINGS: readonly Setting[] = [
  { key: 'gateway.port', env: 'DOELPOORT_PORT', kind: 'integer', expected: 'an integer between 0 and 65535', example: 4000 },
  { key: 'gateway.host', env: 'DOELPOORT_HOST', kind: 'string', expected: 'a host name or IP address to listen on', example: '127.0.0.1' },
  { key: 'dataDir', env: 'DOELPOORT_DATA_DIR', kind: 'string', expected: 'a non-empty directory path', example: './data' },
  {
    key: 'databaseUrl',
    env: 'DATABASE_URL',
    kind: 'string',
    expected: 'a PostgreSQL connection URL starting with postgres:// or postgresql://',
    example: 'postgres://doelpoort@127.0.0.1:5432/doelpoort',
    secret: true,
  },
  {
    key: 'subgraphs',
    env: 'DOELPOORT_SUBGRAPHS',
    kind: 'subgraphs',
    expected:
      'a non-empty list of subgraphs, each with a unique name (lower-case letters, digits, dashes) and an http:// or https:// url; in the environment as name=url pairs separated by commas',
    example: [{ name: 'brp', url: 'https://brp.gemeente.example/graphql' }],
    itemKeys: ['name', 'url'],
  },
  {
    key: 'supergraphFile',
    env: 'DOELPOORT_SUPERGRAPH_FILE',
    kind: 'string',
    expected: 'the path of a Federation v2 supergraph composed elsewhere (instead of subgraphs); a changed file is loaded while serving',
    example: './supergraph.graphql',
  },
  { key: 'subgraphTimeoutMs', env: 'DOELPOORT_SUBGRAPH_TIMEOUT_MS', kind: 'integer', expected: 'milliseconds, from 1 to 600000', example: 5000 },
  { key: 'requestTimeoutMs', env: 'DOELPOORT_REQUEST_TIMEOUT_MS', kind: 'integer', expected: 'milliseconds, from 1 to 600000, at least subgraphTimeoutMs', example: 15000 },
  { key: 'introspection', env: 'DOELPOORT_INTROSPECTION', kind: 'boolean', expected: 'true or false', example: false },
  { key: 'logLevel', env: 'DOELPOORT_LOG_LEVEL', kind: 'string', expected: 'one of debug, info, warn, error', example: 'info' },
  { key: 'partnerTokenAlgorithm', env: 'DOELPOORT_PARTNER_TOKEN_ALGORITHM', kind: 'string', expected: 'EdDSA (Ed25519) or ES256', example: 'EdDSA' },
  {
    key: 'otlpEndpoint',
    env: 'DOELPOORT_OTLP_ENDPOINT',
    kind: 'string',
    expected: 'an http:// or https:// URL of an OTLP/HTTP traces endpoint',
    example: 'http://127.0.0.1:4318/v1/traces',
  },
  {
    key: 'trustedDocumentsFile',
    env: 'DOELPOORT_TRUSTED_DOCUMENTS_FILE',
    kind: 'string',
    expected: 'the path of a trusted documents file (JSON: sha256 → query); when set, only registered operations run',
    example: './trusted-documents.json',
  },
  { key: 'policyDir', env: 'DOELPOORT_POLICY_DIR', kind: 'string', expected: 'a non-empty directory path', example: './policies' },
  { key: 'auth.jwksFile', env: 'DOELPOORT_AUTH_JWKS_FILE', kind: 'string', expected: 'the path of a JWKS file', example: './keys/idp.jwks.json' },
  {
    key: 'auth.jwksUrl',
    env: 'DOELPOORT_AUTH_JWKS_URL',
    kind: 'string',
    expected: 'an https:// URL of the identity provider\'s key set (http is never accepted)',
    example: 'https://login.example.org/.well-known/jwks.json',
  },
  { key: 'auth.issuer', env: 'DOELPOORT_AUTH_ISSUER', kind: 'string', expected: 'the non-empty "iss" of caller tokens', example: 'https://login.example.org' },
  { key: 'auth.audience', env: 'DOELPOORT_AUTH_AUDIENCE', kind: 'string', expected: 'the non-empty "aud" of caller tokens', example: 'doelpoort' },
  { key: 'auth.clockSkewSeconds', env: 'DOELPOORT_AUTH_CLOCK_SKEW_SECONDS', kind: 'integer', expected: 'seconds, from 0 to 300', example: 30 },
  {
    key: 'auth.algorithms',
    env: 'DOELPOORT_AUTH_ALGORITHMS',
    kind: 'list',
    expected: 'a non-empty list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519',
    example: ['ES256', 'RS256'],
  },
  { key: 'auth.claims.subject', env: 'DOELPOORT_AUTH_CLAIMS_SUBJECT', kind: 'string', expected: 'a non-empty claim name', example: 'sub' },
  { key: 'auth.claims.organisation', env: 'DOELPOORT_AUTH_CLAIMS_ORGANISATION', kind: 'string', expected: 'a non-empty claim name', example: 'org' },
  { key: 'auth.claims.roles', env: 'DOELPOORT_AUTH_CLAIMS_ROLES', kind: 'string', expected: 'a non-empty claim name', example: 'roles' },
  { key: 'auth.claims.projects', env: 'DOELPOORT_AUTH_CLAIMS_PROJECTS', kind: 'string', expected: 'a non-empty claim name', example: 'projects' },
  { key: 'auth.webApp.clientId', env: 'DOELPOORT_AUTH_WEB_APP_CLIENT_ID', kind: 'string', expected: "the web app's non-empty client id at the identity provider", example: 'doelpoort-web' },
  { key: 'auth.webApp.scopes', env: 'DOELPOORT_AUTH_WEB_APP_SCOPES', kind: 'string', expected: 'the scopes the web app asks for, separated by spaces', example: 'openid doelpoort' },
  {
    key: 'clockStart',
    env: 'DOELPOORT_CLOCK_START',
    kind: 'string',
    expected: 'an ISO 8601 date-time with a zone, e.g. 2026-06-01T10:00:00+02:00; only without auth (the embedded default)',
    example: '2026-06-01T10:00:00+02:00',
  },
  { key: 'limits.maxDepth', env: 'DOELPOORT_LIMITS_MAX_DEPTH', kind: 'integer', expected: POSITIVE, example: 15 },
  { key: 'limits.maxAliases', env: 'DOELPOORT_LIMITS_MAX_ALIASES', kind: 'integer', expected: 'a whole number of at least 0', example: 30 },
  { key: 'limits.maxRootFields', env: 'DOELPOORT_LIMITS_MAX_ROOT_FIELDS', kind: 'integer', expected: POSITIVE, example: 10 },
  { key: 'limits.maxFields', env: 'DOELPOORT_LIMITS_MAX_FIELDS', kind: 'integer', expected: POSITIVE, example: 2000 },
  { key: 'limits.maxBodyBytes', env: 'DOELPOORT_LIMITS_MAX_BODY_BYTES', kind: 'integer', expected: POSITIVE, example: 1000000 },
  { key: 'limits.maxBatch', env: 'DOELPOORT_LIMITS_MAX_BATCH', kind: 'integer', expected: POSITIVE, example: 5 },
  { key: 'limits.maxCost', env: 'DOELPOORT_LIMITS_MAX_COST', kind: 'integer', expected: POSITIVE, example: 5000 },
  { key: 'limits.maxPersonsPerRequest', env: 'DOELPOORT_LIMITS_MAX_PERSONS_PER_REQUEST', kind: 'integer', expected: POSITIVE, example: 200 },
  { key: 'limits.maxPersonsPerUserPerDay', env: 'DOELPOORT_LIMITS_MAX_PERSONS_PER_USER_PER_DAY', kind: 'integer', expected: POSITIVE, example: 2000 },
  { key: 'audit.checkpointIntervalMs', env: 'DOELPOORT_AUDIT_CHECKPOINT_INTERVAL_MS', kind: 'integer', expected: 'milliseconds, from 1 to 600000', example: 5000 },
  {
    key: 'audit.maxUnsignedAgeMs',
    env: 'DOELPOORT_AUDIT_MAX_UNSIGNED_AGE_MS',
    kind: 'integer',
    expected: 'milliseconds, from 1 to 86400000, longer than audit.checkpointIntervalMs',
    example: 60000,
  },
  { key: 'partners.maxConcurrent', env: 'DOELPOORT_PARTNERS_MAX_CONCURRENT', kind: 'integer', expected: 'a whole number from 1 to 10000', example: 16 },
  { key: 'partners.maxQueued', env: 'DOELPOORT_PARTNERS_MAX_QUEUED', kind: 'integer', expected: 'a whole number from 0 to 100000', example: 1000 },
  {
    key: 'partners.breaker.failureThreshold',
    env: 'DOELPOORT_PARTNERS_BREAKER_FAILURE_THRESHOLD',
    kind: 'integer',
    expected: 'a whole number of consecutive failures, from 1 to 1000',
    example: 5,
  },
  { key: 'partners.breaker.resetAfterMs', env: 'DOELPOORT_PARTNERS_BREAKER_RESET_AFTER_MS', kind: 'integer', expected: 'milliseconds, from 1 to 3600000', example: 30000 },
  { key: 'partners.retry.attempts', env: 'DOELPOORT_PARTNERS_RETRY_ATTEMPTS', kind: 'integer', expected: 'a whole number of attempts (the first call included), from 1 to 10', example: 2 },
  { key: 'partners.retry.baseDelayMs', env: 'DOELPOORT_PARTNERS_RETRY_BASE_DELAY_MS', kind: 'integer', expected: 'milliseconds, from 0 to 60000', example: 100 },
];

/** Names the path of the config file; not a setting itself. */
export const CONFIG_FILE_ENV = 'DOELPOORT_CONFIG';

/** The setting a (possibly deeper) key belongs to: "subgraphs[0].url" belongs to "subgraphs". */
export function settingFor(key: string): Setting | undefined {
  const plain = key.replace(/\[\d+\]/g, '');
  return SETTINGS.find((setting) => plain === setting.key || plain.startsWith(`${setting.key}.`));
}

/** The keys that may appear directly under a section ("" is the top level). */
export function keysUnder(section: string): string[] {
  const item = /^(.*)\[\d+\]$/.exec(section);
  if (item !== null) return [...(settingFor(item[1] as string)?.itemKeys ?? [])];
  const prefix = section === '' ? '' : `${section}.`;
  const keys = SETTINGS.filter(({ key }) => key.startsWith(prefix)).map(({ key }) => key.slice(prefix.length).split('.')[0] as string);
  return [...new Set(keys)];
}

/** The environment form of a setting's example, e.g. DOELPOORT_PORT=4000. */
export function envExample(setting: Setting): string {
  return `${setting.env}=${envValue(setting.example)}`;
}

function envValue(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'object' && item !== null ? `${item.name}=${item.url}` : String(item))).join(',');
  return String(value);
}

/** The config-file form of a setting's example, e.g. {"gateway": {"port": 4000}}. */
export function fileExample(setting: Setting): string {
  return setting.key.split('.').reduceRight((inner, segment) => `{"${segment}": ${inner}}`, JSON.stringify(setting.example));
}
