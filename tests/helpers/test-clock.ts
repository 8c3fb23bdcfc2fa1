/**
 * The day the product-level tests run on. The suite never judges a request by the real date: the
 * active project (policies/projects/wijkaanpak-2026.json) has a period, signals count up to
 * "today", persons are limited per day, so a test on the system clock would change its outcome
 * with the calendar.
 */

/** A day in the active project's period, after every planted signal (docs/scenarios.md). */
export const TEST_DAY = '2026-11-23';

/**
 * A clock for `startDoelpoort`'s `now`: it runs from 10:00 UTC on the day set, so that a test can
 * drive the product through a day other than today (the day before a partner's signal, say).
 * Set it only forward: the audit trail's times follow it.
 */
export interface TestClock {
  now(): Date;
  /** Moves to 10:00 UTC on `day` (YYYY-MM-DD). */
  set(day: string): void;
}

export function testClock(day: string): TestClock {
  let from = 0;
  let setAt = 0;
  const clock: TestClock = {
    now: () => new Date(from + (performance.now() - setAt)),
    set(next) {
      from = Date.parse(`${next}T10:00:00Z`);
      if (Number.isNaN(from)) throw new Error(`testClock: ${next} is not a day (YYYY-MM-DD)`);
      setAt = performance.now();
    },
  };
  clock.set(day);
  return clock;
}
