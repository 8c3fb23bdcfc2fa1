/**
 * No log, no access, through the whole product: when the audit store goes down, no response
 * carries data about a person or an address, the answer is HTTP 503, and readiness says so. A store
 * read the policy needs that fails (a lost connection, a failover, a broken table) fails the request
 * as a whole too, HTTP 503 without data, rather than an answer that reads as the policy's refusal;
 * its records are still written, and the gateway answers again once the store does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedFieldDecisions } from '../helpers/field-decisions.ts';
import { selectAddress, startProduct, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900001';
const QUERY = `{ adres(adresId: "${ADRES}") { straat bewoners { naam { geslachtsnaam } } } }`;
const ANSWER = { adres: { straat: 'Hazelaarstraat', bewoners: [{ naam: { geslachtsnaam: 'Verhoeven' } }, { naam: { geslachtsnaam: 'Verhoeven' } }, { naam: { geslachtsnaam: 'Verhoeven' } }] } };

describe('the store fails', () => {
  let p: Product;

  beforeAll(async () => {
    p = await startProduct();
    await selectAddress(p, ADRES);
  });
  afterAll(async () => {
    await p?.stop().catch(() => {});
    await p?.cleanup();
  });

  it('answers with data while the store is up', async () => {
    const analist = await p.token('analist', 'belastingdienst');
    const { status, body } = await p.query(analist, 'uitkeringsfraude', QUERY);
    expect(status).toBe(200);
    expect(body.data).toEqual(ANSWER);
  });

  it('answers 503 STORE_UNAVAILABLE without data, records the refusals, and serves again once the store reads', async () => {
    const analist = await p.token('analist', 'belastingdienst');
    await p.doelpoort.db.query('ALTER TABLE signals RENAME TO signals_away');
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const failed = await p.query(analist, 'uitkeringsfraude', QUERY, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(failed.status).toBe(503);
    expect(failed.body.data).toBeUndefined();
    expect(failed.body.errors!.map((e) => e.extensions?.['code'])).toEqual(['STORE_UNAVAILABLE']);
    expect(failed.body.errors![0]!.message).toBe(
      'The gateway could not read its store to decide this request, so no data is returned. Try again shortly; if it persists, tell the gateway operator.',
    );
    expect(JSON.stringify(failed.body)).not.toMatch(/Verhoeven|Hazelaarstraat|signals/);
    const decided = await storedFieldDecisions(p.doelpoort.db, 'trace_id = $1', [traceId]);
    expect(decided.length).toBeGreaterThan(0);
    expect(new Set(decided.map((d) => `${d.body.outcome} ${d.body.rule}`))).toEqual(new Set(['deny policy.error']));

    await p.doelpoort.db.query('ALTER TABLE signals_away RENAME TO signals');
    const again = await p.query(analist, 'uitkeringsfraude', QUERY);
    expect({ status: again.status, data: again.body.data }).toEqual({ status: 200, data: ANSWER });
  });

  it('answers 503 without any data once the store is gone, and is no longer ready', async () => {
    await p.doelpoort.db.close();
    const analist = await p.token('analist', 'belastingdienst');
    const { status, body } = await p.query(analist, 'uitkeringsfraude', QUERY);
    expect(status).toBe(503);
    expect(body.data).toBeUndefined();
    expect(body.errors!.map((e) => e.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
    expect(JSON.stringify(body)).not.toContain('Verhoeven');
    expect(JSON.stringify(body)).not.toContain('Hazelaarstraat');
    const ready = await fetch(`${p.origin}/health/ready`);
    expect(ready.status).toBe(503);
  });
});
