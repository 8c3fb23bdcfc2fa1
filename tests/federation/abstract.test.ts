import { describe, expect, it } from 'vitest';
import { FED, createTestGateway, queriesOf } from '../helpers/federation.ts';

const items = [
  { __typename: 'Book', id: 'b1', title: 'Max Havelaar' },
  { __typename: 'Movie', id: 'm1', title: 'Turks fruit' },
  { __typename: 'Book', id: 'b2', title: 'De avonden' },
];
const books: Record<string, { author: string; pages: number }> = { b1: { author: 'Multatuli', pages: 400 }, b2: { author: 'Reve', pages: 230 } };
const movies: Record<string, { director: string }> = { m1: { director: 'Verhoeven' } };
const entity = (typename: string) => ({ __resolveReference: (r: { id: string }) => items.find((i) => i.__typename === typename && i.id === r.id) });

function gateway() {
  return createTestGateway([
    {
      name: 'library',
      typeDefs: `${FED} type Query { shelf: [Media!]! }
        interface Media { id: ID! title: String! }
        type Book implements Media @key(fields: "id") { id: ID! title: String! }
        type Movie implements Media @key(fields: "id") { id: ID! title: String! }`,
      resolvers: { Query: { shelf: () => items }, Book: entity('Book'), Movie: entity('Movie') },
    },
    {
      name: 'books',
      typeDefs: `${FED} type Book @key(fields: "id") { id: ID! author: String! pages: Int! }`,
      resolvers: { Book: { __resolveReference: (r: { id: string }) => ({ id: r.id, ...books[r.id] }) } },
    },
    {
      name: 'movies',
      typeDefs: `${FED} type Movie @key(fields: "id") { id: ID! director: String! }`,
      resolvers: { Movie: { __resolveReference: (r: { id: string }) => ({ id: r.id, ...movies[r.id] }) } },
    },
    {
      name: 'search',
      typeDefs: `${FED} type Query { search(text: String!): [SearchResult!]! }
        union SearchResult = Book | Movie
        type Book @key(fields: "id") { id: ID! }
        type Movie @key(fields: "id") { id: ID! }`,
      resolvers: { Query: { search: () => [{ __typename: 'Movie', id: 'm1' }, { __typename: 'Book', id: 'b2' }] } },
    },
  ]);
}

describe('interfaces and unions across subgraphs', () => {
  it('fetches each implementation’s fields from the subgraph that owns them, with __typename at every level', async () => {
    const gw = gateway();
    const out = await gw.run(`{ __typename shelf { __typename title ... on Book { author } ... on Movie { director } } }`);
    expect(out.result).toEqual({
      data: {
        __typename: 'Query',
        shelf: [
          { __typename: 'Book', title: 'Max Havelaar', author: 'Multatuli' },
          { __typename: 'Movie', title: 'Turks fruit', director: 'Verhoeven' },
          { __typename: 'Book', title: 'De avonden', author: 'Reve' },
        ],
      },
    });
    expect(queriesOf(gw, 'library')).toEqual([
      '{ shelf { __typename title _dp_id: id } __typename }',
    ]);
    expect(queriesOf(gw, 'books')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Book { __typename author } } }',
    ]);
    expect(gw.calls.get('books')![0]!.variables).toEqual({ r0: [{ __typename: 'Book', id: 'b1' }, { __typename: 'Book', id: 'b2' }] });
    expect(queriesOf(gw, 'movies')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Movie { __typename director } } }',
    ]);
    expect(gw.calls.get('movies')![0]!.variables).toEqual({ r0: [{ __typename: 'Movie', id: 'm1' }] });
    expect(gw.calls.get('search')).toBeUndefined();
  });

  it('resolves a union member’s fields from other subgraphs', async () => {
    const gw = gateway();
    const out = await gw.run(`{ search(text: "t") { __typename ... on Book { id title pages } ... on Movie { title director } } }`);
    expect(out.result).toEqual({
      data: {
        search: [
          { __typename: 'Movie', title: 'Turks fruit', director: 'Verhoeven' },
          { __typename: 'Book', id: 'b2', title: 'De avonden', pages: 230 },
        ],
      },
    });
    // A Book's id is the client's and the key the other partners need: asked once, under the client's key.
    expect(queriesOf(gw, 'search')).toEqual(['{ search(text: "t") { __typename ... on Book { __typename id } ... on Movie { __typename _dp_id: id } } }']);
    // One _entities field for both members, as the planner plans it.
    expect(queriesOf(gw, 'library')).toEqual([
      'query ($r0: [_Any!]!) { e0: _entities(representations: $r0) { ... on Book { __typename title } ... on Movie { __typename title } } }',
    ]);
    expect(gw.calls.get('library')![0]!.variables).toEqual({ r0: [{ __typename: 'Movie', id: 'm1' }, { __typename: 'Book', id: 'b2' }] });
    expect(gw.calls.get('books')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Book', id: 'b2' }] }]);
    expect(gw.calls.get('movies')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Movie', id: 'm1' }] }]);
  });

  it('reads each member’s key where it holds it when a client alias takes the key’s name on another member', async () => {
    const gw = gateway();
    const search = await gw.run(`{ search(text: "t") { ... on Book { id author } ... on Movie { id: director title } } }`);
    expect(search.result).toEqual({ data: { search: [{ id: 'Verhoeven', title: 'Turks fruit' }, { id: 'b2', author: 'Reve' }] } });
    // The tree key `id` holds a Book's id and a Movie's director: a Movie's key is read from `_dp_id` only.
    expect(queriesOf(gw, 'search')).toEqual(['{ search(text: "t") { __typename ... on Book { __typename id } ... on Movie { __typename _dp_id: id } } }']);
    expect(gw.calls.get('library')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Movie', id: 'm1' }] }]);
    expect(gw.calls.get('movies')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Movie', id: 'm1' }] }]);
    expect(gw.calls.get('books')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Book', id: 'b2' }] }]);
    gw.reset();
    const shelf = await gw.run(`{ shelf { ... on Book { id: title author } ... on Movie { id director } } }`);
    expect(shelf.result).toEqual({ data: { shelf: [{ id: 'Max Havelaar', author: 'Multatuli' }, { id: 'm1', director: 'Verhoeven' }, { id: 'De avonden', author: 'Reve' }] } });
    expect(gw.calls.get('books')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Book', id: 'b1' }, { __typename: 'Book', id: 'b2' }] }]);
    expect(gw.calls.get('movies')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Movie', id: 'm1' }] }]);
  });

  it('applies named and inline fragments on the interface and on concrete types', async () => {
    const gw = gateway();
    const out = await gw.run(`
      query { shelf { ...Media ...BookDetails } search(text: "t") { ... on Media { __typename title } } }
      fragment Media on Media { id ... on Movie { director } }
      fragment BookDetails on Book { pages }`);
    expect(out.result).toEqual({
      data: {
        shelf: [
          { id: 'b1', pages: 400 },
          { id: 'm1', director: 'Verhoeven' },
          { id: 'b2', pages: 230 },
        ],
        search: [
          { __typename: 'Movie', title: 'Turks fruit' },
          { __typename: 'Book', title: 'De avonden' },
        ],
      },
    });
    expect(gw.calls.get('books')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Book', id: 'b1' }, { __typename: 'Book', id: 'b2' }] }]);
    expect(gw.calls.get('movies')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Movie', id: 'm1' }] }]);
    expect(queriesOf(gw, 'library')).toHaveLength(2);
  });
  it('follows a path through a type condition of several types to a field only they declare', async () => {
    const gw = createTestGateway([
      {
        name: 'catalog',
        typeDefs: `${FED} type Query { products: [Product!]! } interface Product { id: ID! }
          type Book implements Product @key(fields: "id") { id: ID! publisher: Publisher }
          type Magazine implements Product @key(fields: "id") { id: ID! publisher: Publisher }
          type Pen implements Product @key(fields: "id") { id: ID! }
          type Publisher @key(fields: "id") { id: ID! }`,
        resolvers: {
          Query: { products: () => [{ __typename: 'Book', id: 'b1', publisher: { id: 'p1' } }, { __typename: 'Pen', id: 'x1' }, { __typename: 'Magazine', id: 'm1', publisher: { id: 'p2' } }] },
          Product: { __resolveType: (p: { __typename: string }) => p.__typename },
        },
      },
      {
        name: 'publishers',
        typeDefs: `${FED} type Publisher @key(fields: "id") { id: ID! name: String }`,
        resolvers: { Publisher: { __resolveReference: (r: { id: string }) => ({ id: r.id, name: r.id === 'p1' ? 'Querido' : 'Prometheus' }) } },
      },
    ]);
    const out = await gw.run(`{ products { id ... on Book { publisher { name } } ... on Magazine { publisher { name } } } }`);
    expect(out.result).toEqual({ data: { products: [{ id: 'b1', publisher: { name: 'Querido' } }, { id: 'x1' }, { id: 'm1', publisher: { name: 'Prometheus' } }] } });
    expect(gw.calls.get('publishers')!.map((c) => c.variables)).toEqual([{ r0: [{ __typename: 'Publisher', id: 'p1' }, { __typename: 'Publisher', id: 'p2' }] }]);
  });
});
