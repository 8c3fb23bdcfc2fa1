/**
 * The privacy officers' own processing. Reading the audit log about a person or an address is
 * itself a processing of their data (Logboek Dataverwerkingen logs oversight too), so a read of the
 * audit API that answers about subjects leaves one processing record per subject, under the
 * oversight activity, naming the officer and their organisation. The API writes them before it
 * answers, and does not answer when they cannot be written.
 *
 * Never decision records: the tiers consulted in a case are read from decision records
 * (gateway/facts/provider.ts), and an officer's read consults no tier.
 */
import type { TraceContext } from '../context/trace.ts';
import type { Caller } from '../context/types.ts';
import { pseudonymise } from './pseudonym.ts';
import type { AuditRecord } from './records.ts';

export interface OversightSubject {
  pseudonym: string;
  type: 'person' | 'address';
}

export interface OversightRead {
  officer: Caller;
  trace: TraceContext;
  /** What was asked, "METHOD /path": never a BSN (a BSN only ever comes in a POST body). */
  route: string;
  startedAt: Date;
  endedAt: Date;
  subjects: readonly OversightSubject[];
}

export interface OversightActivityRef {
  id: string;
  version: number | string;
}

/** One processing record per subject of the read, in the order given. */
export function oversightRecords(read: OversightRead, activity: OversightActivityRef): AuditRecord[] {
  return read.subjects.map((subject) => ({
    kind: 'processing',
    body: {
      trace_id: read.trace.traceId,
      span_id: read.trace.spanId,
      parent_span_id: read.trace.parentSpanId ?? null,
      name: `Privacy oversight: ${read.route}`,
      status: 'ok',
      started_at: read.startedAt.toISOString(),
      ended_at: read.endedAt.toISOString(),
      processing_activity_id: activity.id,
      processing_activity_version: String(activity.version),
      subject_pseudonym: subject.pseudonym,
      subject_type: subject.type,
      partner: null,
      partner_reference: null,
      organisation: read.officer.organisation,
      caller_id: read.officer.id,
      confidential: false,
      confidential_until: null,
    },
  }));
}

/** The person with this BSN, as a subject of a read. */
export function personSubject(bsn: string, key: Uint8Array): OversightSubject {
  return { pseudonym: pseudonymise('person', bsn, key), type: 'person' };
}

/** The distinct subjects named by audit records (decision and processing bodies), in order of first appearance. */
export function subjectsOf(bodies: readonly Record<string, unknown>[]): OversightSubject[] {
  const subjects = new Map<string, OversightSubject>();
  for (const body of bodies) {
    const pseudonym = body['subject_pseudonym'];
    const type = body['subject_type'];
    if (typeof pseudonym !== 'string' || (type !== 'person' && type !== 'address')) continue;
    if (!subjects.has(`${type}:${pseudonym}`)) subjects.set(`${type}:${pseudonym}`, { pseudonym, type });
  }
  return [...subjects.values()];
}
