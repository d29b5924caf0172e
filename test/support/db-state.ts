import { db } from '../../shared/db/service.js';

/** Number of activity records of a business: every mutation writes one, so an unchanged count means nothing was written. */
export async function activityCount(businessId: string): Promise<number> {
  const { data } = await db.entities.activity.query.byBusiness({ businessId }).go({ pages: 'all' });
  return data.length;
}
