import { createHash } from 'node:crypto';

/**
 * The one interface the gateway uses for SQL. Two implementations speak the same SQL:
 * PostgreSQL (a `pg` Pool) and embedded PGlite. Both return bigint columns as numbers.
 */
export interface Db {
  query<T>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it rejects. Nested calls join the outer one. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * A jsonb parameter given as the UTF-8 bytes of its JSON text, in pieces (the audit records' bodies,
 * each already serialised): PostgreSQL gets it in jsonb's binary form, never as a JavaScript string
 * joined, measured and encoded again (about 2 ms of the gateway's thread for a combined view's
 * records); PGlite, which takes parameters as text, gets the text.
 */
export class JsonbBytes {
  constructor(readonly pieces: readonly Uint8Array[]) {}
}

// In plain JavaScript, shared with the PGlite worker thread (which runs without a TypeScript loader).
export { INT8_OID, parseInt8 } from './int8.js';

/** Statement names of the query texts marked with prepared(), by text. */
const preparedNames = new Map<string, string>();
/** prepared() is for fixed texts (module constants): more than this many means a text that varies. */
const MOST_PREPARED = 100;

/**
 * Marks a fixed query text as worth preparing and returns it unchanged. The PostgreSQL store runs
 * such a text as a named statement: parsed and planned once per connection, then only bound and
 * executed, instead of parsed and planned anew on every run (PGlite runs it as any other text).
 * Call it once per text, at module level: a text that varies (values written into it, a VALUES
 * list of as many rows as records) would leave a statement per variant on every connection.
 */
export function prepared(sql: string): string {
  if (!preparedNames.has(sql)) {
    if (preparedNames.size >= MOST_PREPARED) throw new Error(`more than ${MOST_PREPARED} prepared query texts: prepared() is for fixed texts`);
    preparedNames.set(sql, `doelpoort_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
  }
  return sql;
}

/** The statement name of a text marked with prepared(), or undefined. */
export function preparedName(sql: string): string | undefined {
  return preparedNames.get(sql);
}
