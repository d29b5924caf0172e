import type { EntityItem } from 'electrodb';
import { db } from './service.js';

export type ProjectRecord = EntityItem<typeof db.entities.project>;
export type ProjectStatusFilter = 'active' | 'archived' | 'all';

/** How many times unprocessed keys of a BatchGet are asked for again before giving up. */
const batchRetries = 3;

export async function getProject(businessId: string, projectId: string): Promise<ProjectRecord | null> {
  const { data } = await db.entities.project.get({ businessId, projectId }).go();
  return data;
}

/** Several projects of one business in one BatchGet (the projects of a page of tasks). */
export async function getProjects(businessId: string, projectIds: readonly string[]): Promise<Map<string, ProjectRecord>> {
  const found = new Map<string, ProjectRecord>();
  let wanted = [...new Set(projectIds)].map((projectId) => ({ businessId, projectId }));
  for (let attempt = 0; wanted.length && attempt <= batchRetries; attempt++) {
    const res = await db.entities.project.get(wanted).go();
    for (const p of res.data) found.set(p.projectId, p);
    wanted = res.unprocessed.map((k) => ({ businessId, projectId: k.projectId as string }));
  }
  if (wanted.length) throw new Error(`BatchGet left ${wanted.length} project(s) unprocessed`);
  return found;
}

export interface ListProjectsQuery {
  clientId?: string;
  status: ProjectStatusFilter;
  limit: number;
  cursor?: string;
}

/**
 * Projects from the index that answers the filters with a key condition alone (never a filter
 * expression, so one page is one read): byStatus (`<status>#<clientId>#<projectId>`, whose leading
 * composites give begins_with for a status, or a status and a client), or byClient for every
 * status of one client. Ordered by status (active first), then client, then creation.
 */
export async function listProjects(businessId: string, q: ListProjectsQuery): Promise<{ items: ProjectRecord[]; cursor: string | null }> {
  const { project } = db.entities;
  const { clientId, status } = q;
  const query =
    status === 'all'
      ? clientId
        ? project.query.byClient({ businessId, clientId })
        : project.query.byStatus({ businessId })
      : clientId
        ? project.query.byStatus({ businessId, status, clientId })
        : project.query.byStatus({ businessId, status });
  const res: { data: ProjectRecord[]; cursor: string | null } = await query.go({ limit: q.limit, cursor: q.cursor ?? null });
  return { items: res.data, cursor: res.cursor };
}
