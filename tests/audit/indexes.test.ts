/**
 * The audit log's look-ups by target, project and trace find their records through the indexes of
 * migration 008, which hold only the records those look-ups can find (the index is usable only
 * where the query's conditions imply the index's).
 */
import { describe, expect, test } from 'vitest';
import type { Db } from '../../gateway/store/db.ts';
import { backends } from './backends.ts';

/** The plan of sql with sequential scans ruled out where anything else can answer. */
async function plan(db: Db, sql: string, params: unknown[]): Promise<string> {
  return db.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`audit log indexes on ${backend.name}`, () => {
    test('reviews and lifts of records, decisions in a project, decisions of a trace: each through its index', async () => {
      const db = await backend.open();
      try {
        // queries.ts: reviews of a page's records, and a record's review.
        expect(await plan(db, "SELECT seq, body FROM audit_log WHERE kind = 'review' AND target_seq = ANY($1::bigint[]) ORDER BY seq", [[1, 2]])).toContain('audit_log_target');
        expect(await plan(db, "SELECT seq FROM audit_log WHERE kind = 'decision' AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.kind = 'review' AND r.target_seq = audit_log.seq)", [])).toContain('audit_log_target');
        // queries.ts: a project's decisions; replay-store.ts: a project's, a trace's.
        expect(await plan(db, "SELECT seq, body FROM audit_log WHERE kind = 'decision' AND project = $1 ORDER BY seq LIMIT 101", ['p'])).toContain('audit_log_project');
        expect(await plan(db, "SELECT seq, body FROM audit_log WHERE kind = 'decision' AND trace_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000", ['4bf92f3577b34da6a3ce929d0e0e4736', 0])).toContain('audit_log_trace');
      } finally {
        await db.close();
      }
    });
  });
}
