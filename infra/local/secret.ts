import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Long enough for shared/auth/secret.ts (≥ 32 characters) with room to spare: 48 bytes → 64 characters. */
export function generateSecret(): string {
  return randomBytes(48).toString('base64url');
}

/**
 * Makes sure BETTER_AUTH_SECRET is set. If the operator did not set it, the instance uses one
 * generated on first start and kept in `<dataDir>/secret` (readable by this user only), so
 * sessions and tokens survive a restart. Deleting the file is the local "revoke everything".
 * Returns where the secret came from.
 */
export function ensureSecret(dataDir: string): 'environment' | 'file' | 'generated' {
  if (process.env.BETTER_AUTH_SECRET) return 'environment';
  const file = join(dataDir, 'secret');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) {
      process.env.BETTER_AUTH_SECRET = kept;
      return 'file';
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = generateSecret();
  // Written with mode 0600 from the start, never world-readable even for a moment.
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  process.env.BETTER_AUTH_SECRET = secret;
  return 'generated';
}
