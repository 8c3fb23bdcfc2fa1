/**
 * The decision records of one request: one per subject and partner call, listing every field
 * decided about that subject for that partner (the fields' owner) in that round of the request,
 * with its outcome. The partner is called at most once a round, so a record stands beside the
 * processing record of that call (`partner_reference`, the call's span id).
 *
 * Fields share a record when they share the input the rules read of the request and the entity;
 * fields decided outside the rules (no input: the person limits, an unclassified field, facts that
 * could not be loaded) are recorded apart from those decided by them, as are fields decided on
 * another loading of the subject's facts. A subject refused before any call (every field denied)
 * still gets its record per owner and round, with `partner_reference` null.
 */
import { preciseDecision } from '../policy/no-oracle.ts';
import type { DecisionRecord as ExecutedDecision, PartnerCallRecord } from '../executor/types.ts';
import type { RequestContext } from '../context/types.ts';
import type { DecisionInput, EntityFacts, RequestFacts } from '../policy/facts.ts';
import type { FieldQuestion } from '../policy/types.ts';
import { redactText } from '../observability/redact.ts';
import { recordedEntity, recordedFieldInput, recordedRequest } from './decision-input.ts';
import type { DecisionRecord, FieldOutcome, RecordedInput } from './records.ts';

export interface DecisionRecordOptions {
  context: RequestContext;
  policyVersion: string;
  decidedAt: string;
  activity: { id: string; version: string } | undefined;
  /** A subject's or an address's pseudonym, by kind and id. */
  pseudonymOf: (kind: 'person' | 'address', id: string) => string;
}

interface Group {
  body: DecisionRecord;
  released: Set<string>;
}

/** The request's decision records, in the order their first field was decided; decisions without a subject id are not recorded (as before). */
export function decisionRecords(decisions: readonly ExecutedDecision[], calls: readonly PartnerCallRecord[], options: DecisionRecordOptions): DecisionRecord[] {
  const { context, pseudonymOf } = options;
  const caller = context.caller;
  const purpose = context.purpose;
  const callOf = new Map<string, string>();
  for (const call of calls) if (call.round !== undefined && !call.refused) callOf.set(`${call.graph}|${call.round}`, call.spanId);
  // The facts a field was decided on, by identity: one loading of one subject's facts is one object.
  const factsTag = new Map<object, number>();
  const groups = new Map<string, Group>();
  // The parts of the input shared by many decisions are made once each and shared by their records
  // (the writer serialises each record as it is): the request's part, per request facts and
  // reference date (one per request); the entity's, per loading of its facts; the field's, per question.
  const requestParts = new Map<RequestFacts, Map<string | null, RecordedInput['request']>>();
  const entityParts = new Map<EntityFacts, RecordedInput['entity']>();
  const fieldParts = new Map<FieldQuestion, RecordedInput['field']>();
  const requestPart = ({ request, referenceDate }: DecisionInput) => {
    let byDate = requestParts.get(request);
    if (!byDate) requestParts.set(request, (byDate = new Map()));
    return cached(byDate, referenceDate, () => recordedRequest(request, referenceDate));
  };
  const entityPart = ({ entity }: DecisionInput) => (entity === null ? null : cached(entityParts, entity, () => recordedEntity(entity, (addressId) => pseudonymOf('address', addressId))));
  const fieldPart = ({ field }: DecisionInput) => cached(fieldParts, field, () => recordedFieldInput(field));

  for (const d of decisions) {
    if (!d.subject.id) continue;
    const decision = preciseDecision(d.decision);
    const facts = d.input === undefined ? 'none' : d.input.entity === null ? 'unloaded' : tagOf(factsTag, d.input.entity);
    const key = `${d.subject.kind}:${d.subject.id}|${d.owner}|${d.round}|${facts}`;
    let group = groups.get(key);
    if (!group) {
      const subject = pseudonymOf(d.subject.kind, d.subject.id);
      // Keys in sorted order, the canonical order the chain hashes (canonical.ts); released_tiers is filled in below.
      const body: DecisionRecord = {
        action: 'read',
        caller_id: caller?.id ?? 'anonymous',
        case_id: decision.caseId ?? purpose?.caseId ?? null,
        decided_at: options.decidedAt,
        fields: [],
        ...(d.input ? { input: { entity: entityPart(d.input), request: requestPart(d.input) } } : {}),
        justification: purpose?.justification ?? null,
        organisation: caller?.organisation ?? 'unknown',
        owner: d.owner,
        partner_reference: callOf.get(`${d.owner}|${d.round}`) ?? null,
        phase: null,
        policy_version: options.policyVersion,
        processing_activity_id: options.activity?.id ?? null,
        processing_activity_version: options.activity?.version ?? null,
        project: purpose?.project ?? null,
        purpose: purpose?.purpose ?? null,
        released_tiers: [],
        request_id: context.requestId,
        role: caller?.roles.length ? caller.roles.join(',') : null,
        subject_pseudonym: subject,
        subject_type: d.subject.kind,
        trace_id: context.traceId,
      };
      groups.set(key, (group = { body, released: new Set() }));
    }
    const { body } = group;
    if (decision.link && !body.scope_link) {
      body.scope_link = { address_pseudonym: pseudonymOf('address', decision.link.addressId), kind: decision.link.kind, partner: decision.link.partner, record: decision.link.record };
    }
    if (decision.caseId) body.case_id = decision.caseId;
    const entry: FieldOutcome = {
      field_path: redactText(d.path.join('.')),
      flagged_for_review: (decision as { flaggedForReview?: boolean }).flaggedForReview === true,
      ...(d.input ? { input: { field: fieldPart(d.input) } } : {}),
      outcome: decision.outcome,
      principle: decision.outcome === 'allow' ? null : decision.principle,
      reason: decision.outcome === 'allow' ? null : decision.reason,
      resource: d.coordinate,
      rule: decision.rule,
      tier: d.tier,
      transform: decision.outcome === 'minimise' ? decision.transform : null,
    };
    body.fields.push(entry);
    if (decision.outcome !== 'deny') group.released.add(d.tier);
  }
  // The bodies are this function's own: released_tiers is set in place, at the position the body was built with.
  return [...groups.values()].map(({ body, released }) => {
    body.released_tiers = [...released].sort();
    return body;
  });
}

function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  if (map.has(key)) return map.get(key)!;
  const value = make();
  map.set(key, value);
  return value;
}

function tagOf(tags: Map<object, number>, facts: object): number {
  let tag = tags.get(facts);
  if (tag === undefined) tags.set(facts, (tag = tags.size + 1));
  return tag;
}
