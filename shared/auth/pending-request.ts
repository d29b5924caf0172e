import { SignJWT, jwtVerify } from 'jose';
import { deriveKey } from './keys.js';
import type { AuthorizeRequest } from './authorize-request.js';

/**
 * The consent form carries the validated authorization request as a short-lived HS256 JWT,
 * bound to the signed-in user, so the POST needs no server-side state and cannot be altered
 * (a different redirect URI or scope) on the way.
 */
const lifetimeSeconds = 10 * 60;
const audience = 'clerq:consent';

export async function signPendingRequest(r: AuthorizeRequest, userId: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ cid: r.clientId, ruri: r.redirectUri, st: r.state, sc: r.scope, cc: r.codeChallenge, res: r.resource })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(audience)
    .setSubject(userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(deriveKey('authorize-request'));
}

/** The request, if the token is genuine, current and made for this user; otherwise null. */
export async function verifyPendingRequest(token: string, userId: string): Promise<AuthorizeRequest | null> {
  try {
    const { payload: p } = await jwtVerify(token, deriveKey('authorize-request'), { algorithms: ['HS256'], audience, subject: userId });
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const clientId = str(p.cid);
    const redirectUri = str(p.ruri);
    const scope = str(p.sc);
    const codeChallenge = str(p.cc);
    const resource = str(p.res);
    if (!clientId || !redirectUri || scope === undefined || !codeChallenge || !resource) return null;
    const state = str(p.st);
    return { clientId, redirectUri, scope, codeChallenge, resource, ...(state !== undefined ? { state } : {}) };
  } catch {
    return null;
  }
}
