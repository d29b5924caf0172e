import { json, publicCors } from '../http/response.js';
import type { HttpResult } from '../http/types.js';

/**
 * The error codes the token, revocation and registration endpoints answer with
 * (RFC 6749 §5.2, RFC 7009 §2.2.1, RFC 7591 §3.2.2, RFC 8707 §2). A union, so
 * `switch (err.code)` narrows.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'unsupported_token_type'
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata'
  | 'too_many_requests';

const statusOf: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  unsupported_token_type: 400,
  invalid_redirect_uri: 400,
  invalid_client_metadata: 400,
  too_many_requests: 429,
};

export class OAuthError extends Error {
  readonly status: number;
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    /** Extra response headers, e.g. WWW-Authenticate for a failed Basic authentication. */
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
    this.name = 'OAuthError';
    this.status = statusOf[code];
  }
}

/** The JSON error body of RFC 6749 §5.2, never cached, readable cross-origin. */
export function oauthErrorResponse(err: OAuthError): HttpResult {
  return json(err.status, { error: err.code, error_description: err.description }, { ...publicCors, ...err.headers });
}

/** Runs an endpoint body and turns OAuthErrors into their JSON answers; anything else reaches httpHandler's 500. */
export async function answeringOAuthErrors(fn: () => Promise<HttpResult>): Promise<HttpResult> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof OAuthError) return oauthErrorResponse(e);
    throw e;
  }
}
