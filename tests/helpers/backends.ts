/**
 * The stores the store-backed suites (audit, facts, project) run against: PGlite always,
 * PostgreSQL when DATABASE_URL is set. Each open() gives a fresh, migrated schema, dropped on
 * close. (PGlite takes seconds to start, so a test file shares one PGlite instance and each test
 * gets its own schema in it.)
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

async function openPostgresSchema(): Promise<Db> {
  const schema = `store_test_${randomBytes(6).toString('hex')}`;
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
  const schema = `store_test_${randomBytes(6).toString('hex')}`;
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
