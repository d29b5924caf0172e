import type { EntityItem } from 'electrodb';
import { readPage, type Page } from './filtered-page.js';
import { db } from './service.js';

/** Whether a user is a member of a business (an assignee or a filter must be one). */
export async function isMember(businessId: string, userId: string): Promise<boolean> {
  const { data } = await db.entities.membership.get({ businessId, userId }).go();
  return data !== null;
}

export type GrantRecord = EntityItem<typeof db.entities.grant>;

/** A page of a business's connections, newest first (grant ids sort by time), optionally one person's and of one status. */
export async function listGrants(businessId: string, f: { userId?: string; status?: 'active' | 'revoked' }, page: { limit: number; cursor?: string }): Promise<Page<GrantRecord>> {
  const base = () => db.entities.grant.query.byBusiness({ businessId });
  const filtered = Boolean(f.userId || f.status);
  const query = filtered ? base().where((a, op) => [f.userId ? op.eq(a.userId, f.userId) : '', f.status ? op.eq(a.status, f.status) : ''].filter(Boolean).join(' AND ')) : base();
  return readPage((limit, cursor) => query.go({ order: 'desc', limit, cursor }), { ...page, filtered });
}

/** A user's active connections (OAuth grants) to one business. */
export async function activeGrantsOf(businessId: string, userId: string): Promise<GrantRecord[]> {
  const { data } = await db.entities.grant.query.byUser({ userId }).go({ pages: 'all' });
  return data.filter((g) => g.businessId === businessId && g.status === 'active');
}

/** One connection (grant) of a business, or null when it is not this business's. */
export async function grantOf(businessId: string, grantId: string): Promise<GrantRecord | null> {
  const { data } = await db.entities.grant.get({ businessId, grantId }).go();
  return data;
}
