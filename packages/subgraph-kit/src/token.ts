/**
 * The gateway's token for one call to a partner: its format, shared by the gateway (which signs
 * it) and the partners (which verify it). A compact JWS (RFC 7515) with these claims:
 *
 *   iss "doelpoort-gateway"  aud <partner>  iat, exp (at most 60 s apart)  jti (single use)
 *   sub <caller's pseudonymous id>  org  role  project  purpose  case_id?  trace_id
 *   fields  ["Type.field", ...]: what this call may select
 *   call    base64url SHA-256 of the exact call (query, variables, operation name): it binds the
 *           subjects, i.e. the `_entities` representations and the root arguments
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JWTPayload } from 'jose';

export const GATEWAY_TOKEN_ISSUER = 'doelpoort-gateway';
/** The JWT "typ" header of a gateway token, so that no other kind of token passes for one. */
export const GATEWAY_TOKEN_TYPE = 'doelpoort-call+jwt';
/** Ed25519 by default; ES256 for a gateway configured so. */
export const GATEWAY_TOKEN_ALGORITHMS = ['EdDSA', 'ES256'] as const;
export type GatewayTokenAlgorithm = (typeof GATEWAY_TOKEN_ALGORITHMS)[number];
/** The longest a token may live (exp - iat): it covers one call, not a session. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 60;

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

/** One GraphQL call as it goes over the wire. */
export interface GraphQLCall {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface GatewayClaims extends GatewayCallContext {
  /** The token's "jti", for the partner's own processing log. */
  tokenId: string;
  issuedAt: Date;
  expiresAt: Date;
  /** The digest of the call the token was signed for (the "call" claim). */
  callDigest: string;
}

/**
 * The digest that binds a token to one call: SHA-256 over the RFC 8785 canonical JSON of
 * `{ operationName, query, variables }` (absent variables count as `{}`, an absent operation name
 * as null), base64url. The gateway and the partner compute it from the same call, whatever the
 * order of the keys in the JSON that carried it.
 */
export function callDigest(call: GraphQLCall): string {
  const canonical = canonicalize({ operationName: call.operationName ?? null, query: call.query, variables: call.variables ?? {} });
  if (canonical === undefined) throw new TypeError('the call cannot be written as JSON');
  return createHash('sha256').update(canonical, 'utf8').digest('base64url');
}

/** The JWT claims set of a gateway token for a call (without iss, aud, iat, exp, jti). */
export function gatewayTokenPayload(context: GatewayCallContext, call: GraphQLCall): JWTPayload {
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
    call: callDigest(call),
  };
}
