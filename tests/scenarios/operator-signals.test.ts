/**
 * What operators see. Every request, refused ones too, is one JSON log line (no personal data) and
 * a count by status and reason. A failed audit write is seen at once: an error log line and a metric, readiness 503 while the
 * trail cannot be written, and back to ready (with a log line) as soon as it can. The requests in
 * between get 503 without data (no log, no access).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, selectAddress, startProduct, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900001';
const QUERY = `{ adres(adresId: "${ADRES}") { straat bewoners { naam { geslachtsnaam } } } }`;

function metric(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('operator signals: request lines, and audit writes that fail and work again', () => {
  let p: Product;
  let analist: string;
  const ready = async () => (await fetch(`${p.origin}/health/ready`)).status;
  const metrics = async () => (await fetch(`${p.origin}/metrics`)).text();
  const events = (name: string) => p.logLines().map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === name);

  beforeAll(async () => {
    p = await startProduct();
    await selectAddress(p, ADRES);
    analist = await p.token('analist', 'belastingdienst');
  });
  afterAll(async () => {
    await p?.stop().catch(() => {});
    await p?.cleanup();
  });

  it('gives every request, refused ones too, one log line without personal data and a count by status and reason', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(p.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) => r.status);
    const auth = { authorization: `Bearer ${analist}`, 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': 'uitkeringsfraude' };
    const before = p.logLines().length;
    const statuses = [
      await post({}, JSON.stringify({ query: QUERY })),
      await post({ ...auth, 'x-doelpoort-purpose': 'bad purpose!' }, JSON.stringify({ query: QUERY })),
      await post({ ...auth, 'x-doelpoort-project': 'wijkaanpak-2025' }, JSON.stringify({ query: QUERY })),
      await post(auth, 'x'.repeat(1_100_000)),
      await post(auth, '{not json'),
      await post(auth, JSON.stringify({ query: '{ adres(adresId: "999990019") { nietBestaand } }' })),
      await post(auth, JSON.stringify({ query: QUERY })),
      (await fetch(`${p.origin}/999990019`)).status,
    ];
    expect(statuses).toEqual([401, 400, 403, 413, 400, 400, 200, 404]);
    const lines = p.logLines().slice(before).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l['event'] === 'request');
    expect(lines.map((l) => [l['status'], l['reason'], l['route']])).toEqual([
      [401, 'TOKEN_MISSING', '/graphql'],
      [400, 'BAD_PURPOSE_CONTEXT', '/graphql'],
      [403, 'PROJECT_NOT_AUTHORISED', '/graphql'],
      [413, 'PAYLOAD_TOO_LARGE', '/graphql'],
      [400, 'BAD_REQUEST', '/graphql'],
      [400, 'GRAPHQL_VALIDATION_FAILED', '/graphql'],
      [200, 'ok', '/graphql'],
      [404, 'NOT_FOUND', '(other)'],
    ]);
    expect(lines[6]).toMatchObject({ level: 'info', method: 'POST', traceId: expect.stringMatching(/^[0-9a-f]{32}$/), decisions: { allow: expect.any(Number) } });
    expect(JSON.stringify(lines)).not.toMatch(/Verhoeven|Hazelaarstraat|999990019/);
    const text = await metrics();
    expect(metric(text, 'doelpoort_requests_total{status="401",reason="TOKEN_MISSING"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'doelpoort_requests_total{status="413",reason="PAYLOAD_TOO_LARGE"}')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'doelpoort_requests_total{status="400",reason="GRAPHQL_VALIDATION_FAILED"}')).toBeGreaterThanOrEqual(1);
  });

  it('is ready and writable while the trail can be written', async () => {
    expect((await p.query(analist, 'uitkeringsfraude', QUERY)).status).toBe(200);
    expect(await ready()).toBe(200);
    const text = await metrics();
    expect(metric(text, 'doelpoort_audit_writable')).toBe(1);
    expect(metric(text, 'doelpoort_audit_write_failures_total')).toBe(0);
    expect(events('audit.write-failed')).toEqual([]);
  });

  it('logs and counts a failed write at once, answers 503 without data, and is not ready', async () => {
    await p.doelpoort.db.query('ALTER TABLE audit_log RENAME TO audit_log_away');
    const { status, body } = await p.query(analist, 'uitkeringsfraude', QUERY);
    expect(status).toBe(503);
    expect(body.data).toBeUndefined();
    expect(body.errors!.map((e) => e.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);

    const failed = events('audit.write-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', failures: 1 });
    expect(failed[0]!['records']).toBeGreaterThan(0);
    expect(JSON.stringify(failed)).not.toMatch(/Verhoeven|Hazelaarstraat|\d{9}/);
    const text = await metrics();
    expect(metric(text, 'doelpoort_audit_write_failures_total')).toBe(1);
    expect(metric(text, 'doelpoort_audit_writable')).toBe(0);
    expect(await ready()).toBe(503);
    expect(await ready()).toBe(503);
  });

  it('is ready again as soon as the trail can be written, says so, and answers with data', async () => {
    await p.doelpoort.db.query('ALTER TABLE audit_log_away RENAME TO audit_log');
    expect(await ready()).toBe(200);
    expect(events('audit.write-recovered')).toHaveLength(1);
    expect(metric(await metrics(), 'doelpoort_audit_writable')).toBe(1);
    const { status, body } = await p.query(analist, 'uitkeringsfraude', QUERY);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ adres: { straat: 'Hazelaarstraat' } });
  });
});
