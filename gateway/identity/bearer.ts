import { AuthenticationError } from './errors.ts';

/** Larger tokens are refused unread: no identity provider needs this much. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The compact JWT in an `Authorization: Bearer <token>` header, or an AuthenticationError. */
export function bearerToken(authorizationHeader: string | undefined): string {
  const header = authorizationHeader?.trim() ?? '';
  if (header === '') {
    throw new AuthenticationError(
      'TOKEN_MISSING',
      'No access token was sent. Send the header "Authorization: Bearer <token>" with a token from your identity provider.',
    );
  }
  const match = /^Bearer[ ]+(\S+)$/i.exec(header);
  if (!match) {
    throw new AuthenticationError(
      'TOKEN_MALFORMED',
      'The Authorization header is not a bearer token. Send "Authorization: Bearer <token>" (one space, no quotes).',
    );
  }
  const token = match[1]!;
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
    throw new AuthenticationError(
      'TOKEN_MALFORMED',
      'The bearer token is not a JSON Web Token (three base64url parts separated by dots). Send the access token itself, not an id or a file name.',
    );
  }
  return token;
}
