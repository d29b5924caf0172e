import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../auth/keys.js';
import { header } from '../http/request.js';
import type { HttpEvent } from '../http/types.js';
import { config } from '../config/index.js';

/** The header the web app sends its CSRF token in; a cross-site page can neither read the token nor send the header without a preflight. */
export const csrfHeader = 'x-clerq-csrf';

/** The session's CSRF token: bound to the session, so a token from another session (or an attacker's own) is useless. */
export function apiCsrfToken(sessionHash: string): string {
  return keyedHash('api-csrf', sessionHash);
}

/** Whether a state-changing request really comes from the web app of this instance, in this session. */
export function apiCsrfValid(event: HttpEvent, sessionHash: string): boolean {
  if (header(event, 'sec-fetch-site') === 'cross-site') return false;
  const origin = header(event, 'origin');
  if (origin && origin !== new URL(config().publicUrl).origin) return false;
  const given = header(event, csrfHeader);
  if (!given) return false;
  const expected = Buffer.from(apiCsrfToken(sessionHash));
  const got = Buffer.from(given);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
