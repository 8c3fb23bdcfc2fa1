import { generateKeyPair } from 'jose';
import { describe, expect, test } from 'vitest';
import type { SigningKeys } from '../../gateway/audit/keys.ts';
import { verifyChain, type ChainVerdict } from '../../gateway/audit/verify.ts';
import { createAuditWriter } from '../../gateway/audit/writer.ts';
import { backends } from './backends.ts';
import { decisions } from './fixtures.ts';

const WRITES = 120;

for (const backend of backends) {
  describe.runIf(backend.enabled)(`verifying while the gateway writes, on ${backend.name}`, () => {
    test('every verification of a chain being appended to is OK and names the head it verified up to', async () => {
      const db = await backend.open();
      try {
        const { privateKey, publicKey } = await generateKeyPair('ES256');
        const keys: SigningKeys = { privateKey, publicKey, kid: 'test' };
        const writer = createAuditWriter(db, { checkpoints: { keys, every: 7 } });
        let writing = true;
        const writes = (async () => {
          // Several writers at once, so that group commits of different sizes land between the verifier's reads.
          await Promise.all(
            [0, 1, 2].map(async (lane) => {
              for (let i = 0; i < WRITES / 3; i += 1) await writer.write(decisions(1 + ((i + lane) % 4)));
            }),
          );
          writing = false;
        })();
        const verdicts: ChainVerdict[] = [];
        while (writing) verdicts.push(await verifyChain(db, keys.publicKey));
        await writes;

        expect(verdicts.length).toBeGreaterThan(0);
        expect(verdicts.filter((v) => !v.ok)).toEqual([]);
        const heads = verdicts.map((v) => (v.ok ? v.head.seq : -1));
        expect(heads).toEqual([...heads].sort((a, b) => a - b));
        const final = await verifyChain(db, keys.publicKey);
        const { rows } = await db.query<{ seq: number }>('SELECT seq FROM audit_head');
        expect(final).toMatchObject({ ok: true, first: 1, head: { seq: rows[0]!.seq }, records: rows[0]!.seq });
      } finally {
        await db.close();
      }
    });
  });
}
