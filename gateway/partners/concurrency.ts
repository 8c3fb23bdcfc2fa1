/** At most `max` calls in flight; further calls wait their turn, first come first served. */
export interface ConcurrencyLimit {
  /** Resolves once a slot is free, with the function that gives it back (once). */
  acquire(): Promise<() => void>;
  inFlight(): number;
  queued(): number;
}

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else inFlight -= 1;
  }

  function slot(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  return {
    async acquire() {
      if (inFlight < max) {
        inFlight += 1;
        return slot();
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
      return slot();
    },
    inFlight: () => inFlight,
    queued: () => waiting.length,
  };
}
