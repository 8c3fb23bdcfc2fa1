/** The audit API's record shapes, as the app shows them (docs/audit.md). */
export interface AuditEntry {
  seq: number;
  /** A field of a decision record of several fields, by its index in the record (a review names it). */
  field?: number;
  kind: 'processing' | 'decision' | 'review' | 'lift';
  recorded_at: string;
  body: Record<string, unknown>;
}

/** A review mark on a refusal or a justified release: who reviewed it and when (GET /audit/refusals, GET /audit/reviews?status=reviewed). */
export interface ReviewMark {
  seq: number;
  reviewed_by: string;
  reviewed_at: string;
  note: string | null;
}

export interface ReviewedEntry extends AuditEntry {
  review: ReviewMark | null;
}

export interface PageOf<T> {
  items: T[];
  next: number | null;
}

/** How the app names a decision: its record's seq, and the field's index in a record of several ("12.3"). */
export const decisionId = (e: AuditEntry): string => (e.field === undefined ? String(e.seq) : `${e.seq}.${e.field}`);

export const when = (iso: unknown): string => (typeof iso === 'string' ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '');
export const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : String(value));
