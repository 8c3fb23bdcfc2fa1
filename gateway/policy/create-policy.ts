/**
 * The Policy the executor asks before every partner fetch. Per request it judges the context once,
 * per field once, and then each entity with facts loaded in one batched call. A refusal on facts
 * about the subject is answered in the uniform form the caller may see (no-oracle.ts). Each answer
 * says what its decisions were made on (the request, the field, the entity's facts), for the record.
 */
import type { RequestContext } from '../context/types.ts';
import { judgeEntity, judgeField, judgeRequest } from './decide.ts';
import type { DecisionInput, EntityFacts, FactsProvider } from './facts.ts';
import { shownToCaller } from './no-oracle.ts';
import type { PolicyData } from './load.ts';
import type { RequestClearance } from './rules/context.ts';
import { deny, type Denial } from './rules/deny.ts';
import type { Decision, EntityQuestion, FetchQuestion, FieldQuestion, Policy } from './types.ts';
import { StoreUnavailableError } from '../store/unavailable.ts';

export interface PolicyOptions {
  data: PolicyData;
  facts: FactsProvider;
}

const FACTS_UNAVAILABLE = deny(
  'context',
  'policy.facts-unavailable',
  'the facts about this subject (area, signals, case) could not be loaded, so nothing about it is released; try again later',
);

export function createPolicy({ data, facts }: PolicyOptions): Policy {
  const requests = new WeakMap<RequestContext, { judged: Denial | RequestClearance; fields: Map<string, Denial | undefined> }>();

  function judged(context: RequestContext) {
    let entry = requests.get(context);
    if (!entry) requests.set(context, (entry = { judged: judgeRequest(context, data), fields: new Map() }));
    return entry;
  }

  return {
    async decide(question: FetchQuestion, context: RequestContext) {
      const request = judged(context);
      const clearance = request.judged;
      const input = (field: FieldQuestion, entity: EntityFacts | null): DecisionInput => ({
        request: context,
        field,
        entity,
        referenceDate: 'outcome' in clearance ? null : clearance.referenceDate,
      });
      if ('outcome' in clearance) {
        return {
          decisions: question.entities.map(() => question.fields.map(() => clearance)),
          inputs: question.entities.map(() => question.fields.map((field) => input(field, null))),
        };
      }

      const fieldDenials = question.fields.map((field) => {
        const key = `${field.owner}|${field.coordinate}`;
        if (!request.fields.has(key)) request.fields.set(key, judgeField(field, clearance, data));
        return request.fields.get(key);
      });
      if (fieldDenials.every((denial) => denial !== undefined) || question.entities.length === 0) {
        return {
          decisions: question.entities.map(() => fieldDenials as Decision[]),
          inputs: question.entities.map(() => question.fields.map((field) => input(field, null))),
        };
      }

      const loaded = await loadFacts(facts, question.entities, clearance, context);
      const inputs = question.entities.map((_entity, e) =>
        question.fields.map((field, f) => (fieldDenials[f] || loaded?.[e] ? input(field, loaded?.[e] ?? null) : undefined)),
      );
      const decisions = question.entities.map((_entity, e) =>
        question.fields.map((field, f): Decision => {
          const denial = fieldDenials[f];
          if (denial) return denial;
          const entityFacts = loaded?.[e];
          if (!entityFacts) return FACTS_UNAVAILABLE;
          const decision = shownToCaller(judgeEntity(field, entityFacts, clearance, data), field, clearance, data);
          return {
            ...decision,
            ...(entityFacts.caseId ? { caseId: entityFacts.caseId } : {}),
            ...(entityFacts.link ? { link: entityFacts.link } : {}),
          };
        }),
      );
      return { decisions, inputs };
    },
  };
}

/** The facts in entity order, or undefined when they cannot be loaded or do not match the entities. */
async function loadFacts(
  provider: FactsProvider,
  entities: readonly EntityQuestion[],
  clearance: RequestClearance,
  context: RequestContext,
): Promise<EntityFacts[] | undefined> {
  let loaded: EntityFacts[];
  try {
    loaded = await provider.load(entities, {
      project: clearance.project,
      referenceDate: clearance.referenceDate,
      today: clearance.today,
      request: context,
      traceId: context.traceId,
    });
  } catch (err) {
    // A store that cannot be read fails the whole request (HTTP 503); a register that cannot be asked
    // denies this subject's fields, as a partner that cannot be asked does.
    if (err instanceof StoreUnavailableError) throw err;
    return undefined;
  }
  const matches =
    loaded.length === entities.length &&
    entities.every((entity, i) => loaded[i]?.subjectId === entity.subjectId && loaded[i]?.kind === entity.kind);
  return matches ? loaded : undefined;
}
