import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { addFinding, closeCase, findOpenCases, addToDailyCounter, openCase } from '../../gateway/store/cases.ts';
import { migrate, MIGRATIONS_DIR, splitStatements } from '../../gateway/store/migrate.ts';
import { openStore } from '../../gateway/store/open.ts';
import { backends } from './backends.ts';

/** Every migration in the folder, in order (other stages add theirs after the audit store's two). */
const MIGRATIONS = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')).sort();

test('the audit store brings the first two migrations', () => {
  expect(MIGRATIONS.slice(0, 2)).toEqual(['001_audit_log.sql', '002_cases.sql']);
});

test('splitStatements splits on ";" at a line end and drops comment lines', () => {
  expect(splitStatements('-- a comment\nCREATE TABLE a (x text DEFAULT \';\');\nINSERT INTO a VALUES (1);  \n\n')).toEqual([
    "CREATE TABLE a (x text DEFAULT ';')",
    'INSERT INTO a VALUES (1)',
  ]);
});

for (const backend of backends) {
  describe.runIf(backend.enabled)(`store on ${backend.name}`, () => {
    test('migrations run once, in order, and again change nothing', async () => {
      const db = await backend.open();
      try {
        const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
        expect(recorded.rows.map((r) => r.name)).toEqual(MIGRATIONS);
        expect(await migrate(db)).toEqual([]);
        const [first, second] = await Promise.all([migrate(db), migrate(db)]);
        expect([first, second]).toEqual([[], []]);
        const head = await db.query('SELECT seq, hash FROM audit_head');
        expect(head.rows).toEqual([{ seq: 0, hash: '0'.repeat(64) }]);
      } finally {
        await db.close();
      }
    });

    test('a failing migration leaves nothing applied', async () => {
      const db = await backend.open();
      try {
        await db.query('DROP TABLE daily_counters');
        await db.query("DELETE FROM schema_migrations WHERE name = '002_cases.sql'");
        await expect(migrate(db)).rejects.toThrow(/already exists/);
        const tables = await db.query<{ present: boolean }>("SELECT to_regclass('daily_counters') IS NOT NULL AS present");
        expect(tables.rows).toEqual([{ present: false }]);
      } finally {
        await db.close();
      }
    });

    test('cases: open, find open cases for many addresses at once, findings, close', async () => {
      const db = await backend.open();
      try {
        const openedAt = new Date('2025-03-01T09:00:00.000Z');
        const one = await openCase(db, { project: 'klingerberg-2025', adresId: '0983200000000001', openedBy: 'a-1', reason: 'overlapping signals', openedAt });
        const other = await openCase(db, { project: 'other-project', adresId: '0983200000000001', openedBy: 'a-1', reason: 'x', openedAt });
        await addFinding(db, { caseId: one.id, kind: 'huisbezoek', note: 'six residents found', recordedBy: 'a-2', recordedAt: openedAt });
        const found = await findOpenCases(db, 'klingerberg-2025', ['0983200000000001', '0983200000000002']);
        expect([...found.entries()]).toEqual([
          ['0983200000000001', [{ id: one.id, project: 'klingerberg-2025', adresId: '0983200000000001', openedBy: 'a-1', reason: 'overlapping signals', openedAt, closedAt: null, findings: 1 }]],
          ['0983200000000002', []],
        ]);
        await closeCase(db, one.id, new Date('2025-04-01T00:00:00.000Z'));
        expect((await findOpenCases(db, 'klingerberg-2025', ['0983200000000001'])).get('0983200000000001')).toEqual([]);
        await expect(addFinding(db, { caseId: one.id, kind: 'k', note: 'n', recordedBy: 'a', recordedAt: openedAt })).rejects.toThrow(`no open case ${one.id}`);
        expect((await findOpenCases(db, 'other-project', ['0983200000000001'])).get('0983200000000001')?.map((c) => c.id)).toEqual([other.id]);
        await expect(openCase(db, { project: 'p', adresId: '12', openedBy: 'a', reason: 'r', openedAt })).rejects.toThrow('adresId must be a 16-digit BAG id');
      } finally {
        await db.close();
      }
    });

    test('daily counters count per user, day and kind, and never past their max', async () => {
      const db = await backend.open();
      try {
        const counts = [
          await addToDailyCounter(db, 'u1', '2025-03-04', 'persoon-lookup', 1, 10),
          await addToDailyCounter(db, 'u1', '2025-03-04', 'persoon-lookup', 3, 10),
          await addToDailyCounter(db, 'u1', '2025-03-05', 'persoon-lookup', 1, 10),
          await addToDailyCounter(db, 'u2', '2025-03-04', 'persoon-lookup', 2, 10),
          await addToDailyCounter(db, 'u1', '2025-03-04', 'justification', 1, 10),
          await addToDailyCounter(db, 'u1', '2025-03-04', 'persoon-lookup', 7, 10),
          await addToDailyCounter(db, 'u1', '2025-03-04', 'persoon-lookup', 6, 10),
          await addToDailyCounter(db, 'u4', '2025-03-04', 'persoon-lookup', 11, 10),
        ];
        expect(counts).toEqual([1, 4, 1, 2, 1, null, 10, null]);
        const concurrent = await Promise.all(Array.from({ length: 5 }, () => addToDailyCounter(db, 'u3', '2025-03-04', 'k', 1, 3)));
        expect(concurrent.sort()).toEqual([1, 2, 3, null, null]);
        const { rows } = await db.query<{ user_id: string; count: number }>("SELECT user_id, count FROM daily_counters WHERE kind = 'persoon-lookup' ORDER BY user_id, day");
        expect(rows).toEqual([
          { user_id: 'u1', count: 10 },
          { user_id: 'u1', count: 1 },
          { user_id: 'u2', count: 2 },
        ]);
      } finally {
        await db.close();
      }
    });
  });
}

describe.runIf(!!process.env.DATABASE_URL)('migrations on PostgreSQL', () => {
  test('two processes starting at once on one schema both succeed and apply each migration once', async () => {
    const url = process.env.DATABASE_URL!;
    const schema = `audit_test_race_${randomBytes(6).toString('hex')}`;
    const opened = await Promise.allSettled([openStore({ databaseUrl: url, schema }), openStore({ databaseUrl: url, schema })]);
    const stores = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'opened'))).toEqual(['opened', 'opened']);
      const recorded = await stores[0]!.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      expect(recorded.rows.map((r) => r.name)).toEqual(MIGRATIONS);
    } finally {
      await Promise.all(stores.map((db) => db.close()));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
