/**
 * A circuit breaker for one partner. Closed: calls go through and consecutive failures are
 * counted. Open (after `failureThreshold` failures in a row): calls are refused at once, so a
 * partner that is down costs the gateway no waiting. After `resetAfterMs` it is half-open: one
 * trial call goes through; its success closes the circuit, its failure opens it again.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  failureThreshold: number;
  resetAfterMs: number;
}

/** How a call was let through: as an ordinary call, or as the one trial of a half-open circuit. */
export type Admission = 'call' | 'trial';

export interface Breaker {
  state(): BreakerState;
  /** Why calls are refused right now, or null when one may go through. Takes no trial. */
  refusal(): string | null;
  /** Lets a call through (null when refused); in half-open, exactly one trial at a time. */
  admit(): Admission | null;
  /** The outcome of an admitted call. Late outcomes of ordinary calls after the circuit opened are ignored. */
  record(admission: Admission, succeeded: boolean): void;
}

export function createBreaker(options: BreakerOptions, now: () => number): Breaker {
  let open = false;
  let openedAt = 0;
  let failures = 0;
  let trialUnderWay = false;

  const resetDue = () => now() - openedAt >= options.resetAfterMs;
  const state = (): BreakerState => (!open ? 'closed' : resetDue() ? 'half-open' : 'open');

  const refusal = (): string | null => {
    if (!open) return null;
    if (!resetDue()) {
      return `circuit open after ${options.failureThreshold} consecutive failures; next trial in ${openedAt + options.resetAfterMs - now()} ms`;
    }
    return trialUnderWay ? 'circuit half-open; a trial call is under way' : null;
  };

  return {
    state,
    refusal,
    admit() {
      if (refusal() !== null) return null;
      if (!open) return 'call';
      trialUnderWay = true;
      return 'trial';
    },
    record(admission, succeeded) {
      if (admission === 'trial') {
        trialUnderWay = false;
        if (succeeded) {
          open = false;
          failures = 0;
        } else {
          openedAt = now();
        }
        return;
      }
      if (open) return;
      failures = succeeded ? 0 : failures + 1;
      if (failures >= options.failureThreshold) {
        open = true;
        openedAt = now();
      }
    },
  };
}
