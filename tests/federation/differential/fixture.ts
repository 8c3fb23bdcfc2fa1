/**
 * A fixture of the differential test: a set of subgraphs (SDL and small in-memory resolvers) and the
 * queries run through Doelpoort and through Apollo Gateway (the oracle) over the same subgraphs.
 */
export const FED = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@override", "@inaccessible", "@interfaceObject", "@tag", "@composeDirective"])`;

export interface FixtureSubgraph {
  name: string;
  typeDefs: string;
  resolvers: Record<string, unknown>;
}

/** Where Doelpoort is right and the reference is not: the case, and the spec text that decides it. */
export interface ExpectedDivergence {
  reason: string;
  spec: string;
  /** Doelpoort's answer, the one the spec asks for. */
  expected: { data: unknown; errorPaths: string[] };
}

export interface FixtureQuery {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  divergence?: ExpectedDivergence;
  /**
   * Hive Router's query planner cannot plan this operation (its words): Doelpoort refuses it whole
   * (QUERY_PLANNING_FAILED, no data, no partner asked) where the reference answers. An error, never
   * a guessed answer; the entry goes when the planner plans it.
   */
  plannerRefuses?: string;
  /**
   * The answer itself, where the reference alone cannot tell: both gateways run from the supergraph
   * the kit composes, so a wrongly composed supergraph misleads them alike (the audit's expected
   * results, for fixtures of its suites).
   */
  expected?: { data: unknown; errorPaths: string[] };
}

export interface Fixture {
  name: string;
  /** The directive families the fixture covers. */
  families: string[];
  subgraphs: FixtureSubgraph[];
  queries: FixtureQuery[];
}
