/** The four benchmark subgraphs (Federation v2), the shape of the public gateway benchmark. */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { AUTHOR_ID, INSTOCK, PRODUCTS, REVIEWS, REVIEWS_OF_ANY_USER, USERS, shippingEstimate, type Review } from './data.ts';

const LINK = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: [${imports.map((i) => `"${i}"`).join(', ')}])`;

export interface BenchSubgraph {
  name: 'accounts' | 'inventory' | 'products' | 'reviews';
  sdl: string;
  resolvers: Record<string, unknown>;
  schema: GraphQLSchema;
}

const ACCOUNTS = `${LINK(['@key', '@shareable'])}
type Query { me: User  user(id: ID!): User  users: [User] }
type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }
`;

const INVENTORY = `${LINK(['@key', '@external', '@requires'])}
type Product @key(fields: "upc") {
  upc: String!
  weight: Int @external
  price: Int @external
  inStock: Boolean
  shippingEstimate: Int @requires(fields: "price weight")
}
`;

const PRODUCTS_SDL = `${LINK(['@key'])}
type Query { topProducts(first: Int = 5): [Product] }
type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }
`;

const REVIEWS_SDL = `${LINK(['@key', '@external', '@provides'])}
type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
type Product @key(fields: "upc") { upc: String!  reviews: [Review] }
`;

const userById = (id: string) => USERS.find((u) => u.id === id) ?? null;
const productByUpc = (upc: string) => PRODUCTS.find((p) => p.upc === upc) ?? null;

const build = (name: BenchSubgraph['name'], sdl: string, resolvers: Record<string, unknown>): BenchSubgraph => ({
  name,
  sdl,
  resolvers,
  schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
});

export function benchSubgraphs(): BenchSubgraph[] {
  return [
    build('accounts', ACCOUNTS, {
      Query: { me: () => USERS[0], user: (_: unknown, { id }: { id: string }) => userById(id), users: () => USERS },
      User: { __resolveReference: ({ id }: { id: string }) => userById(id) },
    }),
    build('inventory', INVENTORY, {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: INSTOCK.get(ref.upc) ?? null }),
        shippingEstimate: (p: { price?: number; weight?: number }) => shippingEstimate(p.price, p.weight),
      },
    }),
    build('products', PRODUCTS_SDL, {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => productByUpc(upc) },
    }),
    build('reviews', REVIEWS_SDL, {
      Review: {
        __resolveReference: ({ id }: { id: string }) => REVIEWS.find((r) => r.id === id) ?? null,
        product: (r: Review) => ({ upc: r.productUpc }),
        author: () => ({ id: AUTHOR_ID, username: userById(AUTHOR_ID)!.username }),
      },
      User: { __resolveReference: ({ id }: { id: string }) => ({ id }), reviews: () => REVIEWS_OF_ANY_USER },
      Product: { __resolveReference: ({ upc }: { upc: string }) => ({ upc }), reviews: ({ upc }: { upc: string }) => REVIEWS.filter((r) => r.productUpc === upc) },
    }),
  ];
}
