/**
 * Every policy version the gateway runs with, kept in the audit store under its content hash: a
 * decision record's policy_version can be loaded again after the files on disk changed (replay,
 * docs/audit.md "Replaying decisions").
 */
import { basename } from 'node:path';
import { parsePolicyFiles, readPolicyFiles, type PolicyData, type PolicyFile } from '../policy/load.ts';
import type { Db } from './db.ts';

/**
 * Stores the files of `dir` under `version` (the version the gateway loaded from them) when the
 * store has not got it yet. Fails when the files no longer hash to it: they changed during start-up.
 */
export async function keepPolicyVersion(db: Db, dir: string, version: string): Promise<void> {
  const files = readPolicyFiles(dir);
  const onDisk = parsePolicyFiles(files, basename(dir)).version;
  if (onDisk !== version) {
    throw new Error(`The policy files in ${dir} changed while the gateway started (it loaded ${version}, they are now ${onDisk}); start it again.`);
  }
  await storePolicyFiles(db, version, files);
}

/** Stores a version's files; a version already stored stays as it is (one content hash, one set of files). */
async function storePolicyFiles(db: Db, version: string, files: readonly PolicyFile[]): Promise<void> {
  const kept = files.map(({ path, text }) => ({ path, text }));
  await db.query('INSERT INTO policy_versions (version, files) VALUES ($1, $2::jsonb) ON CONFLICT (version) DO NOTHING', [version, JSON.stringify(kept)]);
}

/**
 * The policy data of a stored version, parsed from its stored files; undefined when the store has
 * not got it. Throws when the stored files no longer hash to the version (they were altered).
 */
export async function storedPolicyData(db: Db, version: string): Promise<PolicyData | undefined> {
  const { rows } = await db.query<{ files: PolicyFile[] }>('SELECT files FROM policy_versions WHERE version = $1', [version]);
  if (rows.length === 0) return undefined;
  const data = parsePolicyFiles(rows[0]!.files, `stored ${version}`);
  if (data.version !== version) throw new Error(`The stored policy files of ${version} hash to ${data.version}: they were altered in the store.`);
  return data;
}
