/**
 * Proof, for a partner subgraph, that a call comes from the Doelpoort gateway and is the call the
 * gateway decided on. Verified with jose against the gateway's public key set (served at
 * /.well-known/jwks.json): the signature, the issuer, this partner as audience, a lifetime of at
 * most 60 s that has begun and not ended, a token id not seen before, the fields the call selects
 * and the digest of the call itself (its representations and arguments).
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { GatewayTokenError } from './errors.ts';
import { createMemoryReplayStore, type ReplayStore } from './replay.ts';
import {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  GATEWAY_TOKEN_ALGORITHMS,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  callDigest,
  type GatewayClaims,
  type GraphQLCall,
} from './token.ts';

export interface GatewayTokenVerifierOptions {
  /** This partner's name, as the gateway knows it (the token's audience). */
  partner: string;
  /** The gateway's key set, its URL (https, or http on a loopback host), or a key resolver. */
  jwks: JSONWebKeySet | URL | JWTVerifyGetKey;
  issuer?: string;
  /** Default 5. */
  clockSkewSeconds?: number;
  /** The longest exp - iat accepted; default 60. */
  maxLifetimeSeconds?: number;
  /** Where used token ids are remembered; default this process's memory. */
  replay?: ReplayStore;
}

/** What a partner was asked: the "Type.field" coordinates it selects and the call as received. */
export interface VerifiedCall {
  fields: string[];
  call: GraphQLCall;
}

export interface GatewayTokenVerifier {
  verify(authorizationHeader: string | undefined, call: VerifiedCall): Promise<GatewayClaims>;
}

export function createGatewayTokenVerifier(options: GatewayTokenVerifierOptions): GatewayTokenVerifier {
  const {
    partner,
    issuer = GATEWAY_TOKEN_ISSUER,
    clockSkewSeconds = 5,
    maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
    replay = createMemoryReplayStore(),
  } = options;
  if (typeof partner !== 'string' || partner === '') throw new TypeError('partner must be a non-empty string');
  for (const [name, value] of [['clockSkewSeconds', clockSkewSeconds], ['maxLifetimeSeconds', maxLifetimeSeconds]] as const) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative whole number`);
  }
  const getKey = gatewayKeys(options.jwks);

  return {
    async verify(authorizationHeader, { fields, call }) {
      const token = bearer(authorizationHeader);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, getKey, {
          issuer,
          audience: partner,
          typ: GATEWAY_TOKEN_TYPE,
          algorithms: [...GATEWAY_TOKEN_ALGORITHMS],
          clockTolerance: clockSkewSeconds,
          maxTokenAge: maxLifetimeSeconds,
          requiredClaims: ['exp', 'iat', 'jti'],
        }));
      } catch (error) {
        throw verificationError(error, partner);
      }
      const claims = gatewayClaims(payload, partner);
      checkLifetime(claims, maxLifetimeSeconds);
      checkFields(claims, fields);
      if (claims.callDigest !== callDigest(call)) {
        throw new GatewayTokenError(
          'GATEWAY_TOKEN_OTHER_CALL',
          'The gateway token was signed for another call: these representations or arguments are not the subjects the gateway decided on. The gateway signs a token for every call; do not reuse one.',
        );
      }
      const expiresWithSkew = new Date(claims.expiresAt.getTime() + clockSkewSeconds * 1000);
      if (!(await replay.firstUse(claims.tokenId, expiresWithSkew))) {
        throw new GatewayTokenError('GATEWAY_TOKEN_REPLAYED', 'This gateway token was already used. A gateway token is good for one call only.');
      }
      return claims;
    },
  };
}

function gatewayKeys(jwks: JSONWebKeySet | URL | JWTVerifyGetKey): JWTVerifyGetKey {
  if (typeof jwks === 'function') return jwks;
  if (jwks instanceof URL) {
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(jwks.hostname);
    if (jwks.protocol !== 'https:' && !(jwks.protocol === 'http:' && loopback)) {
      throw new TypeError(`the gateway's key set URL must be https: (http: only on a loopback host); got ${jwks.href}`);
    }
    return createRemoteJWKSet(jwks);
  }
  return createLocalJWKSet(jwks);
}

function bearer(authorizationHeader: string | undefined): string {
  const header = authorizationHeader?.trim() ?? '';
  if (header === '') {
    throw new GatewayTokenError(
      'GATEWAY_TOKEN_MISSING',
      'No gateway token was sent. Only the Doelpoort gateway may call this subgraph, with "Authorization: Bearer <gateway token>".',
    );
  }
  const match = /^Bearer[ ]+(\S+)$/i.exec(header);
  if (!match) {
    throw new GatewayTokenError('GATEWAY_TOKEN_INVALID', 'The Authorization header does not hold a bearer token from the gateway.');
  }
  return match[1]!;
}

function verificationError(error: unknown, partner: string): GatewayTokenError {
  if (error instanceof errors.JWTExpired) {
    const exp = typeof error.payload.exp === 'number' ? new Date(error.payload.exp * 1000).toISOString() : 'an unreadable time';
    return new GatewayTokenError(
      'GATEWAY_TOKEN_EXPIRED',
      error.claim === 'iat'
        ? 'The gateway token was issued too long ago. The gateway signs a new token for every call; do not reuse one.'
        : `The gateway token expired at ${exp}. The gateway signs a new token for every call; do not reuse one.`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud' && error.reason !== 'missing') {
    return new GatewayTokenError(
      'GATEWAY_TOKEN_WRONG_PARTNER',
      `The gateway token is meant for ${JSON.stringify(error.payload.aud)}, not for this partner ("${partner}").`,
    );
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iat' && error.reason === 'check_failed') {
    return new GatewayTokenError('GATEWAY_TOKEN_INVALID', 'The gateway token is issued in the future. Check that the gateway and this partner keep the right time.');
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return new GatewayTokenError('GATEWAY_TOKEN_INVALID', "The token was not signed by the gateway: no key of the gateway's key set verifies it.");
  }
  const keysFailed =
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC');
  if (error instanceof errors.JOSEError && !keysFailed) {
    return new GatewayTokenError('GATEWAY_TOKEN_INVALID', `The gateway token is not valid: ${error.message}.`);
  }
  return new GatewayTokenError('GATEWAY_KEYS_UNAVAILABLE', "The gateway's public keys could not be loaded, so the call cannot be checked.");
}

function checkLifetime(claims: GatewayClaims, maxLifetimeSeconds: number): void {
  const lifetime = (claims.expiresAt.getTime() - claims.issuedAt.getTime()) / 1000;
  if (lifetime > maxLifetimeSeconds) {
    throw new GatewayTokenError(
      'GATEWAY_TOKEN_TOO_LONG_LIVED',
      `The gateway token lives ${lifetime} s; this partner accepts at most ${maxLifetimeSeconds} s. A gateway token covers one call.`,
    );
  }
}

function checkFields(claims: GatewayClaims, requested: string[]): void {
  const allowed = new Set(claims.fields);
  const notAllowed = [...new Set(requested)].filter((field) => !allowed.has(field)).sort();
  if (notAllowed.length === 0) return;
  throw new GatewayTokenError(
    'GATEWAY_TOKEN_FIELD_NOT_ALLOWED',
    `The gateway did not allow this call to select ${notAllowed.join(', ')}; it allowed ${claims.fields.length === 0 ? 'no fields' : [...claims.fields].sort().join(', ')}. Only the gateway decides which fields a call may ask for.`,
    notAllowed,
  );
}

function roleList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((role) => typeof role === 'string' && role !== '')) {
    throw new GatewayTokenError('GATEWAY_TOKEN_INVALID', 'The gateway token\'s "roles" claim is not a list of roles.');
  }
  return value as string[];
}

function gatewayClaims(payload: JWTPayload, partner: string): GatewayClaims {
  const text = (claim: string): string => {
    const value = payload[claim];
    if (typeof value !== 'string' || value === '') {
      throw new GatewayTokenError('GATEWAY_TOKEN_INVALID', `The gateway token lacks the "${claim}" claim.`);
    }
    return value;
  };
  const fields = payload.fields;
  if (!Array.isArray(fields) || !fields.every((field) => typeof field === 'string')) {
    throw new GatewayTokenError('GATEWAY_TOKEN_INVALID', 'The gateway token lacks the "fields" list.');
  }
  const caseId = payload.case_id === undefined ? undefined : text('case_id');
  return {
    partner,
    traceId: text('trace_id'),
    organisation: text('org'),
    role: text('role'),
    ...(payload.roles === undefined ? {} : { roles: roleList(payload.roles) }),
    callerId: text('sub'),
    project: text('project'),
    purpose: text('purpose'),
    ...(caseId === undefined ? {} : { caseId }),
    fields: fields as string[],
    tokenId: text('jti'),
    callDigest: text('call'),
    issuedAt: new Date((payload.iat as number) * 1000),
    expiresAt: new Date((payload.exp as number) * 1000),
  };
}
