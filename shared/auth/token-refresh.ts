import { db, entities } from '../db/service.js';
import type { HttpResult } from '../http/types.js';
import type { OAuthClient } from './clients.js';
import { OAuthError } from './errors.js';
import { revokeGrant } from './grants.js';
import { newRefreshToken, refreshTokenHashOf, refreshTokenLifetimeSeconds } from './refresh-tokens.js';
import { formatScope, parseScope } from './scopes.js';
import { requestedResource } from './token-params.js';
import { tokenResponse } from './token-response.js';

const badToken = () => new OAuthError('invalid_grant', 'The refresh token is invalid, expired or revoked.');

/**
 * The refresh_token grant (RFC 6749 §6) with rotation (OAuth 2.1 §4.3.1): each refresh token
 * works once. Spending it is a conditional update in the transaction that creates its successor
 * and checks the grant is still active, so a concurrent reuse cannot get two successors; any
 * reuse revokes the grant, since it means the token was copied. A narrower `scope` narrows the
 * new access token only; the new refresh token keeps the grant's scope (RFC 6749 §6).
 */
export async function refreshTokens(client: OAuthClient, params: URLSearchParams, now = Date.now()): Promise<HttpResult> {
  const token = params.get('refresh_token');
  if (!token) throw new OAuthError('invalid_request', 'refresh_token is required.');
  const tokenHash = refreshTokenHashOf(token);
  const { data: rt } = await entities.refreshToken.get({ tokenHash }).go();
  if (!rt || rt.clientId !== client.clientId) throw badToken();
  if (rt.usedAt) {
    await revokeGrant(rt.businessId, rt.grantId, 'a refresh token was used twice', now);
    throw badToken();
  }
  const nowSeconds = Math.floor(now / 1000);
  if (rt.expiresAt <= nowSeconds) throw badToken();
  const resource = requestedResource(params);
  if (resource !== undefined && resource !== rt.resource) throw new OAuthError('invalid_target', 'The resource is not the one this connection was approved for.');

  const granted = new Set(parseScope(rt.scope));
  const asked = params.get('scope');
  let accessScope = rt.scope;
  if (asked !== null) {
    const wanted = parseScope(asked);
    const extra = wanted.filter((s) => !granted.has(s));
    if (wanted.length === 0 || extra.length) throw new OAuthError('invalid_scope', `The scope can only narrow what was approved (${rt.scope}).`);
    accessScope = formatScope(wanted);
  }

  const { data: g } = await entities.grant.get({ businessId: rt.businessId, grantId: rt.grantId }).go();
  if (!g || g.status !== 'active') throw badToken();

  const next = newRefreshToken();
  const at = new Date(now).toISOString();
  const expiresAt = nowSeconds + refreshTokenLifetimeSeconds;
  const keep = { grantId: rt.grantId, businessId: rt.businessId, userId: rt.userId, clientId: rt.clientId, scope: rt.scope, resource: rt.resource };
  const tx = await db.transaction
    .write(({ refreshToken, grant }) => [
      refreshToken
        .patch({ tokenHash })
        .set({ usedAt: at })
        .where(({ usedAt }, { notExists }) => notExists(usedAt))
        .commit(),
      refreshToken.create({ ...keep, tokenHash: next.tokenHash, createdAt: at, expiresAt, ttl: expiresAt }).commit(),
      grant
        .patch({ businessId: rt.businessId, grantId: rt.grantId })
        .set({ lastUsedAt: at })
        .where(({ status }, { eq }) => eq(status, 'active'))
        .commit(),
    ])
    .go();
  if (tx.canceled) {
    if (tx.data[0]?.rejected) await revokeGrant(rt.businessId, rt.grantId, 'a refresh token was used twice', now);
    throw badToken();
  }
  return tokenResponse(keep, accessScope, next.token, now);
}
