/**
 * The gateway's signature on every call to a partner: a short-lived JWT, for that partner only,
 * naming who asks, for which project, purpose and case, and which fields the call may select.
 * Partners verify it with the public key set from `jwks()` (served at /.well-known/jwks.json).
 * Signed with node:crypto's synchronous sign (a compact JWS like any JOSE library's): one token per
 * call makes the signature part of every partner call's cost.
 */
import { KeyObject, randomUUID, sign } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import {
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  gatewayTokenPayload,
  type GatewayCallContext,
} from '../../subgraphs/kit/gateway-token.ts';
import { loadOrCreateSigningKey, signingKeyFromJwk, type SigningAlgorithm, type SigningKey } from '../identity/signing-key.ts';

export type PartnerTokenSignerOptions =
  /** Key pair kept in `<dataDir>/keys/gateway-signing.private.jwk.json`, made on first use. */
  | { dataDir: string }
  /** A private P-256 (ES256) or Ed25519 (EdDSA) JWK; kid defaults to its thumbprint. */
  | { privateJwk: JWK; kid?: string };

export interface PartnerTokenSigner {
  sign(call: GatewayCallContext, ttlSeconds?: number): Promise<string>;
  /** The public key set partners verify with. */
  jwks(): JSONWebKeySet;
}

/** Longest lifetime a partner token may have: it covers one call, not a session. */
export const MAX_PARTNER_TOKEN_TTL_SECONDS = 300;

export async function createPartnerTokenSigner(options: PartnerTokenSignerOptions): Promise<PartnerTokenSigner> {
  const key = await signingKey(options);
  const privateKey = KeyObject.from(key.privateKey);
  const header = base64url(JSON.stringify({ alg: key.alg, kid: key.kid, typ: GATEWAY_TOKEN_TYPE }));
  return {
    async sign(call, ttlSeconds = 60) {
      checkCall(call);
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_PARTNER_TOKEN_TTL_SECONDS) {
        throw new TypeError(`ttlSeconds must be a whole number from 1 to ${MAX_PARTNER_TOKEN_TTL_SECONDS}`);
      }
      const iat = Math.floor(Date.now() / 1000);
      const claims = { ...gatewayTokenPayload(call), iss: GATEWAY_TOKEN_ISSUER, aud: call.partner, jti: randomUUID(), iat, exp: iat + ttlSeconds };
      const signingInput = `${header}.${base64url(JSON.stringify(claims))}`;
      return `${signingInput}.${signature(key.alg, privateKey, signingInput)}`;
    },
    jwks() {
      return { keys: [{ ...key.publicJwk }] };
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

async function signingKey(options: PartnerTokenSignerOptions): Promise<SigningKey> {
  if ('dataDir' in options) {
    return loadOrCreateSigningKey(join(resolve(options.dataDir), 'keys', 'gateway-signing.private.jwk.json'), 'ES256');
  }
  return signingKeyFromJwk(options.privateJwk, algorithmOf(options.privateJwk), options.kid);
}

function algorithmOf(jwk: JWK): SigningAlgorithm {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  throw new TypeError(`the partner token key must be a P-256 (ES256) or Ed25519 (EdDSA) key; got kty ${jwk.kty}, crv ${jwk.crv}`);
}

function checkCall(call: GatewayCallContext): void {
  const required = ['partner', 'traceId', 'organisation', 'role', 'callerId', 'project', 'purpose'] as const;
  for (const name of required) {
    if (typeof call[name] !== 'string' || call[name] === '') throw new TypeError(`${name} must be a non-empty string`);
  }
  if (call.caseId !== undefined && (typeof call.caseId !== 'string' || call.caseId === '')) {
    throw new TypeError('caseId, when given, must be a non-empty string');
  }
  if (!Array.isArray(call.fields) || !call.fields.every((field) => /^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(field))) {
    throw new TypeError('fields must be a list of "Type.field" coordinates');
  }
}
