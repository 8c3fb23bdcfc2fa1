/**
 * The whole product for end-to-end tests: `startDoelpoort` on the embedded default (13 partner
 * subgraphs, PGlite store, local issuer) in a fresh temporary data folder, with every log line
 * captured. One instance per test file; requests go over real HTTP.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../gateway/config/index.ts';
import { startDoelpoort, type Doelpoort } from '../../gateway/main.ts';
import { embeddedDefault } from '../../scripts/embedded-default.ts';
import type { LocalIssuer } from '../../gateway/identity/local-issuer.ts';
import { TEST_DAY, testClock, type TestClock } from './test-clock.ts';

export const PROJECT = 'wijkaanpak-2026';

/** A GraphQL error as the gateway returns it. */
export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorBody[];
  extensions?: Record<string, unknown>;
}

export interface PartnerRequest {
  subgraph: string;
  query: string;
  traceparent: string | undefined;
  authorization: string | undefined;
}

export interface Answer<T = GraphQLBody> {
  status: number;
  body: T;
}

export interface Product {
  url: string;
  /** Origin of the gateway (no /graphql), for the audit API. */
  origin: string;
  dataDir: string;
  doelpoort: Doelpoort;
  /** Every log line written so far, raw. */
  logLines(): string[];
  /** Every request an embedded partner received, in order, with its traceparent and authorization headers. */
  partnerRequests(): PartnerRequest[];
  /** A caller token for `role` at `org`, authorised for the project. */
  token(role: string, org: string, options?: { id?: string; projects?: string[] }): Promise<string>;
  /** POST a GraphQL request declared for `purpose` in the project. */
  query(token: string, purpose: string, query: string, extraHeaders?: Record<string, string>, variables?: Record<string, unknown>): Promise<Answer>;
  /** A privacy officer's (or anyone's) call to the audit API. */
  audit(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<unknown>>;
  /** Stops the product; the data folder stays until `cleanup()`. */
  stop(): Promise<void>;
  /** Removes the data folder (after stop). */
  cleanup(): Promise<void>;
}

/**
 * Starts the product on `clock`; without one, on a clock pinned to TEST_DAY (never the system
 * clock, so that no outcome depends on the real date). Tokens are signed and checked on the system
 * clock, as in a served build.
 */
export async function startProduct(options: { logLevel?: string; env?: Record<string, string>; clock?: TestClock } = {}): Promise<Product> {
  const dataDir = await mkdtemp(join(tmpdir(), 'doelpoort-scenario-'));
  // The environment is passed explicitly, so a DATABASE_URL of the shell is never used.
  const config = loadConfig({ env: { ...options.env, DOELPOORT_DATA_DIR: dataDir, DOELPOORT_PORT: '0', DOELPOORT_LOG_LEVEL: options.logLevel ?? 'info' } });
  const lines: string[] = [];
  let partial = '';
  const logStream = {
    write(chunk: unknown): boolean {
      partial += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts.filter((line) => line.length > 0));
      return true;
    },
  };
  const partnerRequests: PartnerRequest[] = [];
  const doelpoort = await startDoelpoort(config, {
    logStream,
    embedded: embeddedDefault,
    now: (options.clock ?? testClock(TEST_DAY)).now,
    onPartnerRequest: ({ subgraph, query, headers }) =>
      void partnerRequests.push({
        subgraph,
        query,
        traceparent: typeof headers.traceparent === 'string' ? headers.traceparent : undefined,
        authorization: typeof headers.authorization === 'string' ? headers.authorization : undefined,
      }),
  });
  const issuer: LocalIssuer = doelpoort.localIssuer!;
  const origin = doelpoort.url.replace(/\/graphql$/, '');
  let stopped = false;

  return {
    url: doelpoort.url,
    origin,
    dataDir,
    doelpoort,
    logLines: () => (partial ? [...lines, partial] : [...lines]),
    partnerRequests: () => [...partnerRequests],
    token: (role, org, tokenOptions = {}) =>
      issuer.sign({ id: tokenOptions.id ?? `${org}-${role}-1`, organisation: org, roles: [role], projects: tokenOptions.projects ?? [PROJECT] }),
    async query(token, purpose, query, extraHeaders = {}, variables) {
      const response = await fetch(doelpoort.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-doelpoort-project': PROJECT,
          'x-doelpoort-purpose': purpose,
          ...extraHeaders,
        },
        body: JSON.stringify(variables ? { query, variables } : { query }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async audit(token, method, path, body) {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await doelpoort.stop();
    },
    async cleanup() {
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A coordinator of the sociale dienst selects the address in the project (it must succeed); returns the case id. */
export async function selectAddress(p: Product, adresId: string): Promise<string> {
  const coordinator = await p.token('coordinator', 'sociale-dienst');
  const { body } = await p.query(
    coordinator,
    'uitkeringsfraude',
    `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${adresId}", reden: "Overlapping signals of two partners on this address.") { id } }`,
  );
  if (body.errors !== undefined) throw new Error(`selecting ${adresId} failed: ${JSON.stringify(body.errors)}`);
  return (body.data as { selecteerAdres: { id: string } }).selecteerAdres.id;
}

/** The errors of a body in a form a test compares exactly: path, code, principle, rule. */
export function denials(body: GraphQLBody): { path: string; code: unknown; principle: unknown; rule: unknown }[] {
  return (body.errors ?? []).map((e) => ({
    path: (e.path ?? []).join('.'),
    code: e.extensions?.['code'],
    principle: e.extensions?.['principle'],
    rule: e.extensions?.['rule'],
  }));
}

/** URL-encodes a justification for the x-doelpoort-justification header. */
export function justification(text: string): Record<string, string> {
  return { 'x-doelpoort-justification': encodeURIComponent(text) };
}
