/**
 * The decisions of one round: the daily person limit, then one policy question per owner and type
 * for every field about a person or an address; denied fields become errors at their paths and
 * are never fetched, minimised ones are fetched and transformed.
 */
import { GraphQLError, getNamedType, isListType, isNonNullType } from 'graphql';
import type { Minimisation, SubjectKind } from '../../schema/classification.ts';
import { isSubjectId } from '../audit/pseudonym.ts';
import type { DecisionInput } from '../policy/facts.ts';
import type { Decision, FetchAnswer, FieldQuestion } from '../policy/types.ts';
import { down, pathArray, type Path } from './path.ts';
import { deniedError, unclassifiedDecision } from './errors.ts';
import { internalName, treeKey } from './keys.ts';
import { fieldDef } from './project.ts';
import { StoreUnavailableError } from '../store/unavailable.ts';
import type { Round, State, SubjectEntry, SubjectField } from './types.ts';
import { allowField } from './plan-allowed.ts';

const POLICY_FAILED: Decision = {
  outcome: 'deny',
  principle: 'context',
  rule: 'policy.error',
  reason: 'The policy could not be evaluated, so nothing about this subject is released. Try again later; if it persists, tell the gateway operator.',
};

async function admitToday(state: State, plan: Round): Promise<void> {
  if (!state.options.admitPersons) return;
  const fresh = new Set<string>();
  for (const entry of plan.subjects) {
    const subject = state.subjectTypes[entry.typename];
    if (subject?.kind !== 'person') continue;
    const id = entry.obj[internalName(subject.idField)];
    if (typeof id === 'string' && !state.persons.has(id) && !state.refusedToday.has(id)) fresh.add(id);
  }
  if (fresh.size === 0) return;
  let admitted = false;
  try {
    admitted = await state.options.admitPersons(state.context, fresh.size);
  } catch (err) {
    if (err instanceof StoreUnavailableError) state.storeUnavailable = true;
    admitted = false;
  }
  if (!admitted) for (const id of fresh) state.refusedToday.add(id);
}

export async function decide(state: State, plan: Round): Promise<void> {
  if (plan.subjects.length === 0) return;
  // The daily count is taken while the policy decides (it needs no answer of it); a person's fields
  // are mapped to their decisions only once it is known whether the person was admitted today.
  const admitted = admitToday(state, plan);
  // One question per owner and type: all entities of this round, all fields asked of that owner.
  const questions = new Map<string, { owner: string; typename: string; fields: Map<string, FieldQuestion>; entries: SubjectEntry[] }>();
  for (const entry of plan.subjects) {
    for (const f of entry.fields) {
      const id = `${f.owner}|${entry.typename}`;
      let q = questions.get(id);
      if (!q) questions.set(id, (q = { owner: f.owner, typename: entry.typename, fields: new Map(), entries: [] }));
      if (!q.entries.includes(entry)) q.entries.push(entry);
      const classification = state.options.classifications.get(`${f.owner}:${entry.typename}.${f.name}`);
      if (classification && !q.fields.has(f.name)) q.fields.set(f.name, { coordinate: `${entry.typename}.${f.name}`, owner: f.owner, classification });
    }
  }
  await Promise.all(
    [...questions.values()].map(async (q) => {
      const subject = state.subjectTypes[q.typename]!;
      const fields = [...q.fields.values()];
      const entities = q.entries.map((e) => ({
        typename: q.typename,
        kind: subject.kind,
        subjectId: subjectIdOf(subject.kind, e.obj[internalName(subject.idField)]),
        path: pathArray(e.path),
      }));
      let decisions: Decision[][] | undefined;
      let inputs: FetchAnswer['inputs'];
      if (fields.length > 0) {
        try {
          const answer = await state.options.policy.decide({ owner: q.owner, fields, entities }, state.context);
          const ok = answer.decisions.length === entities.length && answer.decisions.every((row) => row.length === fields.length);
          decisions = ok ? answer.decisions : undefined;
          inputs = ok ? answer.inputs : undefined;
        } catch (err) {
          if (err instanceof StoreUnavailableError) state.storeUnavailable = true;
          decisions = undefined;
        }
      }
      await admitted;
      q.entries.forEach((entry, e) => {
        for (const f of entry.fields) {
          if (f.owner !== q.owner) continue;
          const coordinate = `${entry.typename}.${f.name}`;
          const fi = fields.findIndex((x) => x.coordinate === coordinate);
          const subjectId = entities[e]!.subjectId || undefined;
          let decision: Decision;
          let input: DecisionInput | undefined;
          if (fi < 0) {
            decision = unclassifiedDecision(q.owner, coordinate);
          } else if (!subjectId) {
            decision = { outcome: 'deny', principle: 'scope', rule: 'scope.subject-unknown', reason: 'The subject of this field could not be identified, so it is not released.' };
          } else if (subject.kind === 'person' && state.refusedToday.has(subjectId)) {
            decision = {
              outcome: 'deny',
              principle: 'dragnet',
              rule: 'dragnet.persons-per-day',
              reason: 'You have reached the number of persons one user may look at in a day. The count starts again tomorrow; if the case needs more, ask the project coordinator.',
            };
          } else if (subject.kind === 'person' && !admitPerson(state, subjectId)) {
            decision = {
              outcome: 'deny',
              principle: 'dragnet',
              rule: 'dragnet.persons-per-request',
              reason: `This request asks about more than ${state.options.maxPersonsPerRequest} persons, the most one request may concern. Narrow it down, e.g. to the residents of one selected address.`,
            };
          } else {
            decision = decisions?.[e]?.[fi] ?? POLICY_FAILED;
            input = decisions ? inputs?.[e]?.[fi] : undefined;
          }
          state.decisions.push({
            coordinate,
            owner: q.owner,
            tier: fi < 0 ? 'unclassified' : fields[fi]!.classification.tier,
            subject: { kind: subject.kind, id: subjectId },
            path: pathArray(down(entry.path, f.key)),
            decision,
            round: state.round,
            ...(input ? { input } : {}),
          });
          apply(state, entry, f, coordinate, decision);
        }
      });
    }),
  );
  await admitted;
}

/**
 * The entity's subject id, or '' when it has none or not the form of one (`persoon(bsn: "abc")`):
 * such a subject cannot be identified, pseudonymised or audited, so its fields are denied.
 */
function subjectIdOf(kind: SubjectKind, value: unknown): string {
  const id = String(value ?? '');
  return isSubjectId(kind, id) ? id : '';
}

function admitPerson(state: State, bsn: string): boolean {
  if (state.persons.has(bsn)) return true;
  const max = state.options.maxPersonsPerRequest;
  if (max !== undefined && state.persons.size >= max) return false;
  state.persons.add(bsn);
  return true;
}

function apply(state: State, entry: SubjectEntry, f: SubjectField, coordinate: string, decision: Decision): void {
  const { obj } = entry;
  if (decision.outcome === 'deny') {
    // Located here already: graphql-js then places this error as it is (a copy costs ≈ 15 µs).
    obj[treeKey(f.key)] = deniedError(coordinate, f.owner, decision, { nodes: f.nodes, path: pathArray(down(entry.path, f.key)) });
    return;
  }
  const transform = decision.outcome === 'minimise' ? decision.transform : undefined;
  if (f.planned) {
    const bare = transform === 'count' || transform === 'exists';
    allowField(state, obj, f.owner, treeKey(f.key), { key: f.key, name: f.name, coordinate, bare, transform });
    return;
  }
  // A key field the gateway already holds.
  const value = obj[internalName(f.name)];
  obj[treeKey(f.key)] = transform ? minimised(state, down(entry.path, f.key), coordinate, transform, value, entry.typename, f.name) : value;
}

export function minimised(state: State, path: Path, coordinate: string, transform: Minimisation, value: unknown, typename: string, fieldName: string): unknown {
  let out: unknown;
  try {
    out = value === null || value === undefined ? null : state.options.minimise(transform, value);
  } catch {
    return new GraphQLError(`${coordinate} could not be minimised (${transform}), so it is not released.`, { extensions: { code: 'FIELD_DENIED', coordinate, principle: 'proportionaliteit', rule: 'minimise.failed' } });
  }
  state.minimised.push({ path: pathArray(path), coordinate, transform, value: out });
  // The minimised form goes into the data only where it fits the field's type; always into extensions.
  const def = fieldDef(state.pc, typename, fieldName);
  const type = def ? (isNonNullType(def.type) ? def.type.ofType : def.type) : undefined;
  const named = type && !isListType(type) ? getNamedType(type).name : undefined;
  if ((named === 'String' || named === 'ID') && typeof out === 'string') return out;
  if (def && isNonNullType(def.type)) {
    return new GraphQLError(`${coordinate} is given in minimised form (${transform}) in extensions.doelpoort.minimised.`, { extensions: { code: 'FIELD_MINIMISED', coordinate, transform } });
  }
  return null;
}
