/**
 * Wraps a subgraph fetcher so that one partner's trouble stays that partner's: per partner a bound
 * on calls in flight (further calls queue, up to a bound), a circuit breaker, a timeout, and
 * retries with full-jitter backoff for queries that failed in a way that may pass. The policies
 * are cockatiel's (bulkhead, circuit breaker, timeout, retry). A refused or failed call is a
 * `failure` result like any other, never a throw, so the request gets partial data.
 *
 * Kept from the gateway's own contract: the timeout counts from the moment the call leaves the
 * queue; an open circuit refuses at once, before the queue; a half-open circuit lets one trial
 * through and refuses the others meanwhile (rather than have them wait on it); a call refused by
 * the gateway (circuit open, queue full) is marked `refused`: it never reached the partner, so
 * nothing was processed there. When a retry is refused, the caller gets the first failure, its
 * real cause.
 */
import {
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  fullJitterGenerator,
  handleWhenResult,
  retry,
  timeout,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import type { SubgraphCallOptions, SubgraphFetcher, SubgraphRequest, SubgraphResponse } from '../executor/subgraph-client.ts';
import { createQueryDetector, isRetryableFailure } from './retry.ts';

export interface ResilienceOptions {
  /** The partner a subgraph URL belongs to: breakers and bounds are per partner. */
  partnerOf: (url: string) => string;
  /** The longest a call may take; a call given a shorter time (the request's deadline) gets that. */
  timeoutMs: number;
  maxConcurrentPerPartner: number;
  /** Calls that may wait for a free slot; one more is refused at once. */
  maxQueuedPerPartner: number;
  breaker: { failureThreshold: number; resetAfterMs: number };
  /** `attempts` counts the first call: 1 never retries. */
  retries: { attempts: number; baseDelayMs: number };
  /** Told of every call made or refused: status is `ok`, the failure code, `CIRCUIT_OPEN` or `QUEUE_FULL`. */
  onCall?: (call: PartnerCall) => void;
}

export interface PartnerCall {
  partner: string;
  status: string;
  durationMs: number;
  /** Refused by the guard: the call never left the gateway. */
  refused: boolean;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

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
  name: string;
  breaker: CircuitBreakerPolicy;
  slots: BulkheadPolicy;
  /** When the circuit last opened (Date.now()). */
  openedAt: number;
}

const failed = (response: unknown) => (response as SubgraphResponse).failure !== undefined;

export function createResilientFetcher(inner: SubgraphFetcher, options: ResilienceOptions): ResilientFetcher {
  const isQuery = createQueryDetector();
  const partners = new Map<string, Partner>();
  const retries: RetryPolicy = retry(
    handleWhenResult((response) => isRetryableFailure(response as SubgraphResponse) && !(response as SubgraphResponse).failure?.refused),
    {
      maxAttempts: Math.max(0, options.retries.attempts - 1),
      backoff: new ExponentialBackoff({ generator: fullJitterGenerator, initialDelay: options.retries.baseDelayMs }),
    },
  );

  function partnerNamed(name: string): Partner {
    let partner = partners.get(name);
    if (!partner) {
      const breaker = circuitBreaker(handleWhenResult(failed), {
        halfOpenAfter: options.breaker.resetAfterMs,
        breaker: new ConsecutiveBreaker(options.breaker.failureThreshold),
      });
      const created: Partner = { name, breaker, slots: bulkhead(options.maxConcurrentPerPartner, options.maxQueuedPerPartner), openedAt: 0 };
      breaker.onBreak(() => (created.openedAt = Date.now()));
      partners.set(name, (partner = created));
    }
    return partner;
  }

  const msUntilTrial = (partner: Partner) => partner.openedAt + options.breaker.resetAfterMs - Date.now();

  function state(partner: Partner): BreakerState {
    switch (partner.breaker.state) {
      case CircuitState.Closed:
        return 'closed';
      case CircuitState.HalfOpen:
        return 'half-open';
      default:
        return msUntilTrial(partner) > 0 ? 'open' : 'half-open';
    }
  }

  /** Why the circuit refuses a call right now, or null when it lets one through (as a trial, when due). */
  function refusal(partner: Partner): string | null {
    if (partner.breaker.state === CircuitState.HalfOpen) return 'circuit half-open; a trial call is under way';
    if (partner.breaker.state !== CircuitState.Open || msUntilTrial(partner) <= 0) return null;
    return `circuit open after ${options.breaker.failureThreshold} consecutive failures; next trial in ${msUntilTrial(partner)} ms`;
  }

  function refused(partner: Partner, status: string, message: string): SubgraphResponse {
    options.onCall?.({ partner: partner.name, status, durationMs: 0, refused: true });
    return { failure: { code: 'SUBGRAPH_UNAVAILABLE', message, refused: true } };
  }

  async function attempt(partner: Partner, url: string, request: SubgraphRequest, callOptions: SubgraphCallOptions): Promise<SubgraphResponse> {
    const early = refusal(partner);
    if (early !== null) return refused(partner, 'CIRCUIT_OPEN', early);
    try {
      return await partner.slots.execute(async () => {
        // The circuit may have opened while this call waited its turn.
        const late = refusal(partner);
        if (late !== null) return refused(partner, 'CIRCUIT_OPEN', late);
        const timeoutMs = Math.min(callOptions.timeoutMs, options.timeoutMs);
        const started = Date.now();
        const response = await partner.breaker.execute(() => callWithin(timeoutMs, url, request, { ...callOptions, timeoutMs }));
        options.onCall?.({ partner: partner.name, status: response.failure?.code ?? 'ok', durationMs: Date.now() - started, refused: false });
        return response;
      });
    } catch (error) {
      if (error instanceof BulkheadRejectedError) return refused(partner, 'QUEUE_FULL', `${options.maxQueuedPerPartner} calls are already waiting for this partner`);
      throw error;
    }
  }

  async function callWithin(timeoutMs: number, url: string, request: SubgraphRequest, callOptions: SubgraphCallOptions): Promise<SubgraphResponse> {
    try {
      // The call ignores the policy's abort signal (it has its own time-out, which ends its request), so the
      // policy need not abort that signal after every call: an abort builds a DOMException, stack and all.
      return await timeout(timeoutMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false }).execute(() => inner(url, request, callOptions));
    } catch (error) {
      if (error instanceof TaskCancelledError) return { failure: { code: 'SUBGRAPH_TIMEOUT', message: `did not answer within ${timeoutMs} ms` } };
      return { failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be called' } };
    }
  }

  const fetcher: SubgraphFetcher = async (url, request, callOptions) => {
    const partner = partnerNamed(options.partnerOf(url));
    if (!isQuery(request)) return attempt(partner, url, request, callOptions);
    let first: SubgraphResponse | undefined;
    const last = await retries.execute(async () => {
      const response = await attempt(partner, url, request, callOptions);
      first ??= response;
      return response;
    });
    // A retry refused by the circuit (which the failures before it may just have opened) hides the cause.
    return last.failure?.refused && first !== last ? first! : last;
  };

  return Object.assign(fetcher, {
    partnerStatus: () =>
      Object.fromEntries(
        [...partners.values()].map((partner) => [
          partner.name,
          {
            state: state(partner),
            inFlight: options.maxConcurrentPerPartner - partner.slots.executionSlots,
            queued: options.maxQueuedPerPartner - partner.slots.queueSlots,
          },
        ]),
      ),
  });
}
