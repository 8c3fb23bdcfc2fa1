/** Start step "config": what the configuration must hold before anything is opened. */
import type { Config } from '../config/index.ts';

/**
 * Whether the gateway runs on the embedded default (no subgraphs and no supergraph file configured).
 * Refuses a configuration the gateway cannot serve: configured partners without an identity
 * provider, or the embedded default without embedded partners given.
 */
export function checkStartConfig(config: Config, hasEmbeddedPartners: boolean): { embedded: boolean } {
  const embedded = config.subgraphs === undefined && config.supergraphFile === undefined;
  if (!embedded && config.auth === undefined) {
    throw new Error('Configuration error: auth: with configured subgraphs or a supergraph file the gateway needs an identity provider (auth.issuer, auth.audience and auth.jwksUrl or auth.jwksFile); the local issuer serves only the embedded default.');
  }
  if (embedded && !hasEmbeddedPartners) {
    throw new Error('Configuration error: subgraphs: no partner subgraphs and no supergraph file are configured, and no embedded partners were given (npm start brings the synthetic ones: scripts/embedded-default.ts).');
  }
  return { embedded };
}
