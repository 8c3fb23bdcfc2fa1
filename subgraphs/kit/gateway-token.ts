/**
 * Proof, for a partner subgraph, that a call comes from the Doelpoort gateway and what it may ask.
 *
 * The gateway signs a short-lived JWT for every call to a partner: who asks (organisation, role,
 * pseudonymous caller id), for which project, purpose and case, and the "Type.field" coordinates
 * the policy allowed for this call. A subgraph verifies it against the gateway's public key set
 * (served at /.well-known/jwks.json) and refuses any field the token does not list.
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
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { quickCheck } from './gateway-token-fast.ts';

export const GATEWAY_TOKEN_ISSUER = 'doelpoort-gateway';
/** The JWT "typ" header of a gateway token, so that no other kind of token passes for one. */
export const GATEWAY_TOKEN_TYPE = 'doelpoort-call+jwt';
export const GATEWAY_TOKEN_ALGORITHMS = ['ES256', 'EdDSA'];

/** What the gateway tells a partner about one call. */
export interface GatewayCallContext {
  /** The partner the token is for (its "aud"). */
  partner: string;
  traceId: string;
  organisation: string;
  role: string;
  /** All the caller's roles (role is the first); absent in tokens that name one role only. */
  roles?: string[];
  /** The person's pseudonymous id at their organisation; never a BSN. */
  callerId: string;
  project: string;
  purpose: string;
  caseId?: string;
  /** The "Type.field" coordinates this call may select. */
  fields: string[];
}

export interface GatewayClaims extends GatewayCallContext {
  /** The token's "jti", for the partner's own processing log. */
  tokenId: string;
  expiresAt: Date;
}

export type GatewayTokenErrorCode =
  | 'GATEWAY_TOKEN_MISSING'
  | 'GATEWAY_TOKEN_INVALID'
  | 'GATEWAY_TOKEN_EXPIRED'
  | 'GATEWAY_TOKEN_WRONG_PARTNER'
  | 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED'
  | 'GATEWAY_KEYS_UNAVAILABLE';

export class GatewayTokenError extends Error {
  override readonly name = 'GatewayTokenError';
  readonly code: GatewayTokenErrorCode;
  /** For GATEWAY_TOKEN_FIELD_NOT_ALLOWED: the requested coordinates the token does not allow. */
  readonly fieldsNotAllowed: string[];

  constructor(code: GatewayTokenErrorCode, message: string, fieldsNotAllowed: string[] = []) {
    super(message);
    this.code = code;
    this.fieldsNotAllowed = fieldsNotAllowed;
  }

  /** The HTTP status to answer with. */
  get status(): 401 | 403 | 503 {
    if (this.code === 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED') return 403;
    return this.code === 'GATEWAY_KEYS_UNAVAILABLE' ? 503 : 401;
  }
}

export interface GatewayTokenVerifierOptions {
  /** This partner's name, as the gateway knows it (the token's audience). */
  partner: string;
  /** The gateway's key set, its URL (https, or http on a loopback host), or a key resolver. */
  jwks: JSONWebKeySet | URL | JWTVerifyGetKey;
  issuer?: string;
  /** Default 5. */
  clockSkewSeconds?: number;
}

export interface GatewayTokenVerifier {
  verify(authorizationHeader: string | undefined, requestedFields: string[]): Promise<GatewayClaims>;
}

export function createGatewayTokenVerifier(options: GatewayTokenVerifierOptions): GatewayTokenVerifier {
  const { partner, issuer = GATEWAY_TOKEN_ISSUER, clockSkewSeconds = 5 } = options;
  if (typeof partner !== 'string' || partner === '') throw new TypeError('partner must be a non-empty string');
  if (!Number.isInteger(clockSkewSeconds) || clockSkewSeconds < 0) {
    throw new TypeError('clockSkewSeconds must be a non-negative whole number');
  }
  const getKey = gatewayKeys(options.jwks);
  const requiredClaims = ['exp', 'jti'];
  // A fixed key set: a valid token is proven with node:crypto alone; anything else goes to jose.
  const quick =
    typeof options.jwks === 'function' || options.jwks instanceof URL
      ? undefined
      : quickCheck(options.jwks, { issuer, audience: partner, typ: GATEWAY_TOKEN_TYPE, algorithms: GATEWAY_TOKEN_ALGORITHMS, clockToleranceSeconds: clockSkewSeconds, requiredClaims });

  return {
    async verify(authorizationHeader, requestedFields) {
      const token = bearer(authorizationHeader);
      let payload = quick?.(token);
      if (!payload) {
        try {
          ({ payload } = await jwtVerify(token, getKey, {
            issuer,
            audience: partner,
            typ: GATEWAY_TOKEN_TYPE,
            algorithms: GATEWAY_TOKEN_ALGORITHMS,
            clockTolerance: clockSkewSeconds,
            requiredClaims,
          }));
        } catch (error) {
          throw verificationError(error, partner);
        }
      }
      const claims = gatewayClaims(payload, partner);
      const allowed = new Set(claims.fields);
      const notAllowed = [...new Set(requestedFields)].filter((field) => !allowed.has(field)).sort();
      if (notAllowed.length > 0) {
        throw new GatewayTokenError(
          'GATEWAY_TOKEN_FIELD_NOT_ALLOWED',
          `The gateway did not allow this call to select ${notAllowed.join(', ')}; it allowed ${claims.fields.length === 0 ? 'no fields' : [...claims.fields].sort().join(', ')}. Only the gateway decides which fields a call may ask for.`,
          notAllowed,
        );
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
    return new GatewayTokenError('GATEWAY_TOKEN_EXPIRED', `The gateway token expired at ${exp}. The gateway signs a new token for every call; do not reuse one.`);
  }
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud' && error.reason !== 'missing') {
    return new GatewayTokenError(
      'GATEWAY_TOKEN_WRONG_PARTNER',
      `The gateway token is meant for ${JSON.stringify(error.payload.aud)}, not for this partner ("${partner}").`,
    );
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
    expiresAt: new Date((payload.exp as number) * 1000),
  };
}

/** The JWT claims set of a gateway token for a call (without iss, aud, iat, exp, jti). */
export function gatewayTokenPayload(context: GatewayCallContext): JWTPayload {
  return {
    sub: context.callerId,
    org: context.organisation,
    role: context.role,
    ...(context.roles === undefined ? {} : { roles: [...context.roles] }),
    project: context.project,
    purpose: context.purpose,
    ...(context.caseId === undefined ? {} : { case_id: context.caseId }),
    trace_id: context.traceId,
    fields: [...context.fields],
  };
}

const FEDERATION_ROOT_FIELDS = new Set(['_service', '_entities']);

/**
 * The "Type.field" coordinates an operation selects, sorted and unique: every field of every
 * operation and fragment in the document, including those inside `_entities(...) { ... on T }`.
 * `__typename`, introspection and the federation root fields `Query._service` and `Query._entities`
 * are left out.
 * A field whose parent type the schema does not know is reported as "?.field".
 */
export function requestedFieldCoordinates(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const name = node.name.value;
        const parent = typeInfo.getParentType();
        if (name.startsWith('__')) return;
        if (parent === schema.getQueryType() && FEDERATION_ROOT_FIELDS.has(name)) return;
        coordinates.add(`${parent?.name ?? '?'}.${name}`);
      },
    }),
  );
  return [...coordinates].sort();
}

/**
 * requestedFieldCoordinates remembered per query text, for a partner that is asked the same
 * operations again and again: the coordinates depend on the schema and the text alone. `document`
 * must be the parse of `query`. Holds at most maxEntries texts; when full, it starts over.
 */
export function fieldCoordinatesByQuery(schema: GraphQLSchema, maxEntries = 1000): (query: string, document: DocumentNode) => string[] {
  const known = new Map<string, readonly string[]>();
  return (query, document) => {
    let coordinates = known.get(query);
    if (coordinates === undefined) {
      if (known.size >= maxEntries) known.clear();
      known.set(query, (coordinates = requestedFieldCoordinates(schema, document)));
    }
    return [...coordinates];
  };
}
