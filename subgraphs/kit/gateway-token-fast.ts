/**
 * A quick check of a gateway token against a fixed key set with node:crypto's synchronous verify,
 * for the common case: a well-formed token of the gateway that is valid. It accepts only what the
 * full check (jose's jwtVerify with the verifier's options) accepts, and is stricter: anything it
 * does not recognise (another header member, an audience list, "nbf", a bad signature, an unknown
 * or ambiguous key id...) it leaves undecided, and the full check decides and words the refusal.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { JSONWebKeySet, JWK, JWTPayload } from 'jose';

export interface QuickCheckOptions {
  issuer: string;
  audience: string;
  typ: string;
  algorithms: readonly string[];
  clockToleranceSeconds: number;
  requiredClaims: readonly string[];
}

/** Returns the payload of a token it proves valid; undefined: undecided (let the full check decide). */
export type QuickCheck = (token: string) => JWTPayload | undefined;

const HEADER_MEMBERS = new Set(['alg', 'kid', 'typ']);
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function quickCheck(jwks: JSONWebKeySet, options: QuickCheckOptions): QuickCheck {
  const keys = keysById(jwks, options.algorithms);
  return (token) => {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return undefined;
    const header = objectOf(parts[0]!);
    if (!header || !Object.keys(header).every((member) => HEADER_MEMBERS.has(member))) return undefined;
    if (header.typ !== options.typ || typeof header.kid !== 'string') return undefined;
    const key = keys.get(header.kid);
    if (!key || key.alg !== header.alg) return undefined;
    const signature = Buffer.from(parts[2]!, 'base64url');
    const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
    const valid =
      key.alg === 'ES256'
        ? signature.length === 64 && verify('sha256', signingInput, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature)
        : verify(null, signingInput, key.publicKey, signature);
    if (!valid) return undefined;
    const payload = objectOf(parts[1]!);
    if (!payload || !options.requiredClaims.every((claim) => claim in payload)) return undefined;
    if (payload.iss !== options.issuer || payload.aud !== options.audience || payload.nbf !== undefined) return undefined;
    if (payload.iat !== undefined && !(typeof payload.iat === 'number' && Number.isFinite(payload.iat))) return undefined;
    const now = Math.floor(Date.now() / 1000);
    if (!(typeof payload.exp === 'number' && Number.isFinite(payload.exp) && payload.exp > now - options.clockToleranceSeconds)) return undefined;
    return payload as JWTPayload;
  };
}

interface VerifyingKey {
  alg: 'ES256' | 'EdDSA';
  publicKey: KeyObject;
}

/** The set's signing keys by kid; a kid that names more than one key is left out (the full check handles it). */
function keysById(jwks: JSONWebKeySet, algorithms: readonly string[]): Map<string, VerifyingKey> {
  const byId = new Map<string, VerifyingKey | null>();
  for (const jwk of jwks.keys) {
    if (typeof jwk.kid !== 'string') continue;
    const alg = algorithmOf(jwk);
    const usable = alg !== undefined && algorithms.includes(alg) && (jwk.alg === undefined || jwk.alg === alg) && (jwk.use === undefined || jwk.use === 'sig') && jwk.key_ops === undefined;
    byId.set(jwk.kid, byId.has(jwk.kid) || !usable ? null : verifyingKey(jwk, alg!));
  }
  return new Map([...byId].flatMap(([kid, key]) => (key ? [[kid, key] as const] : [])));
}

function verifyingKey(jwk: JWK, alg: VerifyingKey['alg']): VerifyingKey | null {
  try {
    return { alg, publicKey: createPublicKey({ key: jwk, format: 'jwk' } as Parameters<typeof createPublicKey>[0]) };
  } catch {
    return null;
  }
}

function algorithmOf(jwk: JWK): 'ES256' | 'EdDSA' | undefined {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  return undefined;
}

function objectOf(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
