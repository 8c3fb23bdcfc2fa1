/** Signed call context from the gateway to the partners. */
export {
  createPartnerTokenSigner,
  MAX_PARTNER_TOKEN_TTL_SECONDS,
  PARTNER_TOKEN_KEY_FILES,
  type PartnerTokenSigner,
  type PartnerTokenSignerOptions,
} from './signer.ts';
export { createPartnerCallSigning, type PartnerCallSigning } from './call-signing.ts';
