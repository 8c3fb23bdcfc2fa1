/**
 * The one interface between the executor and the policy engine. Before every partner fetch of
 * fields about a person or an address the executor asks, for each entity, which of those fields
 * may be fetched; it never fetches a field the answer does not allow.
 */
import type { Classification, Minimisation, SubjectKind } from '../../schema/classification.ts';
import type { RequestContext } from '../context/types.ts';
import type { DecisionInput } from './facts.ts';
import type { ScopeLink } from './links.ts';

export type Principle = 'classification' | 'context' | 'doelbinding' | 'scope' | 'proportionaliteit' | 'subsidiariteit' | 'dragnet' | 'subject';

export type Decision = DecisionOutcome & {
  /** The case the decision was made in (the subject's open case), so the audit trail records it. */
  caseId?: string;
  /** The partner's record that put a person in scope through a selected address (links.ts), so the audit trail names it. */
  link?: ScopeLink;
};

export type DecisionOutcome =
  | {
      outcome: 'allow';
      rule: string;
      /** Set when a lower tier was skipped on a written justification: the privacy officer reviews it. */
      flaggedForReview?: true;
    }
  | { outcome: 'minimise'; transform: Minimisation; principle: Principle; rule: string; reason: string; flaggedForReview?: true }
  | {
      outcome: 'deny';
      principle: Principle;
      /** Stable rule id, e.g. "proportionaliteit.tier-weight". */
      rule: string;
      /** Plain words: why, and what would make it allowed. */
      reason: string;
      /**
       * Set when the refusal rests on facts about the subject the caller may not know: the fields
       * above are the uniform refusal the caller is shown (no oracle, policy/no-oracle.ts), and
       * these are the precise rule and reason, for the decision record and Explain only.
       */
      precise?: { principle: Principle; rule: string; reason: string };
    };

export interface FieldQuestion {
  /** "Type.field" */
  coordinate: string;
  /** The partner (subgraph) that owns and would be asked for the field. */
  owner: string;
  classification: Classification;
}

export interface EntityQuestion {
  typename: string;
  kind: SubjectKind;
  /** The subject's id: a BSN for a person, a BAG address id for an address. */
  subjectId: string;
  /** Response path of the entity, for errors. */
  path: ReadonlyArray<string | number>;
}

export interface FetchQuestion {
  owner: string;
  fields: FieldQuestion[];
  entities: EntityQuestion[];
}

/** decisions[e][f] is the decision for entities[e] and fields[f]. */
export interface FetchAnswer {
  decisions: Decision[][];
  /**
   * inputs[e][f] is what decisions[e][f] was made on, for its decision record; undefined where it
   * was not made by the rules (the facts could not be loaded). Absent from a policy that keeps none.
   */
  inputs?: (DecisionInput | undefined)[][];
}

export interface Policy {
  decide(question: FetchQuestion, context: RequestContext): Promise<FetchAnswer>;
}

/** The policy every served build starts from: nothing about a person or an address is allowed. */
export const denyAllPolicy: Policy = {
  async decide(question) {
    const deny: Decision = {
      outcome: 'deny',
      principle: 'context',
      rule: 'default.deny',
      reason: 'No policy engine is configured for this gateway, so no field about a person or an address is released.',
    };
    return { decisions: question.entities.map(() => question.fields.map(() => deny)) };
  },
};
