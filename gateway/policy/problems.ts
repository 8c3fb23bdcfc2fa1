/** Problems in policy files, each naming the file, the JSON path inside it and what is wrong. */
import type { z } from 'zod';

export type JsonPath = ReadonlyArray<PropertyKey>;

export interface PolicyProblem {
  file: string;
  path: JsonPath;
  message: string;
}

export class PolicyDataError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly PolicyProblem[]) {
    const lines = problems.map(formatProblem);
    super(`The policy files are not valid:\n${lines.join('\n')}`);
    this.name = 'PolicyDataError';
    this.problems = lines;
  }
}

/** e.g. "policies/projects/x.json: purposes[2]: unknown purpose ..." */
export function formatProblem(problem: PolicyProblem): string {
  const path = formatPath(problem.path);
  return path ? `${problem.file}: ${path}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

export function formatPath(path: JsonPath): string {
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? String(segment) : `.${String(segment)}`))
    .join('');
}

/** One problem per zod issue (one per key for unknown keys), with messages that say what was found. */
export function problemsFromZod(file: string, error: z.ZodError): PolicyProblem[] {
  return error.issues.flatMap((issue): PolicyProblem[] => {
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ file, path: [...issue.path, key], message: `unknown key; ${issue.message}` }));
      case 'invalid_type':
        return [
          {
            file,
            path: issue.path,
            message: issue.input === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, got ${describe(issue.input)}`,
          },
        ];
      case 'invalid_value':
        return [
          {
            file,
            path: issue.path,
            message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}; got ${describe(issue.input)}`,
          },
        ];
      default:
        return [{ file, path: issue.path, message: issue.message }];
    }
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
