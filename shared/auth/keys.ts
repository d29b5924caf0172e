import { createHmac, hkdfSync } from 'node:crypto';
import { authSecret } from './secret.js';

/** Every purpose a key is derived for; one key per purpose, all from BETTER_AUTH_SECRET. */
export type KeyPurpose =
  | 'access-token'
  | 'refresh-token-hash'
  | 'auth-code-hash'
  | 'session-hash'
  | 'csrf'
  | 'api-csrf'
  | 'authorize-request'
  | 'cursor'
  | 'pdf-link'
  | 'invitation'
  | 'plan-token';

const cache = new Map<string, Buffer>();

/** HKDF-SHA256 of the current secret for one purpose. Rotating the secret changes every key. */
export function deriveKey(purpose: KeyPurpose): Buffer {
  const secret = authSecret();
  const id = `${purpose}\u0000${secret}`;
  let key = cache.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'clerq', `clerq:${purpose}`, 32));
    if (cache.size > 64) cache.clear();
    cache.set(id, key);
  }
  return key;
}

/** Keyed hash used to store tokens, codes and session ids: unusable without the secret. */
export function keyedHash(purpose: KeyPurpose, value: string): string {
  return createHmac('sha256', deriveKey(purpose)).update(value).digest('base64url');
}
