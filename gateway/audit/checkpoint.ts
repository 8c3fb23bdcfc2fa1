/**
 * Checkpoints: the chain head (seq, hash) signed as a compact JWS (ES256) and kept in
 * audit_checkpoints. A checkpoint proves the chain had that head when it was signed: a later edit,
 * deletion or truncation of the records it covers no longer matches it.
 */
import { CompactSign, compactVerify } from 'jose';
import { prepared, type Db } from '../store/db.ts';
import { CHECKPOINT_ALG, type SigningKeys } from './keys.ts';

export interface ChainHead {
  seq: number;
  hash: string;
}

/** interval: every N records; time: records waited intervalMs (checkpointer.ts); shutdown: the gateway stopped. */
export type CheckpointReason = 'interval' | 'time' | 'shutdown' | 'on-demand' | 'retention';

export interface CheckpointPayload extends ChainHead {
  signed_at: string;
}

export async function signCheckpoint(keys: SigningKeys, head: ChainHead, signedAt: Date): Promise<string> {
  const payload: CheckpointPayload = { seq: head.seq, hash: head.hash, signed_at: signedAt.toISOString() };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: CHECKPOINT_ALG, kid: keys.kid, typ: 'audit-checkpoint' })
    .sign(keys.privateKey);
}

/** The signed payload, or null when the signature does not verify with publicKey. */
export async function openCheckpoint(jws: string, publicKey: CryptoKey): Promise<CheckpointPayload | null> {
  try {
    const { payload } = await compactVerify(jws, publicKey, { algorithms: [CHECKPOINT_ALG] });
    const parsed = JSON.parse(new TextDecoder().decode(payload)) as Partial<CheckpointPayload>;
    if (typeof parsed.seq !== 'number' || typeof parsed.hash !== 'string' || typeof parsed.signed_at !== 'string') return null;
    return { seq: parsed.seq, hash: parsed.hash, signed_at: parsed.signed_at };
  } catch {
    return null;
  }
}

/** Signs head and stores it; a checkpoint already stored at that seq is kept. Call inside the transaction that fixed head. */
export async function storeCheckpoint(tx: Db, keys: SigningKeys, head: ChainHead, reason: CheckpointReason, now: Date): Promise<void> {
  const jws = await signCheckpoint(keys, head, now);
  await tx.query(
    `INSERT INTO audit_checkpoints (seq, hash, jws, reason, created_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (seq) DO NOTHING`,
    [head.seq, head.hash, jws, reason, now],
  );
}

const LOCK_HEAD = prepared('SELECT seq, hash FROM audit_head FOR UPDATE');

/** Reads the chain head, locking it until the transaction ends (writers in every process serialise here). */
export async function lockHead(tx: Db): Promise<ChainHead> {
  const { rows } = await tx.query<ChainHead>(LOCK_HEAD);
  const head = rows[0];
  if (head === undefined) throw new Error('audit_head is missing: the store was not migrated');
  return head;
}

/** Signs the current head on demand. Throws when the chain is empty. */
export async function checkpointNow(db: Db, keys: SigningKeys, now: Date = new Date()): Promise<ChainHead> {
  return db.transaction(async (tx) => {
    const head = await lockHead(tx);
    if (head.seq === 0) throw new Error('nothing to checkpoint: the audit chain is empty');
    await storeCheckpoint(tx, keys, head, 'on-demand', now);
    return head;
  });
}
