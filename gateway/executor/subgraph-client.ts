/**
 * Calls one partner over HTTP with the subgraph protocol. Every failure becomes a result with an
 * error code, never a throw, so one partner's trouble gives partial data instead of a failed request.
 *
 * Built on `node:http`/`node:https` with keep-alive agents rather than `fetch`: a partner call is a
 * small POST whose whole JSON body is read into one buffer and parsed once, so the web-stream layers
 * of `fetch` were pure overhead (about an eighth of the gateway's CPU under load, docs/benchmarks.md).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

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
  /**
   * Set when the call itself failed: no usable data at all. `refused`: the gateway's own guard
   * (an open circuit, a full queue) refused it, so it never reached the partner.
   */
  failure?: { code: 'SUBGRAPH_TIMEOUT' | 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_HTTP_ERROR' | 'SUBGRAPH_BAD_RESPONSE'; message: string; refused?: boolean };
}

export interface SubgraphCallOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
}

export type SubgraphFetcher = (url: string, request: SubgraphRequest, options: SubgraphCallOptions) => Promise<SubgraphResponse>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const agentOptions = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: 256, maxFreeSockets: 64, scheduling: 'lifo' as const };
const httpAgent = new HttpAgent(agentOptions);
const httpsAgent = new HttpsAgent(agentOptions);

type Failure = NonNullable<SubgraphResponse['failure']>;
type Exchange = { status: number; body: Buffer } | { failure: Failure };

/** One POST with the whole exchange (connect, send, read the body) under `timeoutMs`. */
function post(url: URL, payload: Buffer, options: SubgraphCallOptions): Promise<Exchange> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const https = url.protocol === 'https:';
    const req = (https ? httpsRequest : httpRequest)(url, {
      method: 'POST',
      agent: https ? httpsAgent : httpAgent,
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'content-length': payload.length,
        ...options.headers,
      },
    });
    const timer = setTimeout(() => {
      settle({ failure: { code: 'SUBGRAPH_TIMEOUT', message: `did not answer within ${options.timeoutMs} ms` } });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', () => settle({ failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'could not be reached' } }));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => settle({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', () => settle({ failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'broke off its answer' } }));
      res.on('aborted', () => settle({ failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'broke off its answer' } }));
    });
    req.end(payload);
  });
}

export const httpSubgraphFetcher: SubgraphFetcher = async (url, request, options) => {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { failure: { code: 'SUBGRAPH_UNAVAILABLE', message: 'has no valid URL configured' } };
  }
  const exchange = await post(target, Buffer.from(JSON.stringify(request)), options);
  if ('failure' in exchange) return { failure: exchange.failure };
  const ok = exchange.status >= 200 && exchange.status < 300;
  let body: unknown;
  try {
    body = JSON.parse(exchange.body.toString('utf8'));
  } catch {
    return {
      failure: ok
        ? { code: 'SUBGRAPH_BAD_RESPONSE', message: 'answered with a body that is not JSON' }
        : { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${exchange.status}` },
    };
  }
  if (!isRecord(body) || (!('data' in body) && !('errors' in body))) {
    return {
      failure: ok
        ? { code: 'SUBGRAPH_BAD_RESPONSE', message: 'answered with JSON that is not a GraphQL response' }
        : { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${exchange.status}` },
    };
  }
  const data = isRecord(body.data) ? body.data : null;
  const errors = Array.isArray(body.errors) ? (body.errors.filter(isRecord) as unknown as SubgraphError[]) : undefined;
  if (!ok && !data) {
    return { failure: { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${exchange.status}` } };
  }
  if (!data && !errors?.length) {
    return { failure: { code: 'SUBGRAPH_HTTP_ERROR', message: `answered with HTTP ${exchange.status} and no data` } };
  }
  return { data, ...(errors ? { errors } : {}) };
};
