/** The identity stage: who is calling, and what they may do beyond querying. */
export { createCallerVerifier, type CallerVerifier, type CallerVerifierOptions } from './caller-verifier.ts';
export { DEFAULT_CLAIM_MAPPING, type ClaimMapping } from './claims.ts';
export type { JwksSource } from './key-source.ts';
export {
  AuthenticationError,
  AuthorisationError,
  authErrorResponse,
  type AuthenticationErrorCode,
  type AuthorisationErrorCode,
  type AuthErrorResponse,
} from './errors.ts';
export { assertProjectAuthorised, auditApiRefusal, canSelectAddresses, canUseAuditApi, hasAnyProject } from './authorisation.ts';
export { ensureLocalIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER, type LocalIssuer } from './local-issuer.ts';
