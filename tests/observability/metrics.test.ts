import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../../gateway/observability/metrics.ts';

describe('gateway metrics', () => {
  it('names the gateway’s metrics first and shows the unlabelled ones at zero from the start', async () => {
    const lines = (await createGatewayMetrics().render()).split('\n');
    const types = lines.filter((line) => line.startsWith('# TYPE'));
    expect(types.slice(0, 9)).toEqual([
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
    expect(lines.filter((line) => /^doelpoort_\w+ /.test(line))).toEqual([
      'doelpoort_request_duration_seconds_sum 0',
      'doelpoort_request_duration_seconds_count 0',
      'doelpoort_audit_write_duration_seconds_sum 0',
      'doelpoort_audit_write_duration_seconds_count 0',
      'doelpoort_audit_queue_depth 0',
      'doelpoort_audit_write_failures_total 0',
      'doelpoort_audit_writable 0',
    ]);
  });

  it('serves prom-client’s default process and Node.js metrics after the gateway’s', async () => {
    const metrics = createGatewayMetrics();
    const types = (await metrics.render()).split('\n').filter((line) => line.startsWith('# TYPE')).slice(9);
    expect(types).toEqual(expect.arrayContaining(['# TYPE process_cpu_seconds_total counter', '# TYPE process_resident_memory_bytes gauge', '# TYPE nodejs_eventloop_lag_seconds gauge', '# TYPE nodejs_heap_size_used_bytes gauge']));
    expect(types.every((line) => /^# TYPE (process|nodejs)_/.test(line))).toBe(true);
    expect(metrics.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
  });

  it('counts decisions by outcome and principle, and partner calls with their duration in seconds', async () => {
    const metrics = createGatewayMetrics();
    const denied = { outcome: 'deny', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: 'r' } as const;
    metrics.recordDecisions([{ outcome: 'allow', rule: 'doelbinding.allowed' }, denied]);
    metrics.recordDecisions([denied, { outcome: 'minimise', principle: 'proportionaliteit', rule: 'proportionaliteit.tier-weight', reason: 'r', transform: 'year' }]);
    metrics.recordPartnerCall({ partner: 'brp', status: 'ok', durationMs: 20, refused: false });
    metrics.recordPartnerCall({ partner: 'brp', status: 'CIRCUIT_OPEN', durationMs: 0, refused: true });
    const samples = (await metrics.render()).split('\n').filter((line) => /^doelpoort_(decisions|partner_call)/.test(line));
    expect(samples).toEqual([
      'doelpoort_decisions_total{outcome="allow",principle="none"} 1',
      'doelpoort_decisions_total{outcome="deny",principle="proportionaliteit"} 2',
      'doelpoort_decisions_total{outcome="minimise",principle="proportionaliteit"} 1',
      'doelpoort_partner_calls_total{partner="brp",status="ok"} 1',
      'doelpoort_partner_calls_total{partner="brp",status="CIRCUIT_OPEN"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.005",partner="brp"} 0',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.01",partner="brp"} 0',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.025",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.05",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.1",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.25",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="0.5",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="1",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="2.5",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="5",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="10",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_bucket{le="+Inf",partner="brp"} 1',
      'doelpoort_partner_call_duration_seconds_sum{partner="brp"} 0.02',
      'doelpoort_partner_call_duration_seconds_count{partner="brp"} 1',
    ]);
  });
});
