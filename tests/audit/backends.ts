/** The audit suites' stores (tests/helpers/backends.ts) and their fault-injecting wrappers. */
import type { Db } from '../../gateway/store/db.ts';

export { backends, type Backend } from '../helpers/backends.ts';

/** A Db that counts the transactions it starts. */
export function countingTransactions(db: Db): { db: Db; count: () => number } {
  let transactions = 0;
  return {
    db: {
      ...db,
      transaction(fn) {
        transactions += 1;
        return db.transaction(fn);
      },
    },
    count: () => transactions,
  };
}

/** A Db whose transactions fail at the first statement matching `failOn` while `armed()` is true. */
export function failingAt(db: Db, failOn: RegExp, armed: () => boolean): Db {
  return {
    ...db,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          ...tx,
          query(sql, params) {
            if (armed() && failOn.test(sql)) return Promise.reject(new Error('store failure (injected)'));
            return tx.query(sql, params);
          },
        }),
      ),
  };
}

/** A Db whose first transaction waits, once started, until `release()`; later ones run at once. */
export function holdingFirstTransaction(db: Db): { db: Db; held: Promise<void>; release: () => void } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let entered!: () => void;
  const held = new Promise<void>((resolve) => (entered = resolve));
  let first = true;
  return {
    db: {
      ...db,
      async transaction(fn) {
        if (first) {
          first = false;
          entered();
          await released;
        }
        return db.transaction(fn);
      },
    },
    held,
    release,
  };
}
