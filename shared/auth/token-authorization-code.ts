import { activityWrite } from '../db/activity.js';
import { db, entities } from '../db/service.js';
import { newId } from '../ids.js';
import type { HttpResult } from '../http/types.js';
import { codeHashOf } from './authorization-codes.js';
import { displayName, type OAuthClient } from './clients.js';
import { OAuthError } from './errors.js';
import { revokeGrant } from './grants.js';
import { verifyS256 } from './pkce.js';
import { newRefreshToken, refreshTokenLifetimeSeconds } from './refresh-tokens.js';
import { requestedResource } from './token-params.js';
import { tokenResponse } from './token-response.js';

const badCode = () => new OAuthError('invalid_grant', 'The authorization code is invalid, expired or already used.');

/**
 * The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 8707 §2.2). The code is
 * spent by a conditional update in the same transaction that creates the grant, its first
 * refresh token and the activity record, so two exchanges can never both succeed; the one that
 * loses (or any later replay) revokes the grant the first one created (RFC 6749 §4.1.2: a
 * replayed code means it leaked, and tokens issued on it should be revoked).
 * A refresh token is always issued, whether or not offline_access was asked for: MCP clients
 * rely on refreshing, access tokens live an hour, and the person can disconnect at any time.
 */
export async function exchangeAuthorizationCode(client: OAuthClient, params: URLSearchParams, now = Date.now()): Promise<HttpResult> {
  const code = params.get('code');
  const verifier = params.get('code_verifier');
  if (!code) throw new OAuthError('invalid_request', 'code is required.');
  if (!verifier) throw new OAuthError('invalid_request', 'code_verifier is required (PKCE).');

  const codeHash = codeHashOf(code);
  const { data: c } = await entities.authCode.get({ codeHash }).go();
  if (!c) throw badCode();
  if (c.usedAt) {
    if (c.grantId) await revokeGrant(c.businessId, c.grantId, 'its authorization code was used twice', now);
    throw badCode();
  }
  const nowSeconds = Math.floor(now / 1000);
  if (c.clientId !== client.clientId || c.expiresAt <= nowSeconds) throw badCode();
  // OAuth 2.1 drops redirect_uri from the token request (PKCE binds the code to its requester);
  // an OAuth 2.0 client still sends it, and then it must be the one the code was issued for.
  const redirectUri = params.get('redirect_uri');
  if (redirectUri !== null && redirectUri !== c.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorization request.');
  if (!verifyS256(verifier, c.codeChallenge)) throw new OAuthError('invalid_grant', 'The PKCE code_verifier does not match the code_challenge.');
  const resource = requestedResource(params);
  if (resource !== undefined && resource !== c.resource) throw new OAuthError('invalid_target', 'The resource is not the one the code was issued for.');

  const grantId = newId('grant');
  const rt = newRefreshToken();
  const at = new Date(now).toISOString();
  const clientName = displayName(client);
  const expiresAt = nowSeconds + refreshTokenLifetimeSeconds;
  const g = { userId: c.userId, businessId: c.businessId, grantId, clientId: client.clientId, resource: c.resource };
  const tx = await db.transaction
    .write((e) => [
      e.authCode
        .patch({ codeHash })
        .set({ usedAt: at, grantId })
        .where(({ usedAt }, { notExists }) => notExists(usedAt))
        .commit(),
      e.grant.create({ ...g, clientName, scope: c.scope, status: 'active', createdAt: at, lastUsedAt: at }).commit(),
      e.refreshToken.create({ ...g, tokenHash: rt.tokenHash, scope: c.scope, createdAt: at, expiresAt, ttl: expiresAt }).commit(),
      activityWrite(e, {
        businessId: c.businessId,
        at,
        actorId: c.userId,
        via: 'web',
        grantId,
        clientName,
        operation: 'connect',
        targetId: grantId,
        summary: `Connected ${clientName} (${c.scope.includes('clerq:write') ? 'read and write' : 'read only'})`,
      }),
    ])
    .go();
  if (tx.canceled) {
    // Another exchange spent the code first: treat this one as the replay it is.
    const { data: spent } = await entities.authCode.get({ codeHash }).go();
    if (spent?.grantId) await revokeGrant(spent.businessId, spent.grantId, 'its authorization code was used twice', now);
    throw badCode();
  }
  return tokenResponse(g, c.scope, rt.token, now);
}
