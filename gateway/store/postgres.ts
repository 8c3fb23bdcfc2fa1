import pg from 'pg';
import type { Db } from './db.ts';
import { INT8_OID, JsonbBytes, parseInt8, preparedName } from './db.ts';
import { MIGRATION_LOCK } from './migrate.ts';

export interface PostgresOptions {
  databaseUrl: string;
  /** Schema to work in (search_path); created when missing. Tests use a fresh schema per file. */
  schema?: string;
  maxConnections?: number;
  /** How long a query waits for a connection (a new one, or a free one of the pool) before it fails. */
  connectTimeoutMs?: number;
}

function ignoreDroppedConnection(): void {}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const lz4 = await prepareServer(options.databaseUrl, schema);
  const settings = [...(schema === undefined ? [] : [`-c search_path=${schema}`]), ...(lz4 ? ['-c default_toast_compression=lz4'] : [])];
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    types,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    keepAlive: true,
    ...(settings.length === 0 ? {} : { options: settings.join(' ') }),
  });
  // A connection that drops (a terminated backend, a failover, a restart) emits 'error'; an
  // 'error' event nobody listens to ends the process. The pool hears its idle clients and
  // pool.query its own; a checked-out client is heard in transaction(). The query under way fails,
  // the caller fails closed, the broken client is discarded and the pool connects anew on demand.
  pool.on('error', ignoreDroppedConnection);
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(queryConfig(sql, params));
      return { rows: result.rows as T[] };
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error) => void (broken ??= error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(clientDb(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        if (broken === undefined) await client.query('ROLLBACK').catch((rollbackError: Error) => void (broken ??= rollbackError));
        throw error;
      } finally {
        client.removeListener('error', onError);
        // Released with an error, the client is closed rather than given to the next caller.
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Before the pool: creates the schema when missing, and answers whether the server offers lz4.
 *
 * Values too large to keep as they are (audit bodies above ~2 kB) are compressed with lz4 where the
 * server has it (PostgreSQL 14 and later, built with lz4): pglz was ~10 % of the server's CPU for a
 * combined view's audit records, lz4 compresses the same JSON about as small for a fraction of that.
 * A session setting, given to every connection of the pool at its start, not a column's: PGlite has
 * no lz4, and a server without it keeps pglz.
 */
async function prepareServer(databaseUrl: string, schema: string | undefined): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', ignoreDroppedConnection);
  await client.connect();
  try {
    if (schema !== undefined) {
      // CREATE SCHEMA IF NOT EXISTS races with itself; the migration lock makes start-ups take turns.
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query('COMMIT');
    }
    const { rows } = await client.query<{ lz4: boolean }>(OFFERS_LZ4);
    return rows[0]?.lz4 === true;
  } finally {
    await client.end();
  }
}

const OFFERS_LZ4 = `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`;

/** jsonb's binary form: a version byte (1), then the JSON text. */
const JSONB_VERSION = Buffer.of(1);

/** A parameter as pg sends it: JsonbBytes as a Buffer, which pg sends in binary (jsonb_recv reads it). */
function sent(value: unknown): unknown {
  return value instanceof JsonbBytes ? Buffer.concat([JSONB_VERSION, ...value.pieces]) : value;
}

/** The query as pg runs it: a text marked with prepared() as a named statement (parsed once per connection). */
function queryConfig(sql: string, params: readonly unknown[]): pg.QueryConfig {
  const name = preparedName(sql);
  const values = params.map(sent);
  return name === undefined ? { text: sql, values } : { name, text: sql, values };
}

function clientDb(client: pg.PoolClient): Db {
  const db: Db = {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query(queryConfig(sql, params));
      return { rows: result.rows as T[] };
    },
    transaction: (fn) => fn(db),
    async close() {
      throw new Error('close the store, not a transaction');
    },
  };
  return db;
}
