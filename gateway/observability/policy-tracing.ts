/**
 * A span per policy question: the executor asks the policy which fields of which entities may be
 * fetched from one partner, and each such question becomes one `doelpoort.policy` span (kind
 * internal), a child of the request's span. It says how many entities and fields were asked about,
 * how many decisions came out allowed, minimised and denied, and which principles minimised or
 * denied; never a subject id, a field value or a reason text.
 */
import type { Decision, Policy, Principle } from '../policy/types.ts';
import type { Attributes, Tracer } from './tracing.ts';

export const POLICY_SPAN = 'doelpoort.policy';

/** `policy` with every `decide` wrapped in a span; the answers and failures are passed on unchanged. */
export function tracedPolicy(policy: Policy, tracer: Tracer): Policy {
  return {
    async decide(question, context) {
      const span = tracer.startSpan(POLICY_SPAN, {
        traceId: context.traceId,
        parentSpanId: context.spanId,
        kind: 'internal',
        attributes: {
          'doelpoort.partner': question.owner,
          'doelpoort.entity_types': unique(question.entities.map((e) => e.typename)).join(','),
          'doelpoort.entities': question.entities.length,
          'doelpoort.fields': question.fields.length,
        },
      });
      try {
        const answer = await policy.decide(question, context);
        span.end('ok', decisionAttributes(answer.decisions.flat()));
        return answer;
      } catch (error) {
        span.end('error', { 'doelpoort.policy.failed': true });
        throw error;
      }
    },
  };
}

function decisionAttributes(decisions: readonly Decision[]): Attributes {
  const counts = { allow: 0, minimise: 0, deny: 0 };
  const minimisedBy: Principle[] = [];
  const deniedBy: Principle[] = [];
  for (const d of decisions) {
    counts[d.outcome] += 1;
    if (d.outcome === 'minimise') minimisedBy.push(d.principle);
    if (d.outcome === 'deny') deniedBy.push(d.principle);
  }
  return {
    'doelpoort.decisions.allow': counts.allow,
    'doelpoort.decisions.minimise': counts.minimise,
    'doelpoort.decisions.deny': counts.deny,
    ...(minimisedBy.length > 0 ? { 'doelpoort.minimised_by': unique(minimisedBy).sort().join(',') } : {}),
    ...(deniedBy.length > 0 ? { 'doelpoort.denied_by': unique(deniedBy).sort().join(',') } : {}),
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
