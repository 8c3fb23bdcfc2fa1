/**
 * `npm run audit:verify`: checks the audit chain of the configured store (DATABASE_URL, or PGlite in
 * the data folder) with the checkpoint public key, as it stood when the check began (the gateway
 * may go on writing). Prints OK with the count, the head verified up to and the unsigned tail
 * (exit 0), or the first break (exit 1); an unsigned tail older than audit.maxUnsignedAgeMs is a
 * break. Exit 2 when it cannot check at all.
 *
 *   npm run audit:verify -- [--config <file>] [--public-key <audit-signing.public.jwk>] [--witness <checkpoints.json>]
 *
 * The public key defaults to <dataDir>/keys/audit-signing.public.jwk; a verifier elsewhere passes
 * its own copy. A witness file holds checkpoints kept outside the database: a JSON array of compact
 * JWS strings, or of objects with a `jws` member (pages of GET /.well-known/audit-checkpoints).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPublicSigningKey } from '../gateway/audit/keys.ts';
import { verifyChain } from '../gateway/audit/verify.ts';
import { ConfigError, loadConfig } from '../gateway/config/index.ts';
import { openStore } from '../gateway/store/open.ts';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { config: { type: 'string' }, 'public-key': { type: 'string' }, witness: { type: 'string' } }, strict: true });
  const config = loadConfig(values.config ? { file: values.config } : {});
  const publicKey = await loadPublicSigningKey(values['public-key'] ?? join(config.dataDir, 'keys', 'audit-signing.public.jwk'));
  const witnessed = values.witness ? await readWitness(values.witness) : [];
  const db = await openStore(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const verdict = await verifyChain(db, publicKey, { maxUnsignedAgeMs: config.audit.maxUnsignedAgeMs, now: new Date(), witnessed });
    if (!verdict.ok) {
      process.stdout.write(`audit chain BROKEN at seq ${verdict.break.seq}: ${verdict.break.kind}: ${verdict.break.detail}\n`);
      return 1;
    }
    const range = verdict.first === null ? 'no records kept' : `seq ${verdict.first}..${verdict.head.seq}`;
    const { unsigned } = verdict;
    const tail = unsigned.oldest === null
      ? 'every record is signed'
      : `${unsigned.records} records unsigned, the oldest recorded ${Math.round((Date.now() - Date.parse(unsigned.oldest)) / 1000)} s ago (bound ${Math.round(config.audit.maxUnsignedAgeMs / 1000)} s)`;
    const witness = values.witness ? `, ${witnessed.length} witnessed checkpoints agree` : '';
    process.stdout.write(
      `audit chain OK up to seq ${verdict.head.seq}: ${verdict.records} records (${range}), head hash ${verdict.head.hash}, signed checkpoints: ${verdict.checkpoints}${witness}; ${tail}\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

/** The compact JWS strings of a witness file. */
async function readWitness(path: string): Promise<string[]> {
  const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const list = Array.isArray(parsed) ? parsed : [];
  const jws = list.map((item: unknown) => (typeof item === 'string' ? item : (item as { jws?: unknown } | null)?.jws));
  if (!Array.isArray(parsed) || jws.some((item) => typeof item !== 'string')) {
    throw new Error(`${path}: expected a JSON array of compact JWS strings or of checkpoints with a "jws" member`);
  }
  return jws as string[];
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit:verify could not check the chain: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
