/**
 * What the differential test compares: `data` exactly, and the set of error paths (not messages,
 * which differ between gateways by design).
 */
import type { GraphQLAnswer } from './gateways.ts';

export interface Comparable {
  data: unknown;
  errorPaths: string[];
}

export function comparable(answer: GraphQLAnswer): Comparable {
  const paths = new Set((answer.errors ?? []).map((e) => (e.path ? e.path.join('.') : '(no path)')));
  return { data: answer.data ?? null, errorPaths: [...paths].sort() };
}
