/**
 * Calls one partner over HTTP with the subgraph protocol. Every failure becomes a result with an
 * error code, never a throw, so one partner's trouble gives partial data instead of a failed request.
 */
export interface SubgraphRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface SubgraphError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: SubgraphError[];
  /** Set when the call itself failed: no usable data at all. */
  failure?: { code: 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_HTTP_ERROR' | 'SUBGRAPH_BAD_RESPONSE'; message: string };
}

export interface SubgraphCallOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
}

export type SubgraphFetcher = (url: string, request: SubgraphRequest, options: SubgraphCallOptions) => Promise<SubgraphResponse>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const httpSubgraphFetcher: SubgraphFetcher = async (url, request, options) => {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...options.headers },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { failure: { code: 'SUBGRAPH_TIMEOUT', message: `did not answer within ${options.timeoutMs} ms` } };
    }
    return { failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be reached' } };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { failure: { code: 'SUBGRAPH_TIMEOUT', message: `did not answer within ${options.timeoutMs} ms` } };
    }
    return {
      failure: response.ok
        ? { code: 'SUBGRAPH_BAD_RESPONSE', message: 'answered with a body that is not JSON' }
        : { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${response.status}` },
    };
  }
  if (!isRecord(body) || (!('data' in body) && !('errors' in body))) {
    return {
      failure: response.ok
        ? { code: 'SUBGRAPH_BAD_RESPONSE', message: 'answered with JSON that is not a GraphQL response' }
        : { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${response.status}` },
    };
  }
  const data = isRecord(body.data) ? body.data : null;
  const errors = Array.isArray(body.errors) ? (body.errors.filter(isRecord) as unknown as SubgraphError[]) : undefined;
  if (!response.ok && !data) {
    return { failure: { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${response.status}` } };
  }
  if (!data && !errors?.length) {
    return { failure: { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${response.status} and no data` } };
  }
  return { data, ...(errors ? { errors } : {}) };
};
