import type { EntityItem } from 'electrodb';
import { db, type TxEntities } from './service.js';
import { readPage } from './filtered-page.js';

export type TaskRecord = EntityItem<typeof db.entities.task>;
export type TaskStatus = TaskRecord['status'];
export type TaskStatusFilter = TaskStatus | 'all';


export async function getTask(businessId: string, taskId: string): Promise<TaskRecord | null> {
  const { data } = await db.entities.task.get({ businessId, taskId }).go();
  return data;
}

/** The project aggregate that counts tasks in each status. */
export const taskCountAttribute = { todo: 'tasksTodo', in_progress: 'tasksInProgress', done: 'tasksDone' } as const satisfies Record<TaskStatus, string>;

export interface ListTasksQuery {
  projectId?: string;
  assigneeId?: string;
  status: TaskStatusFilter;
  limit: number;
  cursor?: string;
}

/**
 * Tasks from the index that the filters select; every task index sorts by `<status>#<taskId>`, so
 * a status is a begins_with and, read descending, `all` lists todo, then in_progress, then done,
 * newest first in each. A project's tasks come from byProject, an assignee's from the sparse
 * byAssignee, the rest from byStatus. Both a project and an assignee: the project's partition
 * filtered by assignee, reading at most a few pages (a short page still carries the cursor).
 */
export async function listTasks(businessId: string, q: ListTasksQuery): Promise<{ items: TaskRecord[]; cursor: string | null }> {
  const { task } = db.entities;
  const status = q.status === 'all' ? {} : { status: q.status };
  const { projectId, assigneeId } = q;
  const query = () => {
    if (projectId) {
      const base = task.query.byProject({ businessId, projectId, ...status });
      return assigneeId ? base.where((a, op) => op.eq(a.assigneeId, assigneeId)) : base;
    }
    if (assigneeId) return task.query.byAssignee({ businessId, assigneeId, ...status });
    return task.query.byStatus({ businessId, ...status });
  };
  return readPage((limit, cursor) => query().go({ order: 'desc', limit, cursor }), { limit: q.limit, cursor: q.cursor, filtered: Boolean(projectId && assigneeId) });
}

/**
 * assigneeId of an unassigned task. ElectroDB insists on a value for every composite of the
 * sparse byAssignee index on each write that touches it (create, and any status change), so an
 * unassigned task stores an empty string, which the index condition keeps out of byAssignee.
 */
export const unassigned = '';

/** The optional task attributes an update may clear. */
export type OptionalTaskAttr = 'description' | 'hourlyRate' | 'billable' | 'dueDate';

/**
 * The patch that writes a task's next version (conditions are the caller's). ElectroDB rewrites an
 * index key only when every composite of that index is set: so projectId, status and assigneeId
 * are always set, and an unassigned task gets `unassigned`, for which ElectroDB removes the
 * byAssignee key attributes.
 */
export function taskPatch(e: TxEntities, next: TaskRecord, removed: OptionalTaskAttr[] = []) {
  const set = {
    projectId: next.projectId,
    status: next.status,
    assigneeId: next.assigneeId || unassigned,
    name: next.name,
    updatedAt: next.updatedAt,
    ...(next.description !== undefined ? { description: next.description } : {}),
    ...(next.hourlyRate !== undefined ? { hourlyRate: next.hourlyRate } : {}),
    ...(next.billable !== undefined ? { billable: next.billable } : {}),
    ...(next.dueDate !== undefined ? { dueDate: next.dueDate } : {}),
  };
  const patch = e.task.patch({ businessId: next.businessId, taskId: next.taskId }).set(set);
  return removed.length ? patch.remove(removed) : patch;
}
