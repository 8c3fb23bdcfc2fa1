/**
 * Aliased fields through the served gateway, request after request. Apollo Server's cache-control
 * plugin once wrapped every resolver of the schema the executor also used, so after the first
 * HTTP request data stored under an alias was never found; the executor now shapes responses with
 * a schema object Apollo never sees, and cache control is off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type Product } from '../helpers/product.ts';

describe('aliases through the whole product', () => {
  let p: Product;

  beforeAll(async () => {
    p = await startProduct();
  });
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  it('answers aliased root and nested fields under their aliases', async () => {
    const token = await p.token('analist', 'woningcorporatie');
    const { body } = await p.query(
      token,
      'woonfraude',
      `{ leeg: adres(adresId: "9999200000900014") { straatnaam: straat huisnummer } gesplitst: adres(adresId: "9999200000900002") { straat } }`,
    );
    expect(body).toEqual({ data: { leeg: { straatnaam: 'Meidoornweg', huisnummer: 9 }, gesplitst: { straat: 'Vlierbesstraat' } } });
  });
});
