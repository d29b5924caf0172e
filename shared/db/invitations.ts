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

/**
 * The latest invitation of an address in a business (pending or not) and the token hash the
 * guard held, which the next invitation's write is conditioned on.
 */
export async function latestInvitationFor(businessId: string, email: string): Promise<{ guardHash: string | undefined; latest: InvitationRecord | null }> {
  const { data: guard } = await db.entities.invitationEmail.get({ businessId, email }).go({ consistent: true });
  if (!guard) return { guardHash: undefined, latest: null };
  return { guardHash: guard.tokenHash, latest: await invitationByTokenHash(guard.tokenHash) };
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
