import { entities } from '../db/service.js';
import { normalizeEmail } from './accounts.js';
import { burnPasswordCheck, passwordMaxLength, verifyPassword } from './passwords.js';
import { hit, peek, signInFailuresPerEmail, signInFailuresPerIp } from './throttle.js';

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks an email and password. Failures are counted per email and per source address; once
 * either is over its limit the answer is "wait", before any password is checked, and it is the
 * same whether or not the account exists. An unknown email costs the same scrypt work as a
 * wrong password.
 */
export async function checkCredentials(rawEmail: string, password: string, sourceIp: string, now = Date.now()): Promise<SignInResult> {
  const email = normalizeEmail(rawEmail);
  const [byEmail, byIp] = await Promise.all([peek(signInFailuresPerEmail, email, now), peek(signInFailuresPerIp, sourceIp, now)]);
  if (byEmail.blocked || byIp.blocked) {
    return { ok: false, reason: 'throttled', retryAfterSeconds: Math.max(byEmail.blocked ? byEmail.retryAfterSeconds : 0, byIp.blocked ? byIp.retryAfterSeconds : 0) };
  }

  const guard = email && password.length <= passwordMaxLength ? (await entities.userEmail.get({ email }).go()).data : null;
  const user = guard ? (await entities.user.get({ userId: guard.userId }).go()).data : null;
  const ok = user ? await verifyPassword(password.slice(0, passwordMaxLength), user.passwordHash) : await burnPasswordCheck(password.slice(0, passwordMaxLength));
  if (ok && user) return { ok: true, userId: user.userId };

  await Promise.all([hit(signInFailuresPerEmail, email, now), hit(signInFailuresPerIp, sourceIp, now)]);
  return { ok: false, reason: 'invalid' };
}
