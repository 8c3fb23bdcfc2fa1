/**
 * `doelpoort-kit check <schema.graphql ...>`: the schema check a partner runs before going live:
 * syntax, validity as a Federation v2 subgraph, and a valid @classified on every field of Persoon
 * and Adres with purposes the covenant knows. Several files are also composed together.
 *
 * The purposes come from --purposes a,b,... or from the covenant's JSON (--covenant file; by
 * default policies/covenant.json in the current folder).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
// The gateway composes with the same check (it imports @doelpoort/subgraph-kit/schema): the two never disagree.
import type { ClassificationOptions } from '../schema/classifications.ts';
import { checkSubgraph, composeSupergraph, formatProblems, type SchemaProblem, type SubgraphSource } from '../schema/compose.ts';

export class UsageError extends Error {}

/** `warnings`: valid classifications that look wrong (a protected status at the lowest tier); they fail nothing. */
export type CheckOutcome = { ok: true; subgraphs: number; classifiedFields: number; warnings: SchemaProblem[] } | { ok: false; problems: SchemaProblem[] };

/** One source is checked alone; several are composed together. */
export function checkSources(sources: readonly SubgraphSource[], options: ClassificationOptions): CheckOutcome {
  const [only, ...others] = sources;
  if (only !== undefined && others.length === 0) {
    const checked = checkSubgraph(only.name, only.sdl, options);
    if (checked.problems.length > 0) return { ok: false, problems: checked.problems };
    return { ok: true, subgraphs: 1, classifiedFields: checked.classifications.size, warnings: checked.warnings };
  }
  const composed = composeSupergraph(sources, options);
  return composed.ok ? { ok: true, subgraphs: sources.length, classifiedFields: composed.classifications.size, warnings: composed.warnings } : composed;
}

/** Prints the outcome as the CLIs do (warnings as "warning: ..." lines on stderr) and gives the exit code. */
export function printOutcome(outcome: CheckOutcome): number {
  if (!outcome.ok) {
    console.error(describeOutcome(outcome));
    return 1;
  }
  for (const warning of outcome.warnings) console.error(`warning: ${warning.message}`);
  console.log(describeOutcome(outcome));
  return 0;
}

/** The outcome as the CLI prints it: "OK: ..." or the problems, one per line. */
export function describeOutcome(outcome: CheckOutcome): string {
  if (!outcome.ok) return formatProblems(outcome.problems);
  return `OK: ${plural(outcome.subgraphs, 'subgraph')}, ${plural(outcome.classifiedFields, 'classified field')}`;
}

export function readSource(file: string): SubgraphSource {
  let sdl: string;
  try {
    sdl = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  return { name: subgraphName(file), sdl, url: pathToFileURL(file).href };
}

/** "uwv.graphql" is "uwv"; "subgraphs/uwv/schema.graphql" is "uwv" too. */
function subgraphName(file: string): string {
  const name = basename(file, extname(file));
  return name === 'schema' ? basename(dirname(file)) : name;
}

export interface PurposeOptions {
  purposes?: string;
  covenant?: string;
}

/** The purpose ids a classification may name: the list given, else the covenant's. */
export function knownPurposes({ purposes, covenant }: PurposeOptions): string[] {
  if (purposes !== undefined) {
    const list = purposes.split(',').map((purpose) => purpose.trim()).filter((purpose) => purpose !== '');
    if (list.length === 0) throw new UsageError('--purposes needs a comma-separated list of purpose ids, e.g. --purposes uitkeringsfraude,woonfraude.');
    return list;
  }
  const file = covenant ?? 'policies/covenant.json';
  if (!existsSync(file)) {
    throw new UsageError(`The covenant's purposes are needed to check the classifications: give --purposes a,b,... or --covenant <covenant.json> (${file} is not there).`);
  }
  let ids: unknown;
  try {
    ids = (JSON.parse(readFileSync(file, 'utf8')) as { purposes?: { id?: unknown }[] }).purposes?.map((purpose) => purpose.id);
  } catch (error) {
    throw new UsageError(`${file} cannot be read as JSON: ${(error as Error).message}.`);
  }
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    throw new UsageError(`${file} has no "purposes" list with an "id" for each purpose.`);
  }
  return ids as string[];
}

export async function runCheck(files: readonly string[], options: PurposeOptions): Promise<number> {
  if (files.length === 0) throw new UsageError('check needs the subgraph schema file(s): doelpoort-kit check schema.graphql');
  return printOutcome(checkSources(files.map(readSource), { knownPurposes: knownPurposes(options) }));
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
