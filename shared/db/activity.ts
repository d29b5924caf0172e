import type { EntityItem } from 'electrodb';
import { newId } from '../ids.js';
import type { db, TxEntities } from './service.js';

export type ActivityRecord = EntityItem<typeof db.entities.activity>;

/** The activity record of a mutation, as one write of the mutation's own transaction. */
export function activityWrite(e: TxEntities, record: Omit<ActivityRecord, 'activityId'>) {
  return e.activity.create({ ...record, activityId: newId('activity') }).commit();
}
