import type { EntityItem } from 'electrodb';
import { db } from './service.js';

export type InvitationRecord = EntityItem<typeof db.entities.invitation>;

/** Invitations of a business, oldest first (ids are time-sortable). */
export async function listInvitations(businessId: string): Promise<InvitationRecord[]> {
  const { data } = await db.entities.invitation.query.byBusiness({ businessId }).go({ pages: 'all' });
  return data;
}

/** One invitation of a business by id; null when it is not this business's. */
export async function getInvitation(businessId: string, invitationId: string): Promise<InvitationRecord | null> {
  const { data } = await db.entities.invitation.query.byBusiness({ businessId, invitationId }).go();
  return data[0] ?? null;
}

/** The pending invitations of one address in a business (at most one, barring a race). */
export async function pendingInvitationsFor(businessId: string, email: string): Promise<InvitationRecord[]> {
  const { data } = await db.entities.invitation.query.byEmail({ businessId, email }).go({ pages: 'all' });
  return data.filter((i) => i.status === 'pending');
}

/** The invitation a link's token hash names, read consistently: it is about to be acted on. */
export async function invitationByTokenHash(tokenHash: string): Promise<InvitationRecord | null> {
  const { data } = await db.entities.invitation.get({ tokenHash }).go({ consistent: true });
  return data;
}

export type MembershipRecord = EntityItem<typeof db.entities.membership>;

export async function listMembers(businessId: string): Promise<MembershipRecord[]> {
  const { data } = await db.entities.membership.query.byBusiness({ businessId }).go({ pages: 'all' });
  return data;
}
