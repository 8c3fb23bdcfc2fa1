/**
 * Turns one request's decisions and partner calls into audit records: a decision record per subject
 * and partner call listing every field's outcome (why, decision-records.ts), and processing records
 * per subject for the gateway's processing and for each partner call (what happened), linked by W3C
 * trace context. Subjects are pseudonymised here; the records hold no plain BSN or address id. A
 * decision made by the policy's rules keeps what they read (its input, decision-input.ts).
 */
import type { RequestSummary, AuditSink } from '../server/pipeline.ts';
import { decisionRecords } from './decision-records.ts';
import { pseudonymise } from './pseudonym.ts';
import { lookupRecords, type LookupJournal } from './register-lookup-records.ts';
import type { AuditRecord, ProcessingRecord } from './records.ts';
import type { AuditWriter } from './writer.ts';

export interface ProcessingActivityRef {
  id: string;
  version: number | string;
  purpose: string;
}

export interface RequestRecordOptions {
  pseudonymKey: Uint8Array;
  policyVersion: string;
  activities: readonly ProcessingActivityRef[];
}

function activityFor(options: RequestRecordOptions, purpose: string | undefined): ProcessingActivityRef | undefined {
  return purpose === undefined ? undefined : options.activities.find((a) => a.purpose === purpose);
}

export function requestRecords(summary: RequestSummary, options: RequestRecordOptions): AuditRecord[] {
  const { context, output } = summary;
  const caller = context.caller;
  const purpose = context.purpose;
  const activity = activityFor(options, purpose?.purpose);
  // subject pseudonym → owners whose data about it was released
  const released = new Map<string, { type: 'person' | 'address'; owners: Set<string> }>();
  // A request decides many fields about few subjects: one HMAC per subject (and per address in the decisions' input).
  const pseudonyms = new Map<string, string>();
  const pseudonymOf = (kind: 'person' | 'address', id: string): string => {
    const key = `${kind}:${id}`;
    let pseudonym = pseudonyms.get(key);
    if (pseudonym === undefined) pseudonyms.set(key, (pseudonym = pseudonymise(kind, id, options.pseudonymKey)));
    return pseudonym;
  };

  const records: AuditRecord[] = decisionRecords(output.decisions, output.calls, {
    context,
    policyVersion: options.policyVersion,
    decidedAt: summary.endedAt.toISOString(),
    activity: activity && { id: activity.id, version: String(activity.version) },
    pseudonymOf,
  }).map((body) => ({ kind: 'decision', body }));
  for (const d of output.decisions) {
    if (!d.subject.id || d.decision.outcome === 'deny') continue;
    const pseudonym = pseudonymOf(d.subject.kind, d.subject.id);
    const entry = released.get(pseudonym) ?? { type: d.subject.kind, owners: new Set<string>() };
    entry.owners.add(d.owner);
    released.set(pseudonym, entry);
  }
  if (released.size === 0) return records;
  // Data was released without a registered processing activity or a caller: refuse to answer rather than log it half.
  if (!caller) throw new Error('Data was released without a verified caller.');
  if (!activity) throw new Error(`No processing activity is registered for purpose "${purpose?.purpose ?? '(none)'}".`);

  const processing = (fields: Omit<ProcessingRecord, 'trace_id' | 'processing_activity_id' | 'processing_activity_version' | 'organisation' | 'confidential' | 'confidential_until'>): AuditRecord => ({
    kind: 'processing',
    body: {
      trace_id: context.traceId,
      processing_activity_id: activity.id,
      processing_activity_version: String(activity.version),
      organisation: caller.organisation,
      confidential: false,
      confidential_until: null,
      ...fields,
    },
  });
  // What each subject's records say of the request and of each call is the same for every subject: made once.
  const requestName = `Doelpoort: ${summary.operationName ?? 'anonymous operation'} (${purpose!.project}, ${purpose!.purpose})`;
  const startedAt = summary.startedAt.toISOString();
  const endedAt = summary.endedAt.toISOString();
  // A call refused before it left the gateway processed nothing at the partner.
  const made = output.calls
    .filter((call) => !call.refused)
    .map((call) => ({ call, name: `Read ${call.coordinates.join(', ')} from ${call.graph}`, startedAt: call.startedAt.toISOString(), endedAt: call.endedAt.toISOString() }));
  for (const [pseudonym, { type, owners }] of released) {
    records.push(
      processing({
        span_id: context.spanId,
        parent_span_id: summary.parentSpanId ?? null,
        name: requestName,
        status: 'ok',
        started_at: startedAt,
        ended_at: endedAt,
        subject_pseudonym: pseudonym,
        subject_type: type,
        partner: null,
        partner_reference: null,
      }),
    );
    for (const { call, name, startedAt, endedAt } of made) {
      if (!owners.has(call.graph)) continue;
      records.push(
        processing({
          span_id: call.spanId,
          parent_span_id: context.spanId,
          name,
          status: call.ok ? 'ok' : 'error',
          started_at: startedAt,
          ended_at: endedAt,
          subject_pseudonym: pseudonym,
          subject_type: type,
          partner: call.graph,
          partner_reference: call.spanId,
        }),
      );
    }
  }
  return records;
}

/** The request's records, and those of the register look-ups made for it (when a journal is given). */
export function createAuditSink(writer: AuditWriter, options: RequestRecordOptions, lookups?: LookupJournal): AuditSink {
  return {
    async recordRequest(summary) {
      const records = requestRecords(summary, options);
      const calls = lookups?.take(summary.context) ?? [];
      if (calls.length > 0) {
        const { context } = summary;
        const activity = activityFor(options, context.purpose?.purpose);
        // Look-ups are made only for a request that passed the context rules; without its activity or caller, refuse rather than log half.
        if (!activity || !context.caller) throw new Error(`No processing activity is registered for purpose "${context.purpose?.purpose ?? '(none)'}".`);
        records.push(
          ...lookupRecords(calls, { traceId: context.traceId, spanId: context.spanId, organisation: context.caller.organisation, activity, pseudonymKey: options.pseudonymKey }),
        );
      }
      await writer.write(records);
    },
  };
}
