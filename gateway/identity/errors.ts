/**
 * The errors of the identity stage and how they are answered over HTTP.
 *
 * Messages say what is wrong and what to do about it. They never echo the token, and they name
 * only non-personal values (issuer, audience, key id, algorithm, timestamps, project ids).
 */

export type AuthenticationErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_WRONG_ISSUER'
  | 'TOKEN_WRONG_AUDIENCE'
  | 'TOKEN_UNKNOWN_KEY'
  | 'TOKEN_BAD_SIGNATURE'
  | 'TOKEN_ALG_NOT_ALLOWED'
  | 'TOKEN_CLAIMS_MISSING'
  /** The caller's id looks like a BSN: callers are employees, never identified by a citizen's number. */
  | 'TOKEN_SUBJECT_IS_BSN'
  /** The gateway could not load the keys to check the token with (not the caller's fault). */
  | 'KEYS_UNAVAILABLE';

/** The caller could not be authenticated: answered with HTTP 401 (503 for KEYS_UNAVAILABLE). */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly code: AuthenticationErrorCode;

  constructor(code: AuthenticationErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export type AuthorisationErrorCode = 'PROJECT_NOT_AUTHORISED';

/** The caller is known but may not do this: answered with HTTP 403. */
export class AuthorisationError extends Error {
  override readonly name = 'AuthorisationError';
  readonly code: AuthorisationErrorCode;

  constructor(code: AuthorisationErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export interface AuthErrorBody {
  errors: Array<{ message: string; extensions: { code: string } }>;
}

export interface AuthErrorResponse {
  status: 401 | 403 | 503;
  headers: Record<string, string>;
  /** A GraphQL response body; serialise it as JSON. */
  body: AuthErrorBody;
}

/** The HTTP answer to an identity error: status, RFC 6750 challenge and a GraphQL error body. */
export function authErrorResponse(error: AuthenticationError | AuthorisationError): AuthErrorResponse {
  const body: AuthErrorBody = { errors: [{ message: error.message, extensions: { code: error.code } }] };
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (error instanceof AuthorisationError) {
    headers['www-authenticate'] = bearerChallenge('insufficient_scope', error.message);
    return { status: 403, headers, body };
  }
  if (error.code === 'KEYS_UNAVAILABLE') {
    return { status: 503, headers, body };
  }
  headers['www-authenticate'] =
    error.code === 'TOKEN_MISSING' ? 'Bearer realm="doelpoort"' : bearerChallenge('invalid_token', error.message);
  return { status: 401, headers, body };
}

function bearerChallenge(errorCode: string, description: string): string {
  return `Bearer realm="doelpoort", error="${errorCode}", error_description="${challengeText(description)}"`;
}

/** RFC 6750 allows only printable ASCII without `"` and `\` in error_description. */
function challengeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/"/g, "'")
    .replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');
}
