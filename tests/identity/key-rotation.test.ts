import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, createCallerVerifier } from '../../gateway/identity/index.ts';
import { keySet, nowSeconds, signToken, testKey, type TestKey } from './keys.ts';

const ISSUER = 'https://idp.uwv.example';
const AUDIENCE = 'doelpoort';
const caller = { id: 'emp-9', issuer: ISSUER, organisation: 'uwv', roles: ['analist-rpf'], projects: ['venlo-klingerberg-2026'] };

function claims(): JWTPayload {
  return { iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 300, sub: 'emp-9', org: 'uwv', roles: ['analist-rpf'], projects: ['venlo-klingerberg-2026'] };
}

const common = { issuer: ISSUER, audience: AUDIENCE, clockSkewSeconds: 0, algorithms: ['ES256'] };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(AuthenticationError);
  return (error as AuthenticationError).code;
}

let oldKey: TestKey;
let newKey: TestKey;
let dir: string;

beforeAll(async () => {
  oldKey = await testKey('2026-01');
  newKey = await testKey('2026-07');
  dir = await mkdtemp(join(tmpdir(), 'doelpoort-jwks-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a JWKS file', () => {
  it('picks up a key added to the file (new mtime) without re-creating the verifier', async () => {
    const file = join(dir, 'mtime.jwks.json');
    await writeFile(file, JSON.stringify(keySet(oldKey)));
    await utimes(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const verifier = createCallerVerifier({ ...common, jwks: { file } });

    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);
    const rotated = `Bearer ${await signToken(newKey, claims())}`;

    await writeFile(file, JSON.stringify(keySet(oldKey, newKey)));
    await utimes(file, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'));
    await expect(verifier.verify(rotated)).resolves.toEqual(caller);
    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);
  });

  it('re-reads the file on an unknown key id even when its mtime did not change', async () => {
    const file = join(dir, 'same-mtime.jwks.json');
    const moment = new Date('2026-01-01T00:00:00Z');
    await writeFile(file, JSON.stringify(keySet(oldKey)));
    await utimes(file, moment, moment);
    const verifier = createCallerVerifier({ ...common, jwks: { file } });
    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);

    await writeFile(file, JSON.stringify(keySet(oldKey, newKey)));
    await utimes(file, moment, moment);
    expect((await stat(file)).mtime).toEqual(moment);
    await expect(verifier.verify(`Bearer ${await signToken(newKey, claims())}`)).resolves.toEqual(caller);
  });

  it('refuses a key that was removed from the file', async () => {
    const file = join(dir, 'removed.jwks.json');
    await writeFile(file, JSON.stringify(keySet(oldKey, newKey)));
    await utimes(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const verifier = createCallerVerifier({ ...common, jwks: { file } });
    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);

    await writeFile(file, JSON.stringify(keySet(newKey)));
    await utimes(file, new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z'));
    expect(await codeOf(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`))).toBe('TOKEN_UNKNOWN_KEY');
  });

  it('answers KEYS_UNAVAILABLE when the file cannot be read', async () => {
    const verifier = createCallerVerifier({ ...common, jwks: { file: join(dir, 'absent.jwks.json') } });
    expect(await codeOf(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`))).toBe('KEYS_UNAVAILABLE');
  });
});

describe('a remote JWKS', () => {
  let served: JSONWebKeySet;
  let requests = 0;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    served = keySet(oldKey);
    server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(served));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  it('is cached, and refetched when a token names a key it lacks', async () => {
    const verifier = createCallerVerifier({
      ...common,
      jwks: { url, cooldownSeconds: 0, allowInsecureJwksUrlForTests: true },
    });
    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);
    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);
    expect(requests).toBe(1);

    served = keySet(oldKey, newKey);
    await expect(verifier.verify(`Bearer ${await signToken(newKey, claims())}`)).resolves.toEqual(caller);
    expect(requests).toBe(2);
  });

  it('does not refetch within the cooldown', async () => {
    served = keySet(oldKey);
    requests = 0;
    const verifier = createCallerVerifier({
      ...common,
      jwks: { url, cooldownSeconds: 3600, allowInsecureJwksUrlForTests: true },
    });
    await expect(verifier.verify(`Bearer ${await signToken(oldKey, claims())}`)).resolves.toEqual(caller);
    served = keySet(oldKey, newKey);
    expect(await codeOf(verifier.verify(`Bearer ${await signToken(newKey, claims())}`))).toBe('TOKEN_UNKNOWN_KEY');
    expect(requests).toBe(1);
  });
});
