/**
 * The app's calls to the gateway, same origin: GraphQL with the context bar's headers, and the
 * privacy officer's JSON API. A BSN only ever travels in a POST body, never in a URL.
 */
import type { Session } from './session.ts';

export interface QueryContext {
  project: string;
  purpose: string;
  caseId: string;
  justification: string;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; coordinate?: string; owner?: string; principle?: string; rule?: string; reason?: string };
}

export interface Minimised {
  path: (string | number)[] | string;
  coordinate: string;
  transform: string;
  value: unknown;
}

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphQLError[];
  extensions?: { doelpoort?: { minimised?: Minimised[] } };
}

/** An answer the app cannot use: the gateway's own message, to show as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let onUnauthenticated: () => void = () => {};
/** Called when the gateway no longer accepts the token (expired or revoked): the session ends. */
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

/** The headers that carry the context bar: project, purpose, case and justification. */
export function contextHeaders(context: QueryContext): Record<string, string> {
  return {
    ...(context.project ? { 'x-doelpoort-project': context.project } : {}),
    ...(context.purpose ? { 'x-doelpoort-purpose': context.purpose } : {}),
    ...(context.caseId.trim() ? { 'x-doelpoort-case': context.caseId.trim() } : {}),
    ...(context.justification.trim() ? { 'x-doelpoort-justification': encodeURIComponent(context.justification.trim()) } : {}),
  };
}

async function send(session: Session, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${session.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
  });
  if (response.status === 401) onUnauthenticated();
  const json = (await response.json().catch(() => undefined)) as unknown;
  return { status: response.status, json };
}

export async function graphql<T = Record<string, unknown>>(session: Session, context: QueryContext, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer<T>> {
  const { status, json } = await send(session, 'POST', '/graphql', { query, ...(variables ? { variables } : {}) }, contextHeaders(context));
  const answer = (json ?? {}) as GraphQLAnswer<T>;
  if (answer.data === undefined && answer.errors?.length) throw new ApiError(status, answer.errors.map((e) => e.message).join(' '));
  if (json === undefined) throw new ApiError(status, `The gateway answered HTTP ${status} without a body.`);
  return { ...answer, status };
}

/** A call to the privacy officer's API (docs/audit.md); throws ApiError with the gateway's message. */
export async function auditApi<T>(session: Session, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const { status, json } = await send(session, method, path, body);
  if (status !== 200) {
    const message = (json as { error?: { message?: string } } | undefined)?.error?.message ?? `The audit API answered HTTP ${status}.`;
    throw new ApiError(status, message);
  }
  return json as T;
}
