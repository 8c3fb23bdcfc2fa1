/**
 * `npm run audit:verify`: checks the audit chain of the configured store (DATABASE_URL, or PGlite in
 * the data folder) with the checkpoint public key. Prints OK with the count and the head (exit 0),
 * or the first break (exit 1). Exit 2 when it cannot check at all.
 *
 *   npm run audit:verify -- [--config <file>] [--public-key <audit-signing.public.jwk>]
 *
 * The public key defaults to <dataDir>/keys/audit-signing.public.jwk; a verifier elsewhere passes
 * its own copy.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPublicSigningKey } from '../gateway/audit/keys.ts';
import { verifyChain } from '../gateway/audit/verify.ts';
import { ConfigError, loadConfig } from '../gateway/config/index.ts';
import { openStore } from '../gateway/store/open.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, 'public-key': { type: 'string' } }, strict: true });
  const config = loadConfig(values.config ? { file: values.config } : {});
  const publicKey = await loadPublicSigningKey(values['public-key'] ?? join(config.dataDir, 'keys', 'audit-signing.public.jwk'));
  const db = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const verdict = await verifyChain(db, publicKey);
    if (!verdict.ok) {
      process.stdout.write(`audit chain BROKEN at seq ${verdict.break.seq}: ${verdict.break.kind}: ${verdict.break.detail}\n`);
      return 1;
    }
    const range = verdict.first === null ? 'no records kept' : `seq ${verdict.first}..${verdict.head.seq}`;
    process.stdout.write(
      `audit chain OK: ${verdict.records} records (${range}), head seq ${verdict.head.seq} hash ${verdict.head.hash}, signed checkpoints: ${verdict.checkpoints}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify could not check the chain: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
