/** The decision records of the product's store read per field, whichever shape they were written in (gateway/audit/field-decisions.ts). */
import { fieldDecisions } from '../../gateway/audit/field-decisions.ts';
import type { FieldDecisionRecord, StoredDecisionBody } from '../../gateway/audit/records.ts';
import type { Db } from '../../gateway/store/db.ts';

export interface StoredFieldDecision {
  seq: number;
  /** The field's index in a grouped record; absent for a record of one field. */
  field?: number;
  body: FieldDecisionRecord;
}

/** Every field decision of the records `where` selects (SQL over audit_log, with `params`), in log order. */
export async function storedFieldDecisions(db: Db, where = 'true', params: unknown[] = []): Promise<StoredFieldDecision[]> {
  const { rows } = await db.query<{ seq: number; body: StoredDecisionBody }>(`SELECT seq, body FROM audit_log WHERE kind = 'decision' AND (${where}) ORDER BY seq`, params);
  return rows.flatMap(({ seq, body }) => fieldDecisions(body).map((d) => ({ seq: Number(seq), ...d })));
}
