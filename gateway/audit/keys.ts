/**
 * The audit keys, generated on first start in <dataDir>/keys and read afterwards:
 * - pseudonym.key: 32 random bytes, base64 (the HMAC key of subject pseudonyms), mode 0600;
 * - audit-signing.private.jwk (0600) and audit-signing.public.jwk: the ES256 key pair that signs
 *   chain checkpoints. Verifiers need only the public file.
 * Files are created by writing a temporary file and hard-linking it into place, so two processes
 * starting at once both end up with the same key and never read a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { access, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { MIN_PSEUDONYM_KEY_BYTES } from './pseudonym.ts';

export const CHECKPOINT_ALG = 'ES256';

export interface SigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** RFC 7638 thumbprint of the public key, put in every checkpoint's JWS header. */
  kid: string;
}

const keyPath = (dataDir: string, name: string) => join(dataDir, 'keys', name);

/** The pseudonym key from <dataDir>/keys/pseudonym.key, generated when missing. */
export async function loadPseudonymKey(dataDir: string): Promise<Uint8Array> {
  const path = keyPath(dataDir, 'pseudonym.key');
  await createOnce(path, () => randomBytes(MIN_PSEUDONYM_KEY_BYTES).toString('base64'), 0o600);
  return parsePseudonymKey(await readFile(path, 'utf8'));
}

/** A pseudonym key given as base64 (file or configuration). */
export function parsePseudonymKey(base64: string): Uint8Array {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.byteLength < MIN_PSEUDONYM_KEY_BYTES) {
    throw new Error(`the pseudonym key must be at least ${MIN_PSEUDONYM_KEY_BYTES} bytes of base64`);
  }
  return new Uint8Array(key);
}

/** The checkpoint signing key pair, generated when missing. */
export async function loadSigningKeys(dataDir: string): Promise<SigningKeys> {
  const privatePath = keyPath(dataDir, 'audit-signing.private.jwk');
  await createOnce(privatePath, async () => {
    const { privateKey } = await generateKeyPair(CHECKPOINT_ALG, { extractable: true });
    return JSON.stringify(await exportJWK(privateKey));
  }, 0o600);
  const privateJwk = JSON.parse(await readFile(privatePath, 'utf8')) as JWK;
  const publicJwk = publicPart(privateJwk);
  await createOnce(keyPath(dataDir, 'audit-signing.public.jwk'), () => JSON.stringify(publicJwk), 0o644);
  return {
    privateKey: (await importJWK(privateJwk, CHECKPOINT_ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, CHECKPOINT_ALG)) as CryptoKey,
    kid: await calculateJwkThumbprint(publicJwk),
  };
}

/** The checkpoint verification key from a public JWK file (what audit:verify needs). */
export async function loadPublicSigningKey(path: string): Promise<CryptoKey> {
  const jwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.d !== undefined) {
    throw new Error(`${path}: expected a public P-256 JWK`);
  }
  return (await importJWK(jwk, CHECKPOINT_ALG)) as CryptoKey;
}

function publicPart(jwk: JWK): JWK {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y || !jwk.d) {
    throw new Error('audit-signing.private.jwk: expected a private P-256 JWK');
  }
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
}

async function createOnce(path: string, content: () => string | Promise<string>, mode: number): Promise<void> {
  if (await exists(path)) return;
  await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, await content(), { mode, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporary);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
