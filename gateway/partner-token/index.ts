/** Signed call context from the gateway to the partners. */
export {
  createPartnerTokenSigner,
  MAX_PARTNER_TOKEN_TTL_SECONDS,
  type PartnerTokenSigner,
  type PartnerTokenSignerOptions,
} from './signer.ts';
