/**
 * The gateway's signature on every call to a partner: a short-lived JWT, for that partner only,
 * naming who asks, for which project, purpose and case, and which fields the call may select.
 * Partners verify it with the public key set from `jwks()` (served at /.well-known/jwks.json).
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { SignJWT, type JSONWebKeySet, type JWK } from 'jose';
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
  return {
    async sign(call, ttlSeconds = 60) {
      checkCall(call);
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > MAX_PARTNER_TOKEN_TTL_SECONDS) {
        throw new TypeError(`ttlSeconds must be a whole number from 1 to ${MAX_PARTNER_TOKEN_TTL_SECONDS}`);
      }
      return new SignJWT(gatewayTokenPayload(call))
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: GATEWAY_TOKEN_TYPE })
        .setIssuer(GATEWAY_TOKEN_ISSUER)
        .setAudience(call.partner)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key.privateKey);
    },
    jwks() {
      return { keys: [{ ...key.publicJwk }] };
    },
  };
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
