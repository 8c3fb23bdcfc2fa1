/**
 * @doelpoort/subgraph-kit: what a partner of the Doelpoort gateway needs to build a compliant
 * subgraph: the `@classified` directive, verification of the gateway's per-call tokens, and the
 * gateway's token format itself.
 */
export {
  CLASSIFIED_DIRECTIVE_SDL,
  CLASSIFIED_LINK_SDL,
  CLASSIFIED_SPEC_URL,
  FEDERATION_LINK_SDL,
  MINIMISATIONS,
  TIERS,
  type Minimisation,
  type Tier,
} from './directive.ts';
export {
  DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
  GATEWAY_TOKEN_ALGORITHMS,
  GATEWAY_TOKEN_ISSUER,
  GATEWAY_TOKEN_TYPE,
  callDigest,
  gatewayTokenPayload,
  type GatewayCallContext,
  type GatewayClaims,
  type GatewayTokenAlgorithm,
  type GraphQLCall,
} from './token.ts';
export { GatewayTokenError, type GatewayTokenErrorCode } from './errors.ts';
export { createGatewayTokenVerifier, type GatewayTokenVerifier, type GatewayTokenVerifierOptions, type VerifiedCall } from './verify.ts';
export { createMemoryReplayStore, type ReplayStore } from './replay.ts';
export { conform, type ConformOptions, type ConformReport, type Finding } from './conform.ts';
export { asksSchemaOnly, fieldCoordinatesByQuery, requestedFieldCoordinates } from './coordinates.ts';
