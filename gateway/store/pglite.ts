import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { INT8_OID, parseInt8 } from './db.ts';

/** Embedded PostgreSQL: `<dataDir>/pglite` on disk, or in memory for 'memory'. */
export async function openPglite(dataDir: string | 'memory'): Promise<Db> {
  let location = 'memory://';
  if (dataDir !== 'memory') {
    location = join(dataDir, 'pglite');
    await mkdir(location, { recursive: true });
  }
  const pglite = await PGlite.create(location, { parsers: { [INT8_OID]: parseInt8 } });
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await pglite.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
    transaction: (fn) => pglite.transaction((tx) => fn(transactionDb(tx))),
    async close() {
      await pglite.close();
    },
  };
}

function transactionDb(tx: Transaction): Db {
  const db: Db = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await tx.query<T>(sql, [...params]);
      return { rows: result.rows };
    },
    transaction: (fn) => fn(db),
    async close() {
      throw new Error('close the store, not a transaction');
    },
  };
  return db;
}
