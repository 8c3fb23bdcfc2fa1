/**
 * One call per partner and round for the subjects' fields: when a round runs several subject plans
 * (subject-plan.ts), their entry points' fetches that ask the same partner are sent as one call, each with its own aliased `_entities`
 * fields, so the decisions of that round point to one partner call (their records name it). The
 * fetches are gathered until the event loop turns (all plans of a round reach their first fetch
 * without waiting for a partner) and each gets back its part of the answer, under its own aliases.
 */
import { Kind, type FieldNode } from 'graphql';
import { call } from './fetch.ts';
import type { SubgraphResponse } from './subgraph-client.ts';
import type { State } from './types.ts';

interface Part {
  fields: FieldNode[];
  variables: Record<string, unknown>;
  coordinates: string[];
  resolve: (response: SubgraphResponse) => void;
}

/** Per state: "<graph>|<round>" → the parts gathered for the call not yet sent. */
const pending = new WeakMap<State, Map<string, Part[]>>();

const alias = (n: number) => ({ kind: Kind.NAME, value: `e${n}` }) as const;
const variable = (n: number) => `r${n}`;

/** Sends `fields` (aliased e0…, variables r0…) with the round's other fetches of `graph`; the answer is this part's, under its own aliases. */
export function roundCall(state: State, graph: string, fields: FieldNode[], variables: Record<string, unknown>, coordinates: string[], round: number): Promise<SubgraphResponse> {
  let byCall = pending.get(state);
  if (!byCall) pending.set(state, (byCall = new Map()));
  const key = `${graph}|${round}`;
  let parts = byCall.get(key);
  if (!parts) {
    byCall.set(key, (parts = []));
    setImmediate(() => {
      byCall.delete(key);
      void send(state, graph, parts!, round);
    });
  }
  return new Promise((resolve) => parts!.push({ fields, variables, coordinates, resolve }));
}

async function send(state: State, graph: string, parts: readonly Part[], round: number): Promise<void> {
  if (parts.length === 1) {
    const only = parts[0]!;
    only.resolve(await call(state, graph, 'query', only.fields, only.variables, only.coordinates, round));
    return;
  }
  const fields: FieldNode[] = [];
  const variables: Record<string, unknown> = {};
  const offsets: number[] = [];
  for (const part of parts) {
    offsets.push(fields.length);
    part.fields.forEach((field, i) => {
      const n = fields.length;
      variables[variable(n)] = part.variables[variable(i)];
      fields.push({ ...field, alias: alias(n), arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'representations' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable(n) } } }] });
    });
  }
  const coordinates = [...new Set(parts.flatMap((p) => p.coordinates))];
  const response = await call(state, graph, 'query', fields, variables, coordinates, round);
  parts.forEach((part, k) => {
    const offset = offsets[k]!;
    const data: Record<string, unknown> = {};
    for (let i = 0; i < part.fields.length; i++) if (response.data && `e${offset + i}` in response.data) data[`e${i}`] = response.data[`e${offset + i}`];
    const errors = (response.errors ?? []).flatMap((err) => {
      const [first, ...rest] = err.path ?? [];
      const n = typeof first === 'string' && first.startsWith('e') ? Number(first.slice(1)) : NaN;
      // An error outside every alias goes to the first part only: it is reported once.
      if (Number.isNaN(n)) return k === 0 ? [err] : [];
      return n >= offset && n < offset + part.fields.length ? [{ ...err, path: [`e${n - offset}`, ...rest] }] : [];
    });
    part.resolve({ ...(response.data ? { data } : {}), ...(errors.length ? { errors } : {}), ...(response.failure ? { failure: response.failure } : {}) });
  });
}
