/** The errors the executor puts into a response, and the redaction every partner message gets. */
import { GraphQLError, type FieldNode } from 'graphql';
import type { Decision } from '../policy/types.ts';
import { redactBsnLike } from '../observability/redact.ts';

/**
 * A field error without a captured stack trace. These errors are answers (a denial, a partner's
 * failure), not faults of the gateway: their stack says nothing, and graphql-js reads it when it
 * places the error, which under source maps cost about 8 ms per combined view with 36 denials.
 */
function answerError(message: string, extensions: Record<string, unknown>, at?: FieldLocation): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, { extensions, ...at });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Where a field error stands in the response: its field nodes and response path. An error that
 * carries them is placed by graphql-js as it is, instead of being copied into a new located error.
 */
export interface FieldLocation {
  nodes: readonly FieldNode[];
  path: readonly (string | number)[];
}

export function partnerError(subgraph: string, message: string, code: string, extensions?: Record<string, unknown>): GraphQLError {
  // A partner's own words: nine digits or more masked, and a BSN-like number in any other spelling too.
  return answerError(`${subgraph}: ${redactBsnLike(message)}`, { ...pickSafeExtensions(extensions), code, serviceName: subgraph });
}

function pickSafeExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const code = extensions?.code;
  return typeof code === 'string' ? { partnerCode: code } : {};
}

export function deniedError(coordinate: string, owner: string, decision: Extract<Decision, { outcome: 'deny' }>, at?: FieldLocation): GraphQLError {
  return answerError(`Access to ${coordinate} was denied (${decision.principle}): ${decision.reason}`, {
    code: 'FIELD_DENIED',
    coordinate,
    owner,
    principle: decision.principle,
    rule: decision.rule,
    reason: decision.reason,
  }, at);
}

export function unresolvableError(coordinate: string, why: string): GraphQLError {
  return answerError(`${coordinate} could not be resolved: ${why}`, { code: 'FIELD_UNRESOLVABLE', coordinate });
}

/** A field of a person or an address whose selection the query planner or the plan compiler cannot serve. */
export function planningError(coordinate: string, why: string): GraphQLError {
  return answerError(`${coordinate} could not be planned: ${why}`, { code: 'QUERY_PLANNING_FAILED', coordinate });
}

/** The refusal of a field its owner has not classified (rule classification.missing): never released. */
export function unclassifiedDecision(owner: string, coordinate: string): Extract<Decision, { outcome: 'deny' }> {
  return {
    outcome: 'deny',
    principle: 'classification',
    rule: 'classification.missing',
    reason: `The partner ${owner} has not classified ${coordinate}, so it is never released. The partner must declare @classified on it.`,
  };
}

/** A field the request had no time left to fetch. */
export function requestTimeoutError(limitMs: number): GraphQLError {
  return new GraphQLError(`The request ran out of its ${limitMs} ms before this field was fetched; the data so far is returned.`, { extensions: { code: 'REQUEST_TIMEOUT' } });
}
