import type { EntityItem } from 'electrodb';
import { newId } from '../ids.js';
import { db, type TxEntities } from './service.js';
import { readPage } from './filtered-page.js';

export type ActivityRecord = EntityItem<typeof db.entities.activity>;

/** The activity record of a mutation, as one write of the mutation's own transaction. */
export function activityWrite(e: TxEntities, record: Omit<ActivityRecord, 'activityId'>) {
  return e.activity.create({ ...record, activityId: newId('activity') }).commit();
}

export interface ActivityFilters {
  actorId?: string;
  via?: 'mcp' | 'web';
  grantId?: string;
  operation?: string;
  /** Instants (ISO, UTC): at >= from and at < to. */
  from?: string;
  to?: string;
}

type Where = Parameters<ReturnType<TxEntities['activity']['delete']>['where']>[0];


/** A page of a business's activity, newest first (activity ids sort by time); filters as filter expressions. */
export async function listActivity(businessId: string, f: ActivityFilters, page: { limit: number; cursor?: string }): Promise<{ items: ActivityRecord[]; cursor: string | null }> {
  const base = () => db.entities.activity.query.byBusiness({ businessId });
  const conditions: Where[] = [];
  if (f.actorId) conditions.push((a, op) => op.eq(a.actorId, f.actorId));
  if (f.via) conditions.push((a, op) => op.eq(a.via, f.via));
  if (f.grantId) conditions.push((a, op) => op.eq(a.grantId, f.grantId));
  if (f.operation) conditions.push((a, op) => op.eq(a.operation, f.operation));
  if (f.from) conditions.push((a, op) => op.gte(a.at, f.from));
  if (f.to) conditions.push((a, op) => op.lt(a.at, f.to));
  const query = conditions.length ? base().where((a, op) => conditions.map((c) => c(a, op)).join(' AND ')) : base();
  return readPage((limit, cursor) => query.go({ order: 'desc', limit, cursor }), { ...page, filtered: conditions.length > 0 });
}
