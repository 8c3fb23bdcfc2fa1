/**
 * Where the caller verifier finds the identity provider's public keys: a JWKS file, a JWKS URL
 * or a key resolver given in code.
 */
import { createRemoteJWKSet, errors, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './errors.ts';
import { createFileJWKSet } from './jwks-file.ts';

export type JwksSource =
  | { file: string }
  | {
      /** https only. */
      url: string;
      /** After a fetch, an unknown key id refetches only after this long. Default 30. */
      cooldownSeconds?: number;
      /** Permits an http: URL. Tests against a local server only; never in a deployment. */
      allowInsecureJwksUrlForTests?: boolean;
    }
  | { keySet: JWTVerifyGetKey };

const FETCH_TIMEOUT_MS = 5000;

/** A key resolver whose failures are already AuthenticationErrors. */
export function keyResolver(source: JwksSource): JWTVerifyGetKey {
  const resolve = rawKeyResolver(source);
  return async (protectedHeader, token) => {
    try {
      return await resolve(protectedHeader, token);
    } catch (error) {
      throw keyError(error, protectedHeader.kid);
    }
  };
}

function rawKeyResolver(source: JwksSource): JWTVerifyGetKey {
  if ('keySet' in source) {
    if (typeof source.keySet !== 'function') throw new TypeError('jwks.keySet must be a key resolver function');
    return source.keySet;
  }
  if ('file' in source) {
    if (typeof source.file !== 'string' || source.file === '') throw new TypeError('jwks.file must be a file path');
    return createFileJWKSet(source.file);
  }
  const url = new URL(source.url);
  const insecureAllowed = source.allowInsecureJwksUrlForTests === true && url.protocol === 'http:';
  if (url.protocol !== 'https:' && !insecureAllowed) {
    throw new TypeError(`jwks.url must be an https: URL; got ${url.protocol}`);
  }
  const cooldownSeconds = source.cooldownSeconds ?? 30;
  if (!Number.isFinite(cooldownSeconds) || cooldownSeconds < 0) {
    throw new TypeError('jwks.cooldownSeconds must be a non-negative number');
  }
  return createRemoteJWKSet(url, { cooldownDuration: cooldownSeconds * 1000, timeoutDuration: FETCH_TIMEOUT_MS });
}

function keyError(error: unknown, kid: string | undefined): AuthenticationError {
  if (error instanceof AuthenticationError) return error;
  if (error instanceof errors.JWKSNoMatchingKey) {
    const which = kid === undefined ? 'The token names no key id (kid), and no key' : `No key with id "${kid}"`;
    return new AuthenticationError(
      'TOKEN_UNKNOWN_KEY',
      `${which} of the identity provider's key set fits the token. If the provider rotated its keys, the new key set is fetched shortly; otherwise the token was not issued by the trusted identity provider.`,
    );
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new AuthenticationError(
      'TOKEN_UNKNOWN_KEY',
      'The token names no key id (kid) and several keys of the identity provider could fit it. Ask the identity provider to set "kid" in the token header.',
    );
  }
  return new AuthenticationError(
    'KEYS_UNAVAILABLE',
    "The gateway could not load the identity provider's public keys, so no token can be checked now. Try again later; if it persists, tell the gateway's operators.",
    { cause: error },
  );
}
