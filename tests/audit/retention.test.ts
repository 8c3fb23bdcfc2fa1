import { generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import type { SigningKeys } from '../../gateway/audit/keys.ts';
import { applyRetention, type RetentionRules } from '../../gateway/audit/retention.ts';
import { verifyChain } from '../../gateway/audit/verify.ts';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import type { Db } from '../../gateway/store/db.ts';
import { backends } from './backends.ts';
import { decision } from './fixtures.ts';

const DAY = 86_400_000;
const START = new Date('2020-01-01T00:00:00.000Z');
const RULES: RetentionRules = { days: new Map([['short', 30], ['long', 365]]), defaultDays: 90 };

async function testKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, publicKey, kid: 'test' };
}

/** One record a day from START, under the given processing activities. */
async function recordsOnDays(db: Db, activities: (string | null)[]): Promise<void> {
  let day = 0;
  const writer = createAuditWriter(db, { now: () => new Date(START.getTime() + day * DAY) });
  for (const activity of activities) {
    await writer.write([decision({ processing_activity_id: activity, processing_activity_version: activity === null ? null : '1' })]);
    day += 1;
  }
}

for (const backend of backends) {
  describe.runIf(backend.enabled)(`retention on ${backend.name}`, () => {
    test('removes the expired prefix, signs the boundary, and the rest still verifies', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        await recordsOnDays(db, ['short', 'short', 'short', 'long', 'short']);
        const now = new Date(START.getTime() + 32 * DAY);
        expect(await applyRetention(db, keys, RULES, now)).toEqual({ removed: 3, boundary: 3, keptFrom: { seq: 4, reason: 'within retention' } });
        expect((await db.query('SELECT seq FROM audit_log ORDER BY seq')).rows).toEqual([{ seq: 4 }, { seq: 5 }]);
        expect((await db.query('SELECT seq, reason FROM audit_checkpoints')).rows).toEqual([{ seq: 3, reason: 'retention' }]);
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 2, first: 4, checkpoints: 1 });

        await createAuditWriter(db).write([decision()]);
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 3, first: 4, head: { seq: 6 } });
        expect(await applyRetention(db, keys, RULES, now)).toEqual({ removed: 0, boundary: null, keptFrom: { seq: 4, reason: 'within retention' } });
      } finally {
        await db.close();
      }
    });

    test('the remaining chain cannot be re-anchored: without the boundary checkpoint it fails', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        await recordsOnDays(db, ['short', 'short', 'long']);
        await applyRetention(db, keys, RULES, new Date(START.getTime() + 40 * DAY));
        await db.query('DELETE FROM audit_checkpoints');
        expect(await verifyChain(db, keys.publicKey)).toEqual({
          ok: false,
          break: { seq: 2, kind: 'seq-gap', detail: 'the chain starts at seq 3 without a signed checkpoint at seq 2' },
        });
      } finally {
        await db.close();
      }
    });

    test('records of an unknown processing activity are kept, and stop removal there', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        await recordsOnDays(db, [null, 'unregistered', 'short']);
        const now = new Date(START.getTime() + 1000 * DAY);
        expect(await applyRetention(db, keys, RULES, now)).toEqual({ removed: 1, boundary: 1, keptFrom: { seq: 2, reason: 'unknown processing activity' } });
      } finally {
        await db.close();
      }
    });

    test('removing everything leaves an empty chain that new records continue', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        await recordsOnDays(db, ['short', 'short']);
        expect(await applyRetention(db, keys, RULES, new Date(START.getTime() + 100 * DAY))).toEqual({ removed: 2, boundary: 2, keptFrom: null });
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 0, first: null, head: { seq: 2 } });
        expect(await createAuditWriter(db).write([decision()])).toEqual([3]);
        expect(await verifyChain(db, keys.publicKey)).toMatchObject({ ok: true, records: 1, first: 3 });
      } finally {
        await db.close();
      }
    });

    test('a broken chain is not pruned', async () => {
      const db = await backend.open();
      try {
        const keys = await testKeys();
        await recordsOnDays(db, ['short', 'short']);
        await db.query(`UPDATE audit_log SET body = jsonb_set(body, '{caller_id}', '"x"') WHERE seq = 2`);
        await expect(applyRetention(db, keys, RULES, new Date(START.getTime() + 100 * DAY))).rejects.toThrow(
          'retention refused: the audit chain is broken at seq 2 (hash-mismatch)',
        );
        expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows).toEqual([{ n: 2 }]);
      } finally {
        await db.close();
      }
    });
  });
}
