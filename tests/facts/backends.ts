/** The facts and project suites' stores (tests/helpers/backends.ts) and a query recorder. */
import type { Db } from '../../gateway/store/db.ts';

export { backends, type Backend } from '../helpers/backends.ts';

/** A Db that records the SQL of every query it runs (transactions included). */
export function recordingQueries(db: Db): { db: Db; queries: string[] } {
  const queries: string[] = [];
  const wrap = (inner: Db): Db => ({
    query(sql, params) {
      queries.push(sql.replace(/\s+/g, ' ').trim());
      return inner.query(sql, params);
    },
    transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))),
    close: () => inner.close(),
  });
  return { db: wrap(db), queries };
}
