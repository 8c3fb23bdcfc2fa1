/**
 * The gateway's HTTP surface on node:http: GraphQL over HTTP (through Apollo Server, with our
 * executor), the web app's routes (handlers), health, and the gateway's public keys for partners.
 * Identity and purpose are checked here, at the edge, before Apollo Server sees the request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Caller } from '../context/types.ts';
import { purposeFromHeaders, PurposeHeaderError } from '../context/purpose.ts';
import { traceFromHeader } from '../context/trace.ts';
import { redactText } from '../observability/redact.ts';
import { BSN_SPELLINGS, containsBsnLike, looksLikeBsn } from '../policy/bsn-like.ts';
import { AuthenticationError, AuthorisationError, authErrorResponse } from '../identity/errors.ts';
import { newRequestState, type RequestState } from './pipeline.ts';
import { checkBatch } from '../limits/batch.ts';

export interface GatewayContext {
  state: RequestState;
  /** The body is a batch: each operation gets a state of its own (apollo.ts). */
  batch: boolean;
}

export interface HttpOptions {
  apollo: ApolloServer<GatewayContext>;
  authenticate: (authorizationHeader: string | undefined) => Promise<Caller>;
  maxBodyBytes: number;
  /** Most operations in one batched HTTP request. */
  maxBatch?: number;
  /** Extra GET routes (health, JWKS, ...): path → JSON producer returning status and body. */
  routes?: Record<string, (url: URL) => Promise<{ status: number; body: unknown; contentType?: string }>>;
  /** Other APIs and pages on their own paths (the web app, the privacy officer's /audit/*): true when handled. */
  handlers?: ((req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>)[];
  /** Told once per request when its answer has gone (or the connection closed first), refused requests too. */
  onResponse?: (info: ResponseInfo) => void;
}

/** What the request log and metrics get to know about one answered request: nothing about a subject. */
export interface ResponseInfo {
  method: string;
  route: string;
  status: number;
  /** "ok", or the error code answered. */
  reason: string;
  durationMs: number;
  /** Set once the request passed identity and purpose (its trace, and any operations executed). */
  state?: RequestState;
}

/** The code of the error answered, set where an error answer is written; read by onResponse. */
const answeredCodes = new WeakMap<ServerResponse, string>();
/** The request's state once it has one. */
const requestStates = new WeakMap<ServerResponse, RequestState>();

const KNOWN_ROUTE = /^\/(?:graphql|health\/(?:live|ready)|metrics|\.well-known\/[a-z.-]+|audit\/[a-z-]+(?:\/\d+)?|audit\/projects\/[a-z0-9-]+\/access)?$/;

/**
 * The path as the log may show it: one of the gateway's, or "(other)" (a path could hold anything,
 * and so could a project id in the audit API's path: one that looks like a BSN is not shown).
 */
function routeOf(path: string): string {
  if (!KNOWN_ROUTE.test(path)) return '(other)';
  const project = /^\/audit\/projects\/([a-z0-9-]+)\/access$/.exec(path)?.[1];
  return project !== undefined && looksLikeBsn(project) ? '(other)' : path;
}

/** "ok" below 400; else the code written with the answer, or read from a GraphQL error body, or "HTTP_<status>". */
function reasonOf(res: ServerResponse, status: number): string {
  if (status < 400) return 'ok';
  return answeredCodes.get(res) ?? `HTTP_${status}`;
}

function codeInGraphQLBody(text: string): string | undefined {
  try {
    const code = (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  if (status >= 400) {
    const code = codeInGraphQLBody(text) ?? (body as { error?: { code?: unknown } } | null)?.error?.code;
    if (typeof code === 'string') answeredCodes.set(res, code);
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function graphqlError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyError(413, `The request body is ${declared} bytes; the limit is ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyError(413, `The request body is larger than the limit of ${limit} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpHandler(options: HttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (options.onResponse) observe(options.onResponse, req, res);
    handle(options, req, res).catch(() => {
      if (!res.headersSent) graphqlError(res, 500, 'INTERNAL_SERVER_ERROR', 'The gateway failed to handle this request.');
      else res.end();
    });
  };
}

function observe(onResponse: (info: ResponseInfo) => void, req: IncomingMessage, res: ServerResponse): void {
  const startedAt = performance.now();
  const route = routeOf(new URL(req.url ?? '/', 'http://gateway.local').pathname);
  let told = false;
  const tell = () => {
    if (told) return;
    told = true;
    const status = res.headersSent ? res.statusCode : 499;
    const state = requestStates.get(res);
    const reason = res.headersSent ? reasonOf(res, status) : 'CLIENT_CLOSED_REQUEST';
    onResponse({ method: req.method ?? 'GET', route, status, reason, durationMs: Math.round(performance.now() - startedAt), ...(state ? { state } : {}) });
  };
  res.once('finish', tell);
  res.once('close', tell);
}

async function handle(options: HttpOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  const route = options.routes?.[url.pathname];
  if (route && req.method === 'GET') {
    const { status, body, contentType } = await route(url);
    if (contentType && typeof body === 'string') {
      res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } else {
      sendJson(res, status, body);
    }
    return;
  }
  for (const handler of options.handlers ?? []) if (await handler(req, res, url)) return;
  // A browser that opens the endpoint itself is sent to the web app, which has the query editor.
  if (url.pathname === '/graphql' && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(303, { location: '/', 'content-length': 0 });
    res.end();
    return;
  }
  if (url.pathname !== '/graphql') {
    // The path is the client's text, echoed: no nine-digit run, a BSN's shape, leaves in an error.
    graphqlError(res, 404, 'NOT_FOUND', `Nothing at ${redactText(url.pathname)}. GraphQL is served at /graphql.`);
    return;
  }
  if (req.method !== 'POST' && req.method !== 'GET') {
    res.setHeader('allow', 'GET, POST');
    graphqlError(res, 405, 'METHOD_NOT_ALLOWED', 'Use POST (or GET for queries) on /graphql.');
    return;
  }
  // A URL is written to the access logs of every proxy and load balancer on the way: a GET that
  // names a BSN (in the query or its variables) is refused before anything is asked.
  if (req.method === 'GET' && [...url.searchParams.values()].some(containsBsnLike)) {
    graphqlError(res, 400, 'BSN_IN_URL', `This GET request's URL holds a BSN ${BSN_SPELLINGS}; URLs are logged on their way. Send the query with POST, with the BSN in the body (in variables).`);
    return;
  }

  let caller: Caller;
  try {
    caller = await options.authenticate(header(req, 'authorization'));
  } catch (err) {
    if (err instanceof AuthenticationError || err instanceof AuthorisationError) {
      const answer = authErrorResponse(err);
      sendJson(res, answer.status, answer.body, answer.headers);
      return;
    }
    throw err;
  }
  let purpose;
  try {
    purpose = purposeFromHeaders(req.headers);
  } catch (err) {
    if (err instanceof PurposeHeaderError) {
      graphqlError(res, 400, err.code, err.message);
      return;
    }
    throw err;
  }
  if (purpose && !caller.projects.includes(purpose.project)) {
    const answer = authErrorResponse(
      new AuthorisationError('PROJECT_NOT_AUTHORISED', `You are not authorised for project "${purpose.project}". Your token lists: ${caller.projects.join(', ') || 'no projects'}.`),
    );
    sendJson(res, answer.status, answer.body, answer.headers);
    return;
  }

  let body: unknown;
  if (req.method === 'POST') {
    let text: string;
    try {
      text = await readBody(req, options.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyError) {
        graphqlError(res, err.status, err.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', err.message);
        return;
      }
      throw err;
    }
    try {
      body = text.length ? JSON.parse(text) : undefined;
    } catch {
      graphqlError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON. Send {"query": "...", "variables": {...}} with content-type application/json.');
      return;
    }
    const batchProblem = options.maxBatch !== undefined ? checkBatch(body, options.maxBatch) : null;
    if (batchProblem) {
      graphqlError(res, 400, 'BAD_REQUEST', batchProblem);
      return;
    }
  }

  const state = newRequestState(traceFromHeader(header(req, 'traceparent')), caller, purpose);
  requestStates.set(res, state);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: url.search, body },
    context: async () => ({ state, batch: Array.isArray(body) }),
  });
  const status = state.auditFailed || state.storeFailed ? 503 : (result.status ?? 200);
  if (status >= 400 && result.body.kind === 'complete') {
    const code = codeInGraphQLBody(result.body.string);
    if (code) answeredCodes.set(res, code);
  }
  const outHeaders: Record<string, string> = { 'x-request-id': state.requestId, 'x-trace-id': state.trace.traceId };
  for (const [key, value] of result.headers) outHeaders[key] = value;
  if (result.body.kind === 'complete') {
    outHeaders['content-length'] = String(Buffer.byteLength(result.body.string));
    res.writeHead(status, outHeaders);
    res.end(result.body.string);
    return;
  }
  res.writeHead(status, outHeaders);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

export function createGatewayHttpServer(options: HttpOptions): Server {
  const server = createServer(createHttpHandler(options));
  server.keepAliveTimeout = 65_000;
  return server;
}
