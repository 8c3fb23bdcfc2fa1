/**
 * `npm run check`: the schema check a partner integrator runs before going live (`doelpoort-kit
 * check` of @doelpoort/subgraph-kit, plus the project's own subgraphs and policy folder).
 *
 *   npm run check                                         check the project's own subgraphs, composed
 *   npm run check -- partner.graphql [more.graphql ...]   check these subgraph SDLs
 *   npm run check -- --with-ours partner.graphql          ... and compose them with the project's own subgraphs
 *   npm run check -- --purposes uitkeringsfraude,woonfraude partner.graphql   only these purpose ids are known
 *   npm run check -- --policies ./policies partner.graphql   the covenant's purposes from this policy folder
 *
 * Without --purposes, the known purposes are those of the covenant in the policy folder (by default
 * the project's policies/).
 *
 * A file's subgraph name is its base name ("uwv.graphql" is "uwv"), or its folder's name for a file
 * named schema.graphql ("uwv/schema.graphql" is "uwv"). One file is checked alone (syntax,
 * validity as a subgraph, classifications); several files, or --with-ours, are also composed together.
 * Exit code 0 with "OK: ..." or 1 with the problems, one per line. Warnings (a field that reveals a
 * protected status classified at the lowest tier, the kit's schema/protected-status.ts) go to stderr as
 * "warning: ..." lines and do not change the exit code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubgraphSource } from '../schema/compose.ts';
import { checkSources, printOutcome, readSource, UsageError } from '@doelpoort/subgraph-kit/schema';
import { loadPolicyData } from '../gateway/policy/load.ts';
import { PolicyDataError } from '../gateway/policy/problems.ts';
import { defaultWorld } from '../subgraphs/world/index.ts';
import type { World } from '../subgraphs/world/index.ts';

interface Arguments {
  files: string[];
  withOurs: boolean;
  purposes?: string[];
  policyDir: string;
}

const USAGE = 'Usage: npm run check -- [--with-ours] [--purposes a,b,...] [--policies dir] [file.graphql ...]';
const PROJECT_POLICIES = fileURLToPath(new URL('../policies', import.meta.url));

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = { files: [], withOurs: false, policyDir: PROJECT_POLICIES };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--with-ours') parsed.withOurs = true;
    else if (arg === '--purposes') parsed.purposes = purposeList(argv[(i += 1)]);
    else if (arg.startsWith('--purposes=')) parsed.purposes = purposeList(arg.slice('--purposes='.length));
    else if (arg === '--policies') parsed.policyDir = folder(argv[(i += 1)]);
    else if (arg.startsWith('--policies=')) parsed.policyDir = folder(arg.slice('--policies='.length));
    else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}.\n${USAGE}`);
    else parsed.files.push(arg);
  }
  if (parsed.withOurs && parsed.files.length === 0) throw new UsageError(`--with-ours needs the partner's SDL file(s) to compose with ours.\n${USAGE}`);
  return parsed;
}

function purposeList(value: string | undefined): string[] {
  const purposes = (value ?? '').split(',').map((purpose) => purpose.trim()).filter((purpose) => purpose !== '');
  if (purposes.length === 0) throw new UsageError(`--purposes needs a comma-separated list of purpose ids, e.g. --purposes uitkeringsfraude,woonfraude.\n${USAGE}`);
  return purposes;
}

function folder(value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--policies needs the policy folder, e.g. --policies ./policies.\n${USAGE}`);
  return value;
}

/** The purpose ids a classification may name: the given list, else the covenant's. */
function knownPurposes(args: Arguments): string[] {
  if (args.purposes !== undefined) return args.purposes;
  try {
    return [...loadPolicyData(args.policyDir).purposes.keys()];
  } catch (error) {
    if (!(error instanceof PolicyDataError)) throw error;
    throw new UsageError(`The covenant's purposes cannot be read, so purposes cannot be checked:\n${error.problems.join('\n')}`);
  }
}

/**
 * The project's own subgraphs, on the default synthetic world, as they serve their SDL. Imported at
 * run time: subgraphs/index.ts (`createAllSubgraphs(world)`) may not be there in every checkout.
 */
async function ourSubgraphs(): Promise<SubgraphSource[]> {
  const index = new URL('../subgraphs/index.ts', import.meta.url);
  if (!existsSync(index)) throw new UsageError("The project's own subgraphs (subgraphs/index.ts) are not there, so they cannot be checked.");
  const create: unknown = ((await import(index.href)) as { createAllSubgraphs?: unknown }).createAllSubgraphs;
  if (typeof create !== 'function') throw new UsageError('subgraphs/index.ts does not export createAllSubgraphs(world).');
  const subgraphs = (create as (world: World) => readonly { name: string; sdl: string }[])(defaultWorld());
  return subgraphs.map(({ name, sdl }) => ({ name, sdl, url: `in-process://${name}` }));
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArguments(argv);
  const sources = args.files.map(readSource);
  if (args.withOurs || args.files.length === 0) sources.push(...(await ourSubgraphs()));
  return printOutcome(checkSources(sources, { knownPurposes: knownPurposes(args) }));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  },
);
