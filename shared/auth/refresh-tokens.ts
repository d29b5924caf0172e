import { keyedHash } from './keys.js';
import { randomToken } from './random.js';

/**
 * Refresh tokens: 32 random bytes behind a recognisable prefix (so secret scanners and the
 * revocation endpoint can tell them from JWT access tokens), stored only as a keyed hash.
 * 30 days, renewed by each rotation.
 */
export const refreshTokenLifetimeSeconds = 30 * 24 * 60 * 60;
const prefix = 'crt_';

export function newRefreshToken(): { token: string; tokenHash: string } {
  const token = `${prefix}${randomToken()}`;
  return { token, tokenHash: refreshTokenHashOf(token) };
}

export function refreshTokenHashOf(token: string): string {
  return keyedHash('refresh-token-hash', token);
}

export function looksLikeRefreshToken(token: string): boolean {
  return token.startsWith(prefix) && token.length === prefix.length + 43;
}
