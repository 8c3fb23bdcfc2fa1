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

/** Postgres type oid of int8 (bigint): both drivers parse it into a JS number (seq values stay far below 2^53). */
export const INT8_OID = 20;

export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint value out of the safe integer range: ${text}`);
  return value;
}
