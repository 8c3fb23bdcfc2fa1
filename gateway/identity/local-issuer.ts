/**
 * The identity provider of the embedded default: an ES256 key pair in `<dataDir>/keys/`, made on
 * first start, whose tokens the gateway accepts through the public key set file next to it.
 * For local use and demos; a deployment points the caller verifier at its real identity provider.
 */
import { randomUUID } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import type { Caller } from '../context/types.ts';
import { DEFAULT_CLAIM_MAPPING } from './claims.ts';
import { loadOrCreateSigningKey } from './signing-key.ts';

export const LOCAL_ISSUER = 'http://localhost/doelpoort-local-issuer';
export const LOCAL_AUDIENCE = 'doelpoort';
export const LOCAL_ALGORITHM = 'ES256';
/** The local issuer's tokens use the default claim mapping: sub, org, roles, projects. */
export const LOCAL_CLAIM_MAPPING = DEFAULT_CLAIM_MAPPING;

export interface LocalIssuer {
  /** The public key set, for `createCallerVerifier({ jwks: { file: jwksFile }, ... })`. */
  jwksFile: string;
  issuer: string;
  audience: string;
  /** A caller token for this person; one hour unless said otherwise. */
  sign(caller: Caller, ttlSeconds?: number): Promise<string>;
}

export async function ensureLocalIssuer(dataDir: string): Promise<LocalIssuer> {
  const keysDir = join(resolve(dataDir), 'keys');
  const key = await loadOrCreateSigningKey(join(keysDir, 'local-issuer.private.jwk.json'), LOCAL_ALGORITHM);
  const jwksFile = join(keysDir, 'local-issuer.jwks.json');
  const draft = `${jwksFile}.${randomUUID()}.draft`;
  await writeFile(draft, `${JSON.stringify({ keys: [key.publicJwk] }, null, 2)}\n`);
  await rename(draft, jwksFile);

  return {
    jwksFile,
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    async sign(caller, ttlSeconds = 3600) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new TypeError('ttlSeconds must be a positive whole number');
      return new SignJWT({
        [LOCAL_CLAIM_MAPPING.organisation]: caller.organisation,
        [LOCAL_CLAIM_MAPPING.roles]: caller.roles,
        [LOCAL_CLAIM_MAPPING.projects]: caller.projects,
      })
        .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: key.kid, typ: 'JWT' })
        .setSubject(caller.id)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key.privateKey);
    },
  };
}
