/**
 * Workload 1: the public benchmark's deep nested query, and the exact answer every gateway must
 * give, computed independently by executing the query on one plain (non-federated) schema over
 * the same data.
 */
import { buildSchema, execute, parse, type ExecutionResult } from 'graphql';
import { AUTHOR_ID, INSTOCK, PRODUCTS, REVIEWS, REVIEWS_OF_ANY_USER, USERS, shippingEstimate, type Product, type Review } from '../subgraphs/data.ts';

export const QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users {
    ...User
    reviews {
      ...Review
      product {
        ...Product
        reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } }
      }
    }
  }
  topProducts {
    ...Product
    reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } }
  }
}`;

const MONOLITH = buildSchema(`
  type Query { users: [User]  topProducts(first: Int = 5): [Product] }
  type User { id: ID!  name: String  username: String  birthday: Int  reviews: [Review] }
  type Product { upc: String!  name: String  price: Int  weight: Int  inStock: Boolean  shippingEstimate: Int  reviews: [Review] }
  type Review { id: ID!  body: String  product: Product  author: User }
`);

const productView = (p: Product) => ({
  ...p,
  inStock: INSTOCK.get(p.upc) ?? null,
  shippingEstimate: shippingEstimate(p.price, p.weight),
  reviews: () => REVIEWS.filter((r) => r.productUpc === p.upc).map(reviewView),
});
const reviewView = (r: Review) => ({
  id: r.id,
  body: r.body,
  product: () => productView(PRODUCTS.find((p) => p.upc === r.productUpc)!),
  author: () => userView(USERS.find((u) => u.id === AUTHOR_ID)!),
});
const userView = (u: (typeof USERS)[number]) => ({ ...u, reviews: () => REVIEWS_OF_ANY_USER.map(reviewView) });

export function expectedBody(): { data: unknown } {
  const root = { users: () => USERS.map(userView), topProducts: ({ first }: { first: number }) => PRODUCTS.slice(0, first).map(productView) };
  const result = execute({ schema: MONOLITH, document: parse(QUERY), rootValue: root }) as ExecutionResult;
  if (result.errors) throw new Error(`The reference execution failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return { data: JSON.parse(JSON.stringify(result.data)) };
}
