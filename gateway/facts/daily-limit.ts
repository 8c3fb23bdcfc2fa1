/**
 * A bound on how many persons one user may look at per day (no dragnet spread over many requests).
 * The count lives in the store's daily counters; a refused request does not count.
 */
import { addToDailyCounter } from '../store/cases.ts';
import type { Db } from '../store/db.ts';

export const DAILY_PERSONS_COUNTER = 'persons';

export interface DailyPersonLimitOptions {
  db: Db;
  maxPersonsPerUserPerDay: number;
}

export interface DailyPersonLimit {
  /**
   * Counts newPersons for the user on the day (YYYY-MM-DD) and answers true, or, when that would
   * pass the limit, counts nothing and answers false.
   */
  admit(userId: string, day: string, newPersons: number): Promise<boolean>;
}

export function createDailyPersonLimit({ db, maxPersonsPerUserPerDay }: DailyPersonLimitOptions): DailyPersonLimit {
  if (!Number.isInteger(maxPersonsPerUserPerDay) || maxPersonsPerUserPerDay < 1) {
    throw new Error('maxPersonsPerUserPerDay must be a whole number of at least 1');
  }
  return {
    async admit(userId, day, newPersons) {
      if (!Number.isInteger(newPersons) || newPersons < 0) throw new Error('newPersons must be a whole number of at least 0');
      if (newPersons === 0) return true;
      return (await addToDailyCounter(db, userId, day, DAILY_PERSONS_COUNTER, newPersons, maxPersonsPerUserPerDay)) !== null;
    },
  };
}
