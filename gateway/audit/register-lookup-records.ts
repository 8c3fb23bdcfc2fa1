/**
 * The policy's own look-ups in the registers (where a person lives and whether the BRP secrecy
 * flag is set; an address's postcode) are processings of those subjects, made for the request they
 * serve. They are made only after the request passed the context rules (facts are loaded for
 * nothing else), noted per request here, and recorded with the request's audit records: one
 * processing record per subject and look-up, with the register called and the call's span id.
 */
import type { LookupFor, RegisterLookupCall } from '../facts/registers.ts';
import { pseudonymise } from './pseudonym.ts';
import type { AuditRecord } from './records.ts';

export interface LookupJournal {
  /** For the register look-up's onLookup. */
  note(call: RegisterLookupCall, on: LookupFor): void;
  /** The look-ups made for a request, once: later calls return none. */
  take(request: object): RegisterLookupCall[];
}

export function createLookupJournal(): LookupJournal {
  const calls = new WeakMap<object, RegisterLookupCall[]>();
  return {
    note(call, on) {
      if (on.request === undefined) return;
      const list = calls.get(on.request) ?? [];
      list.push(call);
      calls.set(on.request, list);
    },
    take(request) {
      const list = calls.get(request) ?? [];
      calls.delete(request);
      return list;
    },
  };
}

/** What a look-up reads, by register and the kind of subject asked about. */
function whatIsRead(call: RegisterLookupCall): string {
  if (call.partner === 'brp') return 'residence and secrecy flag';
  if (call.partner === 'arbeidsinspectie') return 'employers housing people at an address';
  return call.subjectType === 'person' ? 'dwellings owned' : 'postcode';
}

export interface LookupRecordContext {
  traceId: string;
  /** The request's span: the look-ups are its children. */
  spanId: string;
  organisation: string;
  activity: { id: string; version: number | string };
  pseudonymKey: Uint8Array;
}

/** One processing record per subject per look-up. */
export function lookupRecords(calls: readonly RegisterLookupCall[], context: LookupRecordContext): AuditRecord[] {
  return calls.flatMap((call) =>
    call.subjectIds.map((id): AuditRecord => ({
      kind: 'processing',
      body: {
        trace_id: context.traceId,
        span_id: call.spanId,
        parent_span_id: context.spanId,
        name: `Scope check: ${call.partner.toUpperCase()} ${whatIsRead(call)}`,
        status: call.ok ? 'ok' : 'error',
        started_at: call.startedAt.toISOString(),
        ended_at: call.endedAt.toISOString(),
        processing_activity_id: context.activity.id,
        processing_activity_version: String(context.activity.version),
        subject_pseudonym: pseudonymise(call.subjectType, id, context.pseudonymKey),
        subject_type: call.subjectType,
        partner: call.partner,
        partner_reference: call.spanId,
        organisation: context.organisation,
        confidential: false,
        confidential_until: null,
      },
    })),
  );
}
