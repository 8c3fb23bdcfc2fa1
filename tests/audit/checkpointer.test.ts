import { generateKeyPair } from 'jose';
import { describe, expect, test, vi } from 'vitest';
import { signCheckpoint } from '../../gateway/audit/checkpoint.ts';
import { signPendingRecords, startCheckpointer } from '../../gateway/audit/checkpointer.ts';
import type { SigningKeys } from '../../gateway/audit/keys.ts';
import { checkpointsRoute, publishedCheckpoints } from '../../gateway/audit/published-checkpoints.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import type { Db } from '../../gateway/store/db.ts';
import { backends, rewriteChainFrom } from './backends.ts';
import { decisions } from './fixtures.ts';

async function testKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicKey, kid: 'test' };
}

const checkpointRows = async (db: Db) =>
  (await db.query<{ seq: number; reason: string }>('SELECT seq, reason FROM audit_checkpoints ORDER BY seq')).rows;

for (const backend of backends) {
  describe.runIf(backend.enabled)(`checkpoints on time, at shutdown and published, on ${backend.name}`, () => {
    const withStore = (run: (db: Db, keys: SigningKeys) => Promise<void>) => async () => {
      const db = await backend.open();
      try {
        await run(db, await testKeys());
      } finally {
        await db.close();
      }
    };

    test('pending records are signed once; with nothing pending nothing is signed', withStore(async (db, keys) => {
      const at = new Date('2026-03-02T10:00:00.000Z');
      expect(await signPendingRecords(db, keys, 'time', at)).toBeNull();
      await createAuditWriter(db).write(decisions(3));
      expect(await signPendingRecords(db, keys, 'time', at)).toMatchObject({ seq: 3 });
      expect(await signPendingRecords(db, keys, 'time', at)).toBeNull();
      expect(await checkpointRows(db)).toEqual([{ seq: 3, reason: 'time' }]);
      expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, unsigned: { records: 0, oldest: null } });
    }));

    test('a running checkpointer signs new records within its interval, and once more when stopped', withStore(async (db, keys) => {
      const checkpointer = startCheckpointer(db, { keys, intervalMs: 50 });
      const writer = createAuditWriter(db);
      try {
        await writer.write(decisions(2));
        await vi.waitFor(async () => expect(await checkpointRows(db)).toEqual([{ seq: 2, reason: 'time' }]), { timeout: 20_000, interval: 50 });
      } finally {
        await checkpointer.stop();
      }
      const quiet = startCheckpointer(db, { keys, intervalMs: 600_000 });
      await writer.write(decisions(1, 3));
      await quiet.stop();
      expect(await checkpointRows(db)).toEqual([{ seq: 2, reason: 'time' }, { seq: 3, reason: 'shutdown' }]);
    }));

    test('a failed signing is reported and the next tick tries again', withStore(async (db, keys) => {
      const errors: unknown[] = [];
      let failing = true;
      const flaky: Db = { ...db, query: (sql, params) => (failing ? Promise.reject(new Error('store down (injected)')) : db.query(sql, params)) };
      await createAuditWriter(db).write(decisions(1));
      const checkpointer = startCheckpointer(flaky, { keys, intervalMs: 30, onError: (error) => errors.push(error) });
      try {
        await vi.waitFor(() => expect(errors.length).toBeGreaterThan(0), { timeout: 20_000, interval: 30 });
        failing = false;
        await vi.waitFor(async () => expect(await checkpointRows(db)).toEqual([{ seq: 1, reason: 'time' }]), { timeout: 20_000, interval: 30 });
      } finally {
        await checkpointer.stop();
      }
      expect((errors[0] as Error).message).toBe('store down (injected)');
    }));

    test('the published checkpoints page by seq and verify with the published key', withStore(async (db, keys) => {
      const writer = createAuditWriter(db, { checkpoints: { keys, every: 2 } });
      for (let i = 1; i <= 5; i += 1) await writer.write(decisions(1, i));
      const first = await publishedCheckpoints(db, keys.publicKey, { after: 0, limit: 1 });
      expect(first.checkpoints.map((c) => [c.seq, c.reason])).toEqual([[2, 'interval']]);
      expect(first.next).toBe(2);
      expect(first.key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
      expect(first.key).not.toHaveProperty('d');
      const rest = await publishedCheckpoints(db, keys.publicKey, { after: 2, limit: 100 });
      expect(rest).toMatchObject({ checkpoints: [{ seq: 4 }], next: null });

      const route = checkpointsRoute(db, keys.publicKey);
      expect((await route(new URL('http://gw/.well-known/audit-checkpoints?after=2'))).body).toEqual(rest);
      expect(await route(new URL('http://gw/.well-known/audit-checkpoints?after=abc'))).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
      expect(await route(new URL('http://gw/.well-known/audit-checkpoints?limit=0'))).toMatchObject({ status: 400 });
    }));

    test('a rewrite with the checkpoint rows deleted is found through a witness\'s copies', withStore(async (db, keys) => {
      const writer = createAuditWriter(db, { checkpoints: { keys, every: 5 } });
      for (let i = 1; i <= 10; i += 1) await writer.write(decisions(1, i));
      const witnessed = (await publishedCheckpoints(db, keys.publicKey, { after: 0, limit: 100 })).checkpoints.map((c) => c.jws);
      expect(witnessed).toHaveLength(2);

      await rewriteChainFrom(db, 3, (row) => ({ ...row, body: { ...row.body, caller_id: 'someone-else' } }));
      await db.query('DELETE FROM audit_checkpoints');
      // The database alone no longer shows it (only the unsigned tail's age would, later) ...
      expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, unsigned: { records: 10 } });
      // ... the witness's copies do.
      expect(await verifyChain(db, keys.publicKey, { witnessed })).toEqual({
        ok: false,
        break: { seq: 5, kind: 'checkpoint-mismatch', detail: 'the checkpoint signed at seq 5 has a different hash' },
      });
    }));

    test('a witnessed checkpoint that is not signed by the audit key fails the check', withStore(async (db, keys) => {
      await createAuditWriter(db).write(decisions(2));
      const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head')).rows[0]!;
      const forged = await signCheckpoint(await testKeys(), head, new Date());
      expect(await verifyChain(db, keys.publicKey, { witnessed: [forged] })).toMatchObject({ ok: false, break: { kind: 'checkpoint-signature-invalid' } });
    }));
  });
}
