import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../gateway/config/index.ts';
import type { LoadConfigOptions } from '../../gateway/config/index.ts';

const DEFAULT_LIMITS = {
  maxDepth: 15,
  maxAliases: 30,
  maxRootFields: 10,
  maxFields: 2000,
  maxBodyBytes: 1_000_000,
  maxBatch: 5,
  maxCost: 5000,
  maxPersonsPerRequest: 200,
  maxPersonsPerUserPerDay: 2000,
};

const DEFAULT_PARTNERS = {
  maxConcurrent: 16,
  maxQueued: 1000,
  breaker: { failureThreshold: 5, resetAfterMs: 30_000 },
  retry: { attempts: 2, baseDelayMs: 100 },
};

const JWKS_URL = 'https://login.example.org/.well-known/jwks.json';

const folder = mkdtempSync(join(tmpdir(), 'doelpoort-config-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;

function writeConfigFile(content: unknown): string {
  files += 1;
  const path = join(folder, `doelpoort-${files}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/** The lines of the ConfigError that loading throws. */
function problemsOf(options: LoadConfigOptions): readonly string[] {
  try {
    loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded default when nothing is configured', () => {
    expect(loadConfig({ env: {} })).toEqual({
      gateway: { port: 4000, host: '127.0.0.1' },
      dataDir: './data',
      subgraphTimeoutMs: 5000,
      requestTimeoutMs: 15000,
      introspection: true,
      policyDir: './policies',
      logLevel: 'info',
      partnerTokenAlgorithm: 'EdDSA',
      limits: DEFAULT_LIMITS,
      audit: { checkpointIntervalMs: 5000, maxUnsignedAgeMs: 60000 },
      partners: DEFAULT_PARTNERS,
    });
  });

  it('takes every kind of value from the environment', () => {
    const config = loadConfig({
      env: {
        DOELPOORT_PORT: '8080',
        DOELPOORT_HOST: '0.0.0.0',
        DOELPOORT_DATA_DIR: '/var/lib/doelpoort',
        DATABASE_URL: 'postgres://doelpoort@127.0.0.1:5432/doelpoort',
        DOELPOORT_SUBGRAPHS: 'brp=https://brp.example/graphql, uwv=http://127.0.0.1:4102/graphql',
        DOELPOORT_SUBGRAPH_TIMEOUT_MS: '2000',
        DOELPOORT_REQUEST_TIMEOUT_MS: '9000',
        DOELPOORT_INTROSPECTION: 'true',
        DOELPOORT_POLICY_DIR: '/etc/doelpoort/policies',
        DOELPOORT_LOG_LEVEL: 'warn',
        DOELPOORT_OTLP_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
        DOELPOORT_AUTH_JWKS_URL: JWKS_URL,
        DOELPOORT_AUTH_ISSUER: 'https://login.example.org',
        DOELPOORT_AUTH_AUDIENCE: 'doelpoort',
        DOELPOORT_AUTH_CLOCK_SKEW_SECONDS: '10',
        DOELPOORT_AUTH_ALGORITHMS: 'ES256,PS256',
        DOELPOORT_AUTH_CLAIMS_ORGANISATION: 'https://lsi.example/org',
        DOELPOORT_LIMITS_MAX_DEPTH: '8',
        DOELPOORT_LIMITS_MAX_PERSONS_PER_USER_PER_DAY: '500',
        DOELPOORT_AUDIT_CHECKPOINT_INTERVAL_MS: '2000',
        DOELPOORT_PARTNERS_MAX_CONCURRENT: '8',
        DOELPOORT_PARTNERS_MAX_QUEUED: '0',
        DOELPOORT_PARTNERS_BREAKER_FAILURE_THRESHOLD: '3',
        DOELPOORT_PARTNERS_BREAKER_RESET_AFTER_MS: '12000',
        DOELPOORT_PARTNERS_RETRY_ATTEMPTS: '1',
        DOELPOORT_PARTNERS_RETRY_BASE_DELAY_MS: '50',
        PATH: '/usr/bin',
      },
    });
    expect(config).toEqual({
      gateway: { port: 8080, host: '0.0.0.0' },
      dataDir: '/var/lib/doelpoort',
      databaseUrl: 'postgres://doelpoort@127.0.0.1:5432/doelpoort',
      subgraphs: [
        { name: 'brp', url: 'https://brp.example/graphql' },
        { name: 'uwv', url: 'http://127.0.0.1:4102/graphql' },
      ],
      subgraphTimeoutMs: 2000,
      requestTimeoutMs: 9000,
      introspection: true,
      policyDir: '/etc/doelpoort/policies',
      logLevel: 'warn',
      partnerTokenAlgorithm: 'EdDSA',
      otlpEndpoint: 'http://127.0.0.1:4318/v1/traces',
      auth: {
        jwksUrl: JWKS_URL,
        issuer: 'https://login.example.org',
        audience: 'doelpoort',
        clockSkewSeconds: 10,
        algorithms: ['ES256', 'PS256'],
        claims: { subject: 'sub', organisation: 'https://lsi.example/org', roles: 'roles', projects: 'projects' },
      },
      limits: { ...DEFAULT_LIMITS, maxDepth: 8, maxPersonsPerUserPerDay: 500 },
      audit: { checkpointIntervalMs: 2000, maxUnsignedAgeMs: 60000 },
      partners: { maxConcurrent: 8, maxQueued: 0, breaker: { failureThreshold: 3, resetAfterMs: 12_000 }, retry: { attempts: 1, baseDelayMs: 50 } },
    });
  });

  it('reads the file named by DOELPOORT_CONFIG, with the environment on top', () => {
    const path = writeConfigFile({
      gateway: { port: 5000, host: '0.0.0.0' },
      auth: { jwksFile: './keys/idp.jwks.json', issuer: 'https://idp.example', audience: 'doelpoort' },
      limits: { maxCost: 100 },
    });
    const config = loadConfig({ env: { DOELPOORT_CONFIG: path, DOELPOORT_PORT: '6000' } });
    expect(config.gateway).toEqual({ port: 6000, host: '0.0.0.0' });
    expect(config.auth).toEqual({
      jwksFile: './keys/idp.jwks.json',
      issuer: 'https://idp.example',
      audience: 'doelpoort',
      clockSkewSeconds: 30,
      algorithms: ['ES256', 'RS256', 'EdDSA'],
      claims: { subject: 'sub', organisation: 'org', roles: 'roles', projects: 'projects' },
    });
    expect(config.limits).toEqual({ ...DEFAULT_LIMITS, maxCost: 100 });
  });

  it('prefers the file option to --config, and --config to DOELPOORT_CONFIG', () => {
    const fromOption = writeConfigFile({ dataDir: './option' });
    const fromArgument = writeConfigFile({ dataDir: './argument' });
    const fromEnv = writeConfigFile({ dataDir: './env' });
    const env = { DOELPOORT_CONFIG: fromEnv };
    expect(loadConfig({ env, argv: ['--config', fromArgument], file: fromOption }).dataDir).toBe('./option');
    expect(loadConfig({ env, argv: [`--config=${fromArgument}`] }).dataDir).toBe('./argument');
    expect(loadConfig({ env }).dataDir).toBe('./env');
  });

  it('turns introspection off by default once external subgraphs are configured', () => {
    expect(loadConfig({ env: { DOELPOORT_SUBGRAPHS: 'brp=https://brp.example/graphql' } }).introspection).toBe(false);
    expect(loadConfig({ env: { DOELPOORT_SUBGRAPHS: 'brp=https://brp.example/graphql', DOELPOORT_INTROSPECTION: 'true' } }).introspection).toBe(true);
    expect(loadConfig({ env: { DOELPOORT_INTROSPECTION: 'false' } }).introspection).toBe(false);
    expect(loadConfig({ env: { DOELPOORT_SUPERGRAPH_FILE: './supergraph.graphql' } })).toMatchObject({ supergraphFile: './supergraph.graphql', introspection: false });
  });

  const badEnvValues: [string, Record<string, string>, string][] = [
    [
      'a port that is not a number',
      { DOELPOORT_PORT: 'abc' },
      'Configuration error: gateway.port (from env DOELPOORT_PORT="abc"): expected an integer between 0 and 65535, e.g. DOELPOORT_PORT=4000',
    ],
    [
      'a port out of range',
      { DOELPOORT_PORT: '70000' },
      'Configuration error: gateway.port (from env DOELPOORT_PORT="70000"): expected an integer between 0 and 65535, e.g. DOELPOORT_PORT=4000',
    ],
    [
      'a host with a space',
      { DOELPOORT_HOST: 'local host' },
      'Configuration error: gateway.host (from env DOELPOORT_HOST="local host"): expected a host name or IP address to listen on, e.g. DOELPOORT_HOST=127.0.0.1',
    ],
    [
      'an empty data directory',
      { DOELPOORT_DATA_DIR: ' ' },
      'Configuration error: dataDir (from env DOELPOORT_DATA_DIR=" "): expected a non-empty directory path, e.g. DOELPOORT_DATA_DIR=./data',
    ],
    [
      'a database URL of another database, without echoing it',
      { DATABASE_URL: 'mysql://doelpoort:geheim@127.0.0.1/doelpoort' },
      'Configuration error: databaseUrl (from env DATABASE_URL): expected a PostgreSQL connection URL starting with postgres:// or postgresql://, e.g. DATABASE_URL=postgres://doelpoort@127.0.0.1:5432/doelpoort',
    ],
    [
      'a subgraph without a url',
      { DOELPOORT_SUBGRAPHS: 'brp=https://brp.example/graphql,uwv' },
      'Configuration error: subgraphs (from env DOELPOORT_SUBGRAPHS="brp=https://brp.example/graphql,uwv"): expected a non-empty list of subgraphs, each with a unique name (lower-case letters, digits, dashes) and an http:// or https:// url; in the environment as name=url pairs separated by commas, e.g. DOELPOORT_SUBGRAPHS=brp=https://brp.gemeente.example/graphql',
    ],
    [
      'a subgraph name used twice',
      { DOELPOORT_SUBGRAPHS: 'brp=https://a.example/graphql,brp=https://b.example/graphql' },
      'Configuration error: subgraphs[1].name (from env DOELPOORT_SUBGRAPHS="brp=https://a.example/graphql,brp=https://b.example/graphql"): the subgraph name "brp" is used twice, e.g. DOELPOORT_SUBGRAPHS=brp=https://brp.gemeente.example/graphql',
    ],
    [
      'a timeout of zero',
      { DOELPOORT_SUBGRAPH_TIMEOUT_MS: '0' },
      'Configuration error: subgraphTimeoutMs (from env DOELPOORT_SUBGRAPH_TIMEOUT_MS="0"): expected milliseconds, from 1 to 600000, e.g. DOELPOORT_SUBGRAPH_TIMEOUT_MS=5000',
    ],
    [
      'a request timeout shorter than a partner call',
      { DOELPOORT_REQUEST_TIMEOUT_MS: '1000' },
      'Configuration error: requestTimeoutMs (from env DOELPOORT_REQUEST_TIMEOUT_MS="1000"): requestTimeoutMs (1000) is shorter than subgraphTimeoutMs (5000); a request must have time for one partner call, e.g. DOELPOORT_REQUEST_TIMEOUT_MS=15000',
    ],
    [
      'an unsigned-age bound no longer than the checkpoint interval',
      { DOELPOORT_AUDIT_MAX_UNSIGNED_AGE_MS: '5000' },
      'Configuration error: audit.maxUnsignedAgeMs (from env DOELPOORT_AUDIT_MAX_UNSIGNED_AGE_MS="5000"): maxUnsignedAgeMs (5000) must be longer than checkpointIntervalMs (5000); records wait up to that long for their checkpoint, e.g. DOELPOORT_AUDIT_MAX_UNSIGNED_AGE_MS=60000',
    ],
    [
      'both subgraphs and a supergraph file',
      { DOELPOORT_SUBGRAPHS: 'brp=https://brp.example/graphql', DOELPOORT_SUPERGRAPH_FILE: './supergraph.graphql' },
      'Configuration error: supergraphFile (from env DOELPOORT_SUPERGRAPH_FILE="./supergraph.graphql"): set either subgraphs (composed at start-up) or supergraphFile (composed elsewhere), not both, e.g. DOELPOORT_SUPERGRAPH_FILE=./supergraph.graphql',
    ],
    [
      'introspection that is not a boolean',
      { DOELPOORT_INTROSPECTION: 'yes' },
      'Configuration error: introspection (from env DOELPOORT_INTROSPECTION="yes"): expected true or false, e.g. DOELPOORT_INTROSPECTION=false',
    ],
    [
      'a fractional limit',
      { DOELPOORT_LIMITS_MAX_BATCH: '2.5' },
      'Configuration error: limits.maxBatch (from env DOELPOORT_LIMITS_MAX_BATCH="2.5"): expected a whole number of at least 1, e.g. DOELPOORT_LIMITS_MAX_BATCH=5',
    ],
  ];

  it.each(badEnvValues)('stops on %s', (_, env, message) => {
    expect(problemsOf({ env })).toEqual([message]);
  });

  const auth = { DOELPOORT_AUTH_ISSUER: 'https://login.example.org', DOELPOORT_AUTH_AUDIENCE: 'doelpoort' };

  it('accepts a JWKS URL only over https', () => {
    expect(problemsOf({ env: { ...auth, DOELPOORT_AUTH_JWKS_URL: 'http://login.example.org/.well-known/jwks.json' } })).toEqual([
      'Configuration error: auth.jwksUrl (from env DOELPOORT_AUTH_JWKS_URL="http://login.example.org/.well-known/jwks.json"): expected an https:// URL of the identity provider\'s key set (http is never accepted), e.g. DOELPOORT_AUTH_JWKS_URL=https://login.example.org/.well-known/jwks.json',
    ]);
    expect(loadConfig({ env: { ...auth, DOELPOORT_AUTH_JWKS_URL: JWKS_URL } }).auth?.jwksUrl).toBe(JWKS_URL);
  });

  it('needs an issuer and an audience once auth is configured', () => {
    expect(problemsOf({ env: { DOELPOORT_AUTH_JWKS_URL: JWKS_URL } })).toEqual([
      'Configuration error: auth.issuer (not set): expected the non-empty "iss" of caller tokens, e.g. DOELPOORT_AUTH_ISSUER=https://login.example.org or {"auth": {"issuer": "https://login.example.org"}} in the config file',
      'Configuration error: auth.audience (not set): expected the non-empty "aud" of caller tokens, e.g. DOELPOORT_AUTH_AUDIENCE=doelpoort or {"auth": {"audience": "doelpoort"}} in the config file',
    ]);
  });

  it('needs exactly one source of the identity provider\'s keys', () => {
    expect(problemsOf({ env: { ...auth, DOELPOORT_AUTH_JWKS_FILE: './jwks.json', DOELPOORT_AUTH_JWKS_URL: JWKS_URL } })).toEqual([
      'Configuration error: auth.jwksUrl (from env DOELPOORT_AUTH_JWKS_URL="https://login.example.org/.well-known/jwks.json"): set exactly one of auth.jwksFile and auth.jwksUrl, e.g. DOELPOORT_AUTH_JWKS_URL=https://login.example.org/.well-known/jwks.json',
    ]);
    expect(problemsOf({ env: auth })).toEqual([
      'Configuration error: auth.jwksUrl (not set): set exactly one of auth.jwksFile and auth.jwksUrl, e.g. DOELPOORT_AUTH_JWKS_URL=https://login.example.org/.well-known/jwks.json or {"auth": {"jwksUrl": "https://login.example.org/.well-known/jwks.json"}} in the config file',
    ]);
  });

  it('starts the embedded default at a chosen instant, and refuses that together with auth', () => {
    expect(loadConfig({ env: { DOELPOORT_CLOCK_START: '2026-06-01T10:00:00+02:00' } }).clockStart).toBe('2026-06-01T10:00:00+02:00');
    expect(problemsOf({ env: { DOELPOORT_CLOCK_START: '2026-06-01' } })).toEqual([
      'Configuration error: clockStart (from env DOELPOORT_CLOCK_START="2026-06-01"): expected an ISO 8601 date-time with a zone, e.g. 2026-06-01T10:00:00+02:00; only without auth (the embedded default), e.g. DOELPOORT_CLOCK_START=2026-06-01T10:00:00+02:00',
    ]);
    expect(problemsOf({ env: { ...auth, DOELPOORT_AUTH_JWKS_URL: JWKS_URL, DOELPOORT_CLOCK_START: '2026-06-01T10:00:00Z' } })).toEqual([
      'Configuration error: clockStart (from env DOELPOORT_CLOCK_START="2026-06-01T10:00:00Z"): clockStart runs the embedded default at another instant, for demonstrations and tests; it is refused once auth is configured (a served build judges requests on the system clock), e.g. DOELPOORT_CLOCK_START=2026-06-01T10:00:00+02:00',
    ]);
  });

  it('accepts only public-key signature algorithms', () => {
    expect(problemsOf({ env: { ...auth, DOELPOORT_AUTH_JWKS_URL: JWKS_URL, DOELPOORT_AUTH_ALGORITHMS: 'ES256,HS256' } })).toEqual([
      'Configuration error: auth.algorithms[1] (from env DOELPOORT_AUTH_ALGORITHMS="ES256,HS256"): expected a non-empty list of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519, e.g. DOELPOORT_AUTH_ALGORITHMS=ES256,RS256',
    ]);
  });

  it('names a bad value in the file with the file and an example in its shape', () => {
    const path = writeConfigFile({ gateway: { port: '4000' }, limits: { maxDepth: -1 } });
    expect(problemsOf({ env: {}, file: path })).toEqual([
      `Configuration error: gateway.port (from file ${path}): expected an integer between 0 and 65535, e.g. {"gateway": {"port": 4000}}`,
      `Configuration error: limits.maxDepth (from file ${path}): expected a whole number of at least 1, e.g. {"limits": {"maxDepth": 15}}`,
    ]);
  });

  it('refuses unknown keys in the file, naming the keys that exist', () => {
    const path = writeConfigFile({ gateway: { prot: 4000 }, databaseURL: 'postgres://x/y', subgraphs: [{ name: 'brp', url: 'https://brp.example/graphql', timeout: 1 }] });
    expect(problemsOf({ env: {}, file: path })).toEqual([
      `Configuration error: gateway.prot (from file ${path}): unknown key. The keys in gateway are: port, host.`,
      `Configuration error: subgraphs[0].timeout (from file ${path}): unknown key. The keys in subgraphs[0] are: name, url.`,
      `Configuration error: databaseURL (from file ${path}): unknown key. The keys at the top level are: gateway, dataDir, databaseUrl, subgraphs, supergraphFile, subgraphTimeoutMs, requestTimeoutMs, introspection, logLevel, partnerTokenAlgorithm, otlpEndpoint, trustedDocumentsFile, policyDir, auth, clockStart, limits, audit, partners.`,
    ]);
  });

  it('refuses unknown DOELPOORT_ variables, suggesting the one meant', () => {
    expect(problemsOf({ env: { DOELPOORT_PROT: '4000', DOELPOORT_ANSWER: '42', DOELPOORTAL: 'not ours' } })).toEqual([
      'Configuration error: DOELPOORT_ANSWER (from env): unknown variable. Every variable is listed in docs/configuration.md.',
      'Configuration error: DOELPOORT_PROT (from env): unknown variable. Did you mean DOELPOORT_PORT? Every variable is listed in docs/configuration.md.',
    ]);
  });

  it('stops when the config file is missing, not JSON, or not an object', () => {
    expect(problemsOf({ env: { DOELPOORT_CONFIG: '/nonexistent/doelpoort.json' } })).toEqual([
      'Configuration error: config file /nonexistent/doelpoort.json (from env DOELPOORT_CONFIG): the file does not exist.',
    ]);
    const notJson = writeConfigFile('{ "gateway": ');
    expect(problemsOf({ env: {}, file: notJson })).toEqual([
      `Configuration error: config file ${notJson} (from option): not valid JSON: Unexpected end of JSON input.`,
    ]);
    const list = writeConfigFile([]);
    expect(problemsOf({ env: {}, argv: ['--config', list] })).toEqual([
      `Configuration error: config file ${list} (from argument --config): expected a JSON object, e.g. {"gateway": {"port": 4000}}.`,
    ]);
  });

  it('refuses command-line arguments other than --config', () => {
    expect(problemsOf({ env: {}, argv: ['--port', '4000'] })).toEqual([
      'Configuration error: unknown command-line argument "--port". The only argument is --config <file>, e.g. --config ./doelpoort.json',
    ]);
    expect(problemsOf({ env: {}, argv: ['--config'] })).toEqual(['Configuration error: --config needs a file path, e.g. --config ./doelpoort.json']);
  });

  it('puts every problem in the error message, one per line', () => {
    const error = (() => {
      try {
        return loadConfig({ env: { DOELPOORT_PORT: 'x', DOELPOORT_LIMITS_MAX_COST: '0' } });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(
      [
        'Configuration error: gateway.port (from env DOELPOORT_PORT="x"): expected an integer between 0 and 65535, e.g. DOELPOORT_PORT=4000',
        'Configuration error: limits.maxCost (from env DOELPOORT_LIMITS_MAX_COST="0"): expected a whole number of at least 1, e.g. DOELPOORT_LIMITS_MAX_COST=5000',
      ].join('\n'),
    );
  });
});
