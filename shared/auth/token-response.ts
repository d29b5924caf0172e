import { json, publicCors } from '../http/response.js';
import type { HttpResult } from '../http/types.js';
import { accessTokenTtlSeconds, signAccessToken } from './access-token.js';

export interface IssuedGrant {
  userId: string;
  businessId: string;
  grantId: string;
  clientId: string;
  resource: string;
}

/** RFC 6749 §5.1: the token answer, never cached (json() already sends no-store; Pragma for old caches). */
export async function tokenResponse(g: IssuedGrant, accessScope: string, refreshToken: string, now = Date.now()): Promise<HttpResult> {
  const { token } = await signAccessToken({ ...g, scope: accessScope }, now);
  return json(
    200,
    { access_token: token, token_type: 'Bearer', expires_in: accessTokenTtlSeconds, refresh_token: refreshToken, scope: accessScope },
    { ...publicCors, pragma: 'no-cache' },
  );
}
