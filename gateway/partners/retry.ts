/**
 * When a partner call may be tried again: only a query (reading twice is harmless; a mutation
 * might have taken effect), only after a failure that may pass (unreachable, timed out).
 */
import { getOperationAST, parse } from 'graphql';
import type { SubgraphRequest, SubgraphResponse } from '../executor/subgraph-client.ts';

const RETRYABLE_FAILURES: ReadonlySet<string> = new Set(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_TIMEOUT']);
const CACHED_OPERATIONS = 1000;

export function isRetryableFailure(response: SubgraphResponse): boolean {
  return response.failure !== undefined && RETRYABLE_FAILURES.has(response.failure.code);
}

/** Whether a request is a query, by parsing its text once; text that does not parse is not. */
export function createQueryDetector(): (request: SubgraphRequest) => boolean {
  const known = new Map<string, boolean>();
  return (request) => {
    const key = `${request.operationName ?? ''}\n${request.query}`;
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const isQuery = operationType(request) === 'query';
    if (known.size >= CACHED_OPERATIONS) known.delete(known.keys().next().value!);
    known.set(key, isQuery);
    return isQuery;
  };
}

function operationType(request: SubgraphRequest): string | undefined {
  try {
    return getOperationAST(parse(request.query), request.operationName)?.operation;
  } catch {
    return undefined;
  }
}
