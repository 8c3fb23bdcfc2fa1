/**
 * Client aliases never reach the gateway's own bookkeeping (issue 12, item 1). An alias that looks
 * like an internal response key (`_dp_bsn`, `_dp_adresId`) answers exactly what the same field
 * under its own name answers: the same data, the same denials; a value never appears in an error
 * message. Aliases GraphQL reserves (a `__` prefix) are refused at validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT, startProduct, type GraphQLBody, type Product } from '../helpers/product.ts';

const SPLIT = '9999200000900002';
const FAMILY_HOME = '9999200000900001';

/** The body with every response key renamed back: `from` → `to`, in data and error paths. */
function renamed(body: GraphQLBody, from: string, to: string): GraphQLBody {
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k === from ? to : k, rename(v)]));
    return value;
  };
  return {
    ...body,
    data: rename(body.data) as GraphQLBody['data'],
    ...(body.errors ? { errors: body.errors.map((e) => ({ ...e, ...(e.path ? { path: e.path.map((p) => (p === from ? to : p)) } : {}) })) } : {}),
  };
}

describe('client aliases against internal names', () => {
  let p: Product;

  beforeAll(async () => {
    p = await startProduct();
    // Selected addresses: the fields about their residents are decided on one by one.
    const coordinator = await p.token('coordinator', 'sociale-dienst');
    for (const adresId of [SPLIT, FAMILY_HOME]) {
      const { body } = await p.query(coordinator, 'woonfraude', `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${adresId}", reden: "Signals of two or more partners overlap on this address.") { id } }`);
      expect(body.errors).toBeUndefined();
    }
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
    await p?.cleanup();
  });

  /** Asks `plain` and the same query with `alias` on one field; both answers must be the same. */
  /** The aliased query answers exactly as the plain one; `refused`: the plain one is refused a field, so the alias must be refused alike. */
  async function same(token: string, purpose: string, plain: string, aliased: string, alias: string, field: string, headers: Record<string, string> = {}, refused = true) {
    const a = await p.query(token, purpose, plain, headers);
    const b = await p.query(token, purpose, aliased, headers);
    expect(b.status).toBe(a.status);
    expect(renamed(b.body, alias, field)).toEqual(a.body);
    expect(a.body.errors?.some((e) => e.extensions?.['code'] === 'FIELD_DENIED') ?? false).toBe(refused);
    return { plain: a.body, aliased: b.body };
  }

  it('`_dp_bsn: bsn` of a resident under the BRP secrecy flag is denied as plain `bsn` is (a private body, woonfraude)', async () => {
    const token = await p.token('analist', 'woningcorporatie');
    const { aliased } = await same(
      token,
      'woonfraude',
      `{ adres(adresId: "${SPLIT}") { bewoners { bsn } } }`,
      `{ adres(adresId: "${SPLIT}") { bewoners { _dp_bsn: bsn } } }`,
      '_dp_bsn',
      'bsn',
    );
    expect(JSON.stringify(aliased.data)).not.toContain('999990160');
    expect(aliased.errors?.length).toBeGreaterThan(0);
  });

  // The employer's owner lives outside the area, but is in scope through the employer that houses
  // people at the selected address (a linked person): his geslacht is released, never his BSN.
  it('`_dp_bsn: geslacht` of the employer\'s owner gives his geslacht, never his BSN (arbeidsinspectie, arbeidsuitbuiting)', async () => {
    const token = await p.token('analist', 'arbeidsinspectie');
    const { aliased } = await same(
      token,
      'arbeidsuitbuiting',
      `{ adres(adresId: "${FAMILY_HOME}") { huisvestingArbeidsmigranten { werkgever { eigenaar { geslacht } } } } }`,
      `{ adres(adresId: "${FAMILY_HOME}") { huisvestingArbeidsmigranten { werkgever { eigenaar { _dp_bsn: geslacht } } } } }`,
      '_dp_bsn',
      'geslacht',
      {},
      false,
    );
    expect(JSON.stringify(aliased)).not.toMatch(/9999\d{5}/);
  });

  it('`_dp_adresId: straat` under the ended project gives no address id', async () => {
    const token = await p.token('analist', 'sociale-dienst', { projects: ['wijkaanpak-2025'] });
    const headers = { 'x-doelpoort-project': 'wijkaanpak-2025' };
    const { aliased } = await same(
      token,
      'uitkeringsfraude',
      `{ adresOpPostcode(postcode: "5973ZA", huisnummer: 7) { straat } }`,
      `{ adresOpPostcode(postcode: "5973ZA", huisnummer: 7) { _dp_adresId: straat } }`,
      '_dp_adresId',
      'straat',
      headers,
    );
    expect(JSON.stringify(aliased)).not.toContain('99992000009');
  });

  it('`_dp_bsn: geheimhouding` puts no BSN into an error message', async () => {
    const token = await p.token('analist', 'sociale-dienst');
    const { aliased } = await same(
      token,
      'woonfraude',
      `{ adres(adresId: "${SPLIT}") { eigenaar { geheimhouding } } }`,
      `{ adres(adresId: "${SPLIT}") { eigenaar { _dp_bsn: geheimhouding } } }`,
      '_dp_bsn',
      'geheimhouding',
      {},
      false,
    );
    expect(JSON.stringify(aliased)).not.toMatch(/9999\d{5}/);
    for (const error of aliased.errors ?? []) expect(error.message).not.toMatch(/cannot represent/);
  });

  it('refuses an alias with the reserved `__` prefix at validation, saying what to write instead', async () => {
    const token = await p.token('analist', 'sociale-dienst');
    const asked = p.partnerRequests().length;
    const { status, body } = await p.query(token, 'uitkeringsfraude', `{ persoon(bsn: "999990007") { __typename: verblijfsstatus { geldigTot } } }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors![0]!.message).toBe(
      'The alias "__typename" starts with "__", which GraphQL reserves for its own names. Choose an alias without the leading "__", e.g. "typename".',
    );
    expect(p.partnerRequests().length).toBe(asked);
  });
});
