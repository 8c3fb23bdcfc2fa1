/**
 * What the rules need to know besides the policy data: facts about the request (from the request
 * context) and about each entity (from the world and the audit history, via a FactsProvider).
 */
import type { SubjectKind, Tier } from '../../schema/classification.ts';
import type { RequestContext } from '../context/types.ts';
import type { ScopeLink } from './links.ts';
import type { Project } from './schemas.ts';
import type { EntityQuestion, FieldQuestion } from './types.ts';

/** The request as the rules see it. */
export type RequestFacts = Pick<RequestContext, 'now' | 'caller' | 'purpose'>;

export interface EntityFacts {
  kind: SubjectKind;
  /** BSN or BAG address id; never logged or shown by the rules. */
  subjectId: string;
  /**
   * An address in the project's area, or a person registered at one on the reference date, or a
   * person linked to a selected in-area address (`link`).
   */
  inScope: boolean;
  /** The address the indication is about: the address itself, or the person's in-area (or linked) address. */
  addressId: string | null;
  /** For a person in scope only through a partner's record that ties them to a selected address: that record. */
  link?: ScopeLink;
  /** Signals about that address: the partners that gave them (may repeat) and their kinds. */
  signals: { partners: readonly string[]; kinds: readonly string[] };
  /** A finding recorded in the address's case. */
  documentedSuspicion: boolean;
  /** The open case on the address in this project (the address is selected); null: not selected. */
  caseId: string | null;
  /** Tiers already consulted in that case, from the audit history. */
  consultedTiers: readonly Tier[];
  /** The BRP secrecy flag of a person; null when unknown or not a person. */
  secrecy: boolean | null;
}

/**
 * What one decision by the rules was made on: the decision record keeps it (audit/decision-input.ts),
 * so the decision can be made again (replay).
 */
export interface DecisionInput {
  request: RequestFacts;
  field: FieldQuestion;
  /** The entity's facts; null when they were not loaded (the request or the field was refused first). */
  entity: EntityFacts | null;
  /** The day residence was judged on; null when the context rules refused the request. */
  referenceDate: string | null;
}

export interface FactsQuery {
  project: Project;
  /** The day residence is judged on (YYYY-MM-DD). */
  referenceDate: string;
  /** The day of the request in the Netherlands (YYYY-MM-DD): signals after it do not count. */
  today: string;
  request: RequestFacts;
  /** The request's W3C trace id: the look-ups made for these facts join the request's trace. */
  traceId?: string;
}

/** Loads the facts for all entities of one question in one call; facts[i] is about entities[i]. */
export interface FactsProvider {
  load(entities: readonly EntityQuestion[], query: FactsQuery): Promise<EntityFacts[]>;
}
