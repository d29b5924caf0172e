import { mcpResource } from '../config/index.js';
import { entities } from '../db/service.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { json, publicCors } from '../http/response.js';
import { verifyAccessToken } from './access-token.js';
import { authenticateClient } from './client-auth.js';
import { OAuthError } from './errors.js';
import { revokeGrant } from './grants.js';
import { looksLikeRefreshToken, refreshTokenHashOf } from './refresh-tokens.js';

/**
 * Token revocation (RFC 7009). Either kind of token revokes the whole grant (the connection):
 * refresh tokens by lookup, access tokens by verifying the JWT and reading its grant id. The
 * token_type_hint is not needed, since the two kinds look different. The answer is 200 for
 * unknown, expired or already revoked tokens (§2.2), and also for a token issued to another
 * client, which is left alone: answering differently would tell a client that someone else's
 * token is valid.
 */
export async function revokeToken(event: HttpEvent, params: URLSearchParams, now = Date.now()): Promise<HttpResult> {
  const client = await authenticateClient(event, params);
  const token = params.get('token');
  if (!token) throw new OAuthError('invalid_request', 'token is required.');

  if (looksLikeRefreshToken(token)) {
    const { data: rt } = await entities.refreshToken.get({ tokenHash: refreshTokenHashOf(token) }).go();
    if (rt && rt.clientId === client.clientId) await revokeGrant(rt.businessId, rt.grantId, 'the application revoked its token', now);
  } else {
    const claims = await verifyAccessToken(token, mcpResource());
    if (claims && claims.clientId === client.clientId) await revokeGrant(claims.businessId, claims.grantId, 'the application revoked its token', now);
  }
  return json(200, {}, publicCors);
}
