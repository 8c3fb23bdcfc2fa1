/**
 * Composing the partners' subgraphs into one supergraph (the Guild's federation composition
 * library), refusing any subgraph whose fields about a person or an address are not classified.
 *
 * The check is the kit's (`@doelpoort/subgraph-kit/schema`, what `doelpoort-kit check` runs), so
 * that the gateway and a partner's check never disagree.
 */
export {
  SchemaCheckError,
  checkSubgraph,
  composeSupergraph,
  formatProblems,
  type ComposeResult,
  type SchemaProblem,
  type SubgraphCheck,
  type SubgraphSource,
} from '@doelpoort/subgraph-kit/schema';
