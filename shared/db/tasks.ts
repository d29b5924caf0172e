import type { EntityItem } from 'electrodb';
import { db } from './service.js';

export type TaskRecord = EntityItem<typeof db.entities.task>;

export async function getTask(businessId: string, taskId: string): Promise<TaskRecord | null> {
  const { data } = await db.entities.task.get({ businessId, taskId }).go();
  return data;
}
