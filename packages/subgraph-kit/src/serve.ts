/**
 * Serving a partner subgraph over HTTP: GraphQL over HTTP, POST with a JSON body
 * `{ query, variables?, operationName? }` at /graphql. Small on purpose: node:http, graphql-js,
 * and a cache of parsed and validated documents per query string. Every call that asks for more
 * than the schema needs the gateway's token for exactly that call: there is no way to serve
 * without a verifier.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLError, Source, execute, parse, validate } from 'graphql';
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { PartnerSubgraph } from './build.ts';
import { asksSchemaOnly, fieldCoordinatesByQuery } from './coordinates.ts';
import { GatewayTokenError } from './errors.ts';
import type { GatewayTokenVerifier } from './verify.ts';

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_CACHED_DOCUMENTS = 1000;

/** What a subgraph was asked: given to `onRequest` before the operation runs. */
export interface SubgraphRequest {
  subgraph: string;
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  headers: IncomingHttpHeaders;
  /** The parsed operation, or null when the query does not parse or validate (it will be answered 400). */
  document: DocumentNode | null;
}

/**
 * Thrown by `onRequest` to refuse a request, e.g. 401 for a missing gateway token. Any error with a
 * numeric 4xx/5xx `status` refuses the same way; any other error is answered 500 without its message.
 */
export class SubgraphRequestRefused extends Error {
  override name = 'SubgraphRequestRefused';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Verifies the gateway's token of every call (createGatewayTokenVerifier with this partner's name). */
  verifier: GatewayTokenVerifier;
  /** Told of every request before its token is checked; may refuse it by throwing. */
  onRequest?: (request: SubgraphRequest) => void | Promise<void>;
}

export interface ServedSubgraph {
  /** The GraphQL endpoint, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function serveSubgraph(subgraph: PartnerSubgraph, { port, host = '127.0.0.1', verifier, onRequest }: ServeOptions): Promise<ServedSubgraph> {
  if (typeof verifier?.verify !== 'function') throw new TypeError(`${subgraph.name}: serveSubgraph needs a verifier of the gateway's tokens`);
  const documents = new DocumentCache(subgraph.schema);
  const coordinates = fieldCoordinatesByQuery(subgraph.schema);
  const guard: Guard = async (request) => {
    if (request.document !== null && asksSchemaOnly(request.document)) return;
    const fields = request.document === null ? [] : coordinates(request.query, request.document);
    const header = request.headers.authorization;
    await verifier.verify(Array.isArray(header) ? header[0] : header, { fields, call: request });
  };
  const server = createServer((req, res) => {
    handle(subgraph, documents, onRequest, guard, req).then(
      (reply) => send(res, reply),
      () => send(res, failure(500, 'The subgraph could not handle the request.')),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}${GRAPHQL_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

type Guard = (request: SubgraphRequest) => Promise<void>;

async function handle(
  subgraph: PartnerSubgraph,
  documents: DocumentCache,
  onRequest: ServeOptions['onRequest'],
  guard: Guard,
  req: IncomingMessage,
): Promise<Reply> {
  if (new URL(req.url ?? '/', 'http://subgraph').pathname !== GRAPHQL_PATH) return failure(404, `Not found: the GraphQL endpoint is ${GRAPHQL_PATH}.`);
  if (req.method !== 'POST') return { ...failure(405, 'Use POST with a JSON body.'), headers: { allow: 'POST' } };
  if (!isJsonContentType(req.headers['content-type'])) return failure(415, 'The request body must be application/json.');

  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return failure(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  const body = await readBody(req);
  if (body === null) return failure(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  const parsed = parseGraphQLRequest(body);
  if ('error' in parsed) return failure(400, parsed.error);

  const document = documents.get(parsed.query);
  const request: SubgraphRequest = { subgraph: subgraph.name, ...parsed, headers: req.headers, document: 'kind' in document ? document : null };
  // Asked even for an invalid query, so that a refused caller learns nothing from validation errors.
  try {
    await onRequest?.(request);
    await guard(request);
  } catch (error) {
    if (error instanceof GatewayTokenError) return { status: error.status, body: { errors: [error.toGraphQLError()] } };
    const status = refusalStatus(error);
    if (status === null) throw error;
    return failure(status, (error as Error).message);
  }

  if (!('kind' in document)) return { status: 400, body: { errors: document.errors } };
  const result = await execute({
    schema: subgraph.schema,
    document,
    variableValues: request.variables,
    operationName: request.operationName,
  });
  const formatted = result.errors === undefined ? result : { ...result, errors: result.errors.map(formatError) };
  // No "data" at all: the operation could not start (unknown operation, bad variables).
  return { status: 'data' in result ? 200 : 400, body: formatted };
}

/**
 * An error as JSON, with every run of nine or more digits masked: graphql-js repeats offending
 * values in its messages, and a BSN must not come back in one.
 */
export function formatError(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  return { ...formatted, message: formatted.message.replace(/\d{9,}/g, (run) => '*'.repeat(run.length)) };
}

type ParsedRequest = Pick<SubgraphRequest, 'query' | 'variables' | 'operationName'> | { error: string };

/** Strict checks of the JSON body; the messages say what is wrong without echoing the input. */
export function parseGraphQLRequest(body: string): ParsedRequest {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { error: 'The request body is not valid JSON.' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { error: 'The request body must be a JSON object.' };
  const { query, variables, operationName } = json as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return { error: 'The request body must have a non-empty string "query".' };
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    return { error: '"variables" must be a JSON object when given.' };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return { error: '"operationName" must be a string when given.' };
  }
  return { query, variables: (variables ?? {}) as Record<string, unknown>, operationName: operationName ?? null };
}

/** Parsed and validated documents by query string; a failed one is kept with its errors. */
class DocumentCache {
  private readonly entries = new Map<string, DocumentNode | { errors: readonly GraphQLFormattedError[] }>();

  constructor(private readonly schema: GraphQLSchema) {}

  get(query: string): DocumentNode | { errors: readonly GraphQLFormattedError[] } {
    let entry = this.entries.get(query);
    if (entry === undefined) {
      entry = this.prepare(query);
      if (this.entries.size >= MAX_CACHED_DOCUMENTS) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(query, entry);
    }
    return entry;
  }

  private prepare(query: string): DocumentNode | { errors: readonly GraphQLFormattedError[] } {
    let document: DocumentNode;
    try {
      document = parse(new Source(query, 'request'));
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [formatError(error)] };
      throw error;
    }
    const errors = validate(this.schema, document);
    return errors.length > 0 ? { errors: errors.map(formatError) } : document;
  }
}

function refusalStatus(error: unknown): number | null {
  if (!(error instanceof Error)) return null;
  const status: unknown = (error as { status?: unknown }).status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status <= 599 ? status : null;
}

function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** The body as text, or null when it is larger than allowed. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function failure(status: number, message: string): Reply {
  return { status, body: { errors: [{ message }] } };
}

function send(res: ServerResponse, { status, body, headers = {} }: Reply): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
