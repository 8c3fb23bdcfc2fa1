/**
 * The embedded PGlite store runs in a worker thread (gateway/store/pglite.ts); these tests hold it
 * to the Db contract of gateway/store/db.ts through that thread: rows and int8 parsing,
 * transactions (commit, rollback, nesting, outside queries waiting), errors with PostgreSQL's
 * fields, close, a thread that dies or fails to start, and data on disk surviving a reopen.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../gateway/store/db.ts';
import { openPglite } from '../../gateway/store/pglite.ts';

let db: Db;
let tables = 0;

beforeAll(async () => {
  db = await openPglite('memory');
});
afterAll(async () => {
  await db?.close();
});

/** A fresh table (id int PRIMARY KEY, note text) for one test. */
async function freshTable(): Promise<string> {
  const name = `t${(tables += 1)}`;
  await db.query(`CREATE TABLE ${name} (id int PRIMARY KEY, note text)`);
  return name;
}

async function ids(table: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`);
  return rows.map((r) => r.id);
}

const later = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('queries through the thread', () => {
  test('rows come back with parameters applied and int8 parsed to numbers', async () => {
    const { rows } = await db.query<Record<string, unknown>>(
      "SELECT $1::text AS s, $2::bigint AS big, 3::int AS i, $3::timestamptz AS at, '{\"b\":1,\"a\":[2]}'::jsonb AS body, NULL AS nothing",
      ['x', Number.MAX_SAFE_INTEGER, new Date('2025-03-04T05:06:07.000Z')],
    );
    expect(rows).toEqual([{ s: 'x', big: Number.MAX_SAFE_INTEGER, i: 3, at: new Date('2025-03-04T05:06:07.000Z'), body: { b: 1, a: [2] }, nothing: null }]);
    expect(typeof rows[0]!['big']).toBe('number');
  });

  test('an int8 past 2^53 is refused, not rounded', async () => {
    await expect(db.query('SELECT 9007199254740993::bigint AS big')).rejects.toThrow('bigint value out of the safe integer range: 9007199254740993');
  });

  test('a SQL error arrives as an Error with its message and PostgreSQL fields', async () => {
    const table = await freshTable();
    await db.query(`INSERT INTO ${table} (id) VALUES (1)`);
    const error = await db.query(`INSERT INTO ${table} (id) VALUES ($1)`, [1]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      message: `duplicate key value violates unique constraint "${table}_pkey"`,
      code: '23505',
      severity: 'ERROR',
      constraint: `${table}_pkey`,
      detail: 'Key (id)=(1) already exists.',
      table,
    });
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ message: 'relation "no_such_table" does not exist', code: '42P01' });
  });

  test('a parameter that cannot be sent to the thread rejects that query only', async () => {
    await expect(db.query('SELECT $1::text', [() => 1])).rejects.toThrow(/could not be cloned/);
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});

describe('transactions through the thread', () => {
  test('a transaction commits and returns what fn returned', async () => {
    const table = await freshTable();
    const result = await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id) VALUES (1), (2)`);
      return (await tx.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${table}`)).rows[0]!.n;
    });
    expect(result).toBe(2);
    expect(await ids(table)).toEqual([1, 2]);
  });

  test('a rejected fn rolls back everything and rejects with its own error', async () => {
    const table = await freshTable();
    const failure = new Error('fn failed');
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id) VALUES (1)`);
        await tx.query(`INSERT INTO ${table} (id) VALUES (2)`);
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await ids(table)).toEqual([]);
  });

  test('a statement error inside rolls back the statements before it', async () => {
    const table = await freshTable();
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id) VALUES (1)`);
        await tx.query(`INSERT INTO ${table} (id) VALUES (1)`);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await ids(table)).toEqual([]);
  });

  test('an error at COMMIT rejects the transaction and nothing is stored', async () => {
    const name = `deferred${(tables += 1)}`;
    await db.query(`CREATE TABLE ${name} (id int, CONSTRAINT ${name}_once UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)`);
    await expect(db.transaction((tx) => tx.query(`INSERT INTO ${name} (id) VALUES (1), (1)`))).rejects.toMatchObject({
      code: '23505',
      constraint: `${name}_once`,
    });
    expect((await db.query(`SELECT id FROM ${name}`)).rows).toEqual([]);
  });

  test('a transaction whose fn swallowed a statement error does not commit', async () => {
    const table = await freshTable();
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id) VALUES (1)`);
        await tx.query('SELECT * FROM no_such_table').catch(() => undefined);
      }),
    ).rejects.toThrow();
    expect(await ids(table)).toEqual([]);
  });

  test('a nested transaction joins the outer one: same handle, and rolled back with it', async () => {
    const table = await freshTable();
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} (id) VALUES (1)`);
        await tx.transaction(async (inner) => {
          expect(inner).toBe(tx);
          expect((await inner.query<{ id: number }>(`SELECT id FROM ${table}`)).rows).toEqual([{ id: 1 }]);
          await inner.query(`INSERT INTO ${table} (id) VALUES (2)`);
        });
        throw new Error('outer fails after the inner one resolved');
      }),
    ).rejects.toThrow('outer fails');
    expect(await ids(table)).toEqual([]);
  });

  test('a query outside waits for the running transaction, then sees its commit', async () => {
    const table = await freshTable();
    const order: string[] = [];
    let outside!: Promise<number[]>;
    const transaction = db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${table} (id) VALUES (1)`);
      outside = ids(table).then((seen) => (order.push('outside answered'), seen));
      await later();
      order.push('transaction still running');
      await tx.query(`INSERT INTO ${table} (id) VALUES (2)`);
      await later();
      order.push('fn done');
    });
    await transaction;
    order.push('committed');
    expect(await outside).toEqual([1, 2]);
    expect(order).toEqual(['transaction still running', 'fn done', 'committed', 'outside answered']);
  });

  test("a transaction's queries do not interleave with outside queries", async () => {
    const name = `log${(tables += 1)}`;
    await db.query(`CREATE TABLE ${name} (n serial PRIMARY KEY, who text NOT NULL)`);
    const log = (target: Db, who: string) => target.query(`INSERT INTO ${name} (who) VALUES ($1)`, [who]);
    const before = log(db, 'outside before');
    const first = db.transaction(async (tx) => {
      for (let i = 1; i <= 3; i += 1) {
        await log(tx, `first ${i}`);
        await later();
      }
    });
    const during = log(db, 'outside during');
    const second = db.transaction(async (tx) => {
      await log(tx, 'second 1');
      await later();
      await log(tx, 'second 2');
    });
    const after = log(db, 'outside after');
    await Promise.all([before, first, during, second, after]);
    const { rows } = await db.query<{ who: string }>(`SELECT who FROM ${name} ORDER BY n`);
    expect(rows.map((r) => r.who)).toEqual(['outside before', 'first 1', 'first 2', 'first 3', 'outside during', 'second 1', 'second 2', 'outside after']);
  });

  test('a transaction handle used after its transaction ended rejects', async () => {
    let kept!: Db;
    await db.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept.query('SELECT 1')).rejects.toThrow('Transaction is closed');
    await expect(kept.close()).rejects.toThrow('close the store, not a transaction');
  });
});

describe('close and failure', () => {
  test('close() closes the store: later queries, transactions and closes reject clearly', async () => {
    const own = await openPglite('memory');
    const pending = own.query('SELECT 1 AS one');
    await own.close();
    expect((await pending).rows).toEqual([{ one: 1 }]);
    await expect(own.query('SELECT 1')).rejects.toThrow('PGlite store is closed');
    await expect(own.transaction(async () => 1)).rejects.toThrow('PGlite store is closed');
    await expect(own.close()).rejects.toThrow('PGlite store is closed');
  });

  test('a thread that dies fails every pending and later call', async () => {
    const own = await openPglite('memory', { workerUrl: new URL('./workers/dies-on-first-request.js', import.meta.url) });
    const message = 'PGlite store unavailable: its thread exited (code 3)';
    const pending = [own.query('SELECT 1'), own.query('SELECT 2')];
    for (const p of pending) await expect(p).rejects.toThrow(message);
    await expect(own.query('SELECT 3')).rejects.toThrow(message);
    let ran = false;
    await expect(own.transaction(async () => (ran = true))).rejects.toThrow(message);
    expect(ran).toBe(false);
    await own.close();
  });

  test('a thread that fails to start makes openPglite reject', async () => {
    await expect(openPglite('memory', { workerUrl: new URL('./workers/fails-to-load.js', import.meta.url) })).rejects.toThrow(
      'PGlite store unavailable: its thread failed: this thread cannot start',
    );
  });

  test('an open store does not keep the process alive, and a pending query does', async () => {
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./keeps-process.ts', import.meta.url))], {
      timeout: 60_000,
    });
    expect(child.stdout).toBe('[{"answer":42}]\n');
  }, 60_000);
});

describe('a new store', () => {
  test('starts as an empty PostgreSQL database, loaded from the empty database kept beside PGlite', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pglite-thread-'));
    try {
      const store = await openPglite(dataDir);
      try {
        const { rows } = await store.query<{ tables: number; sharedBuffers: string }>(
          "SELECT count(*)::int AS tables, current_setting('shared_buffers') AS \"sharedBuffers\" FROM pg_tables WHERE schemaname = 'public'",
        );
        expect(rows).toEqual([{ tables: 0, sharedBuffers: '32MB' }]);
        expect((await stat(join(dataDir, 'pglite', 'PG_VERSION'))).isFile()).toBe(true);
      } finally {
        await store.close();
      }
      const pgliteVersion = (JSON.parse(await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string }).version;
      const kept = await readFile(new URL(`../../node_modules/.cache/doelpoort/pglite-${pgliteVersion}.tar`, import.meta.url));
      // A tar archive of a PostgreSQL data directory: its entries are the data directory's files.
      expect(kept.subarray(257, 262).toString('latin1')).toBe('ustar');
      expect(kept.toString('latin1')).toContain('/PG_VERSION');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('on disk', () => {
  test('data in a dataDir survives close and reopen', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pglite-thread-'));
    try {
      const first = await openPglite(dataDir);
      await first.query('CREATE TABLE kept (id bigint PRIMARY KEY, note text)');
      await first.transaction((tx) => tx.query("INSERT INTO kept VALUES (1, 'one'), (2, 'two')"));
      await first.close();
      const second = await openPglite(dataDir);
      try {
        expect((await second.query('SELECT id, note FROM kept ORDER BY id')).rows).toEqual([
          { id: 1, note: 'one' },
          { id: 2, note: 'two' },
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
