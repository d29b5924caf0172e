import { db } from './service.js';

/** Whether a user is a member of a business (an assignee or a filter must be one). */
export async function isMember(businessId: string, userId: string): Promise<boolean> {
  const { data } = await db.entities.membership.get({ businessId, userId }).go();
  return data !== null;
}
