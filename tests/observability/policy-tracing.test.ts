import { describe, expect, it } from 'vitest';
import { tracedPolicy } from '../../gateway/observability/policy-tracing.ts';
import type { Attributes, SpanStart, SpanStatus, Tracer } from '../../gateway/observability/tracing.ts';
import type { Decision, FetchQuestion, Policy } from '../../gateway/policy/types.ts';
import { FIELDS } from '../policy/fixtures.ts';
import { testContext } from '../helpers/federation.ts';

interface Recorded {
  name: string;
  start: SpanStart;
  ended?: { status: SpanStatus | undefined; attributes: Attributes | undefined };
}

function recordingTracer(): { tracer: Tracer; spans: Recorded[] } {
  const spans: Recorded[] = [];
  const tracer: Tracer = {
    startSpan(name, start) {
      const span: Recorded = { name, start };
      spans.push(span);
      return { spanId: 'aaaaaaaaaaaaaaaa', end: (status, attributes) => void (span.ended = { status, attributes }) };
    },
    recordSpan() {},
    flush: async () => {},
    shutdown: async () => {},
  };
  return { tracer, spans };
}

const QUESTION: FetchQuestion = {
  owner: 'brp',
  fields: [FIELDS.geslachtsnaam, FIELDS.bsn, FIELDS.geboortedatum],
  entities: [
    { typename: 'Persoon', kind: 'person', subjectId: '999990007', path: ['adres', 'bewoners', 0] },
    { typename: 'Persoon', kind: 'person', subjectId: '999990019', path: ['adres', 'bewoners', 1] },
  ],
};

const ALLOW: Decision = { outcome: 'allow', rule: 'doelbinding.allowed' };
const MASK: Decision = { outcome: 'minimise', transform: 'masked-bsn', principle: 'proportionaliteit', rule: 'proportionaliteit.minimise', reason: 'r' };
const YEAR: Decision = { outcome: 'minimise', transform: 'year', principle: 'doelbinding', rule: 'doelbinding.minimise', reason: 'r' };
const DENY: Decision = { outcome: 'deny', principle: 'scope', rule: 'scope.outside-area', reason: 'person 999990019 is outside the area' };

describe('the policy span', () => {
  it('wraps each question in one internal span under the request span, counting decisions and naming the principles', async () => {
    const { tracer, spans } = recordingTracer();
    const answer = { decisions: [[ALLOW, MASK, YEAR], [DENY, DENY, DENY]] };
    const inner: Policy = { decide: async () => answer };
    const context = testContext();

    expect(await tracedPolicy(inner, tracer).decide(QUESTION, context)).toBe(answer);
    expect(spans).toEqual([
      {
        name: 'doelpoort.policy',
        start: {
          traceId: context.traceId,
          parentSpanId: context.spanId,
          kind: 'internal',
          attributes: { 'doelpoort.partner': 'brp', 'doelpoort.entity_types': 'Persoon', 'doelpoort.entities': 2, 'doelpoort.fields': 3 },
        },
        ended: {
          status: 'ok',
          attributes: {
            'doelpoort.decisions.allow': 1,
            'doelpoort.decisions.minimise': 2,
            'doelpoort.decisions.deny': 3,
            'doelpoort.minimised_by': 'doelbinding,proportionaliteit',
            'doelpoort.denied_by': 'scope',
          },
        },
      },
    ]);
  });

  it('leaves out the principles when everything is allowed', async () => {
    const { tracer, spans } = recordingTracer();
    const inner: Policy = { decide: async (q) => ({ decisions: q.entities.map(() => q.fields.map(() => ALLOW)) }) };
    await tracedPolicy(inner, tracer).decide(QUESTION, testContext());
    expect(spans.map((s) => s.ended)).toEqual([
      { status: 'ok', attributes: { 'doelpoort.decisions.allow': 6, 'doelpoort.decisions.minimise': 0, 'doelpoort.decisions.deny': 0 } },
    ]);
  });

  it('ends the span as an error and passes the failure on, without its message', async () => {
    const { tracer, spans } = recordingTracer();
    const failure = new Error('facts for 999990007 could not be loaded');
    const inner: Policy = { decide: async () => Promise.reject(failure) };
    await expect(tracedPolicy(inner, tracer).decide(QUESTION, testContext())).rejects.toBe(failure);
    expect(spans.map((s) => s.ended)).toEqual([{ status: 'error', attributes: { 'doelpoort.policy.failed': true } }]);
  });
});
