// Plain JavaScript (typed by int8.d.ts) so that the PGlite worker thread, which runs without a
// TypeScript loader (pglite-worker.js), parses int8 with the very function the pg driver uses.

/** Postgres type oid of int8 (bigint): both drivers parse it into a JS number (seq values stay far below 2^53). */
export const INT8_OID = 20;

/** @param {string} text */
export function parseInt8(text) {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint value out of the safe integer range: ${text}`);
  return value;
}
