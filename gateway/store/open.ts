import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface StoreOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite store is used. */
  databaseUrl?: string;
  /** PGlite data: `<dataDir>/pglite`, or 'memory' (tests). Required without databaseUrl. */
  dataDir?: string | 'memory';
  /** PostgreSQL only: the schema to work in (created when missing). */
  schema?: string;
}

/** Opens the store and brings its tables up to date. */
export async function openStore(options: StoreOptions): Promise<Db> {
  let db: Db;
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    db = await openPostgres({ databaseUrl: options.databaseUrl, ...(options.schema ? { schema: options.schema } : {}) });
  } else if (options.dataDir !== undefined && options.dataDir !== '') {
    db = await openPglite(options.dataDir);
  } else {
    throw new Error('openStore needs a databaseUrl or a dataDir');
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
