/**
 * Replay over the audit store: the decision records of a period, a project or one request (trace
 * id), each replayed under the policy version it names, loaded from the versions the store keeps
 * (store/policy-versions.ts), or under a replacement version. Used by `npm run audit:replay` and
 * POST /audit/replay.
 */
import type { PolicyData } from '../policy/load.ts';
import type { Db } from '../store/db.ts';
import { storedPolicyData } from '../store/policy-versions.ts';
import { storedDecisionRecord } from './records.ts';
import { replayDecisions, type ReplayReport, type StoredDecision } from './replay.ts';

export interface ReplayFilter {
  /** Records committed at or after this moment. */
  from?: Date;
  /** Records committed before this moment. */
  to?: Date;
  project?: string;
  traceId?: string;
}

const PAGE = 1000;

export async function replayFromStore(db: Db, filter: ReplayFilter, replacement?: PolicyData): Promise<ReplayReport> {
  const records = await decisionsIn(db, filter);
  const versions = new Map<string, PolicyData | undefined>();
  if (!replacement) {
    for (const { body } of records) {
      if (body.input && !versions.has(body.policy_version)) versions.set(body.policy_version, await storedPolicyData(db, body.policy_version));
    }
  }
  return replayDecisions(records, (version) => versions.get(version), replacement);
}

/** The decision records the filter selects, in log order, checked against the record schema. */
async function decisionsIn(db: Db, filter: ReplayFilter): Promise<StoredDecision[]> {
  const conditions = ["kind = 'decision'"];
  const values: unknown[] = [];
  const bind = (value: unknown) => `$${values.push(value)}`;
  if (filter.from) conditions.push(`recorded_at >= ${bind(filter.from)}`);
  if (filter.to) conditions.push(`recorded_at < ${bind(filter.to)}`);
  if (filter.project) conditions.push(`project = ${bind(filter.project)}`);
  if (filter.traceId) conditions.push(`trace_id = ${bind(filter.traceId)}`);
  const after = values.length + 1;
  const records: StoredDecision[] = [];
  for (let last = 0; ; ) {
    const { rows } = await db.query<{ seq: number; body: unknown }>(
      `SELECT seq, body FROM audit_log WHERE ${conditions.join(' AND ')} AND seq > $${after} ORDER BY seq LIMIT ${PAGE}`,
      [...values, last],
    );
    for (const row of rows) {
      const parsed = storedDecisionRecord.safeParse(row.body);
      if (!parsed.success) throw new Error(`The decision record at seq ${row.seq} does not have the decision record's shape; run npm run audit:verify.`);
      records.push({ seq: row.seq, body: parsed.data });
    }
    if (rows.length < PAGE) return records;
    last = rows[rows.length - 1]!.seq;
  }
}
