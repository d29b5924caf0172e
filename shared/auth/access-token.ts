import { SignJWT, jwtVerify, errors } from 'jose';
import { deriveKey } from './keys.js';
import { issuer } from '../config/index.js';

export const accessTokenTtlSeconds = 3600;

export interface AccessTokenClaims {
  userId: string;
  businessId: string;
  grantId: string;
  clientId: string;
  scope: string;
  /** The resource (audience) the token is bound to. */
  resource: string;
  expiresAt: number;
}

/** A short-lived HS256 JWT bound to resource, user, business, scopes and grant. */
export async function signAccessToken(c: Omit<AccessTokenClaims, 'expiresAt'>, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const iat = Math.floor(now / 1000);
  const expiresAt = iat + accessTokenTtlSeconds;
  const token = await new SignJWT({ biz: c.businessId, gid: c.grantId, client_id: c.clientId, scope: c.scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setIssuer(issuer())
    .setAudience(c.resource)
    .setSubject(c.userId)
    .setIssuedAt(iat)
    .setExpirationTime(expiresAt)
    .setJti(crypto.randomUUID())
    .sign(deriveKey('access-token'));
  return { token, expiresAt };
}

/** Verifies signature (HS256 only), issuer, audience and expiry. Returns null for any bad token. */
export async function verifyAccessToken(token: string, resource: string): Promise<AccessTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, deriveKey('access-token'), {
      algorithms: ['HS256'],
      issuer: issuer(),
      audience: resource,
      typ: 'at+jwt',
    });
    const { sub, biz, gid, client_id, scope, exp } = payload;
    if (typeof sub !== 'string' || typeof biz !== 'string' || typeof gid !== 'string') return null;
    if (typeof client_id !== 'string' || typeof scope !== 'string' || typeof exp !== 'number') return null;
    return { userId: sub, businessId: biz, grantId: gid, clientId: client_id, scope, resource, expiresAt: exp };
  } catch (e) {
    if (e instanceof errors.JOSEError) return null;
    throw e;
  }
}
