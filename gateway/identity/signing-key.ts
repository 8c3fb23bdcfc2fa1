/**
 * A signing key pair kept as a private JWK file (mode 0600): created on first use, reused after.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export type SigningAlgorithm = 'ES256' | 'EdDSA';

export interface SigningKey {
  alg: SigningAlgorithm;
  kid: string;
  privateKey: CryptoKey;
  /** The public half, with kid, alg and use set: ready for a JWKS. */
  publicJwk: JWK;
}

/**
 * Reads the private JWK at `file`, or generates one there with `alg` if it does not exist yet. An
 * existing key keeps its own algorithm (P-256: ES256, Ed25519: EdDSA).
 */
export async function loadOrCreateSigningKey(file: string, alg: SigningAlgorithm): Promise<SigningKey> {
  const existing = await loadSigningKeyIfPresent(file);
  if (existing) return existing;
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: the file appears whole, and only once.
  const draft = `${file}.${randomUUID()}.draft`;
  await writeFile(draft, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey(file, alg);
    throw error;
  } finally {
    await unlink(draft);
  }
  return signingKeyFromJwk(jwk, alg);
}

/** A signing key from a private JWK; `kid` defaults to the key's RFC 7638 thumbprint. */
export async function signingKeyFromJwk(privateJwk: JWK, alg: SigningAlgorithm, kid?: string): Promise<SigningKey> {
  if (typeof privateJwk.d !== 'string') throw new TypeError('the signing JWK must be a private key (it has no "d")');
  const { d: _private, ...publicPart } = privateJwk;
  const keyId = kid ?? (await calculateJwkThumbprint(publicPart));
  const privateKey = (await importJWK({ ...privateJwk, alg }, alg)) as CryptoKey;
  const { kty, crv, x, y } = publicPart;
  const publicJwk: JWK = { kty, crv, x, ...(y === undefined ? {} : { y }), kid: keyId, alg, use: 'sig' };
  return { alg, kid: keyId, privateKey, publicJwk };
}

/** The signing key in the private JWK at `file`; undefined when there is no such file. */
export async function loadSigningKeyIfPresent(file: string): Promise<SigningKey | undefined> {
  const jwk = await readJwkFile(file);
  return jwk === undefined ? undefined : signingKeyFromJwk(jwk, keyAlgorithm(jwk));
}

/** The JWS algorithm of a P-256 or Ed25519 key. */
export function keyAlgorithm(jwk: JWK): SigningAlgorithm {
  if (jwk.kty === 'EC' && jwk.crv === 'P-256') return 'ES256';
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') return 'EdDSA';
  throw new TypeError(`the signing key must be a P-256 (ES256) or Ed25519 (EdDSA) key; got kty ${jwk.kty}, crv ${jwk.crv}`);
}

async function readJwkFile(file: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as JWK;
}
