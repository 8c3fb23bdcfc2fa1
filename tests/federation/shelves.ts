/**
 * Two subgraphs shared by tests of a @requires whose nested fields another partner completes: a
 * product's first shelf label is computed by the shelving partner from labels only the labels
 * partner holds (`Shelf.label` is @external in shelving).
 */
import { FED, type TestSubgraph } from '../helpers/federation.ts';

export const labels: TestSubgraph = {
  name: 'labels',
  typeDefs: `${FED} type Shelf @key(fields: "id") { id: ID! label: String }`,
  resolvers: { Shelf: { __resolveReference: (r: { id: string }) => ({ id: r.id, label: `label ${r.id}` }) } },
};

export const shelving: TestSubgraph = {
  name: 'shelving',
  typeDefs: `${FED} type Product @key(fields: "id") { id: ID! shelves(first: Int!): [Shelf!]! firstLabel: String @requires(fields: "shelves(first: 1) { label }") } type Shelf @key(fields: "id") { id: ID! label: String @external }`,
  resolvers: {
    Product: {
      __resolveReference: (r: object) => r,
      shelves: (_p: unknown, a: { first: number }) => ['s1', 's2'].slice(0, a.first).map((id) => ({ id })),
      firstLabel: (p: { shelves?: { label: string | null }[] }) => p.shelves?.[0]?.label ?? null,
    },
  },
};
