import { randomBytes, timingSafeEqual } from 'node:crypto';
import { config } from '../config/index.js';
import { cookies, header } from '../http/request.js';
import type { HttpEvent } from '../http/types.js';
import { keyedHash } from './keys.js';
import { setCookie } from './cookies.js';
import { sessionCookieValue, sessionHashOf } from './sessions.js';

/**
 * CSRF protection for the pages' forms, without JavaScript: a signed double-submit token.
 * A random cookie (`clerq_csrf`) is set with the page; the form carries
 * HMAC(deriveKey('csrf'), cookie | session), so a token is only valid with the cookie it was made
 * for and, once signed in, only within that session: a token an attacker obtained for their own
 * browser is useless in the victim's (whose session differs).
 */
export const csrfCookieName = 'clerq_csrf';
const csrfCookieMaxAge = 7 * 24 * 60 * 60;

function tokenFor(cookieValue: string, event: HttpEvent): string {
  const session = sessionCookieValue(event);
  return keyedHash('csrf', `${cookieValue}|${session ? sessionHashOf(session) : ''}`);
}

function cookieValueOf(event: HttpEvent): string | undefined {
  const v = cookies(event).get(csrfCookieName);
  return v && /^[A-Za-z0-9_-]{32}$/.test(v) ? v : undefined;
}

export interface CsrfIssue {
  token: string;
  /** The Set-Cookie value when the browser had no CSRF cookie yet. */
  cookie?: string;
}

/** The token for the forms of the page answering this request (and the cookie, if the browser had none). */
export function issueCsrf(event: HttpEvent): CsrfIssue {
  const existing = cookieValueOf(event);
  const value = existing ?? randomBytes(24).toString('base64url');
  const token = tokenFor(value, event);
  return existing ? { token } : { token, cookie: setCookie(csrfCookieName, value, { maxAgeSeconds: csrfCookieMaxAge, path: '/oauth' }) };
}

/**
 * Whether a form POST is genuine: the token matches the cookie and session, and the browser does
 * not say it came from another site. Pages send `Referrer-Policy: no-referrer`, under which
 * browsers send `Origin: null` with form posts, so null is tolerated; the token is the real check.
 */
export function verifyCsrf(event: HttpEvent, formToken: string | null): boolean {
  if (header(event, 'sec-fetch-site') === 'cross-site') return false;
  const origin = header(event, 'origin');
  if (origin && origin !== 'null' && origin !== new URL(config().publicUrl).origin) return false;
  const value = cookieValueOf(event);
  if (!value || !formToken) return false;
  const expected = Buffer.from(tokenFor(value, event));
  const given = Buffer.from(formToken);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
