/**
 * Replay: recorded decisions made again by the policy's rules on their recorded input
 * (decision-input.ts), pure. Under each record's own policy version it proves that every decision
 * followed the policy in force, naming every field whose outcome differs; under another version
 * (a proposed covenant or project) it shows what that version would change. Decisions made
 * outside the rules (no input) are counted apart, by rule.
 */
import { decideField, judgeField, judgeRequest } from '../policy/decide.ts';
import type { PolicyData } from '../policy/load.ts';
import type { Decision } from '../policy/types.ts';
import { replayQuestion, type ReplayQuestion } from './decision-input.ts';
import { fieldDecisions } from './field-decisions.ts';
import type { FieldDecisionRecord, StoredDecisionBody } from './records.ts';

/** A decision record as stored: its place in the audit log and its body (grouped, or of one field). */
export interface StoredDecision {
  seq: number;
  body: StoredDecisionBody;
}

/**
 * An outcome as replay compares it. `undecided`: under the replaying version the request and field
 * rules pass, but the entity's facts were not loaded when the record was made, so no rule can judge it.
 */
export interface ReplayOutcome {
  outcome: 'allow' | 'minimise' | 'deny' | 'undecided';
  rule: string;
  transform: string | null;
}

export const UNDECIDED_RULE = 'replay.facts-not-recorded';

/** A field whose replayed outcome differs from the recorded one. */
export interface ReplayDifference {
  seq: number;
  /** The field's index in a grouped record (as a review targets it); absent for a record of one field. */
  field?: number;
  trace_id: string;
  request_id: string;
  decided_at: string;
  resource: string;
  owner: string;
  subject_pseudonym: string;
  subject_type: 'person' | 'address';
  project: string | null;
  purpose: string | null;
  policy_version: string;
  recorded: ReplayOutcome;
  replayed: ReplayOutcome;
}

/** How many decisions had this outcome by this rule, as recorded and as replayed. */
export interface RuleCount {
  outcome: ReplayOutcome['outcome'];
  rule: string;
  recorded: number;
  replayed: number;
}

export interface ReplayReport {
  /** The version every decision was replayed under; null: each under its own recorded version. */
  policy_version: string | null;
  /** Decision records read. */
  records: number;
  /** Field decisions read: one per record of one field, one per entry of a grouped record's fields. */
  decisions: number;
  replayed: number;
  /** Replayed with the recorded outcome, rule and transform. */
  same: number;
  differences: ReplayDifference[];
  /** The differences of fields that were released (allowed or minimised): what a new version would withhold or release otherwise. */
  changed_releases: ReplayDifference[];
  /** Per rule and outcome, over the replayed decisions, sorted by rule and outcome. */
  counts: RuleCount[];
  /** Decisions made outside the policy's rules (no input on record), by their rule: not replayable by the policy. */
  not_replayable: { total: number; by_rule: Record<string, number> };
  /** Decisions whose recorded policy version is not available (not kept in the store), by version. */
  unknown_versions: Record<string, number>;
}

/**
 * Replays `records`: each under `policyFor(record.policy_version)`, or, given `replacement`, under
 * that version instead.
 */
export function replayDecisions(
  records: Iterable<StoredDecision>,
  policyFor: (version: string) => PolicyData | undefined,
  replacement?: PolicyData,
): ReplayReport {
  const report: ReplayReport = {
    policy_version: replacement?.version ?? null,
    records: 0,
    decisions: 0,
    replayed: 0,
    same: 0,
    differences: [],
    changed_releases: [],
    counts: [],
    not_replayable: { total: 0, by_rule: {} },
    unknown_versions: {},
  };
  const counts = new Map<string, RuleCount>();
  const count = (o: ReplayOutcome, which: 'recorded' | 'replayed') => {
    const key = `${o.rule}\u0000${o.outcome}`;
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { outcome: o.outcome, rule: o.rule, recorded: 0, replayed: 0 }));
    entry[which] += 1;
  };

  for (const record of records) {
    report.records += 1;
    for (const { field, body } of fieldDecisions(record.body)) replayOne(record.seq, field, body);
  }
  report.counts = [...counts.values()].sort((a, b) => (a.rule === b.rule ? cmp(a.outcome, b.outcome) : cmp(a.rule, b.rule)));
  return report;

  function replayOne(seq: number, field: number | undefined, body: FieldDecisionRecord): void {
    report.decisions += 1;
    const question = replayQuestion(body);
    if (!question) {
      report.not_replayable.total += 1;
      report.not_replayable.by_rule[body.rule] = (report.not_replayable.by_rule[body.rule] ?? 0) + 1;
      return;
    }
    const data = replacement ?? policyFor(body.policy_version);
    if (!data) {
      report.unknown_versions[body.policy_version] = (report.unknown_versions[body.policy_version] ?? 0) + 1;
      return;
    }
    report.replayed += 1;
    const recorded: ReplayOutcome = { outcome: body.outcome, rule: body.rule, transform: body.transform };
    const replayed = decideAgain(question, data);
    count(recorded, 'recorded');
    count(replayed, 'replayed');
    if (sameOutcome(recorded, replayed)) {
      report.same += 1;
      return;
    }
    const difference = differenceOf(seq, field, body, recorded, replayed);
    report.differences.push(difference);
    if (recorded.outcome !== 'deny') report.changed_releases.push(difference);
  }
}

/** The decision the rules make on the recorded input: the precise rule, as the record keeps it. */
export function decideAgain({ request, field, entity }: ReplayQuestion, data: PolicyData): ReplayOutcome {
  if (entity) return outcomeOf(decideField(field, entity, request, data));
  // Without the entity's facts only the request and field rules can refuse.
  const clearance = judgeRequest(request, data);
  if ('outcome' in clearance) return outcomeOf(clearance);
  const refused = judgeField(field, clearance, data);
  return refused ? outcomeOf(refused) : { outcome: 'undecided', rule: UNDECIDED_RULE, transform: null };
}

function outcomeOf(decision: Decision): ReplayOutcome {
  return { outcome: decision.outcome, rule: decision.rule, transform: decision.outcome === 'minimise' ? decision.transform : null };
}

function sameOutcome(a: ReplayOutcome, b: ReplayOutcome): boolean {
  return a.outcome === b.outcome && a.rule === b.rule && a.transform === b.transform;
}

function differenceOf(seq: number, field: number | undefined, body: FieldDecisionRecord, recorded: ReplayOutcome, replayed: ReplayOutcome): ReplayDifference {
  return {
    seq,
    ...(field !== undefined ? { field } : {}),
    trace_id: body.trace_id,
    request_id: body.request_id,
    decided_at: body.decided_at,
    resource: body.resource,
    owner: body.owner,
    subject_pseudonym: body.subject_pseudonym,
    subject_type: body.subject_type,
    project: body.project,
    purpose: body.purpose,
    policy_version: body.policy_version,
    recorded,
    replayed,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
