import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (node:crypto), a per-user 16-byte salt and the parameters stored
 * in the hash, so they can be raised later without breaking existing accounts:
 * `scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>`.
 * N=2^15, r=8, p=1 costs 32 MiB and about 100 ms here; the authorize function has 512 MB.
 */
const params = { N: 2 ** 15, r: 8, p: 1 } as const;
const keyLength = 32;

export const passwordMinLength = 10;
export const passwordMaxLength = 200;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time comparison of the derived key; false for any malformed stored value. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!N || !r || !p) return false;
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  const actual = await derive(password, Buffer.from(parts[4] ?? '', 'base64url'), { N, r, p });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the same scrypt work as a real check when the email has no account, so the answer's
 * timing does not tell whether an account exists.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword('clerq-no-such-account');
  await verifyPassword(password, await dummy);
  return false;
}

/** Why a new password is refused, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < passwordMinLength) return `Use at least ${passwordMinLength} characters.`;
  if (password.length > passwordMaxLength) return `Use at most ${passwordMaxLength} characters.`;
  return null;
}
