import type { TransactionItem } from 'electrodb';
import { activityWrite } from '../db/activity.js';
import { roleInWords } from '../ops/activity-words.js';
import type { InvitationRecord } from '../db/invitations.js';
import type { TxEntities } from '../db/service.js';

export interface Joiner {
  userId: string;
  name: string;
  email: string;
}

/**
 * The writes that join a person to the invited business: the membership (create, so conditional
 * on not being a member yet), the invitation marked accepted (conditional on still pending and
 * unexpired, so a revoked, used or stale link admits nobody even in a race) and the activity.
 * Sign-up and sign-in joins both put these in their own single transaction.
 */
export function joinWrites(e: TxEntities, inv: InvitationRecord, who: Joiner, now: number) {
  const at = new Date(now).toISOString();
  return [
    e.membership
      .create({ businessId: inv.businessId, userId: who.userId, role: inv.role, businessName: inv.businessName, userName: who.name, userEmail: who.email, joinedAt: at })
      .commit(),
    e.invitation
      .patch({ tokenHash: inv.tokenHash })
      .set({ status: 'accepted', acceptedBy: who.userId, acceptedAt: at })
      .where((a, op) => `${op.eq(a.status, 'pending')} AND ${op.gt(a.expiresAt, now)}`)
      .commit(),
    activityWrite(e, {
      businessId: inv.businessId,
      at,
      actorId: who.userId,
      via: 'web',
      operation: 'accept_invitation',
      targetId: inv.invitationId,
      summary: `${who.name} joined ${inv.businessName} as ${roleInWords(inv.role)}`,
    }),
  ];
}

export type JoinRefusal = 'already_member' | 'invitation_gone';

/** Why a transaction holding joinWrites at `offset` was cancelled, if it was one of them. */
export function joinRefusal(data: TransactionItem<unknown>[], offset: number): JoinRefusal | undefined {
  if (data[offset]?.rejected) return 'already_member';
  if (data[offset + 1]?.rejected) return 'invitation_gone';
  return undefined;
}
