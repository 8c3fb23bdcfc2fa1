/**
 * A lost PostgreSQL connection (a failover, a restart, pg_terminate_backend) fails the work under
 * way and nothing else: the process lives on, and the next query gets a new connection. The
 * store's connections carry an application name of their own, so that only they are terminated
 * in the shared test database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../gateway/store/db.ts';
import { openStore } from '../../gateway/store/open.ts';

const databaseUrl = process.env.DATABASE_URL ?? '';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.runIf(databaseUrl !== '')('a lost PostgreSQL connection', () => {
  const name = `conn_loss_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  let db: Db;

  const terminateStoreConnections = async (): Promise<number> =>
    (await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [name])).rowCount ?? 0;
  /** Waits until `n` of the store's connections are running a query that matches `pattern`. */
  const runningOnServer = async (n: number, pattern: string): Promise<void> => {
    for (;;) {
      const { rows } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE $2",
        [name, pattern],
      );
      if ((rows[0]?.n ?? 0) >= n) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    await admin.connect();
    const url = new URL(databaseUrl);
    url.searchParams.set('application_name', name);
    db = await openStore({ databaseUrl: url.toString(), schema: name });
    await db.query('CREATE TABLE t (n int)');
  });
  afterAll(async () => {
    await db.close();
    await admin.query(`DROP SCHEMA ${name} CASCADE`);
    await admin.end();
  });

  it('fails a transaction whose connection is terminated while it waits, and the next one succeeds', async () => {
    const inTransaction = deferred();
    const hold = deferred();
    const transaction = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      inTransaction.resolve();
      await hold.promise;
      await tx.query('INSERT INTO t VALUES (2)');
    });
    await inTransaction.promise;
    expect(await terminateStoreConnections()).toBeGreaterThanOrEqual(1);
    // The checked-out client hears the error before the transaction asks anything more of it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    hold.resolve();
    await expect(transaction).rejects.toThrow();
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    expect((await db.query<{ n: number }>('SELECT n FROM t ORDER BY n')).rows).toEqual([{ n: 3 }]);
  });

  it('fails queries under way on every connection at once, and serves again at once', async () => {
    const running = Array.from({ length: 8 }, (_, i) =>
      i % 2 === 0
        ? db.query('SELECT pg_sleep(30)')
        : db.transaction(async (tx) => {
            await tx.query('INSERT INTO t VALUES (10)');
            await tx.query('SELECT pg_sleep(30)');
          }),
    );
    // Settled from the start: a query fails the moment its backend is terminated, before the termination returns.
    const settled = Promise.allSettled(running);
    await runningOnServer(8, '%pg_sleep(30)%');
    expect(await terminateStoreConnections()).toBeGreaterThanOrEqual(8);
    const outcomes = await settled;
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('rejected'));
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE n = 10')).rows).toEqual([{ n: 0 }]);
    expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });

  it('fails nothing when idle connections are terminated', async () => {
    await Promise.all(Array.from({ length: 4 }, () => db.query('SELECT 1')));
    await terminateStoreConnections();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await db.query<{ ok: number }>('SELECT 1 AS ok')).rows).toEqual([{ ok: 1 }]);
  });
});
