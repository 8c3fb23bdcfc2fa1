/** The audit suites' stores (tests/helpers/backends.ts) and their fault-injecting wrappers. */
import { chainHash } from '../../gateway/audit/chain.ts';
import type { Db } from '../../gateway/store/db.ts';

export { backends, type Backend } from '../helpers/backends.ts';

/**
 * A Db that counts the commits that advance the chain: transactions it starts, and statements run
 * on their own (autocommit) that move the audit head (or try to).
 */
export function countingCommits(db: Db): { db: Db; count: () => number; transactions: () => number } {
  let statements = 0;
  let transactions = 0;
  return {
    db: {
      ...db,
      query(sql, params) {
        if (/UPDATE audit_head/.test(sql)) statements += 1;
        return db.query(sql, params);
      },
      transaction(fn) {
        transactions += 1;
        return db.transaction(fn);
      },
    },
    count: () => statements + transactions,
    transactions: () => transactions,
  };
}

/** A Db whose statements (in a transaction or on their own) fail at the first one matching `failOn` while `armed()` is true. */
export function failingAt(db: Db, failOn: RegExp, armed: () => boolean): Db {
  const failing = (target: Db): Db['query'] => (sql, params) =>
    armed() && failOn.test(sql) ? Promise.reject(new Error('store failure (injected)')) : target.query(sql, params);
  return {
    ...db,
    query: failing(db),
    transaction: (fn) => db.transaction((tx) => fn({ ...tx, query: failing(tx) })),
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

/** A stored record as a tamperer edits it: everything the hash covers. */
export interface ChainRow {
  seq: number;
  kind: string;
  recorded_at: Date;
  body: Record<string, unknown>;
}

/**
 * Rewrites the records from seq `from` on with `edit`, recomputing every hash and link after it and
 * moving the head row along: what someone who can write the database (but holds no signing key) can do.
 */
export async function rewriteChainFrom(db: Db, from: number, edit: (row: ChainRow) => ChainRow): Promise<void> {
  const { rows } = await db.query<ChainRow & { prev_hash: string }>(
    'SELECT seq, kind, recorded_at, body, prev_hash FROM audit_log WHERE seq >= $1 ORDER BY seq',
    [from],
  );
  let prev = rows[0]!.prev_hash;
  for (const row of rows) {
    const { kind, recorded_at, body } = edit(row);
    const hash = chainHash(prev, { seq: row.seq, kind, recorded_at: recorded_at.toISOString(), body });
    await db.query('UPDATE audit_log SET kind = $1, recorded_at = $2, body = $3::jsonb, prev_hash = $4, hash = $5 WHERE seq = $6', [
      kind,
      recorded_at,
      JSON.stringify(body),
      prev,
      hash,
      row.seq,
    ]);
    prev = hash;
  }
  await db.query('UPDATE audit_head SET hash = $1', [prev]);
}
