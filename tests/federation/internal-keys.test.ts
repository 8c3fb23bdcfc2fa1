/**
 * Internal keys are out of a client's reach by construction (gateway/executor/keys.ts): the
 * executor itself, without the HTTP layer's validation, answers an alias that equals an internal
 * key (`_dp_bsn`), the type name (`__typename`) or the escape (`c_…`) exactly as the field under
 * its own name, and sends the partner such an alias only escaped.
 */
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../subgraphs/world/index.ts';
import { createInProcessWorldGateway } from '../helpers/world-gateway.ts';

const FAMILY_HOME = '9999200000900001';
const ESMEE = '999990007';

describe('aliases that look like the executor’s own keys', () => {
  const gateway = createInProcessWorldGateway(defaultWorld());

  it.each([
    ['_dp_bsn', `{ adres(adresId: "${FAMILY_HOME}") { bewoners { ALIAS: geslacht } } }`],
    ['_dp_adresId', `{ adres(adresId: "${FAMILY_HOME}") { ALIAS: straat } }`],
    ['__typename', `{ persoon(bsn: "${ESMEE}") { ALIAS: verblijfsstatus { geldigTot } } }`],
    ['c__dp_bsn', `{ persoon(bsn: "${ESMEE}") { ALIAS: geslacht bsn } }`],
    ['c_x', `{ persoon(bsn: "${ESMEE}") { ALIAS: geslacht c__x: bsn x: naam { geslachtsnaam } } }`],
  ])('%s answers as the field under its own name', async (alias, template) => {
    const aliased = await gateway.run(template.replace('ALIAS', alias));
    const plain = await gateway.run(template.replace('ALIAS', 'gewoon'));
    expect(aliased.result.errors).toBeUndefined();
    expect(JSON.stringify(aliased.result.data)).toBe(JSON.stringify(plain.result.data).replaceAll('"gewoon"', JSON.stringify(alias)));
    expect(aliased.decisions.map((d) => [d.coordinate, d.subject.id])).toEqual(plain.decisions.map((d) => [d.coordinate, d.subject.id]));
  });

  it('sends a partner the client’s `_dp_bsn` alias escaped, beside its own `_dp_bsn`', async () => {
    gateway.reset();
    const { result } = await gateway.run(`{ persoon(bsn: "${ESMEE}") { _dp_bsn: geslacht } }`);
    expect(result).toEqual({ data: { persoon: { _dp_bsn: 'V' } } });
    const queries = gateway.calls.map((c) => c.query.replace(/\s+/g, ' '));
    expect(queries.some((q) => q.includes('c__dp_bsn: geslacht'))).toBe(true);
    expect(queries.some((q) => /[^_]_dp_bsn: geslacht/.test(q))).toBe(false);
  });

  it('sends a partner an address’s own id as its key, never the client’s alias `adresId` of another field', async () => {
    gateway.reset();
    const { result } = await gateway.run(`{ adres(adresId: "${FAMILY_HOME}") { ... on Adres { adresId: postcode } x: adresId } }`);
    expect(result).toEqual({ data: { adres: { adresId: '5971ZA', x: FAMILY_HOME } } });
    expect(gateway.calls.map((c) => [c.subgraph, c.query.replace(/\s+/g, ' '), c.variables])).toEqual([
      ['bag', `{ adres(adresId: "${FAMILY_HOME}") { __typename _dp_adresId: adresId } }`, {}],
      ['bag', 'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Adres { __typename adresId: postcode } } }', { r0: [{ __typename: 'Adres', adresId: FAMILY_HOME }] }],
    ]);
  });

  it('answers an alias of __typename on an address from the type it holds, and plans the address’s other fields', async () => {
    gateway.reset();
    const { result } = await gateway.run(`{ adres(adresId: "${FAMILY_HOME}") { x: __typename straat } }`);
    expect(result).toEqual({ data: { adres: { x: 'Adres', straat: 'Hazelaarstraat' } } });
    expect(gateway.calls.map((c) => [c.subgraph, c.query.replace(/\s+/g, ' '), c.variables])).toEqual([
      ['bag', `{ adres(adresId: "${FAMILY_HOME}") { __typename _dp_adresId: adresId } }`, {}],
      ['bag', 'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Adres { __typename straat } } }', { r0: [{ __typename: 'Adres', adresId: FAMILY_HOME }] }],
    ]);
  });
});
