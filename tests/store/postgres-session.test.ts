/**
 * What the PostgreSQL store does per connection: fixed statements prepared once (by name), and
 * lz4 for compressed values where the server has it, set when the connection starts.
 */
import { generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { appendRecords } from '../../gateway/audit/append.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { consultedTiersOfOpenCases } from '../../gateway/facts/provider.ts';
import { openCase } from '../../gateway/store/cases.ts';
import { prepared } from '../../gateway/store/db.ts';
import { backends } from '../audit/backends.ts';
import { fieldOutcome, groupedDecision } from '../audit/fixtures.ts';

const postgres = backends.find((b) => b.name === 'PostgreSQL')!;

/** A grouped decision record of `fields` fields: its body well above the ~2 kB PostgreSQL compresses from. */
function largeDecision(fields: number, caseId: string | null = null) {
  return groupedDecision(
    Array.from({ length: fields }, (_, i) => fieldOutcome({ field_path: `adres.bewoners.${i}.toeslagen` })),
    { case_id: caseId },
  );
}

describe.runIf(postgres.enabled)('the PostgreSQL store, per connection', () => {
  it('runs a text marked prepared() as a named statement, and any other text unnamed', async () => {
    const fixed = prepared('SELECT count(*)::int AS n FROM audit_log WHERE seq > $1');
    const db = await postgres.open();
    try {
      const statements = await db.transaction(async (tx) => {
        await tx.query(fixed, [0]);
        await tx.query('SELECT count(*)::int AS n FROM audit_log WHERE seq >= $1', [0]);
        return (await tx.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements')).rows;
      });
      expect(statements).toEqual([{ name: expect.stringMatching(/^doelpoort_[0-9a-f]{24}$/), statement: fixed }]);
    } finally {
      await db.close();
    }
  });

  it('appends batches of any size with one statement text, and the chain verifies', async () => {
    const db = await postgres.open();
    try {
      const { publicKey } = await generateKeyPair('ES256');
      await appendRecords(db, [largeDecision(1)], new Date('2026-12-01T10:00:00.000Z'));
      await appendRecords(db, [largeDecision(3), largeDecision(2), largeDecision(40)], new Date('2026-12-01T10:00:01.000Z'));
      const statements = await db.transaction(async (tx) => {
        await appendRecords(tx, [largeDecision(2)], new Date('2026-12-01T10:00:02.000Z'));
        await appendRecords(tx, [largeDecision(2), largeDecision(5)], new Date('2026-12-01T10:00:03.000Z'));
        return (await tx.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE statement LIKE 'INSERT INTO audit_log%'")).rows;
      });
      expect(statements).toHaveLength(1);
      expect(await verifyChain(db, publicKey)).toMatchObject({ ok: true, records: 7 });
    } finally {
      await db.close();
    }
  });

  it("plans the facts' read of the consulted tiers of addresses' open cases once per connection, not on every request", async () => {
    const db = await postgres.open();
    try {
      const opened = await openCase(db, { project: 'wijkaanpak-2026', adresId: '0983200000000001', openedBy: 'a-1', reason: 'overlapping signals', openedAt: new Date('2026-12-01T09:00:00.000Z') });
      await appendRecords(db, [largeDecision(3, opened.id)], new Date('2026-12-01T10:00:00.000Z'));
      const plans = await db.transaction(async (tx) => {
        for (let request = 0; request < 8; request += 1) {
          expect(await consultedTiersOfOpenCases(tx, 'wijkaanpak-2026', ['0983200000000001'])).toEqual(new Map([[opened.id, ['financial']]]));
        }
        return (await tx.query<{ generic_plans: number }>("SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE 'WITH RECURSIVE cases_asked%'")).rows;
      });
      // PostgreSQL plans a statement's first five runs for their values, then keeps one plan if it costs no more.
      expect(plans).toEqual([{ generic_plans: 3 }]);
    } finally {
      await db.close();
    }
  });

  it('compresses large audit bodies with lz4 where the server offers it, else as before', async () => {
    const db = await postgres.open();
    try {
      const offered = (await db.query<{ lz4: boolean }>("SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'")).rows[0]?.lz4;
      await appendRecords(db, [largeDecision(40)], new Date('2026-12-01T10:00:00.000Z'));
      const { rows } = await db.query<{ method: string | null }>('SELECT pg_column_compression(body) AS method FROM audit_log');
      expect(rows).toEqual([{ method: offered ? 'lz4' : 'pglz' }]);
    } finally {
      await db.close();
    }
  });

  it('starts each new connection with its settings, so no query of its own overlaps the first a caller sends', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.message);
    process.on('warning', onWarning);
    const db = await postgres.open();
    try {
      // Five at once: the pool opens new connections for them, each answering its first query at once.
      const answers = await Promise.all(Array.from({ length: 5 }, (_, n) => db.query<{ n: number }>('SELECT $1::int AS n', [n])));
      expect(answers.map(({ rows }) => rows[0]?.n)).toEqual([0, 1, 2, 3, 4]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await db.close();
    }
  });
});
