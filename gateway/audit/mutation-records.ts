/**
 * Changes made through the project's case work are processings about the address and its
 * residents: each is recorded (who, organisation, role, project, purpose, why, about which
 * subject) in the same transaction as the change itself. The change is stored only together with
 * its record; when the record cannot be written, nothing is changed and nothing is answered
 * (no log, no access). Every mutation of the project subgraph goes through `recordMutation`.
 */
import type { Db } from '../store/db.ts';
import type { SigningKeys } from './keys.ts';
import { pseudonymise } from './pseudonym.ts';
import { parseAuditRecord, type MutationRecord } from './records.ts';
import { appendRecords } from './append.ts';

export interface MutationActor {
  callerId: string;
  organisation: string;
  role: string;
  project: string;
  purpose: string;
  traceId: string;
}

export interface Mutation {
  /** The mutation's name in the schema. */
  action: string;
  /** The address the change is about. */
  adresId: string;
  caseId: string | null;
  reason: string | null;
}

export interface MutationAuditOptions {
  pseudonymKey: Uint8Array;
  /** The processing activity registered for a purpose; undefined: none (the change is refused). */
  activityFor: (purpose: string) => { id: string; version: number | string } | undefined;
  /** The same checkpoint rule as the audit writer's. */
  checkpoints?: { keys: SigningKeys; every: number };
  /** Told when the record (and so the change) could not be committed. */
  onFailed?: (error: unknown) => void;
}

/** The change could not be recorded, so it was not made. */
export class MutationNotRecorded extends Error {
  override readonly name = 'MutationNotRecorded';
}

export type RecordMutation = <T>(
  db: Db,
  actor: MutationActor,
  at: Date,
  change: (tx: Db) => Promise<{ result: T; mutation: Mutation }>,
) => Promise<T>;

/**
 * Runs `change` in a transaction and appends its record there; the caseId of the mutation may come
 * from the change itself (a case it opened). Errors of `change` are thrown as they are; a failure
 * to record throws MutationNotRecorded, and either way the transaction is rolled back.
 */
export function createMutationRecorder(options: MutationAuditOptions): RecordMutation {
  return async (db, actor, at, change) => {
    let changed = false;
    try {
      return await db.transaction(async (tx) => {
        const { result, mutation } = await change(tx);
        changed = true;
        const activity = options.activityFor(actor.purpose);
        if (activity === undefined) throw new Error(`no processing activity is registered for purpose "${actor.purpose}"`);
        const body: MutationRecord = {
          trace_id: actor.traceId,
          caller_id: actor.callerId,
          organisation: actor.organisation,
          role: actor.role,
          project: actor.project,
          purpose: actor.purpose,
          action: mutation.action,
          subject_pseudonym: pseudonymise('address', mutation.adresId, options.pseudonymKey),
          subject_type: 'address',
          case_id: mutation.caseId,
          reason: mutation.reason,
          performed_at: at.toISOString(),
          processing_activity_id: activity.id,
          processing_activity_version: String(activity.version),
        };
        await appendRecords(tx, [parseAuditRecord({ kind: 'mutation', body })], at, options.checkpoints);
        return result;
      });
    } catch (error) {
      if (!changed) throw error;
      options.onFailed?.(error);
      throw new MutationNotRecorded('The change could not be recorded in the audit trail, so it was not made.', { cause: error });
    }
  };
}
