import type { MembershipRecord } from '../db/invitations.js';
import { listMembers } from '../db/invitations.js';
import type { TxEntities } from '../db/service.js';
import type { OpContext } from './context.js';
import { conflict, notFound } from './errors.js';

/** The team as it is now, and the member a team operation acts on. */
export async function teamAndMember(ctx: OpContext, userId: string): Promise<{ members: MembershipRecord[]; member: MembershipRecord }> {
  const members = await listMembers(ctx.businessId);
  const member = members.find((m) => m.userId === userId);
  if (!member) throw notFound('member', userId);
  return { members, member };
}

/**
 * When `losing` is an owner who stops being one, the write that keeps the business owned: a check
 * that another owner still is one when the transaction commits. Transactions are serializable, so of
 * two owners demoting or removing each other at the same moment, one wins and one owner remains.
 */
export function anotherOwnerStays(members: readonly MembershipRecord[], losing: MembershipRecord, what: string) {
  if (losing.role !== 'owner') return [];
  const other = members.find((m) => m.role === 'owner' && m.userId !== losing.userId);
  if (!other) throw lastOwner(losing, what);
  return [(e: TxEntities) => e.membership.check({ businessId: other.businessId, userId: other.userId }).where((a, op) => op.eq(a.role, 'owner')).commit()];
}

export const lastOwner = (m: MembershipRecord, what: string) =>
  conflict(`${m.userName} is the only owner of ${m.businessName}, so they cannot ${what}; a business always keeps an owner. Make another member an owner first (transfer ownership, or change their role to owner).`);

/** The membership changes only from the role that was read, so a concurrent change is a conflict, not a lost update. */
export function roleWrite(e: TxEntities, m: MembershipRecord, role: MembershipRecord['role']) {
  return e.membership.patch({ businessId: m.businessId, userId: m.userId }).set({ role }).where((a, op) => op.eq(a.role, m.role)).commit();
}

export const teamChangedMeanwhile = () => conflict('The team changed while this request ran (a role changed or a member left); list the team and retry.');
