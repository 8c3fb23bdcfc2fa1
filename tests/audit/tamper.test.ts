import { generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import { chainHash } from '../../gateway/audit/chain.ts';
import { checkpointNow, signCheckpoint } from '../../gateway/audit/checkpoint.ts';
import type { SigningKeys } from '../../gateway/audit/keys.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import type { Db } from '../../gateway/store/db.ts';
import { backends, rewriteChainFrom } from './backends.ts';
import { decisions } from './fixtures.ts';

async function testKeys(kid = 'test'): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicKey, kid };
}

/** Ten records, checkpoints signed at seq 5 and 10. */
async function tenRecords(db: Db, keys: SigningKeys): Promise<void> {
  const writer = createAuditWriter(db, { checkpoints: { keys, every: 5 } });
  for (let i = 1; i <= 10; i += 1) await writer.write(decisions(1, i));
}

async function breakOf(db: Db, keys: SigningKeys) {
  const verdict = await verifyChain(db, keys.publicKey);
  return verdict.ok ? verdict : { seq: verdict.break.seq, kind: verdict.break.kind, detail: verdict.break.detail };
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`tamper evidence on ${backend.name}`, () => {
    const withChain = (run: (db: Db, keys: SigningKeys) => Promise<void>) => async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        await tenRecords(db, keys);
        await run(db, keys);
      } finally {
        await db.close();
      }
    };

    test('an intact chain verifies', withChain(async (db, keys) => {
      const head = (await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 10')).rows[0]!;
      expect(await verifyChain(db, keys.publicKey)).toEqual({
        ok: true,
        records: 10,
        first: 1,
        head: { seq: 10, hash: head.hash },
        checkpoints: 2,
        unsigned: { records: 0, oldest: null },
      });
    }));

    test('an edited recorded_at is a hash mismatch at its seq', withChain(async (db, keys) => {
      await db.query("UPDATE audit_log SET recorded_at = recorded_at - interval '1 day' WHERE seq = 3");
      expect(await breakOf(db, keys)).toEqual({ seq: 3, kind: 'hash-mismatch', detail: 'the stored hash does not match the record' });
    }));

    test('an edited kind is a hash mismatch at its seq', withChain(async (db, keys) => {
      await db.query("UPDATE audit_log SET kind = 'processing' WHERE seq = 3");
      expect(await breakOf(db, keys)).toEqual({ seq: 3, kind: 'hash-mismatch', detail: 'the stored hash does not match the record' });
    }));

    test('an edited recorded_at and kind with the hashes recomputed up to the head do not match the signed checkpoint', withChain(async (db, keys) => {
      await rewriteChainFrom(db, 7, (row) => ({
        ...row,
        recorded_at: row.seq === 7 ? new Date(row.recorded_at.getTime() - 86_400_000) : row.recorded_at,
        kind: row.seq === 8 ? 'review' : row.kind,
      }));
      expect(await breakOf(db, keys)).toEqual({ seq: 10, kind: 'checkpoint-mismatch', detail: 'the checkpoint signed at seq 10 has a different hash' });
    }));

    test('records after the last checkpoint are reported as the unsigned tail, and fail the check once older than the bound', withChain(async (db, keys) => {
      await createAuditWriter(db, { now: () => new Date('2026-03-02T10:00:00.000Z') }).write(decisions(3, 11));
      const at = (iso: string) => ({ now: new Date(iso), maxUnsignedAgeMs: 30_000 });
      expect(await verifyChain(db, keys.publicKey, at('2026-03-02T10:00:20.000Z'))).toMatchObject({
        ok: true,
        head: { seq: 13 },
        unsigned: { records: 3, oldest: '2026-03-02T10:00:00.000Z' },
      });
      expect(await breakOf(db, keys)).toMatchObject({ ok: true, unsigned: { records: 3 } });
      const verdict = await verifyChain(db, keys.publicKey, at('2026-03-02T10:01:00.000Z'));
      expect(verdict).toEqual({
        ok: false,
        break: {
          seq: 11,
          kind: 'unsigned-tail-too-old',
          detail: '3 records after the last signed checkpoint (seq 10) are unsigned; the oldest, seq 11, was recorded 60 s ago, more than the bound of 30 s',
        },
      });
    }));

    test('an edited record body is a hash mismatch at its seq', withChain(async (db, keys) => {
      await db.query(`UPDATE audit_log SET body = jsonb_set(body, '{outcome}', '"deny"') WHERE seq = 3`);
      expect(await breakOf(db, keys)).toEqual({ seq: 3, kind: 'hash-mismatch', detail: 'the stored hash does not match the record' });
    }));

    test('an edited record with its hash recomputed breaks the next link', withChain(async (db, keys) => {
      const row = (await db.query<{ kind: string; recorded_at: Date; body: Record<string, unknown>; prev_hash: string }>(
        'SELECT kind, recorded_at, body, prev_hash FROM audit_log WHERE seq = 3',
      )).rows[0]!;
      const body = { ...row.body, outcome: 'deny' };
      const hash = chainHash(row.prev_hash, { seq: 3, kind: row.kind, recorded_at: row.recorded_at.toISOString(), body });
      await db.query('UPDATE audit_log SET body = $1::jsonb, hash = $2 WHERE seq = 3', [JSON.stringify(body), hash]);
      expect(await breakOf(db, keys)).toEqual({ seq: 4, kind: 'prev-link-broken', detail: 'prev_hash does not equal the hash of seq 3' });
    }));

    test('a deleted record is a gap at its seq', withChain(async (db, keys) => {
      await db.query('DELETE FROM audit_log WHERE seq = 4');
      expect(await breakOf(db, keys)).toEqual({ seq: 4, kind: 'seq-gap', detail: 'seq 4 is missing; the next record is seq 5' });
    }));

    test('two records swapped (their seqs exchanged) break the link at the lower seq', withChain(async (db, keys) => {
      await db.query('UPDATE audit_log SET seq = -1 WHERE seq = 6');
      await db.query('UPDATE audit_log SET seq = 6 WHERE seq = 7');
      await db.query('UPDATE audit_log SET seq = 7 WHERE seq = -1');
      expect(await breakOf(db, keys)).toEqual({ seq: 6, kind: 'prev-link-broken', detail: 'prev_hash does not equal the hash of seq 5' });
    }));

    test('a truncated tail is found through the last signed checkpoint, even with the head row moved back', withChain(async (db, keys) => {
      await db.query('DELETE FROM audit_log WHERE seq > 8');
      await db.query('UPDATE audit_head SET seq = 8, hash = (SELECT hash FROM audit_log WHERE seq = 8)');
      expect(await breakOf(db, keys)).toEqual({
        seq: 9,
        kind: 'truncated',
        detail: 'the chain ends at seq 8 but a checkpoint was signed at seq 10',
      });
    }));

    test('a truncated tail after the last checkpoint is found through the chain head', withChain(async (db, keys) => {
      await createAuditWriter(db).write(decisions(2, 11));
      await db.query('DELETE FROM audit_log WHERE seq = 12');
      expect(await breakOf(db, keys)).toEqual({
        seq: 12,
        kind: 'truncated',
        detail: 'audit_head (seq 12) does not match the last record (seq 11)',
      });
    }));

    test('a rewritten tail with recomputed hashes does not match the signed checkpoint', withChain(async (db, keys) => {
      await rewriteChainFrom(db, 8, (row) => ({ ...row, body: { ...row.body, caller_id: 'someone-else' } }));
      expect(await breakOf(db, keys)).toEqual({ seq: 10, kind: 'checkpoint-mismatch', detail: 'the checkpoint signed at seq 10 has a different hash' });
    }));

    test('a checkpoint forged with another key has an invalid signature', withChain(async (db, keys) => {
      const forger = await testKeys('forger');
      const hash = (await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = 7')).rows[0]!.hash;
      const jws = await signCheckpoint(forger, { seq: 7, hash }, new Date());
      await db.query("INSERT INTO audit_checkpoints (seq, hash, jws, reason, created_at) VALUES (7, $1, $2, 'on-demand', now())", [hash, jws]);
      expect(await breakOf(db, keys)).toEqual({ seq: 7, kind: 'checkpoint-signature-invalid', detail: 'the checkpoint at seq 7 is not signed by the audit key' });
    }));

    test('a checkpoint row edited to another seq no longer holds what was signed', withChain(async (db, keys) => {
      await db.query('UPDATE audit_checkpoints SET seq = 4 WHERE seq = 5');
      expect(await breakOf(db, keys)).toEqual({
        seq: 4,
        kind: 'checkpoint-mismatch',
        detail: 'the checkpoint stored at seq 4 does not hold what was signed (seq 5)',
      });
    }));

    test('a checkpoint can be signed on demand at the current head', withChain(async (db, keys) => {
      await createAuditWriter(db).write(decisions(2, 11));
      expect((await checkpointNow(db, keys, new Date('2025-03-04T12:00:00.000Z'))).seq).toBe(12);
      const { rows } = await db.query<{ seq: number; reason: string }>('SELECT seq, reason FROM audit_checkpoints ORDER BY seq');
      expect(rows).toEqual([{ seq: 5, reason: 'interval' }, { seq: 10, reason: 'interval' }, { seq: 12, reason: 'on-demand' }]);
      expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 12, checkpoints: 3 });
    }));
  });
}
