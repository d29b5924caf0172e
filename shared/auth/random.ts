import { randomBytes } from 'node:crypto';

/** 32 random bytes as base64url: codes, refresh tokens, session ids, client secrets. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}
