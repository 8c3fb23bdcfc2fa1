import { generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import type { SigningKeys } from '../../gateway/audit/keys.ts';
import { backends, countingCommits, failingAt, holdingFirstTransaction } from './backends.ts';
import { createGatewayMetrics } from '../../gateway/observability/metrics.ts';
import { decision, decisions, fieldOutcome, groupedDecision } from './fixtures.ts';

async function testKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicKey, kid: 'test' };
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`audit writer on ${backend.name}`, () => {
    test('concurrent writes are committed in one transaction, chained in arrival order', async () => {
      const db = await backend.open();
      try {
        const counted = countingCommits(db);
        const writer = createAuditWriter(counted.db, { maxBatch: 100 });
        const seqs = await Promise.all([writer.write(decisions(2, 1)), writer.write(decisions(3, 3)), writer.write(decisions(1, 6))]);
        expect(seqs).toEqual([[1, 2], [3, 4, 5], [6]]);
        expect(counted.count()).toBe(1);
        const rows = await db.query<{ seq: number; request_id: string }>("SELECT seq, body->>'request_id' AS request_id FROM audit_log ORDER BY seq");
        expect(rows.rows).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ seq: n, request_id: `req-${n}` })));
        const keys = await testKeys();
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 6, first: 1, checkpoints: 0 });
      } finally {
        await db.close();
      }
    });

    test('stores every character of a body as written, and the chain verifies', async () => {
      const db = await backend.open();
      try {
        const writer = createAuditWriter(db);
        // Accents, a dash, an emoji (a surrogate pair), quotes, a backslash, a newline and a control character.
        const reason = 'Zoë – 🏠 "bewoner" \\ C:\\pad\nregel 2 \u0001 einde';
        await writer.write([decision({ reason, request_id: 'req-tekst' }), decision({ request_id: 'req-ascii' })]);
        const rows = await db.query<{ reason: string | null; request_id: string }>("SELECT body->>'reason' AS reason, body->>'request_id' AS request_id FROM audit_log ORDER BY seq");
        expect(rows.rows).toEqual([
          { reason, request_id: 'req-tekst' },
          { reason: null, request_id: 'req-ascii' },
        ]);
        expect(await verifyChain(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 2 });
      } finally {
        await db.close();
      }
    });

    test('an idle writer without a delay starts its commit right after the turn of its write, not at a timer', async () => {
      const db = await backend.open();
      try {
        const counted = countingCommits(db);
        const writer = createAuditWriter(counted.db);
        const committed = Promise.all([writer.write(decisions(1)), writer.write(decisions(2))]);
        // setImmediate callbacks queued now run after the writer's; a 0 ms timer would come later still.
        await new Promise((resolve) => setImmediate(resolve));
        expect(counted.count()).toBe(1);
        expect(await committed).toEqual([[1], [2, 3]]);
      } finally {
        await db.close();
      }
    });

    test('a batch holds at most maxBatch records and never splits a write', async () => {
      const db = await backend.open();
      try {
        const counted = countingCommits(db);
        const writer = createAuditWriter(counted.db, { maxBatch: 4 });
        const seqs = await Promise.all([writer.write(decisions(2)), writer.write(decisions(2)), writer.write(decisions(3)), writer.write(decisions(5))]);
        expect(seqs).toEqual([[1, 2], [3, 4], [5, 6, 7], [8, 9, 10, 11, 12]]);
        expect(counted.count()).toBe(3);
        expect(await verifyChain(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 12 });
      } finally {
        await db.close();
      }
    });

    test('a store failure mid-batch rejects every waiting write and stores nothing of the batch', async () => {
      const db = await backend.open();
      try {
        let armed = true;
        const writer = createAuditWriter(failingAt(db, /^UPDATE audit_head/, () => armed));
        const results = await Promise.allSettled([writer.write(decisions(2)), writer.write(decisions(1)), writer.write(decisions(3))]);
        expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'fulfilled'))).toEqual([
          'store failure (injected)',
          'store failure (injected)',
          'store failure (injected)',
        ]);
        expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows).toEqual([{ n: 0 }]);
        expect((await db.query('SELECT seq FROM audit_head')).rows).toEqual([{ seq: 0 }]);
        armed = false;
        expect(await writer.write(decisions(1))).toEqual([1]);
        expect(await verifyChain(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 1 });
      } finally {
        await db.close();
      }
    });

    test('a batch after the first commit that fails inside the database rejects every write in it and stores nothing, not even the head', async () => {
      const db = await backend.open();
      try {
        const counted = countingCommits(db);
        const writer = createAuditWriter(counted.db, { maxBatch: 100 });
        expect(await writer.write(decisions(1, 1))).toEqual([1]);
        await db.query("ALTER TABLE audit_log ADD CONSTRAINT refuse_req_3 CHECK (body ->> 'request_id' <> 'req-3')");
        const results = await Promise.allSettled([writer.write(decisions(1, 2)), writer.write(decisions(2, 3))]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
        expect(counted.count()).toBe(2);
        expect((await db.query('SELECT seq FROM audit_log ORDER BY seq')).rows).toEqual([{ seq: 1 }]);
        expect((await db.query('SELECT seq FROM audit_head')).rows).toEqual([{ seq: 1 }]);
        await db.query('ALTER TABLE audit_log DROP CONSTRAINT refuse_req_3');
        expect(await Promise.all([writer.write(decisions(1, 2)), writer.write(decisions(2, 3))])).toEqual([[2], [3, 4]]);
        const rows = await db.query<{ seq: number; request_id: string }>("SELECT seq, body->>'request_id' AS request_id FROM audit_log ORDER BY seq");
        expect(rows.rows).toEqual([1, 2, 3, 4].map((n) => ({ seq: n, request_id: `req-${n}` })));
        expect(await verifyChain(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 4 });
      } finally {
        await db.close();
      }
    });

    test('a writer whose head another writer (a replica) moved chains after the stored head, and locks while it finds the head moved', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        const counted = countingCommits(db);
        const [a, b] = [createAuditWriter(counted.db, { checkpoints: { keys, every: 3 } }), createAuditWriter(db, { checkpoints: { keys, every: 3 } })];
        const aWrites = async (records: Parameters<typeof a.write>[0]) => {
          const before = { commits: counted.count(), transactions: counted.transactions() };
          const seqs = await a.write(records);
          return { seqs, statements: counted.count() - before.commits - (counted.transactions() - before.transactions), transactions: counted.transactions() - before.transactions };
        };
        expect(await aWrites(decisions(1, 1))).toEqual({ seqs: [1], statements: 0, transactions: 1 });
        expect(await aWrites(decisions(1, 2))).toEqual({ seqs: [2], statements: 1, transactions: 0 });
        expect(await b.write(decisions(2, 3))).toEqual([3, 4]);
        // a's one statement finds the head moved and stores nothing; a locks and chains after seq 4.
        expect(await aWrites(decisions(2, 5))).toEqual({ seqs: [5, 6], statements: 1, transactions: 1 });
        expect(await b.write(decisions(1, 7))).toEqual([7]);
        // Contended: a locks straight away, and finds the head moved again (by b's seq 7)...
        expect(await aWrites(decisions(1, 8))).toEqual({ seqs: [8], statements: 0, transactions: 1 });
        // ...so it locks again; now it finds the head its last commit left...
        expect(await aWrites(decisions(1, 9))).toEqual({ seqs: [9], statements: 0, transactions: 1 });
        // ...and the next batch goes in one statement again.
        expect(await aWrites(decisions(1, 10))).toEqual({ seqs: [10], statements: 1, transactions: 0 });
        const rows = await db.query<{ seq: number; request_id: string }>("SELECT seq, body->>'request_id' AS request_id FROM audit_log ORDER BY seq");
        expect(rows.rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ seq: n, request_id: `req-${n}` })));
        expect((await db.query('SELECT seq FROM audit_checkpoints ORDER BY seq')).rows).toEqual([{ seq: 4 }, { seq: 6 }, { seq: 9 }]);
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 10, checkpoints: 3 });
      } finally {
        await db.close();
      }
    });

    test('a write too large for one statement is stored whole, in order, in one transaction', async () => {
      const db = await backend.open();
      try {
        const counted = countingCommits(db);
        const writer = createAuditWriter(counted.db);
        expect(await writer.write(decisions(1, 1))).toEqual([1]);
        const seqs = await writer.write(decisions(1001, 2));
        expect([seqs.length, seqs[0], seqs[1000]]).toEqual([1001, 2, 1002]);
        expect([counted.count(), counted.transactions()]).toEqual([2, 2]);
        const { rows } = await db.query<{ n: number; in_order: number }>(
          "SELECT count(*)::int AS n, count(*) FILTER (WHERE body->>'request_id' = 'req-' || seq)::int AS in_order FROM audit_log",
        );
        expect(rows).toEqual([{ n: 1002, in_order: 1002 }]);
        expect(await verifyChain(db, (await testKeys()).publicKey)).toMatchObject({ ok: true, records: 1002 });
      } finally {
        await db.close();
      }
    });

    test('an invalid record rejects its write before anything is queued', async () => {
      const db = await backend.open();
      try {
        const writer = createAuditWriter(db);
        await expect(writer.write([decision({ subject_pseudonym: '999990019' })])).rejects.toThrow(
          'audit record (decision): invalid subject_pseudonym',
        );
        await expect(writer.write([decision({ action: 'write' as 'read', outcome: 'maybe' as 'allow' })])).rejects.toThrow(
          'audit record (decision): invalid action, outcome',
        );
        await expect(writer.write([groupedDecision([fieldOutcome(), fieldOutcome({ outcome: 'maybe' as 'allow' })])])).rejects.toThrow(
          'audit record (decision): invalid fields.1.outcome',
        );
        await expect(writer.write([groupedDecision([])])).rejects.toThrow('audit record (decision): invalid fields');
        expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows).toEqual([{ n: 0 }]);
      } finally {
        await db.close();
      }
    });

    test('numbers that look like a BSN are removed from free text', async () => {
      const db = await backend.open();
      try {
        const writer = createAuditWriter(db);
        await writer.write([
          decision({ justification: 'BSN 999990019 and 99999001 cannot be checked otherwise; adres 0983200000012345' }),
          decision({ justification: 'BSN 9999 90 019, 9999.90.019, 999\u00a0990\u00a0019 and 999\u2013990\u2013019 niet, 2026-11-01 wel' }),
        ]);
        const { rows } = await db.query<{ j: string }>("SELECT body->>'justification' AS j FROM audit_log ORDER BY seq");
        expect(rows).toEqual([
          { j: 'BSN [removed] and [removed] cannot be checked otherwise; adres 0983200000012345' },
          { j: 'BSN [removed], [removed], [removed] and [removed] niet, 2026-11-01 wel' },
        ]);
      } finally {
        await db.close();
      }
    });

    test('the head is signed whenever the chain passes a multiple of checkpoints.every', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        const writer = createAuditWriter(db, { checkpoints: { keys, every: 5 } });
        await writer.write(decisions(3));
        await writer.write(decisions(3));
        await writer.write(decisions(5));
        const { rows } = await db.query<{ seq: number; reason: string }>('SELECT seq, reason FROM audit_checkpoints ORDER BY seq');
        expect(rows).toEqual([{ seq: 6, reason: 'interval' }, { seq: 11, reason: 'interval' }]);
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 11, checkpoints: 2 });
      } finally {
        await db.close();
      }
    });

    test('the queue depth gauge shows the records waiting while a commit is held, and 0 once committed; each committed write is timed', async () => {
      const db = await backend.open();
      try {
        const holding = holdingFirstTransaction(db);
        const metrics = createGatewayMetrics();
        const depths: number[] = [];
        const writer = createAuditWriter(holding.db, {
          onQueueDepth: (records) => (depths.push(records), metrics.recordAuditQueueDepth(records)),
          onWriteCommitted: metrics.recordAuditWrite,
        });
        const gauge = async () => (await metrics.render()).split('\n').filter((line) => line.startsWith('doelpoort_audit_queue_depth ') || line.startsWith('doelpoort_audit_write_duration_seconds_count'));

        const first = writer.write(decisions(2));
        await holding.held;
        const later = [writer.write(decisions(3)), writer.write(decisions(1))];
        expect(await gauge()).toEqual(['doelpoort_audit_write_duration_seconds_count 0', 'doelpoort_audit_queue_depth 6']);

        holding.release();
        expect(await Promise.all([first, ...later])).toEqual([[1, 2], [3, 4, 5], [6]]);
        expect(await gauge()).toEqual(['doelpoort_audit_write_duration_seconds_count 3', 'doelpoort_audit_queue_depth 0']);
        expect(depths).toEqual([2, 5, 6, 4, 0]);
      } finally {
        await db.close();
      }
    });

    test('a failed commit takes its records off the queue depth and is not timed', async () => {
      const db = await backend.open();
      try {
        const depths: number[] = [];
        const timed: number[] = [];
        const writer = createAuditWriter(failingAt(db, /^INSERT INTO audit_log/, () => true), {
          onQueueDepth: (records) => depths.push(records),
          onWriteCommitted: (ms) => timed.push(ms),
        });
        await expect(writer.write(decisions(2))).rejects.toThrow('store failure (injected)');
        expect(depths).toEqual([2, 0]);
        expect(timed).toEqual([]);
      } finally {
        await db.close();
      }
    });
  });
}
