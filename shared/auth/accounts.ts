import { activityWrite } from '../db/activity.js';
import { config } from '../config/index.js';
import { db } from '../db/service.js';
import { newId } from '../ids.js';
import type { InvitationRecord } from '../db/invitations.js';
import { joinRefusal, joinWrites, type JoinRefusal } from './invitation-join.js';
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
 * After the first sign-up this is allowed only when SIGNUP_MODE=open; invitations
 * add people to an existing business through signUpInvited instead.
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

export type InvitedSignUpResult = { ok: true; userId: string } | { ok: false; reason: 'email_taken' | JoinRefusal };

/**
 * Sign-up through an invitation: creates the person (unique-email guard) and joins the invited
 * business instead of creating one, in one transaction. Never touches the instance marker: an
 * invitation exists only once the instance has its first owner, so the marker already holds.
 * Allowed in either SIGNUP_MODE, since the invitation is the permission.
 */
export async function signUpInvited(input: { email: string; name: string; password: string }, inv: InvitationRecord, now = Date.now()): Promise<InvitedSignUpResult> {
  const email = normalizeEmail(input.email);
  const userId = newId('user');
  const at = new Date(now).toISOString();
  const passwordHash = await hashPassword(input.password);
  const tx = await db.transaction
    .write((e) => [
      e.user.create({ userId, email, name: input.name, passwordHash, createdAt: at }).commit(),
      e.userEmail.create({ email, userId }).commit(),
      ...joinWrites(e, inv, { userId, name: input.name, email }, now),
    ])
    .go();
  if (!tx.canceled) return { ok: true, userId };
  if (tx.data[1]?.rejected) return { ok: false, reason: 'email_taken' };
  const refused = joinRefusal(tx.data, 2);
  if (refused) return { ok: false, reason: refused };
  throw new Error('invited sign-up transaction was cancelled for an unexpected reason');
}

/** A signed-in person accepts an invitation: the join writes alone, in one transaction. */
export async function joinInvited(who: { userId: string; name: string; email: string }, inv: InvitationRecord, now = Date.now()): Promise<{ ok: true } | { ok: false; reason: JoinRefusal }> {
  const tx = await db.transaction.write((e) => joinWrites(e, inv, who, now)).go();
  if (!tx.canceled) return { ok: true };
  const refused = joinRefusal(tx.data, 0);
  if (refused) return { ok: false, reason: refused };
  throw new Error('join transaction was cancelled for an unexpected reason');
}
