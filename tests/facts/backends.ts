/**
 * The stores the facts and project suites run against: PGlite always, PostgreSQL when DATABASE_URL
 * is set. Each open() gives a fresh, migrated schema, dropped on close. A test file shares one
 * PGlite instance (it takes seconds to start); each test gets its own schema in it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { Db } from '../../gateway/store/db.ts';
import { migrate } from '../../gateway/store/migrate.ts';
import { openStore } from '../../gateway/store/open.ts';
import { openPglite } from '../../gateway/store/pglite.ts';

export interface Backend {
  name: string;
  enabled: boolean;
  open(): Promise<Db>;
}

const databaseUrl = process.env.DATABASE_URL ?? '';

const schemaName = () => `facts_test_${randomBytes(6).toString('hex')}`;

async function openPostgresSchema(): Promise<Db> {
  const schema = schemaName();
  const db = await openStore({ databaseUrl, schema });
  return {
    ...db,
    async close() {
      await db.close();
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

let sharedPglite: Promise<Db> | undefined;
afterAll(async () => {
  if (sharedPglite) await (await sharedPglite).close();
});

async function openPgliteSchema(): Promise<Db> {
  sharedPglite ??= openPglite('memory');
  const db = await sharedPglite;
  const schema = schemaName();
  await db.query(`CREATE SCHEMA ${schema}`);
  await db.query(`SET search_path TO ${schema}`);
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

export const backends: Backend[] = [
  { name: 'PGlite', enabled: true, open: openPgliteSchema },
  { name: 'PostgreSQL', enabled: databaseUrl !== '', open: openPostgresSchema },
];

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
