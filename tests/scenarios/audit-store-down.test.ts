/**
 * No log, no access, through the whole product: when the audit store goes down, no response
 * carries data about a person or an address, the answer is HTTP 503, and readiness says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectAddress, startProduct, type Product } from '../helpers/product.ts';

const ADRES = '9999200000900001';

describe('the audit store goes down', () => {
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
    const { status, body } = await p.query(analist, 'uitkeringsfraude', `{ adres(adresId: "${ADRES}") { straat bewoners { naam { geslachtsnaam } } } }`);
    expect(status).toBe(200);
    expect(body.data).toEqual({ adres: { straat: 'Hazelaarstraat', bewoners: [{ naam: { geslachtsnaam: 'Verhoeven' } }, { naam: { geslachtsnaam: 'Verhoeven' } }, { naam: { geslachtsnaam: 'Verhoeven' } }] } });
  });

  it('answers 503 without any data once the store is gone, and is no longer ready', async () => {
    await p.doelpoort.db.close();
    const analist = await p.token('analist', 'belastingdienst');
    const { status, body } = await p.query(analist, 'uitkeringsfraude', `{ adres(adresId: "${ADRES}") { straat bewoners { naam { geslachtsnaam } } } }`);
    expect(status).toBe(503);
    expect(body.data).toBeUndefined();
    expect(body.errors!.map((e) => e.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
    expect(JSON.stringify(body)).not.toContain('Verhoeven');
    expect(JSON.stringify(body)).not.toContain('Hazelaarstraat');
    const ready = await fetch(`${p.origin}/health/ready`);
    expect(ready.status).toBe(503);
  });
});
