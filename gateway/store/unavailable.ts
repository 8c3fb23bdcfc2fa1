/**
 * The store could not be read or written (a lost connection, a failover, a database that is down).
 * Reads the policy depends on mark their failures with this error, so that the request fails as a
 * whole (HTTP 503, no data) instead of being answered with refusals that look like the policy's.
 */
import type { Db } from './db.ts';

export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the store could not be read', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** db with every failure of a query or transaction reported as StoreUnavailableError. */
export function failingAsUnavailable(db: Db): Db {
  const mark = (err: unknown): never => {
    throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(err);
  };
  return {
    query: <T>(sql: string, params?: readonly unknown[]) => db.query<T>(sql, params).catch(mark),
    transaction: (fn) => db.transaction(fn).catch(mark),
    close: () => db.close(),
  };
}
