/**
 * Requests a caller shapes in ways the gateway must answer well (issue 12, items 5 and 7): a
 * request without project and purpose headers gets its non-personal fields and a context denial
 * for every personal one (never a 500); a batched POST runs each operation as a request of its
 * own, judged and audited on its own, up to limits.maxBatch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { denials, PROJECT, startProduct, type GraphQLBody, type Product } from '../helpers/product.ts';

const FAMILY_HOME = '9999200000900001';
const ESMEE = '999990007';

describe('requests a caller may shape', () => {
  let p: Product;

  beforeAll(async () => {
    p = await startProduct();
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  async function post(token: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const response = await fetch(p.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  const declared = { 'x-doelpoort-project': PROJECT, 'x-doelpoort-purpose': 'uitkeringsfraude' };

  it('without project and purpose headers: non-personal fields answer, personal ones are denied by the context rule', async () => {
    const token = await p.token('analist', 'sociale-dienst');
    const { status, body } = await post(token, { query: `{ __typename adres(adresId: "${FAMILY_HOME}") { __typename straat } persoon(bsn: "${ESMEE}") { naam { geslachtsnaam } } }` });
    expect(status).toBe(200);
    expect((body as GraphQLBody).data).toEqual({ __typename: 'Query', adres: { __typename: 'Adres', straat: null }, persoon: { naam: null } });
    expect(denials(body as GraphQLBody)).toEqual([
      { path: 'adres.straat', code: 'FIELD_DENIED', principle: 'context', rule: 'context.missing-purpose' },
      { path: 'persoon.naam', code: 'FIELD_DENIED', principle: 'context', rule: 'context.missing-purpose' },
    ]);
  });

  it('a batch answers each operation in order, each with its own decisions', async () => {
    const analyst = await p.token('analist', 'sociale-dienst');
    const { status, body } = await post(
      analyst,
      [
        { query: `{ adres(adresId: "${FAMILY_HOME}") { straat huisnummer } }` },
        { query: `query Wie($bsn: ID!) { persoon(bsn: $bsn) { bsn } }`, variables: { bsn: ESMEE } },
        { query: `{ adres(adresId: "${FAMILY_HOME}") { bewoners { bijstand { bedragPerMaand } } } }` },
      ],
      declared,
    );
    expect(status).toBe(200);
    const answers = body as GraphQLBody[];
    expect(answers).toHaveLength(3);
    expect(answers[0]).toEqual({ data: { adres: { straat: 'Hazelaarstraat', huisnummer: 14 } } });
    // The same questions one by one answer the same: each operation is judged on its own.
    expect(answers[1]).toEqual((await p.query(analyst, 'uitkeringsfraude', `query Wie($bsn: ID!) { persoon(bsn: $bsn) { bsn } }`, {}, { bsn: ESMEE })).body);
    expect(answers[2]).toEqual((await p.query(analyst, 'uitkeringsfraude', `{ adres(adresId: "${FAMILY_HOME}") { bewoners { bijstand { bedragPerMaand } } } }`)).body);
  });

  it('records each operation of a batch in the audit trail under a request of its own', async () => {
    const analyst = await p.token('analist', 'sociale-dienst', { id: 'batch-analist' });
    const officer = await p.token('privacy-officer', 'gemeente');
    const one = `{ persoon(bsn: "${ESMEE}") { naam { geslachtsnaam } } }`;
    const { status } = await post(analyst, [{ query: one }, { query: one }], declared);
    expect(status).toBe(200);
    const { body } = await p.audit(officer, 'POST', '/audit/person-access', { bsn: ESMEE });
    const mine = (body as { items: { kind: string; body: { caller_id: string; request_id: string; trace_id: string; resource: string } }[] }).items.filter(
      (r) => r.kind === 'decision' && r.body.caller_id === 'batch-analist',
    );
    expect(mine.map((r) => r.body.resource)).toEqual(['Persoon.naam', 'Persoon.naam']);
    // Two requests in the audit trail, in the one trace of the HTTP request.
    expect(new Set(mine.map((r) => r.body.request_id)).size).toBe(2);
    expect(new Set(mine.map((r) => r.body.trace_id)).size).toBe(1);
  });

  it('refuses a batch of more than limits.maxBatch operations before any runs, and an empty one', async () => {
    const analyst = await p.token('analist', 'sociale-dienst');
    const asked = p.partnerRequests().length;
    const six = Array.from({ length: 6 }, () => ({ query: `{ adres(adresId: "${FAMILY_HOME}") { straat } }` }));
    expect(await post(analyst, six, declared)).toEqual({
      status: 400,
      body: { errors: [{ message: 'The request batches 6 operations; the limit is 5. Send fewer operations per request.', extensions: { code: 'BAD_REQUEST' } }] },
    });
    const empty = await post(analyst, [], declared);
    expect(empty.status).toBe(400);
    expect(p.partnerRequests().length).toBe(asked);
  });
});
