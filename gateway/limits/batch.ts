/** Batched GraphQL over HTTP: a JSON array of operations in one POST body. */

/** A message when the body batches more operations than allowed, null otherwise (including for a body that is not a batch). */
export function checkBatch(body: unknown, maxBatch: number): string | null {
  if (!Array.isArray(body) || body.length <= maxBatch) return null;
  return `The request batches ${body.length} operations; the limit is ${maxBatch}. Send fewer operations per request.`;
}
