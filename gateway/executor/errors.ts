/** The errors the executor puts into a response, and the redaction every partner message gets. */
import { GraphQLError } from 'graphql';
import type { Decision } from '../policy/types.ts';
import { redactText } from '../observability/redact.ts';

export function partnerError(subgraph: string, message: string, code: string, extensions?: Record<string, unknown>): GraphQLError {
  return new GraphQLError(`${subgraph}: ${redactText(message)}`, {
    extensions: { ...pickSafeExtensions(extensions), code, serviceName: subgraph },
  });
}

function pickSafeExtensions(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const code = extensions?.code;
  return typeof code === 'string' ? { partnerCode: code } : {};
}

export function deniedError(coordinate: string, owner: string, decision: Extract<Decision, { outcome: 'deny' }>): GraphQLError {
  return new GraphQLError(`Access to ${coordinate} was denied (${decision.principle}): ${decision.reason}`, {
    extensions: {
      code: 'FIELD_DENIED',
      coordinate,
      owner,
      principle: decision.principle,
      rule: decision.rule,
      reason: decision.reason,
    },
  });
}

export function unresolvableError(coordinate: string, why: string): GraphQLError {
  return new GraphQLError(`${coordinate} could not be resolved: ${why}`, { extensions: { code: 'FIELD_UNRESOLVABLE', coordinate } });
}
