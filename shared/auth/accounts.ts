import { activityWrite } from '../db/activity.js';
import { config } from '../config/index.js';
import { db } from '../db/service.js';
import { newId } from '../ids.js';
import { hashPassword } from './passwords.js';

/** Emails are compared and stored lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** Whether the instance already has its first owner (one GetItem of the marker). */
export async function instanceHasOwner(): Promise<boolean> {
  const { data } = await db.entities.instanceMarker.get({}).go();
  return !!data;
}

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  businessName: string;
  currency: string;
  timeZone: string;
}

export type SignUpResult =
  | { ok: true; userId: string; businessId: string }
  | { ok: false; reason: 'email_taken' | 'invitation_only' };

/**
 * Creates a person with a new business they own, in one transaction: the user, the unique-email
 * guard (conditional), the business, the owner membership, an activity record, and on a fresh
 * instance the instance marker (conditional, so only one sign-up can be the first).
 * After the first sign-up this is allowed only when SIGNUP_MODE=open; invitations (a later
 * issue) will add people to an existing business instead.
 */
export async function signUp(input: NewAccount, now = Date.now()): Promise<SignUpResult> {
  const first = !(await instanceHasOwner());
  if (!first && config().signupMode !== 'open') return { ok: false, reason: 'invitation_only' };

  const email = normalizeEmail(input.email);
  const userId = newId('user');
  const businessId = newId('business');
  const at = new Date(now).toISOString();
  const passwordHash = await hashPassword(input.password);

  const tx = await db.transaction.write((e) => [
    e.user.create({ userId, email, name: input.name, passwordHash, createdAt: at }).commit(),
    e.userEmail.create({ email, userId }).commit(),
    e.business.create({ businessId, name: input.businessName, currency: input.currency, timeZone: input.timeZone, createdAt: at, createdBy: userId }).commit(),
    e.membership
      .create({ businessId, userId, role: 'owner', businessName: input.businessName, userName: input.name, userEmail: email, joinedAt: at })
      .commit(),
    activityWrite(e, {
      businessId,
      at,
      actorId: userId,
      via: 'web',
      operation: 'sign_up',
      targetId: businessId,
      summary: `${input.name} signed up and created the business ${input.businessName}`,
    }),
    ...(first ? [e.instanceMarker.create({ ownerUserId: userId, businessId, createdAt: at }).commit()] : []),
  ]).go();

  if (!tx.canceled) return { ok: true, userId, businessId };
  const rejected = (i: number) => tx.data[i]?.rejected === true;
  if (rejected(1)) return { ok: false, reason: 'email_taken' };
  // Someone else became the first owner a moment ago: in open mode simply try again as a later sign-up.
  if (first && rejected(5)) return config().signupMode === 'open' ? signUp(input, now) : { ok: false, reason: 'invitation_only' };
  throw new Error('sign-up transaction was cancelled for an unexpected reason');
}
