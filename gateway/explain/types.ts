/**
 * The answer to "what would this query, asked in this context, release, and why": per field of a
 * person or an address, by response path, the decision the policy engine would make, or what is
 * left to run time. A dry run: no partner is asked.
 */
import type { SubjectKind, Tier } from '../../schema/classification.ts';
import type { FactsProvider } from '../policy/facts.ts';
import type { Weight } from '../policy/weight.ts';
import type { Decision } from '../policy/types.ts';
import type { Denial } from '../policy/rules/deny.ts';

/** A per-entity rule a facts source cannot judge without asking a partner: the explanation assumes it passes. */
export interface AssumedRule {
  rule: string;
  why: string;
}

/** What a facts source knows about one kind of subject without asking any partner. */
export type FactsCoverage = { known: true; assumes: readonly AssumedRule[] } | { known: false; why: string };

/** Facts about the subjects an operation names in its arguments. The provider must ask no partner. */
export interface ExplainFacts {
  provider: FactsProvider;
  coverage: Record<SubjectKind, FactsCoverage>;
}

export type RequestOutcome =
  | {
      outcome: 'cleared';
      organisation: string;
      project: string;
      purpose: string;
      /** The caller's roles that may act for the purpose. */
      roles: string[];
      /** The day the request would be judged on, and the day residence is judged on. */
      today: string;
      referenceDate: string;
      justification: boolean;
    }
  | Denial;

/** The facts an entity-level decision was made on (never the subject's id). */
export interface FactsUsed {
  weight: Weight;
  /** Distinct participating partners with signals on the (person's) address. */
  signallingPartners: string[];
  caseId: string | null;
  consultedTiers: Tier[];
}

export type ExplainedSubject =
  | { kind: SubjectKind; named: true }
  | { kind: SubjectKind; named: false; answeredBy: { partner: string; path: string } };

export interface ExplainedField {
  /** Response path, dot-separated; `*` stands for every item of a list. */
  path: string;
  coordinate: string;
  /** The partner that would be asked for the field. */
  owner: string;
  /** null: the owner has not classified the field (it is never released). */
  tier: Tier | null;
  subject: ExplainedSubject;
  /**
   * Where the outcome is settled: for the whole request, for the field, for the entity named in
   * the arguments, only at run time (per entity), or not at all because the field would not be
   * asked (an enclosing field is denied, or given as a count or existence only).
   */
  stage: 'request' | 'field' | 'entity' | 'run-time' | 'not-asked';
  decision?: Decision;
  /** Entity stage: the facts the decision was made on, and the rules assumed to pass. */
  facts?: FactsUsed;
  assumes?: AssumedRule[];
  /** Run-time stage: the per-entity rules still to be decided, and why they cannot be now. */
  atRunTime?: { rules: string[]; why: string };
  /** Not-asked stage: the enclosing field that keeps this one from being asked. */
  notAsked?: { because: string };
}

export interface Explanation {
  dryRun: true;
  /** The content hash of the policy files the decisions were made with. */
  policyVersion: string;
  operation: { type: 'query' | 'mutation'; name: string | null };
  request: RequestOutcome;
  fields: ExplainedField[];
  /** Limits the executor counts at run time over all persons of a request and of the caller's day. */
  personLimits: string[];
}
