import { entities } from '../db/service.js';
import { cookies } from '../http/request.js';
import type { HttpEvent } from '../http/types.js';
import { keyedHash } from './keys.js';
import { randomToken } from './random.js';
import { clearCookie, setCookie } from './cookies.js';

/**
 * Web sessions. The cookie holds 32 random bytes; the table holds only their keyed hash, so a
 * copy of the table cannot be turned into sessions, and rotating BETTER_AUTH_SECRET ends them all.
 * Path=/ because the web app's JSON door uses the same session.
 */
export const sessionCookieName = 'clerq_session';
export const sessionTtlSeconds = 30 * 24 * 60 * 60;

export interface Session {
  userId: string;
  sessionHash: string;
}

export function sessionHashOf(cookieValue: string): string {
  return keyedHash('session-hash', cookieValue);
}

/** Starts a session for the user; answers the Set-Cookie value. */
export async function createSession(userId: string, now = Date.now()): Promise<string> {
  const value = randomToken();
  const expiresAt = Math.floor(now / 1000) + sessionTtlSeconds;
  await entities.session
    .create({ sessionHash: sessionHashOf(value), userId, createdAt: new Date(now).toISOString(), expiresAt, ttl: expiresAt })
    .go();
  return setCookie(sessionCookieName, value, { maxAgeSeconds: sessionTtlSeconds, path: '/' });
}

/** The raw cookie value, if the request carries one that looks like ours. */
export function sessionCookieValue(event: HttpEvent): string | undefined {
  const value = cookies(event).get(sessionCookieName);
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The signed-in user, or null. Checks expiry itself, since TTL deletion is lazy. */
export async function currentSession(event: HttpEvent, now = Date.now()): Promise<Session | null> {
  const value = sessionCookieValue(event);
  if (!value) return null;
  const sessionHash = sessionHashOf(value);
  const { data } = await entities.session.get({ sessionHash }).go();
  if (!data || data.expiresAt <= Math.floor(now / 1000)) return null;
  return { userId: data.userId, sessionHash };
}

/** Ends the request's session (if any); answers the Set-Cookie value that clears it. */
export async function endSession(event: HttpEvent): Promise<string> {
  const value = sessionCookieValue(event);
  if (value) await entities.session.delete({ sessionHash: sessionHashOf(value) }).go();
  return clearCookie(sessionCookieName, '/');
}
