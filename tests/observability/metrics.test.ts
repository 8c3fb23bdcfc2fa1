import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../../gateway/observability/metrics.ts';
import { createRegistry } from '../../gateway/observability/prometheus.ts';

describe('Prometheus registry', () => {
  it('renders counters, gauges and histograms in the text exposition format', () => {
    const registry = createRegistry();
    const calls = registry.counter({ name: 'calls_total', help: 'Calls made.', labelNames: ['partner', 'status'] });
    const depth = registry.gauge({ name: 'queue_depth', help: 'Waiting.' });
    const duration = registry.histogram({ name: 'call_seconds', help: 'Call time.', labelNames: ['partner'], buckets: [0.25, 1] });
    calls.inc({ partner: 'uwv', status: 'ok' });
    calls.inc({ partner: 'uwv', status: 'ok' }, 2);
    calls.inc({ partner: 'svb', status: 'SUBGRAPH_TIMEOUT' });
    depth.set(7);
    depth.dec();
    duration.observe(0.125, { partner: 'uwv' });
    duration.observe(0.5, { partner: 'uwv' });
    duration.observe(4, { partner: 'uwv' });
    expect(registry.render()).toBe(
      [
        '# HELP calls_total Calls made.',
        '# TYPE calls_total counter',
        'calls_total{partner="uwv",status="ok"} 3',
        'calls_total{partner="svb",status="SUBGRAPH_TIMEOUT"} 1',
        '# HELP queue_depth Waiting.',
        '# TYPE queue_depth gauge',
        'queue_depth 6',
        '# HELP call_seconds Call time.',
        '# TYPE call_seconds histogram',
        'call_seconds_bucket{partner="uwv",le="0.25"} 1',
        'call_seconds_bucket{partner="uwv",le="1"} 2',
        'call_seconds_bucket{partner="uwv",le="+Inf"} 3',
        'call_seconds_sum{partner="uwv"} 4.625',
        'call_seconds_count{partner="uwv"} 3',
        '',
      ].join('\n'),
    );
  });

  it('escapes backslashes, quotes and newlines in label values, and backslashes and newlines in help', () => {
    const registry = createRegistry();
    const c = registry.counter({ name: 'odd_total', help: 'A \\ and a\nnewline.', labelNames: ['v'] });
    c.inc({ v: 'a"b\\c\nd' });
    expect(registry.render()).toBe(['# HELP odd_total A \\\\ and a\\nnewline.', '# TYPE odd_total counter', 'odd_total{v="a\\"b\\\\c\\nd"} 1', ''].join('\n'));
  });

  it('refuses wrong labels, a falling counter, a name used twice and unordered buckets', () => {
    const registry = createRegistry();
    const c = registry.counter({ name: 'c_total', help: 'h', labelNames: ['status'] });
    expect(() => c.inc({ partner: 'uwv' })).toThrow('c_total takes the labels status; got partner');
    expect(() => c.inc()).toThrow('c_total takes the labels status; got (none)');
    expect(() => c.inc({ status: 'ok' }, -1)).toThrow('c_total is a counter: it only goes up (got -1)');
    expect(() => registry.gauge({ name: 'c_total', help: 'h' })).toThrow('the metric c_total is registered twice');
    expect(() => registry.histogram({ name: 'h', help: 'h', buckets: [1, 1] })).toThrow('the buckets of h must be finite and strictly increasing');
    expect(() => registry.histogram({ name: 'h2', help: 'h', labelNames: ['le'], buckets: [1] })).toThrow('"le" is not a label it may have');
    expect(() => registry.counter({ name: 'bad-name', help: 'h' })).toThrow('"bad-name" is not a valid metric name');
  });
});

describe('gateway metrics', () => {
  it('names the gateway’s metrics and shows the unlabelled ones at zero from the start', () => {
    const text = createGatewayMetrics().render();
    expect(text.split('\n').filter((line) => line.startsWith('# TYPE'))).toEqual([
      '# TYPE doelpoort_requests_total counter',
      '# TYPE doelpoort_request_duration_seconds histogram',
      '# TYPE doelpoort_decisions_total counter',
      '# TYPE doelpoort_partner_calls_total counter',
      '# TYPE doelpoort_partner_call_duration_seconds histogram',
      '# TYPE doelpoort_audit_write_duration_seconds histogram',
      '# TYPE doelpoort_audit_queue_depth gauge',
      '# TYPE doelpoort_audit_write_failures_total counter',
      '# TYPE doelpoort_audit_writable gauge',
    ]);
    expect(text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual([
      'doelpoort_audit_queue_depth 0',
      'doelpoort_audit_write_failures_total 0',
      'doelpoort_audit_writable 0',
    ]);
  });

  it('counts decisions by outcome and principle, and partner calls with their duration in seconds', () => {
    const metrics = createGatewayMetrics();
    metrics.recordDecision({ outcome: 'allow', rule: 'doelbinding.allowed' });
    metrics.recordDecision({ outcome: 'deny', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: 'r' });
    metrics.recordDecision({ outcome: 'deny', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: 'r' });
    metrics.recordPartnerCall({ partner: 'brp', status: 'ok', durationMs: 20, refused: false });
    metrics.recordPartnerCall({ partner: 'brp', status: 'CIRCUIT_OPEN', durationMs: 0, refused: true });
    const samples = metrics.render().split('\n').filter((line) => /^doelpoort_(decisions|partner_call)/.test(line));
    expect(samples).toEqual([
      'doelpoort_decisions_total{outcome="allow",principle="none"} 1',
      'doelpoort_decisions_total{outcome="deny",principle="proportionaliteit"} 2',
      'doelpoort_partner_calls_total{partner="brp",status="ok"} 1',
      'doelpoort_partner_calls_total{partner="brp",status="CIRCUIT_OPEN"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.005"} 0',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.01"} 0',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.025"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.05"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.1"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.25"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="0.5"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="1"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="2.5"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="5"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="10"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{partner="brp",le="+Inf"} 1',
      'doelpoort_partner_call_duration_seconds_sum{partner="brp"} 0.02',
      'doelpoort_partner_call_duration_seconds_count{partner="brp"} 1',
    ]);
  });
});
