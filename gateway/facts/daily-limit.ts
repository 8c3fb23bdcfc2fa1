/**
 * A bound on how many persons one user may look at per day (no dragnet spread over many requests).
 * The count lives in the store's daily counters; a refused request does not count.
 *
 * A user is their token's issuer and subject together: an id is unique only at its issuer, so two
 * identity providers' "emp-1" are two users.
 */
import type { Caller } from '../context/types.ts';
import { addToDailyCounter } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { failingAsUnavailable } from '../store/unavailable.ts';

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
  admit(user: DailyUser, day: string, newPersons: number): Promise<boolean>;
}

export type DailyUser = Pick<Caller, 'issuer' | 'id'>;

/** The counter's key of a user: issuer and subject, unambiguous whatever characters they hold. */
export function dailyUserKey(user: DailyUser): string {
  return JSON.stringify([user.issuer ?? null, user.id]);
}

export function createDailyPersonLimit({ db: store, maxPersonsPerUserPerDay }: DailyPersonLimitOptions): DailyPersonLimit {
  const db = failingAsUnavailable(store);
  if (!Number.isInteger(maxPersonsPerUserPerDay) || maxPersonsPerUserPerDay < 1) {
    throw new Error('maxPersonsPerUserPerDay must be a whole number of at least 1');
  }
  return {
    async admit(user, day, newPersons) {
      if (!Number.isInteger(newPersons) || newPersons < 0) throw new Error('newPersons must be a whole number of at least 0');
      if (newPersons === 0) return true;
      return (await addToDailyCounter(db, dailyUserKey(user), day, DAILY_PERSONS_COUNTER, newPersons, maxPersonsPerUserPerDay)) !== null;
    },
  };
}
