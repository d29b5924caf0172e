import { z } from 'zod';
import { getProject, type ProjectRecord } from '../db/projects.js';
import { getTask, type TaskRecord } from '../db/tasks.js';
import type { OpContext } from './context.js';
import { notFound } from './errors.js';
import { calendarDate, idOf, minorUnits, text } from './schemas.js';

/** The fields create_task takes and update_task changes, validated once. */
export const taskFields = {
  name: text(200),
  description: z.string().trim().min(1).max(5000).describe('Up to 5000 characters'),
  hourly_rate: minorUnits.describe("Hourly rate for this task, in minor units of the client's currency; overrides the project's"),
  billable: z.boolean().describe("Whether time on this task is billable; absent, the task follows its project's setting"),
  assignee_id: idOf('user').describe('A member of this business (usr_…)'),
  due_date: calendarDate.describe('YYYY-MM-DD'),
};

export const taskStatus = z.enum(['todo', 'in_progress', 'done']);

export const taskOut = z.object({
  id: z.string(),
  project_id: z.string(),
  client_id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  hourly_rate: z.number().int().nullable(),
  /** Effective: the task's own setting, or its project's. */
  billable: z.boolean(),
  billable_source: z.enum(['task', 'project']),
  assignee_id: z.string().nullable(),
  due_date: z.string().nullable(),
  status: taskStatus,
  created_at: z.string(),
  updated_at: z.string(),
});

export type TaskOut = z.output<typeof taskOut>;

/** A task as the tools show it; `projectBillable` is its project's setting, used when the task has none. */
export function toTask(t: TaskRecord, projectBillable: boolean): TaskOut {
  return {
    id: t.taskId,
    project_id: t.projectId,
    client_id: t.clientId,
    name: t.name,
    description: t.description ?? null,
    hourly_rate: t.hourlyRate ?? null,
    billable: t.billable ?? projectBillable,
    billable_source: t.billable === undefined ? 'project' : 'task',
    // An unassigned task stores an empty assigneeId (shared/db/tasks.ts, `unassigned`).
    assignee_id: t.assigneeId || null,
    due_date: t.dueDate ?? null,
    status: t.status,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

/** A task as the tools show it, reading its project only when the task follows the project's billable. */
export async function viewTask(ctx: OpContext, t: TaskRecord, project?: ProjectRecord): Promise<TaskOut> {
  if (t.billable !== undefined) return toTask(t, t.billable);
  const p = project ?? (await getProject(ctx.businessId, t.projectId));
  if (!p) throw new Error(`task ${t.taskId} refers to missing project ${t.projectId}`);
  return toTask(t, p.billable);
}

export async function mustGetTask(ctx: OpContext, taskId: string): Promise<TaskRecord> {
  const t = await getTask(ctx.businessId, taskId);
  if (!t) throw notFound('task', taskId);
  return t;
}
