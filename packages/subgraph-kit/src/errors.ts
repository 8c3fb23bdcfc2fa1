/** Why a partner refuses a call: typed, with the HTTP status to answer and a message that says what to do. */
export type GatewayTokenErrorCode =
  | 'GATEWAY_TOKEN_MISSING'
  | 'GATEWAY_TOKEN_INVALID'
  | 'GATEWAY_TOKEN_EXPIRED'
  | 'GATEWAY_TOKEN_TOO_LONG_LIVED'
  | 'GATEWAY_TOKEN_REPLAYED'
  | 'GATEWAY_TOKEN_WRONG_PARTNER'
  | 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED'
  | 'GATEWAY_TOKEN_OTHER_CALL'
  | 'GATEWAY_KEYS_UNAVAILABLE';

export class GatewayTokenError extends Error {
  override readonly name = 'GatewayTokenError';
  readonly code: GatewayTokenErrorCode;
  /** For GATEWAY_TOKEN_FIELD_NOT_ALLOWED: the requested coordinates the token does not allow. */
  readonly fieldsNotAllowed: string[];

  constructor(code: GatewayTokenErrorCode, message: string, fieldsNotAllowed: string[] = []) {
    super(message);
    this.code = code;
    this.fieldsNotAllowed = fieldsNotAllowed;
  }

  /** The HTTP status to answer with. */
  get status(): 401 | 403 | 503 {
    if (this.code === 'GATEWAY_TOKEN_FIELD_NOT_ALLOWED' || this.code === 'GATEWAY_TOKEN_OTHER_CALL') return 403;
    return this.code === 'GATEWAY_KEYS_UNAVAILABLE' ? 503 : 401;
  }

  /** The GraphQL error body a partner answers with. */
  toGraphQLError(): { message: string; extensions: { code: GatewayTokenErrorCode } } {
    return { message: this.message, extensions: { code: this.code } };
  }
}
