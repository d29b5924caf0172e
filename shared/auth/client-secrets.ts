import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from './random.js';

/**
 * Client secrets are 256 random bits, so a plain SHA-256 is enough to make a stored hash useless
 * (nothing to brute-force), and it does not depend on BETTER_AUTH_SECRET: rotating that secret
 * revokes people's tokens and sessions, not the registrations of the software that holds them.
 * (A keyed hash would make every confidential client re-register after a rotation, while public
 * clients kept working: an inconsistent "revoke everything".)
 */
export function newClientSecret(): { secret: string; hash: string } {
  const secret = `ocs_${randomToken()}`;
  return { secret, hash: hashClientSecret(secret) };
}

export function hashClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}

export function clientSecretMatches(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashClientSecret(presented));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
