import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { loadPseudonymKey, loadSigningKeys, parsePseudonymKey } from '../../gateway/audit/keys.ts';
import { pseudonymise } from '../../gateway/audit/pseudonym.ts';
import { ADRES_ID, BSN, KEY, OTHER_BSN, OTHER_KEY } from './fixtures.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'doelpoort-audit-'));
  dirs.push(dir);
  return dir;
}

test('a pseudonym is HMAC-SHA256 of "<kind>:<id>": deterministic per key, different across keys, kinds and ids', () => {
  const p = pseudonymise('person', BSN, KEY);
  expect(p).toMatch(/^[0-9a-f]{64}$/);
  expect(pseudonymise('person', BSN, KEY)).toBe(p);
  expect(pseudonymise('person', BSN, OTHER_KEY)).not.toBe(p);
  expect(pseudonymise('person', OTHER_BSN, KEY)).not.toBe(p);
  expect(pseudonymise('address', ADRES_ID, KEY)).not.toBe(pseudonymise('address', ADRES_ID, OTHER_KEY));
  expect(p).not.toContain(BSN);
});

test('pseudonymise refuses malformed ids and short keys without repeating the id', () => {
  expect(() => pseudonymise('person', '12345', KEY)).toThrow('pseudonymise: not a valid person id (value withheld)');
  expect(() => pseudonymise('address', BSN, KEY)).toThrow('pseudonymise: not a valid address id (value withheld)');
  expect(() => pseudonymise('person', BSN, new Uint8Array(16))).toThrow('pseudonymise: the key must be at least 32 bytes');
  expect(() => pseudonymise('bsn' as 'person', BSN, KEY)).toThrow('pseudonymise: subject type must be person or address');
});

test('the pseudonym key is generated once, mode 0600, and read back the same', async () => {
  const dir = await tempDir();
  const [a, b] = await Promise.all([loadPseudonymKey(dir), loadPseudonymKey(dir)]);
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  expect(a.byteLength).toBe(32);
  expect(Buffer.from(await loadPseudonymKey(dir)).equals(Buffer.from(a))).toBe(true);
  expect((await stat(join(dir, 'keys', 'pseudonym.key'))).mode & 0o777).toBe(0o600);
  expect(() => parsePseudonymKey(Buffer.alloc(16).toString('base64'))).toThrow('the pseudonym key must be at least 32 bytes of base64');
});

test('the checkpoint key pair is generated once; the private file is 0600 and the public file holds no private part', async () => {
  const dir = await tempDir();
  const [a, b] = await Promise.all([loadSigningKeys(dir), loadSigningKeys(dir)]);
  expect(a.kid).toBe(b.kid);
  expect((await loadSigningKeys(dir)).kid).toBe(a.kid);
  expect((await stat(join(dir, 'keys', 'audit-signing.private.jwk'))).mode & 0o777).toBe(0o600);
  const publicJwk = JSON.parse(await readFile(join(dir, 'keys', 'audit-signing.public.jwk'), 'utf8'));
  expect(Object.keys(publicJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
});
