/**
 * Conformance of a live partner subgraph, as the gateway relies on it: it serves its schema, the
 * schema passes the check, it refuses every call that lacks a valid, bound, fresh, unused gateway
 * token, and `_entities` answers a batch of 100 in order without failing as a whole.
 * The tokens are signed with a test gateway key whose public half the partner trusts.
 */
import { randomUUID } from 'node:crypto';
import { Kind, parse, type DocumentNode, type StringValueNode } from 'graphql';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type KeyObject } from 'jose';
import { GATEWAY_TOKEN_ISSUER, GATEWAY_TOKEN_TYPE, gatewayTokenPayload, type GatewayCallContext, type GraphQLCall } from './token.ts';

export interface ConformOptions {
  /** The partner's name: the audience of its tokens. */
  partner: string;
  /** The test gateway's private key (Ed25519 or P-256 JWK), trusted by the partner. */
  privateJwk: JWK;
  /** Representations the partner holds, e.g. [{ "__typename": "Persoon", "bsn": "999990007" }]. */
  known?: Record<string, unknown>[];
  /** Checks the served SDL; returns its problems, one line each (empty: it passes). */
  checkSchema: (name: string, sdl: string) => string[];
  /** Calls timed for the latency figures; default 50. */
  timedCalls?: number;
}

export interface Finding {
  check: string;
  ok: boolean;
  detail: string;
}

export interface ConformReport {
  url: string;
  partner: string;
  ok: boolean;
  findings: Finding[];
  latency?: { calls: number; p50Ms: number; p99Ms: number };
}

interface Probe {
  type: string;
  key: string;
  query: string;
  fields: string[];
}

interface Reply {
  status: number;
  unreachable?: string;
  body: { data?: { _entities?: unknown[] | null; _service?: { sdl?: unknown } } | null; errors?: unknown[] } | undefined;
}

const BATCH = 100;

export async function conform(url: string, options: ConformOptions): Promise<ConformReport> {
  const findings: Finding[] = [];
  const note = (check: string, ok: boolean, detail: string) => void findings.push({ check, ok, detail });
  const report = (): ConformReport => ({ url, partner: options.partner, ok: findings.every((f) => f.ok), findings });

  const served = await post(url, { query: '{ _service { sdl } }' });
  const sdl = served.body?.data?._service?.sdl;
  note('schema', typeof sdl === 'string', typeof sdl === 'string' ? '_service { sdl } answers' : `_service { sdl } did not answer an SDL (${statusText(served)})`);
  if (typeof sdl !== 'string') return report();
  const problems = options.checkSchema(options.partner, sdl);
  note('check', problems.length === 0, problems.length === 0 ? 'the schema passes doelpoort-kit check' : problems.join('\n'));
  const probe = probeOf(sdl);
  if (probe === undefined) {
    note('entities', false, 'the schema has no Persoon or Adres with a single-field @key to call _entities with');
    return report();
  }

  const gateway = await signingKey(options.privateJwk);
  const context = (fields: string[], partner = options.partner): GatewayCallContext => ({
    partner,
    traceId: randomUUID().replaceAll('-', ''),
    organisation: 'doelpoort-kit',
    role: 'conform',
    callerId: 'doelpoort-kit',
    project: 'conform',
    purpose: 'conform',
    fields,
  });
  const call = (keys: Record<string, unknown>[]): GraphQLCall => ({ query: probe.query, variables: { representations: keys } });
  const known = options.known?.filter((rep) => rep.__typename === probe.type) ?? [];
  const one = call([known[0] ?? unknownKey(probe, 0)]);
  const sign = (ctx: GatewayCallContext, c: GraphQLCall, times?: Times) => gateway.sign(ctx, c, times);

  const valid = await sign(context(probe.fields), one);
  const accepted = await post(url, one, valid);
  const answered = Array.isArray(accepted.body?.data?._entities);
  note('valid token', answered, answered ? 'a call with a valid gateway token is answered' : `a call with a valid gateway token was not answered (${statusText(accepted)})`);

  const other = await generateKeyPair('EdDSA', { extractable: true });
  const forger = await signingKey({ ...(await exportJWK(other.privateKey)), kid: gateway.kid });
  const now = Math.floor(Date.now() / 1000);
  // Each attempt: the call sent and the token it carries (undefined: none).
  const attempts: [string, GraphQLCall, () => Promise<string | undefined>][] = [
    ['no token', one, async () => undefined],
    ['wrong audience', one, () => sign(context(probe.fields, `${options.partner}-other`), one)],
    ['expired', one, () => sign(context(probe.fields), one, { iat: now - 120, exp: now - 60 })],
    ['lifetime over 60 s', one, () => sign(context(probe.fields), one, { iat: now, exp: now + 3600 })],
    ['issued in the future', one, () => sign(context(probe.fields), one, { iat: now + 600, exp: now + 630 })],
    ['alg: none', one, async () => unsigned(gatewayTokenPayload(context(probe.fields), one), options.partner)],
    ['other fields', one, () => sign(context([`${probe.type}.__other`]), one)],
    ['other subjects', call([unknownKey(probe, 1)]), () => sign(context(probe.fields), one)],
    ['another key', one, () => forger.sign(context(probe.fields), one)],
  ];
  if (answered) attempts.push(['replay', one, async () => valid]);
  for (const [what, sent, token] of attempts) {
    const r = await post(url, sent, await token());
    const refused = isRefused(r);
    const detail = refused ? `refused (HTTP ${r.status})` : r.status === 0 ? statusText(r) : `answered data (HTTP ${r.status}): a call with ${what} must be refused`;
    note(`refuses ${what}`, refused, detail);
  }

  findings.push(await batchFinding(url, probe, known, (keys) => sign(context(probe.fields), call(keys)), call));
  const latency = await timeCalls(url, options.timedCalls ?? 50, async () => {
    const c = call([known[0] ?? unknownKey(probe, 2)]);
    return [c, await sign(context(probe.fields), c)];
  });
  return { ...report(), latency };
}

async function batchFinding(
  url: string,
  probe: Probe,
  known: Record<string, unknown>[],
  token: (keys: Record<string, unknown>[]) => Promise<string>,
  call: (keys: Record<string, unknown>[]) => GraphQLCall,
): Promise<Finding> {
  // Every third representation is unknown; the others cycle through the known ones.
  const keys = Array.from({ length: BATCH }, (_, i) => (known.length > 0 && i % 3 !== 2 ? known[i % known.length]! : unknownKey(probe, 100 + i)));
  const reply = await post(url, call(keys), await token(keys));
  const entities = reply.body?.data?._entities;
  const check = '_entities batch of 100';
  if (!Array.isArray(entities)) return { check, ok: false, detail: `the batch failed as a whole (${statusText(reply)}): no _entities list` };
  if (entities.length !== BATCH) return { check, ok: false, detail: `answered ${entities.length} entities for ${BATCH} representations` };
  const misplaced = keys.flatMap((rep, i) => {
    const entity = entities[i] as Record<string, unknown> | null;
    const unknown = !known.includes(rep);
    if (entity === null) return unknown ? [] : [i];
    return entity?.[probe.key] === rep[probe.key] ? [] : [i];
  });
  if (misplaced.length > 0) {
    return { check, ok: false, detail: `${misplaced.length} entities are not in the order of the representations (or a known key answered null), first at index ${misplaced[0]}` };
  }
  const nulls = keys.filter((rep, i) => !known.includes(rep) && entities[i] === null).length;
  const unknownCount = keys.filter((rep) => !known.includes(rep)).length;
  return { check, ok: true, detail: `${BATCH} entities in order; ${nulls} of ${unknownCount} unknown keys answered null, the others with the key alone` };
}

/** p50 and p99 of single-representation calls, each timed from sending to the whole answer. */
async function timeCalls(url: string, calls: number, next: () => Promise<[GraphQLCall, string]>): Promise<ConformReport['latency']> {
  const durations: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const [call, token] = await next();
    const started = performance.now();
    await post(url, call, token);
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const at = (q: number) => Math.round(durations[Math.min(durations.length - 1, Math.ceil(q * durations.length) - 1)]! * 100) / 100;
  return { calls, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** A call with data in it is not refused, whatever the status. */
function isRefused(reply: Reply): boolean {
  const entities = reply.body?.data?._entities;
  return reply.status >= 400 || ((entities === undefined || entities === null) && (reply.body?.errors?.length ?? 0) > 0);
}

/** The first Persoon or Adres with a single-field @key, and the `_entities` call that selects its key. */
export function probeOf(sdl: string): Probe | undefined {
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch {
    return undefined;
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition.name.value;
    if (type !== 'Persoon' && type !== 'Adres') continue;
    const keyArg = definition.directives?.find((d) => d.name.value === 'key')?.arguments?.find((a) => a.name.value === 'fields');
    const key = keyArg?.value.kind === Kind.STRING ? (keyArg.value as StringValueNode).value.trim() : '';
    if (!/^\w+$/.test(key)) continue;
    return {
      type,
      key,
      query: `query Conform($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${type} { ${key} } } }`,
      fields: [`${type}.${key}`],
    };
  }
  return undefined;
}

function unknownKey(probe: Probe, i: number): Record<string, unknown> {
  return { __typename: probe.type, [probe.key]: `conform-unknown-${i}` };
}

interface Times {
  iat: number;
  exp: number;
}

/** A gateway token signer for conformance calls: any times, any context, any call. */
async function signingKey(privateJwk: JWK): Promise<{ kid: string; sign(context: GatewayCallContext, call: GraphQLCall, times?: Times): Promise<string> }> {
  const alg = privateJwk.kty === 'EC' ? 'ES256' : 'EdDSA';
  const { d: _private, ...publicPart } = privateJwk;
  const kid = privateJwk.kid ?? (await calculateJwkThumbprint(publicPart));
  const key = (await importJWK({ ...privateJwk, alg }, alg)) as CryptoKey | KeyObject;
  return {
    kid,
    sign(context, call, times) {
      const now = Math.floor(Date.now() / 1000);
      const { iat, exp } = times ?? { iat: now, exp: now + 30 };
      return new SignJWT(gatewayTokenPayload(context, call))
        .setProtectedHeader({ alg, kid, typ: GATEWAY_TOKEN_TYPE })
        .setIssuer(GATEWAY_TOKEN_ISSUER)
        .setAudience(context.partner)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(key);
    },
  };
}

function unsigned(payload: Record<string, unknown>, partner: string): string {
  const now = Math.floor(Date.now() / 1000);
  const parts = [{ alg: 'none', typ: GATEWAY_TOKEN_TYPE }, { ...payload, iss: GATEWAY_TOKEN_ISSUER, aud: partner, jti: randomUUID(), iat: now, exp: now + 30 }];
  return `${parts.map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.')}.`;
}

/** The partner's answer; status 0 when it could not be reached (unreachable says why). */
async function post(url: string, call: GraphQLCall, token?: string): Promise<Reply> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(call),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { status: 0, body: undefined, unreachable: cause };
  }
  const body = (await response.json().catch(() => undefined)) as Reply['body'];
  return { status: response.status, body };
}

function statusText(reply: Reply): string {
  return reply.status === 0 ? `the subgraph could not be reached (${reply.unreachable})` : `HTTP ${reply.status}`;
}
