import type { EntityItem } from 'electrodb';
import { db } from './service.js';

export type ProjectRecord = EntityItem<typeof db.entities.project>;

export async function getProject(businessId: string, projectId: string): Promise<ProjectRecord | null> {
  const { data } = await db.entities.project.get({ businessId, projectId }).go();
  return data;
}
