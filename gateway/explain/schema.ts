/** The schema Explain works on, from the same composition the gateway runs on. */
import type { Classification } from '../../schema/classification.ts';
import { buildApiSchema } from '../executor/api-schema.ts';
import { DEFAULT_SUBJECT_TYPES } from '../executor/execute.ts';
import { loadSupergraph } from '../executor/supergraph.ts';
import type { ExplainSchema } from './explain.ts';

export function explainSchemaFrom(composed: { supergraphSdl: string; apiSchemaSdl: string; classifications: ReadonlyMap<string, Classification> }): ExplainSchema {
  return {
    supergraph: loadSupergraph(composed.supergraphSdl),
    apiSchema: buildApiSchema(composed.apiSchemaSdl, Object.keys(DEFAULT_SUBJECT_TYPES)),
    classifications: composed.classifications,
    subjectTypes: DEFAULT_SUBJECT_TYPES,
  };
}
