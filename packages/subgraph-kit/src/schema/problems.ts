/**
 * A problem found in a subgraph schema, written for the partner integrator who has to fix it.
 */
import type { SourceLocation } from 'graphql';

export interface SchemaProblem {
  /** The subgraph the problem is in; "composition" for a conflict between subgraphs. */
  subgraph: string;
  /** "Type.field" or "Type" when the problem is about one, else "". */
  coordinate: string;
  /** 1-based position in the subgraph's SDL, or null when the problem has no one place. */
  line: number | null;
  column: number | null;
  /** The whole sentence, starting with the subgraph's name, e.g. "brp: Persoon.naam (line 4, column 3) has ...". */
  message: string;
}

/** "brp: Persoon.naam (line 4, column 3)": where a problem is, as the start of its message. */
export function describePlace(subgraph: string, coordinate: string, location: SourceLocation | null): string {
  const subject = coordinate === '' ? subgraph : `${subgraph}: ${coordinate}`;
  return location === null ? subject : `${subject} (line ${location.line}, column ${location.column})`;
}

export function problemAt(subgraph: string, coordinate: string, location: SourceLocation | null, message: string): SchemaProblem {
  return { subgraph, coordinate, line: location?.line ?? null, column: location?.column ?? null, message };
}

/** One problem per line, for a terminal. */
export function formatProblems(problems: readonly SchemaProblem[]): string {
  return problems.map((problem) => problem.message).join('\n');
}

/** Thrown by callers that cannot go on with an invalid schema (e.g. the gateway at start-up). */
export class SchemaCheckError extends Error {
  override name = 'SchemaCheckError';
  readonly problems: readonly SchemaProblem[];

  constructor(problems: readonly SchemaProblem[]) {
    super(`The subgraph schemas have ${problems.length} problem(s):\n${formatProblems(problems)}`);
    this.problems = problems;
  }
}
