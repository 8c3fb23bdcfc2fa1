/**
 * The signed checkpoints, published for partners and witnesses outside the gateway's database
 * (GET /.well-known/audit-checkpoints). A witness polls it and keeps what it saw; since only the
 * gateway holds the signing key, whoever can write the database can neither forge a checkpoint nor
 * make a kept one disappear: `npm run audit:verify -- --witness <file>` checks the chain against
 * the witness's copies. A checkpoint names a seq, a hash and a time: nothing about anyone.
 */
import { exportJWK, type JWK } from 'jose';
import type { Db } from '../store/db.ts';
import type { CheckpointReason } from './checkpoint.ts';

export interface PublishedCheckpoint {
  seq: number;
  hash: string;
  reason: CheckpointReason;
  signed_at: string;
  /** Compact JWS (ES256) over {seq, hash, signed_at}: what a witness keeps. */
  jws: string;
}

export interface CheckpointPage {
  /** The public key the checkpoints verify with. */
  key: JWK;
  checkpoints: PublishedCheckpoint[];
  /** Pass as `after` for the next page; null when this is the newest. */
  next: number | null;
}

const MAX_LIMIT = 1000;

/** Checkpoints after seq `after`, oldest first. */
export async function publishedCheckpoints(db: Db, publicKey: CryptoKey, page: { after: number; limit: number }): Promise<CheckpointPage> {
  const { rows } = await db.query<{ seq: number; hash: string; reason: CheckpointReason; created_at: Date; jws: string }>(
    'SELECT seq, hash, reason, created_at, jws FROM audit_checkpoints WHERE seq > $1 ORDER BY seq LIMIT $2',
    [page.after, page.limit + 1],
  );
  const items = rows.slice(0, page.limit).map((row) => ({ seq: row.seq, hash: row.hash, reason: row.reason, signed_at: row.created_at.toISOString(), jws: row.jws }));
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { key: { kty, crv, x, y, alg: 'ES256', use: 'sig' }, checkpoints: items, next: rows.length > page.limit ? items[items.length - 1]!.seq : null };
}

/** The route: `?after=<seq>&limit=<1..1000>` (defaults 0 and 100); 400 with what to send on anything else. */
export function checkpointsRoute(db: Db, publicKey: CryptoKey) {
  return async (url: URL): Promise<{ status: number; body: unknown }> => {
    const after = url.searchParams.get('after') ?? '0';
    const limit = url.searchParams.get('limit') ?? '100';
    const unknown = [...url.searchParams.keys()].filter((key) => key !== 'after' && key !== 'limit');
    const bad = unknown.length > 0 || !/^\d{1,15}$/.test(after) || !/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT;
    if (bad) {
      return {
        status: 400,
        body: { error: { code: 'BAD_REQUEST', message: `Send ?after=<seq of the last checkpoint you have>&limit=<1 to ${MAX_LIMIT}>; nothing else. See docs/audit.md.` } },
      };
    }
    return { status: 200, body: await publishedCheckpoints(db, publicKey, { after: Number(after), limit: Number(limit) }) };
  };
}
