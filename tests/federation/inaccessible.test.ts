import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf, validationErrors } from '../helpers/federation.ts';

const products = [
  { internalId: 'int-1', name: 'Fiets', costPrice: 300, note: { text: 'inkoop via leverancier A' } },
  { internalId: 'int-2', name: 'Step', costPrice: 80, note: { text: 'uitlopend' } },
];
const byId = (id: string) => products.find((p) => p.internalId === id);

function gateway() {
  return createTestGateway([
    {
      name: 'catalog',
      typeDefs: `${FED} type Query { products: [Product!]! }
        type Product @key(fields: "internalId") { internalId: ID! @inaccessible name: String! costPrice: Int @inaccessible note: Note @inaccessible }
        type Note @inaccessible { text: String! }`,
      resolvers: { Query: { products: () => products } },
    },
    {
      name: 'stock',
      typeDefs: `${FED} type Product @key(fields: "internalId") { internalId: ID! @inaccessible inStock: Int! }`,
      resolvers: { Product: { __resolveReference: (r: { internalId: string }) => ({ internalId: r.internalId, inStock: r.internalId === 'int-1' ? 3 : 0 }) } },
    },
  ]);
}

describe('@inaccessible', () => {
  it('keeps inaccessible fields and types out of the API schema', () => {
    const gw = gateway();
    expect(validationErrors(gw, `{ products { name costPrice } }`)).toEqual(['Cannot query field "costPrice" on type "Product".']);
    expect(validationErrors(gw, `{ products { note { text } } }`)).toEqual(['Cannot query field "note" on type "Product". Did you mean "name"?']);
    expect(validationErrors(gw, `{ products { internalId } }`)).toEqual(['Cannot query field "internalId" on type "Product".']);
    expect(validationErrors(gw, `{ products { ... on Note { text } } }`)).toEqual(['Unknown type "Note".']);
    expect(gw.apiSchema.getType('Note')).toBeUndefined();
  });

  it('still uses an inaccessible key field to join the subgraphs', async () => {
    const gw = gateway();
    const query = `{ products { name inStock } }`;
    expect(validationErrors(gw, query)).toEqual([]);
    const out = await gw.run(query);
    expect(out.result).toEqual({ data: { products: [{ name: 'Fiets', inStock: 3 }, { name: 'Step', inStock: 0 }] } });
    expect(queriesOf(gw, 'catalog')).toEqual(['{ products { __typename name _dp_internalId: internalId } }']);
    expect(gw.calls.get('stock')!.map((c) => c.variables)).toEqual([
      {
        r0: [
          { __typename: 'Product', internalId: 'int-1' },
          { __typename: 'Product', internalId: 'int-2' },
        ],
      },
    ]);
  });
});
