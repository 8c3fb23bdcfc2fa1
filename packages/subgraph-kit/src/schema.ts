/**
 * @doelpoort/subgraph-kit/schema: the schema check of `doelpoort-kit check` as a library, the one
 * the Doelpoort gateway composes its partners with: the subgraph SDL's syntax and validity as a
 * Federation v2 subgraph, the `@classified` rules, and composition into a supergraph.
 */
export { SUBJECT_TYPES, type Classification, type SubjectKind } from './schema/classification.ts';
export { readClassifications, type ClassificationOptions, type ClassificationReport } from './schema/classifications.ts';
export {
  SchemaCheckError,
  checkSubgraph,
  composeSupergraph,
  formatProblems,
  type ComposeResult,
  type SchemaProblem,
  type SubgraphCheck,
  type SubgraphSource,
} from './schema/compose.ts';
export { PROTECTED_STATUSES, type ProtectedStatus } from './schema/protected-status.ts';
export { UsageError, checkSources, describeOutcome, printOutcome, readSource, type CheckOutcome } from './cli/check.ts';
