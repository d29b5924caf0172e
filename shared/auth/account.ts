import { entities } from '../db/service.js';
import { hashPassword, passwordMaxLength, passwordProblem, verifyPassword } from './passwords.js';
import { hit, peek, signInFailuresPerEmail } from './throttle.js';

/** Ends every session of a person except `keep` (the one asking); answers how many ended. */
export async function endSessionsOf(userId: string, keep?: string): Promise<number> {
  const { data } = await entities.session.query.byUser({ userId }).go({ pages: 'all' });
  const ending = data.filter((s) => s.sessionHash !== keep);
  await Promise.all(ending.map((s) => entities.session.delete({ sessionHash: s.sessionHash }).go()));
  return ending.length;
}

export type PasswordChange = { ok: true; otherSessionsEnded: number } | { ok: false; field: 'current_password' | 'new_password'; message: string; retryAfterSeconds?: number };

/**
 * Changes a signed-in person's password. The current one must be given: a session left open on a
 * shared computer must not be enough to take the account over. Wrong guesses count against the
 * same per-email limit as the sign-in page. The person's other sessions end, this one stays.
 */
export async function changePassword(userId: string, sessionHash: string, current: string, next: string, now = Date.now()): Promise<PasswordChange> {
  const { data: user } = await entities.user.get({ userId }).go();
  if (!user) return { ok: false, field: 'current_password', message: 'This account no longer exists.' };
  const limited = await peek(signInFailuresPerEmail, user.email, now);
  if (limited.blocked) {
    return { ok: false, field: 'current_password', message: `Too many wrong passwords; try again in ${Math.ceil(limited.retryAfterSeconds / 60)} minutes.`, retryAfterSeconds: limited.retryAfterSeconds };
  }
  if (current.length > passwordMaxLength || !(await verifyPassword(current, user.passwordHash))) {
    await hit(signInFailuresPerEmail, user.email, now);
    return { ok: false, field: 'current_password', message: 'is not your current password' };
  }
  const problem = passwordProblem(next);
  if (problem) return { ok: false, field: 'new_password', message: problem };
  await entities.user.patch({ userId }).set({ passwordHash: await hashPassword(next) }).go();
  return { ok: true, otherSessionsEnded: await endSessionsOf(userId, sessionHash) };
}
