/**
 * A JSON Web Key Set kept in a file, re-read when the file changes (its mtime) or when a token
 * names a key the loaded set lacks, so that a key added to the file is used without a restart.
 */
import { readFile, stat } from 'node:fs/promises';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

type KeyResolver = ReturnType<typeof createLocalJWKSet>;

/** An unknown key id re-reads the file at most once per this many milliseconds. */
const UNKNOWN_KEY_REREAD_COOLDOWN_MS = 1000;

export function createFileJWKSet(file: string): JWTVerifyGetKey {
  let loaded: { mtimeMs: number; resolve: KeyResolver } | undefined;
  let lastUnknownKeyReread = Number.NEGATIVE_INFINITY;

  async function load(): Promise<KeyResolver> {
    const { mtimeMs } = await stat(file);
    if (loaded?.mtimeMs !== mtimeMs) {
      loaded = { mtimeMs, resolve: createLocalJWKSet(await readKeySet(file)) };
    }
    return loaded.resolve;
  }

  return async (protectedHeader, token) => {
    try {
      return await (await load())(protectedHeader, token);
    } catch (error) {
      const mayReread = Date.now() - lastUnknownKeyReread >= UNKNOWN_KEY_REREAD_COOLDOWN_MS;
      if (!(error instanceof errors.JWKSNoMatchingKey) || !mayReread) throw error;
      lastUnknownKeyReread = Date.now();
      loaded = undefined;
      return (await load())(protectedHeader, token);
    }
  };
}

async function readKeySet(file: string): Promise<JSONWebKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new errors.JWKSInvalid(`The key set file ${file} is not valid JSON`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new errors.JWKSInvalid(`The key set file ${file} has no "keys" list`);
  }
  return parsed as JSONWebKeySet;
}
