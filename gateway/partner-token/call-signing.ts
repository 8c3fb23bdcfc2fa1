/**
 * A fresh token for every attempt of a partner call. Whoever prepares a call (the executor, the
 * register look-ups) knows who asks and for what; only the fetcher that sends it knows the exact
 * query and variables, and a retry must not reuse a token the partner may already have seen. So
 * `headers(context)` gives the call's headers marked with its context, and the fetcher from
 * `fetcher(inner)` signs each attempt with that context and the call as sent, just before sending.
 * Headers without the mark go out without a token, and the partner refuses them.
 */
import type { GatewayCallContext } from '@doelpoort/subgraph-kit';
import type { SubgraphFetcher } from '../executor/subgraph-client.ts';
import type { PartnerTokenSigner } from './signer.ts';

export interface PartnerCallSigning {
  /** The headers for one call, marked to be signed for `context`. */
  headers(context: GatewayCallContext, headers: Record<string, string>): Record<string, string>;
  /** Sends through `inner` with `authorization: Bearer <token>` for every marked call. */
  fetcher(inner: SubgraphFetcher): SubgraphFetcher;
}

export function createPartnerCallSigning(signer: PartnerTokenSigner): PartnerCallSigning {
  // Keyed by the headers object itself: it travels unchanged through the resilient fetcher.
  const contexts = new WeakMap<Record<string, string>, GatewayCallContext>();
  return {
    headers(context, headers) {
      const marked = { ...headers };
      contexts.set(marked, context);
      return marked;
    },
    fetcher(inner) {
      return (url, request, options) => {
        const context = options.headers === undefined ? undefined : contexts.get(options.headers);
        if (context === undefined) return inner(url, request, options);
        const token = signer.sign(context, request);
        return inner(url, request, { ...options, headers: { ...options.headers, authorization: `Bearer ${token}` } });
      };
    },
  };
}
