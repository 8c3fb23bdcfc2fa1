/**
 * Explain (a dry run): what an operation, asked in a given context, would release about persons
 * and addresses, and why, without asking any partner. The decisions come from the engine itself:
 * the request and field stages from `judgeRequest` and `judgeField`, the entity stage from
 * `createPolicy` over the facts of the subjects the operation names in its arguments. Subjects only
 * a partner's answer would name (the residents of an address) are left to run time, and the
 * per-entity rules still to be decided are listed.
 */
import {
  Kind,
  getOperationAST,
  getVariableValues,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { unclassifiedDecision } from '../executor/errors.ts';
import type { RequestContext } from '../context/types.ts';
import { createPolicy } from '../policy/create-policy.ts';
import { preciseDecision } from '../policy/no-oracle.ts';
import { ENTITY_RULES, judgeField, judgeRequest } from '../policy/decide.ts';
import type { EntityFacts, FactsProvider } from '../policy/facts.ts';
import type { PolicyData } from '../policy/load.ts';
import type { RequestClearance } from '../policy/rules/context.ts';
import { addressIndication } from '../policy/rules/indication.ts';
import type { Decision, EntityQuestion, FieldQuestion } from '../policy/types.ts';
import { findSlots, type FieldSlot, type SlotSchema, type SubjectRef } from './slots.ts';
import type { ExplainFacts, ExplainedField, ExplainedSubject, Explanation, FactsUsed, RequestOutcome } from './types.ts';

export interface ExplainSchema extends SlotSchema {
  /** The schema analysts see: the operation is validated against it. */
  apiSchema: GraphQLSchema;
}

export interface ExplainOptions {
  schema: ExplainSchema;
  data: PolicyData;
  facts: ExplainFacts;
}

export interface ExplainInput {
  document: DocumentNode;
  operationName?: string | undefined;
  variables?: Record<string, unknown> | undefined;
  /** The context as the analyst's request would carry it (token and purpose headers). */
  context: RequestContext;
}

/** The operation cannot be explained: it is not one the gateway would run. */
export class ExplainInputError extends Error {}

/** Limits the executor applies to persons over a request and a caller's day (gateway/executor/execute.ts). */
const PERSON_LIMITS = ['dragnet.persons-per-request', 'dragnet.persons-per-day'];


export async function explainOperation(options: ExplainOptions, input: ExplainInput): Promise<Explanation> {
  const { schema, data, facts } = options;
  const invalid = validate(schema.apiSchema, input.document);
  if (invalid.length > 0) throw new ExplainInputError(invalid[0]!.message);
  const operation = getOperationAST(input.document, input.operationName);
  if (!operation) {
    throw new ExplainInputError(
      input.operationName ? `Unknown operation named "${input.operationName}".` : 'Must provide a known operation name when the document contains several operations.',
    );
  }
  if (operation.operation === 'subscription') throw new ExplainInputError('Subscriptions are not supported by this gateway.');
  const coerced = getVariableValues(schema.apiSchema, operation.variableDefinitions ?? [], input.variables ?? {});
  if (coerced.errors) throw new ExplainInputError(coerced.errors[0]!.message);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of input.document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;

  const slots = findSlots(schema, operation, fragments, coerced.coerced);
  const judged = judgeRequest(input.context, data);
  const settled = new Map<FieldSlot, ExplainedField>();
  const named: FieldSlot[] = [];
  for (const slot of slots) {
    const base = describe(slot);
    const coverage = facts.coverage[slot.subject.kind];
    const denial = !slot.classification || 'outcome' in judged ? undefined : judgeField(question(slot), judged, data);
    if (!slot.classification) settled.set(slot, { ...base, stage: 'field', decision: unclassifiedDecision(slot.owner, slot.coordinate) });
    else if ('outcome' in judged) settled.set(slot, { ...base, stage: 'request', decision: judged });
    else if (denial) settled.set(slot, { ...base, stage: 'field', decision: denial });
    else if ('answeredBy' in slot.subject) settled.set(slot, { ...base, stage: 'run-time', atRunTime: { rules: [...ENTITY_RULES], why: fromAnswer(slot.subject) } });
    else if (!coverage.known) settled.set(slot, { ...base, stage: 'run-time', atRunTime: { rules: [...ENTITY_RULES], why: coverage.why } });
    else named.push(slot);
  }
  if (named.length > 0 && !('outcome' in judged)) {
    for (const [slot, field] of await decideNamed(named, options, input.context, judged)) settled.set(slot, field);
  }

  return {
    dryRun: true,
    policyVersion: data.version,
    operation: { type: operation.operation, name: operation.name?.value ?? null },
    request: requestOutcome(judged),
    fields: slots.map((slot) => notAsked(slot, settled) ?? settled.get(slot)!),
    personLimits: slots.some((slot) => slot.subject.kind === 'person') ? PERSON_LIMITS : [],
  };
}

/** Entity stage: one question per owner and type, as the executor asks it, to the engine's own Policy. */
async function decideNamed(slots: FieldSlot[], options: ExplainOptions, context: RequestContext, clearance: RequestClearance): Promise<Map<FieldSlot, ExplainedField>> {
  const loaded = new Map<string, EntityFacts>();
  const capturing: FactsProvider = {
    async load(entities, query) {
      const found = await options.facts.provider.load(entities, query);
      for (const f of found) loaded.set(`${f.kind}:${f.subjectId}`, f);
      return found;
    },
  };
  const policy = createPolicy({ data: options.data, facts: capturing });
  const groups = new Map<string, FieldSlot[]>();
  for (const slot of slots) {
    const key = `${slot.owner}|${slot.subject.typename}`;
    groups.set(key, [...(groups.get(key) ?? []), slot]);
  }
  const result = new Map<FieldSlot, ExplainedField>();
  await Promise.all(
    [...groups.values()].map(async (group) => {
      const fields = unique(group.map(question), (f) => f.coordinate);
      const entities = unique(group.map(entityOf), (e) => e.subjectId);
      const { decisions } = await policy.decide({ owner: group[0]!.owner, fields, entities }, context);
      for (const slot of group) {
        const e = entities.findIndex((entity) => entity.subjectId === subjectId(slot));
        // Explain is for privacy officers: the precise rule, not the uniform refusal an analyst is shown.
        const decision: Decision = preciseDecision(decisions[e]![fields.findIndex((f) => f.coordinate === slot.coordinate)]!);
        const entityFacts = loaded.get(`${slot.subject.kind}:${subjectId(slot)}`);
        const coverage = options.facts.coverage[slot.subject.kind];
        result.set(slot, {
          ...describe(slot),
          stage: 'entity',
          decision,
          ...(entityFacts ? { facts: factsUsed(entityFacts, clearance) } : {}),
          ...(coverage.known && coverage.assumes.length > 0 ? { assumes: [...coverage.assumes] } : {}),
        });
      }
    }),
  );
  return result;
}

/** A field under a denied field, or under one given only as a count or existence, is never asked. */
function notAsked(slot: FieldSlot, settled: Map<FieldSlot, ExplainedField>): ExplainedField | undefined {
  for (let parent = slot.parent; parent; parent = parent.parent) {
    const decision = settled.get(parent)?.decision;
    const blocks = decision?.outcome === 'deny' || (decision?.outcome === 'minimise' && (decision.transform === 'count' || decision.transform === 'exists'));
    if (blocks && !notAsked(parent, settled)) return { ...describe(slot), stage: 'not-asked', notAsked: { because: parent.path } };
  }
  return undefined;
}

function fromAnswer(subject: Extract<SubjectRef, { answeredBy: unknown }>): string {
  const which = subject.kind === 'person' ? 'persons' : 'addresses';
  return `which ${which} these are is only known from the answer of "${subject.answeredBy.partner}" to ${subject.answeredBy.path}, and a dry run asks no partner; the per-entity rules are decided for each of them at run time`;
}

function describe(slot: FieldSlot): Pick<ExplainedField, 'path' | 'coordinate' | 'owner' | 'tier' | 'subject'> {
  const subject: ExplainedSubject =
    'named' in slot.subject ? { kind: slot.subject.kind, named: true } : { kind: slot.subject.kind, named: false, answeredBy: slot.subject.answeredBy };
  return { path: slot.path, coordinate: slot.coordinate, owner: slot.owner, tier: slot.classification?.tier ?? null, subject };
}

function question(slot: FieldSlot): FieldQuestion {
  return { coordinate: slot.coordinate, owner: slot.owner, classification: slot.classification! };
}

function subjectId(slot: FieldSlot): string {
  return 'named' in slot.subject ? slot.subject.named : '';
}

function entityOf(slot: FieldSlot): EntityQuestion {
  const parts = slot.path.split('.');
  return { typename: slot.subject.typename, kind: slot.subject.kind, subjectId: subjectId(slot), path: parts.slice(0, -1) };
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function factsUsed(entity: EntityFacts, clearance: RequestClearance): FactsUsed {
  const participants = clearance.project.participants;
  return {
    weight: addressIndication(entity, clearance).weight,
    signallingPartners: [...new Set(entity.signals.partners.filter((p) => participants.includes(p)))].sort(),
    caseId: entity.caseId,
    consultedTiers: [...entity.consultedTiers],
  };
}

function requestOutcome(judged: ReturnType<typeof judgeRequest>): RequestOutcome {
  if ('outcome' in judged) return judged;
  return {
    outcome: 'cleared',
    organisation: judged.organisation,
    project: judged.project.id,
    purpose: judged.purpose.id,
    roles: judged.roles.map((role) => role.id),
    today: judged.today,
    referenceDate: judged.referenceDate,
    justification: judged.justification !== undefined,
  };
}
