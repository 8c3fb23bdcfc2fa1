/**
 * One step of a story as `npm run demo` tells it: who asks, for which purpose and case, what, and
 * what the story says must come back. The checks read the answer the way a user would: the data
 * released, the fields withheld with their rule, the fields minimised.
 */
import type { GraphQLBody } from '../../tests/helpers/product.ts';

export interface Who {
  role: string;
  org: string;
}

/** What the stories remember between steps: case ids by address. */
export type StoryState = Map<string, string>;

export interface Step {
  title: string;
  who: Who;
  purpose: string;
  /** A GraphQL document, or a call to the audit API. */
  query?: string | ((state: StoryState) => string);
  audit?: { method: 'GET' | 'POST'; path: string; body?: unknown };
  /** Problems with the answer (empty: as the story says). */
  expect: (answer: StepAnswer, state: StoryState) => string[];
  /** Remembers what later steps need (a case id). */
  remember?: (answer: StepAnswer, state: StoryState) => void;
  /** Steps on the day before the second partner's signal (2026-04-01); the others run on 2026-11-23. */
  beforeOverlap?: true;
  /** The fields the answer gives in minimised form, exactly (`minimisedFields`); none when absent. */
  minimised?: string[];
}

export interface StepAnswer {
  status: number;
  body: GraphQLBody;
}

export interface Story {
  number: number;
  title: string;
  steps: Step[];
}

/** A withheld field: its path and rule. A field given in minimised form is not withheld (see minimisedFields). */
export function withheld(body: GraphQLBody): string[] {
  return (body.errors ?? [])
    .filter((e) => e.extensions?.['code'] !== 'FIELD_MINIMISED')
    .map((e) => `${(e.path ?? []).join('.')} ${String(e.extensions?.['rule'] ?? e.extensions?.['partnerCode'] ?? e.extensions?.['code'])}`);
}

/** The fields given in minimised form, as `extensions.doelpoort.minimised` lists them: "path transform value". */
export function minimisedFields(body: GraphQLBody): string[] {
  const listed = (body.extensions?.['doelpoort'] as { minimised?: { path: (string | number)[]; transform: string; value: unknown }[] } | undefined)?.minimised ?? [];
  return listed.map((m) => `${m.path.join('.')} ${m.transform} ${JSON.stringify(m.value)}`);
}

/** Problems: the answer's minimised fields are not exactly the step's. */
export function checkMinimised(step: Step, answer: StepAnswer): string[] {
  return step.audit ? [] : same('minimised', minimisedFields(answer.body), step.minimised ?? []);
}

/** The value at a dotted path of the data ("adres.bewoners.0.bsn"). */
export function at(body: GraphQLBody, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body.data);
}

/** Problems: `actual` differs from `expected` (compared as JSON). */
export function same(what: string, actual: unknown, expected: unknown): string[] {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return a === e ? [] : [`${what}: expected ${e}, got ${a}`];
}

/** Every leaf of the data as "path = value", for the step's account of what was released. */
export function releasedLeaves(value: unknown, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => releasedLeaves(item, `${path}.${i}`));
  if (typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => releasedLeaves(item, path ? `${path}.${key}` : key));
  return [`${path} = ${JSON.stringify(value)}`];
}
