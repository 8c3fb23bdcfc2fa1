/**
 * The gateway-token check as plain node:http middleware, `(req, res, next)` as Express and Connect
 * use it. It reads the JSON body `{ query, variables?, operationName? }`, checks the token for
 * exactly that call, and then puts the parsed body on `req.body` and the claims on `req.gateway`
 * for the GraphQL handler that follows (which must read `req.body`: the stream has been read).
 * A refusal is answered at once with its HTTP status and `{ errors: [{ message, extensions: { code } }] }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { GatewayTokenError } from './errors.ts';
import { checkGatewayCall } from './guard.ts';
import type { GatewayClaims, GraphQLCall } from './token.ts';
import type { GatewayTokenVerifier } from './verify.ts';

export type GatewayCheckedRequest = IncomingMessage & { body?: GraphQLCall; gateway?: GatewayClaims };

const MAX_BODY_BYTES = 1024 * 1024;

export function gatewayTokenMiddleware(
  schema: GraphQLSchema,
  verifier: GatewayTokenVerifier,
): (req: GatewayCheckedRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    check(schema, verifier, req).then(
      (outcome) => {
        if ('refusal' in outcome) return answer(res, outcome.status, outcome.refusal);
        req.body = outcome.call;
        if (outcome.claims !== undefined) req.gateway = outcome.claims;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

type Outcome = { call: GraphQLCall; claims: GatewayClaims | undefined } | { status: number; refusal: { message: string; extensions?: { code: string } } };

async function check(schema: GraphQLSchema, verifier: GatewayTokenVerifier, req: IncomingMessage): Promise<Outcome> {
  const call = await readCall(req);
  if (typeof call === 'string') return { status: 400, refusal: { message: call } };
  let document: DocumentNode | undefined;
  try {
    document = parse(call.query);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  const authorization = req.headers.authorization;
  try {
    // A query that does not parse asks for no fields, but still needs the token for exactly it.
    const claims = document
      ? await checkGatewayCall(verifier, schema, document, call, authorization)
      : await verifier.verify(authorization, { fields: [], call });
    return { call, claims };
  } catch (error) {
    if (!(error instanceof GatewayTokenError)) throw error;
    return { status: error.status, refusal: error.toGraphQLError() };
  }
}

/** The GraphQL call in the JSON body, or what is wrong with it. */
async function readCall(req: IncomingMessage): Promise<GraphQLCall | string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return `The request body is larger than ${MAX_BODY_BYTES} bytes.`;
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return 'The request body is not valid JSON.';
  }
  const { query, variables, operationName } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof query !== 'string' || query.trim() === '') return 'The request body must be a JSON object with a non-empty string "query".';
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return '"variables" must be a JSON object when given.';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return '"operationName" must be a string when given.';
  return { query, variables: (variables ?? {}) as Record<string, unknown>, operationName: (operationName ?? null) as string | null };
}

function answer(res: ServerResponse, status: number, error: { message: string; extensions?: { code: string } }): void {
  const text = JSON.stringify({ errors: [error] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
