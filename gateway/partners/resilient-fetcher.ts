/**
 * Wraps a subgraph fetcher so that one partner's trouble stays that partner's: per partner a
 * timeout, a bound on calls in flight (further calls queue), a circuit breaker, and retries with
 * full-jitter backoff for queries that failed in a way that may pass. A refused or failed call is
 * a `failure` result like any other, never a throw, so the request gets partial data.
 *
 * The timeout counts from the moment the call leaves the queue. When it fires, the slot is given
 * back; the inner fetcher is told the same timeout and ends its own call.
 */
import type { SubgraphCallOptions, SubgraphFetcher, SubgraphRequest, SubgraphResponse } from '../executor/subgraph-client.ts';
import { createBreaker, type Breaker, type BreakerOptions, type BreakerState } from './breaker.ts';
import { createConcurrencyLimit, type ConcurrencyLimit } from './concurrency.ts';
import { createQueryDetector, fullJitterDelay, isRetryableFailure } from './retry.ts';

export interface ResilienceOptions {
  /** The partner a subgraph URL belongs to: breakers, bounds and timeouts are per partner. */
  partnerOf: (url: string) => string;
  timeoutMs: { default: number; byPartner?: Readonly<Record<string, number>> };
  maxConcurrentPerPartner: number;
  breaker: BreakerOptions;
  /** `attempts` counts the first call: 1 never retries. */
  retries: { attempts: number; baseDelayMs: number };
  /** Milliseconds clock for the breaker; Date.now by default. */
  now?: () => number;
  /** [0, 1) source for the backoff jitter; Math.random by default. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of every call made or refused: status is `ok`, the failure code, or `CIRCUIT_OPEN`. */
  onCall?: (call: PartnerCall) => void;
}

export interface PartnerCall {
  partner: string;
  status: string;
  durationMs: number;
}

export interface PartnerStatus {
  state: BreakerState;
  inFlight: number;
  queued: number;
}

export type ResilientFetcher = SubgraphFetcher & {
  /** Every partner called so far, by name. */
  partnerStatus(): Record<string, PartnerStatus>;
};

interface Partner {
  breaker: Breaker;
  limit: ConcurrencyLimit;
}

interface Attempt {
  /** Refused by the breaker without calling the partner: never retried. */
  refused: boolean;
  response: SubgraphResponse;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createResilientFetcher(inner: SubgraphFetcher, options: ResilienceOptions): ResilientFetcher {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const isQuery = createQueryDetector();
  const partners = new Map<string, Partner>();

  function partnerNamed(name: string): Partner {
    let partner = partners.get(name);
    if (!partner) {
      partner = { breaker: createBreaker(options.breaker, now), limit: createConcurrencyLimit(options.maxConcurrentPerPartner) };
      partners.set(name, partner);
    }
    return partner;
  }

  async function attempt(name: string, url: string, request: SubgraphRequest, callOptions: SubgraphCallOptions): Promise<Attempt> {
    const partner = partnerNamed(name);
    const early = partner.breaker.refusal();
    if (early !== null) return refused(name, early);
    const release = await partner.limit.acquire();
    try {
      const admission = partner.breaker.admit();
      if (admission === null) return refused(name, partner.breaker.refusal() ?? 'circuit open');
      const timeoutMs = options.timeoutMs.byPartner?.[name] ?? options.timeoutMs.default;
      const started = now();
      const response = await withTimeout(callInner(url, request, { ...callOptions, timeoutMs }), timeoutMs);
      partner.breaker.record(admission, response.failure === undefined);
      options.onCall?.({ partner: name, status: response.failure?.code ?? 'ok', durationMs: now() - started });
      return { refused: false, response };
    } finally {
      release();
    }
  }

  async function callInner(url: string, request: SubgraphRequest, callOptions: SubgraphCallOptions): Promise<SubgraphResponse> {
    try {
      return await inner(url, request, callOptions);
    } catch {
      return { failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be called' } };
    }
  }

  function refused(name: string, reason: string): Attempt {
    options.onCall?.({ partner: name, status: 'CIRCUIT_OPEN', durationMs: 0 });
    return { refused: true, response: { failure: { code: 'SUBGRAPH_UNAVAILABLE', message: reason } } };
  }

  const fetcher: SubgraphFetcher = async (url, request, callOptions) => {
    const name = options.partnerOf(url);
    const attempts = isQuery(request) ? Math.max(1, options.retries.attempts) : 1;
    let result = await attempt(name, url, request, callOptions);
    for (let retry = 0; retry + 1 < attempts && !result.refused && isRetryableFailure(result.response); retry++) {
      await sleep(fullJitterDelay(retry, options.retries.baseDelayMs, random));
      result = await attempt(name, url, request, callOptions);
    }
    return result.response;
  };

  return Object.assign(fetcher, {
    partnerStatus: () =>
      Object.fromEntries(
        [...partners].map(([name, { breaker, limit }]) => [name, { state: breaker.state(), inFlight: limit.inFlight(), queued: limit.queued() }]),
      ),
  });
}

async function withTimeout(call: Promise<SubgraphResponse>, timeoutMs: number): Promise<SubgraphResponse> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<SubgraphResponse>((resolve) => {
    timer = setTimeout(() => resolve({ failure: { code: 'SUBGRAPH_TIMEOUT', message: `did not answer within ${timeoutMs} ms` } }), timeoutMs);
  });
  try {
    return await Promise.race([call, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
