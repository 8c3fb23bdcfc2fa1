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

// In plain JavaScript, shared with the PGlite worker thread (which runs without a TypeScript loader).
export { INT8_OID, parseInt8 } from './int8.js';
