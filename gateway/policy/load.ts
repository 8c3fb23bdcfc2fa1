/**
 * Reads and validates the policy files (covenant, roles, processing activities, projects) into one
 * PolicyData, stamped with the content hash of the files that make it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { policyVersion } from './canonical.ts';
import { PolicyDataError, problemsFromZod, type PolicyProblem } from './problems.ts';
import { checkReferences, type ParsedPolicy } from './references.ts';
import {
  covenantSchema,
  processingActivitiesFileSchema,
  projectSchema,
  rolesFileSchema,
  type Covenant,
  type Party,
  type ProcessingActivity,
  type Project,
  type Purpose,
  type Role,
} from './schemas.ts';

export interface PolicyData {
  /** "sha256:<hex>" of the files' canonical contents; recorded with every decision. */
  version: string;
  covenant: Covenant;
  parties: ReadonlyMap<string, Party>;
  purposes: ReadonlyMap<string, Purpose>;
  projects: ReadonlyMap<string, Project>;
  roles: ReadonlyMap<string, Role>;
  processingActivities: readonly ProcessingActivity[];
}

/** A policy file: its path inside the policy folder ("projects/x.json") and its text. */
export interface PolicyFile {
  path: string;
  text: string;
}

const COVENANT = 'covenant.json';
const ROLES = 'roles.json';
const ACTIVITIES = 'processing-activities.json';
const PROJECT = /^projects\/([^/]+)\.json$/;

/** Reads every .json file under dir. Throws PolicyDataError listing every problem found. */
export function loadPolicyData(dir: string): PolicyData {
  return parsePolicyFiles(readPolicyFiles(dir), basename(dir));
}

/** The .json files under dir, in path order, as they are on disk (what the policy version hashes). */
export function readPolicyFiles(dir: string): PolicyFile[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch (error) {
    throw new PolicyDataError([{ file: dir, path: [], message: `cannot read the policy folder (${(error as NodeJS.ErrnoException).code})` }]);
  }
  const paths = entries
    .map((path) => path.split('\\').join('/'))
    .filter((path) => path.endsWith('.json'))
    .sort();
  return paths.map((path) => ({ path, text: readFileSync(join(dir, path), 'utf8') }));
}

/** Pure core of loadPolicyData; label prefixes the file names in problems ("policies/roles.json"). */
export function parsePolicyFiles(files: readonly PolicyFile[], label = 'policies'): PolicyData {
  const problems: PolicyProblem[] = [];
  const values: Array<{ path: string; value: unknown }> = [];
  const named = (path: string) => `${label}/${path}`;

  function parse<T>(file: PolicyFile, schema: z.ZodType<T>): T | undefined {
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (error) {
      problems.push({ file: named(file.path), path: [], message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
    values.push({ path: file.path, value: json });
    const result = schema.safeParse(json, { reportInput: true });
    if (result.success) return result.data;
    problems.push(...problemsFromZod(named(file.path), result.error));
    return undefined;
  }

  let covenant: Covenant | undefined;
  let roles: Role[] | undefined;
  let activities: ProcessingActivity[] | undefined;
  const projects: ParsedPolicy['projects'] = [];

  for (const file of files) {
    const project = PROJECT.exec(file.path);
    if (file.path === COVENANT) covenant = parse(file, covenantSchema);
    else if (file.path === ROLES) roles = parse(file, rolesFileSchema)?.roles;
    else if (file.path === ACTIVITIES) activities = parse(file, processingActivitiesFileSchema)?.activities;
    else if (project) {
      const value = parse(file, projectSchema);
      if (value) projects.push({ file: named(file.path), name: project[1]!, value });
    } else {
      problems.push({
        file: named(file.path),
        path: [],
        message: `unknown policy file; expected ${COVENANT}, ${ROLES}, ${ACTIVITIES} or projects/<project id>.json`,
      });
    }
  }
  for (const required of [COVENANT, ROLES, ACTIVITIES]) {
    if (!files.some((file) => file.path === required)) problems.push({ file: named(required), path: [], message: 'missing' });
  }

  if (covenant) {
    problems.push(
      ...checkReferences({
        covenant: { file: named(COVENANT), value: covenant },
        roles: roles && { file: named(ROLES), value: roles },
        activities: activities && { file: named(ACTIVITIES), value: activities },
        projects,
      }),
    );
  }
  if (problems.length > 0 || !covenant || !roles || !activities) throw new PolicyDataError(problems);

  return {
    version: policyVersion(values),
    covenant,
    parties: new Map(covenant.parties.map((p) => [p.id, p])),
    purposes: new Map(covenant.purposes.map((p) => [p.id, p])),
    projects: new Map(projects.map(({ value }) => [value.id, value])),
    roles: new Map(roles.map((r) => [r.id, r])),
    processingActivities: activities,
  };
}

/** The newest version of the processing activity registered for a purpose. */
export function processingActivityFor(data: PolicyData, purpose: string): ProcessingActivity | undefined {
  return data.processingActivities
    .filter((activity) => activity.purpose === purpose)
    .reduce<ProcessingActivity | undefined>((newest, activity) => (!newest || activity.version > newest.version ? activity : newest), undefined);
}

/** The newest version of the oversight activity: the privacy officers' reads of the audit log (there is always one; see references.ts). */
export function oversightActivity(data: PolicyData): ProcessingActivity {
  const newest = data.processingActivities
    .filter((activity) => activity.oversight === true)
    .reduce<ProcessingActivity | undefined>((newest, activity) => (!newest || activity.version > newest.version ? activity : newest), undefined);
  if (!newest) throw new Error('The register of processing activities has no oversight activity.');
  return newest;
}
