/**
 * Who asks the project subgraph, and whether they may act in the project: the gateway's per-call
 * token, judged by the same request rules as the policy (project known and active, the caller's
 * organisation a participant, the role able to act for the declared purpose).
 */
import type DataLoader from 'dataloader';
import { COORDINATOR_ROLE } from '../identity/authorisation.ts';
import type { Caller } from '../context/types.ts';
import { judgeRequest } from '../policy/decide.ts';
import type { PolicyData } from '../policy/load.ts';
import type { RequestClearance } from '../policy/rules/context.ts';
import type { GatewayClaims } from '@doelpoort/subgraph-kit';
import type { CaseRecord, FindingRecord } from './case-records.ts';
import type { Mutation } from '../audit/mutation-records.ts';
import type { OpenCase } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { projectError } from './errors.ts';
import type { Outcome } from '../store/outcomes.ts';
import type { Visit } from '../store/visits.ts';

/** The GraphQL context of one request. */
export interface ProjectRequest {
  claims: GatewayClaims;
  now: Date;
  cases: DataLoader<string, CaseRecord | undefined>;
  /** The open case of the declared project on an address, by address id. */
  openCases: DataLoader<string, OpenCase | undefined>;
  findings: DataLoader<string, FindingRecord[]>;
  visits: DataLoader<string, Visit[]>;
  outcomes: DataLoader<string, Outcome[]>;
  /**
   * Makes a change and records it in the audit trail, in one transaction: every mutation goes
   * through here. Throws the change's own errors, or MutationNotRecorded (nothing was changed).
   */
  recorded<T>(change: (tx: Db) => Promise<{ result: T; mutation: Mutation }>): Promise<T>;
}

/** Roles that record findings: the coordinator and the enforcement officer who made the visit. */
export const FINDING_ROLES: readonly string[] = [COORDINATOR_ROLE, 'handhaver'];

/** The caller as the gateway token names them, with every role they hold (not only the first). */
export function callerOf(claims: GatewayClaims): Caller {
  return { id: claims.callerId, organisation: claims.organisation, roles: claims.roles ?? [claims.role], projects: [claims.project] };
}

/** The clearance for acting in `project`, or a FORBIDDEN error saying why not. */
export function clearance(request: ProjectRequest, project: string, data: PolicyData): RequestClearance {
  const { claims } = request;
  if (project !== claims.project) {
    throw projectError('FORBIDDEN', `This request is declared for project "${claims.project}", not "${project}". Declare project "${project}" to work in it.`);
  }
  const judged = judgeRequest({ now: request.now, caller: callerOf(claims), purpose: { project: claims.project, purpose: claims.purpose } }, data);
  if ('outcome' in judged) throw projectError('FORBIDDEN', `Not allowed in project "${project}" (${judged.rule}): ${judged.reason}.`);
  return judged;
}
