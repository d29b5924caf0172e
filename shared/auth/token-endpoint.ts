import { form } from '../http/request.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { authenticateClient } from './client-auth.js';
import { answeringOAuthErrors, OAuthError } from './errors.js';
import { revokeToken } from './revocation.js';
import { exchangeAuthorizationCode } from './token-authorization-code.js';
import { tokenRequestParams } from './token-params.js';
import { refreshTokens } from './token-refresh.js';

/** POST /oauth/token (RFC 6749 §3.2): the two grants Clerq supports. */
export function tokenPost(event: HttpEvent): Promise<HttpResult> {
  return answeringOAuthErrors(async () => {
    const params = tokenRequestParams(event, form(event));
    const grantType = params.get('grant_type');
    if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required.');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw new OAuthError('unsupported_grant_type', 'Supported grant types: authorization_code, refresh_token.');
    }
    const client = await authenticateClient(event, params);
    return grantType === 'authorization_code' ? exchangeAuthorizationCode(client, params) : refreshTokens(client, params);
  });
}

/** POST /oauth/revoke (RFC 7009). */
export function revokePost(event: HttpEvent): Promise<HttpResult> {
  return answeringOAuthErrors(() => revokeToken(event, tokenRequestParams(event, form(event))));
}
