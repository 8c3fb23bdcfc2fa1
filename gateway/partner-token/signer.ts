/**
 * The gateway's signature on every call to a partner: a JWT in the kit's format
 * (@doelpoort/subgraph-kit), for that partner only, bound to the call's fields and subjects, good
 * for one use within 60 s. Partners verify it with the public key set from `jwks()` (served at
 * /.well-known/jwks.json).
 *
 * The key set holds the signing key and, during a rotation, the next and the previous key: all are
 * published, only the current one signs (docs/identity.md, "Rotating the gateway's keys").
 * Signed with node:crypto's synchronous sign (a compact JWS like any JOSE library's): one token per
 * call makes the signature part of every partner call's cost.
 */
import { KeyObject, randomUUID, sign } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  gatewayTokenPayload,
  type GatewayCallContext,
  type GraphQLCall,
} from '@doelpoort/subgraph-kit';
import { keyAlgorithm, loadOrCreateSigningKey, loadSigningKeyIfPresent, signingKeyFromJwk, type SigningAlgorithm, type SigningKey } from '../identity/signing-key.ts';

export type PartnerTokenSignerOptions =
  /**
   * Keys kept in `<dataDir>/keys/`: `partner-token.private.jwk.json` signs (made on first use with
   * `algorithm`, default EdDSA); `partner-token.next.private.jwk.json` and
   * `partner-token.previous.private.jwk.json`, when present, are published beside it.
   */
  | { dataDir: string; algorithm?: SigningAlgorithm }
  /** A private P-256 (ES256) or Ed25519 (EdDSA) JWK; kid defaults to its thumbprint. */
  | { privateJwk: JWK; kid?: string };

export interface PartnerTokenSigner {
  /** A token for exactly this call: its context and the query and variables it sends. */
  sign(context: GatewayCallContext, call: GraphQLCall, ttlSeconds?: number): string;
  /** The public key set partners verify with: the signing key first, then the others. */
  jwks(): JSONWebKeySet;
}

/** Longest lifetime a partner token may have: what partners accept by default. */
export const MAX_PARTNER_TOKEN_TTL_SECONDS = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;

export const PARTNER_TOKEN_KEY_FILES = {
  current: 'partner-token.private.jwk.json',
  next: 'partner-token.next.private.jwk.json',
  previous: 'partner-token.previous.private.jwk.json',
} as const;

export async function createPartnerTokenSigner(options: PartnerTokenSignerOptions): Promise<PartnerTokenSigner> {
  const [key, ...published] = await signingKeys(options);
  const privateKey = KeyObject.from(key!.privateKey);
  const header = base64url(JSON.stringify({ alg: key!.alg, kid: key!.kid, typ: GATEWAY_TOKEN_TYPE }));
  const keySet = { keys: [key!, ...published].map((k) => ({ ...k.publicJwk })) };
  return {
    sign(context, call, ttlSeconds = MAX_PARTNER_TOKEN_TTL_SECONDS) {
      checkContext(context);
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_PARTNER_TOKEN_TTL_SECONDS) {
        throw new TypeError(`ttlSeconds must be a whole number from 1 to ${MAX_PARTNER_TOKEN_TTL_SECONDS}`);
      }
      const iat = Math.floor(Date.now() / 1000);
      const claims = { ...gatewayTokenPayload(context, call), iss: GATEWAY_TOKEN_ISSUER, aud: context.partner, jti: randomUUID(), iat, exp: iat + ttlSeconds };
      const signingInput = `${header}.${base64url(JSON.stringify(claims))}`;
      return `${signingInput}.${signature(key!.alg, privateKey, signingInput)}`;
    },
    jwks() {
      return structuredClone(keySet);
    },
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The JWS signature: ES256 as the raw r || s pair (RFC 7518 3.4), EdDSA as is. */
function signature(alg: SigningAlgorithm, privateKey: KeyObject, signingInput: string): string {
  const data = Buffer.from(signingInput, 'utf8');
  const signed = alg === 'ES256' ? sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }) : sign(null, data, privateKey);
  return signed.toString('base64url');
}

/** The signing key first, then the published others. */
async function signingKeys(options: PartnerTokenSignerOptions): Promise<SigningKey[]> {
  if ('privateJwk' in options) return [await signingKeyFromJwk(options.privateJwk, keyAlgorithm(options.privateJwk), options.kid)];
  const folder = join(resolve(options.dataDir), 'keys');
  const current = await loadOrCreateSigningKey(join(folder, PARTNER_TOKEN_KEY_FILES.current), options.algorithm ?? 'EdDSA');
  const others = await Promise.all(
    [PARTNER_TOKEN_KEY_FILES.next, PARTNER_TOKEN_KEY_FILES.previous].map((file) => loadSigningKeyIfPresent(join(folder, file))),
  );
  return [current, ...others.filter((key): key is SigningKey => key !== undefined)];
}

function checkContext(context: GatewayCallContext): void {
  const required = ['partner', 'traceId', 'organisation', 'role', 'callerId', 'project', 'purpose'] as const;
  for (const name of required) {
    if (typeof context[name] !== 'string' || context[name] === '') throw new TypeError(`${name} must be a non-empty string`);
  }
  if (context.caseId !== undefined && (typeof context.caseId !== 'string' || context.caseId === '')) {
    throw new TypeError('caseId, when given, must be a non-empty string');
  }
  if (!Array.isArray(context.fields) || !context.fields.every((field) => /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(field))) {
    throw new TypeError('fields must be a list of "Type.field" coordinates');
  }
}
