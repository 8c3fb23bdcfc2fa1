/**
 * Composing the partners' subgraphs into one supergraph, with the Guild's federation composition
 * library, and refusing any subgraph whose fields about a person or an address are not classified.
 */
import { composeServices } from '@theguild/federation-composition';
import { print } from 'graphql';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { Classification } from './classification.ts';
import { classificationsOf } from './classifications.ts';
import type { ClassificationOptions } from './classifications.ts';
import { problemAt } from './problems.ts';
import type { SchemaProblem } from './problems.ts';
import { composeDespiteAbstractRequires } from './requires-satisfiability.ts';
import { fieldsOf } from './subgraph-fields.ts';
import { parseSubgraph, validateSubgraph, withHint } from './subgraph-sdl.ts';
import { repairSupergraph } from './supergraph-repair.ts';

export { SchemaCheckError, formatProblems } from './problems.ts';
export type { SchemaProblem } from './problems.ts';

export interface SubgraphSource {
  /** The partner's id, e.g. "brp"; unique among the subgraphs. */
  name: string;
  sdl: string;
  url: string;
}

export type ComposeResult =
  | {
      ok: true;
      supergraphSdl: string;
      /** The schema clients see: no federation (join__, link__) types or directives. */
      apiSchemaSdl: string;
      /** Keyed by "<subgraph>:<Type.field>". */
      classifications: Map<string, Classification>;
      /** Classifications that look wrong but do not fail composition (see SubgraphCheck.warnings). */
      warnings: SchemaProblem[];
      /** "Type.field" of the fields whose composed definition was repaired (supergraph-repair.ts). */
      repaired: string[];
    }
  | { ok: false; problems: SchemaProblem[] };

export function composeSupergraph(subgraphs: readonly SubgraphSource[], options: ClassificationOptions = {}): ComposeResult {
  const nameProblems = checkNames(subgraphs);
  if (nameProblems.length > 0) return { ok: false, problems: nameProblems };

  const problems: SchemaProblem[] = [];
  const warnings: SchemaProblem[] = [];
  const classifications = new Map<string, Classification>();
  const services: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  for (const subgraph of subgraphs) {
    const checked = checkSubgraph(subgraph.name, subgraph.sdl, options);
    problems.push(...checked.problems);
    warnings.push(...checked.warnings);
    for (const [coordinate, classification] of checked.classifications) classifications.set(`${subgraph.name}:${coordinate}`, classification);
    if (checked.document !== undefined) services.push({ name: subgraph.name, url: subgraph.url, typeDefs: checked.document });
  }
  // Composing invalid subgraphs repeats their problems without positions: report them alone.
  if (problems.length > 0) return { ok: false, problems };

  const composed = composeDespiteAbstractRequires(services, composeServices(services));
  if (composed.errors !== undefined) return { ok: false, problems: composed.errors.map(compositionProblem) };
  const fields = new Map(services.map((s) => [s.name, fieldsOf(s.typeDefs)]));
  const repair = repairSupergraph(composed.supergraphDocumentNode, composed.publicDocumentNode, fields);
  if (repair.problems.length > 0) return { ok: false, problems: repair.problems };
  if (repair.repaired.length === 0) return { ok: true, supergraphSdl: composed.supergraphSdl, apiSchemaSdl: composed.publicSdl, classifications, warnings, repaired: [] };
  return { ok: true, supergraphSdl: print(repair.supergraph), apiSchemaSdl: print(repair.api), classifications, warnings, repaired: repair.repaired };
}

export interface SubgraphCheck {
  /** Absent when the SDL does not parse. */
  document?: DocumentNode;
  /** Keyed by "Type.field". */
  classifications: Map<string, Classification>;
  problems: SchemaProblem[];
  /** Valid classifications that look wrong, e.g. a protected status at the lowest tier: `doelpoort-kit check` prints them, they fail nothing. */
  warnings: SchemaProblem[];
}

/** One subgraph on its own: its syntax, its validity as a federation subgraph, its classifications. */
export function checkSubgraph(name: string, sdl: string, options: ClassificationOptions = {}): SubgraphCheck {
  const parsed = parseSubgraph(name, sdl);
  if (!parsed.ok) return { classifications: new Map(), problems: parsed.problems, warnings: [] };
  const report = classificationsOf(name, parsed.document, options);
  return {
    document: parsed.document,
    classifications: report.classifications,
    problems: [...validateSubgraph(name, parsed.document), ...report.problems],
    warnings: report.warnings,
  };
}

function checkNames(subgraphs: readonly SubgraphSource[]): SchemaProblem[] {
  if (subgraphs.length === 0) return [problemAt('composition', '', null, 'composition: there are no subgraphs to compose.')];
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const { name } of subgraphs) {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      problems.push(problemAt(name, '', null, `${JSON.stringify(name)}: a subgraph name is lower-case letters, digits and dashes, starting with a letter, e.g. "sociale-dienst".`));
    } else if (seen.has(name)) {
      problems.push(problemAt(name, '', null, `${name}: there are two subgraphs named "${name}". Give every subgraph its own name.`));
    }
    seen.add(name);
  }
  return problems;
}

/** The library names the subgraph as "[name] ..." when one is at fault, and coordinates in quotes. */
function compositionProblem(error: GraphQLError): SchemaProblem {
  const subgraph = /^\[([^\]]+)\] /.exec(error.message)?.[1];
  const text = subgraph === undefined ? error.message : error.message.slice(subgraph.length + 3);
  const coordinate = /"([_A-Za-z][_0-9A-Za-z]*(?:\.[_A-Za-z][_0-9A-Za-z]*)?)"/.exec(text)?.[1] ?? '';
  const code = typeof error.extensions['code'] === 'string' ? ` (${error.extensions['code']})` : '';
  return problemAt(subgraph ?? 'composition', coordinate, null, `${subgraph ?? 'composition'}${code}: ${withHint(text)}`);
}
