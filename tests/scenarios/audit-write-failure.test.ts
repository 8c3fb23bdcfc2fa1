/**
 * A failed audit write is seen at once: an error log line and a metric, readiness 503 while the
 * trail cannot be written, and back to ready (with a log line) as soon as it can. The requests in
 * between get 503 without data (no log, no access).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAddress, startProduct, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900001';
const QUERY = `{ adres(adresId: "${ADRES}") { straat bewoners { naam { geslachtsnaam } } } }`;

function metric(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

describe('audit writes fail, then work again', () => {
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
