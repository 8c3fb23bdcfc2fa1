/**
 * Caller authentication: an `Authorization: Bearer` JWT from the identity provider, checked
 * against its public keys, issuer, audience and time, becomes the request's Caller.
 */
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Caller } from '../context/types.ts';
import { bearerToken } from './bearer.ts';
import { callerFromClaims, DEFAULT_CLAIM_MAPPING, type ClaimMapping } from './claims.ts';
import { AuthenticationError } from './errors.ts';
import { keyResolver, type JwksSource } from './key-source.ts';

export interface CallerVerifierOptions {
  jwks: JwksSource;
  issuer: string;
  audience: string;
  /** Tolerated clock difference with the identity provider, for exp and nbf. */
  clockSkewSeconds: number;
  /** Explicit allow-list of asymmetric algorithms, e.g. ["ES256", "RS256"]. */
  algorithms: string[];
  /** Claim names (dotted paths allowed); defaults: sub, org, roles, projects. */
  claims?: Partial<ClaimMapping>;
}

export interface CallerVerifier {
  verify(authorizationHeader: string | undefined): Promise<Caller>;
}

/** Public-key signature algorithms a caller token may use. `none` and HS* are never accepted. */
const ASYMMETRIC_ALGORITHMS = new Set([
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519',
]);

export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  const algorithms = checkedAlgorithms(options.algorithms);
  const { issuer, audience, clockSkewSeconds } = checkedClaimsOptions(options);
  const mapping = checkedMapping({ ...DEFAULT_CLAIM_MAPPING, ...options.claims });
  const getKey = keyResolver(options.jwks);
  const context: FailureContext = { issuer, audience, clockSkewSeconds, algorithms };

  return {
    async verify(authorizationHeader) {
      const token = bearerToken(authorizationHeader);
      assertAlgorithmAllowed(token, algorithms);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer,
          audience,
          algorithms,
          clockTolerance: clockSkewSeconds,
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        throw verificationError(error, context);
      }
      return callerFromClaims(payload, mapping, issuer);
    },
  };
}

function checkedAlgorithms(algorithms: string[]): string[] {
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new TypeError('algorithms must list at least one allowed signature algorithm, e.g. ["ES256"]');
  }
  for (const alg of algorithms) {
    if (!ASYMMETRIC_ALGORITHMS.has(alg)) {
      throw new TypeError(
        `algorithm "${alg}" is not allowed: caller tokens are checked with public keys, so only ${[...ASYMMETRIC_ALGORITHMS].join(', ')} can be configured ("none" and HS* never)`,
      );
    }
  }
  return [...new Set(algorithms)];
}

function checkedClaimsOptions(options: CallerVerifierOptions) {
  const { issuer, audience, clockSkewSeconds } = options;
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError('issuer must be a non-empty string');
  if (typeof audience !== 'string' || audience === '') throw new TypeError('audience must be a non-empty string');
  if (!Number.isInteger(clockSkewSeconds) || clockSkewSeconds < 0 || clockSkewSeconds > 300) {
    throw new TypeError('clockSkewSeconds must be a whole number of seconds from 0 to 300');
  }
  return { issuer, audience, clockSkewSeconds };
}

function checkedMapping(mapping: ClaimMapping): ClaimMapping {
  for (const [part, name] of Object.entries(mapping)) {
    if (typeof name !== 'string' || name === '') throw new TypeError(`claims.${part} must be a non-empty claim name`);
  }
  return mapping;
}

/** Checked before any key is looked up, so that the refusal names the algorithm. */
function assertAlgorithmAllowed(token: string, algorithms: string[]): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new AuthenticationError('TOKEN_MALFORMED', 'The token header cannot be read: it is not a JSON Web Token.');
  }
  if (typeof alg !== 'string' || !algorithms.includes(alg)) {
    throw new AuthenticationError(
      'TOKEN_ALG_NOT_ALLOWED',
      `The token is signed with algorithm "${String(alg)}", which this gateway does not accept; it accepts ${algorithms.join(', ')}. Use a token from the configured identity provider.`,
    );
  }
}

interface FailureContext {
  issuer: string;
  audience: string;
  clockSkewSeconds: number;
  algorithms: string[];
}

function verificationError(error: unknown, context: FailureContext): Error {
  if (error instanceof AuthenticationError) return error;
  const skew = `clock skew allowed: ${context.clockSkewSeconds} s`;
  if (error instanceof errors.JWTExpired) {
    return new AuthenticationError(
      'TOKEN_EXPIRED',
      `The token expired at ${isoTime(error.payload.exp)} (${skew}). Request a new token.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed) return claimError(error, context, skew);
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new AuthenticationError(
      'TOKEN_BAD_SIGNATURE',
      'The token signature does not match its content: it was altered or not signed by the identity provider. Request a new token.',
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new AuthenticationError(
      'TOKEN_ALG_NOT_ALLOWED',
      `The token's signature algorithm is not accepted; this gateway accepts ${context.algorithms.join(', ')}.`,
    );
  }
  if (error instanceof errors.JOSEError) {
    return new AuthenticationError('TOKEN_MALFORMED', `The token is not a valid signed JSON Web Token: ${error.message}.`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function claimError(error: InstanceType<typeof errors.JWTClaimValidationFailed>, context: FailureContext, skew: string) {
  const { claim, reason, payload } = error;
  if (reason === 'missing') {
    return new AuthenticationError(
      'TOKEN_CLAIMS_MISSING',
      `The token has no "${claim}" claim, which this gateway requires. Ask your identity provider to include it.`,
    );
  }
  if (reason === 'invalid') {
    return new AuthenticationError('TOKEN_MALFORMED', `The token's "${claim}" claim is not a valid timestamp.`);
  }
  switch (claim) {
    case 'nbf':
      return new AuthenticationError(
        'TOKEN_NOT_YET_VALID',
        `The token is not valid before ${isoTime(payload.nbf)} (${skew}). Check the clock of the system that issued it, or wait.`,
      );
    case 'iss':
      return new AuthenticationError(
        'TOKEN_WRONG_ISSUER',
        `The token was issued by ${shown(payload.iss)}; this gateway accepts tokens from "${context.issuer}" only. Use a token from that identity provider.`,
      );
    case 'aud':
      return new AuthenticationError(
        'TOKEN_WRONG_AUDIENCE',
        `The token is meant for ${shown(payload.aud)}, not for this gateway ("${context.audience}"). Request a token with audience "${context.audience}".`,
      );
    default:
      return new AuthenticationError('TOKEN_MALFORMED', `The token's "${claim}" claim was refused: ${error.message}.`);
  }
}

function isoTime(seconds: unknown): string {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : 'an unreadable time';
}

/** A claim value from an unverified token, quoted and cut short. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
