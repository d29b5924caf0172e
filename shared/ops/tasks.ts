import { z } from 'zod';
import { openCursor, sealCursor } from '../db/cursor.js';
import { isMember } from '../db/members.js';
import { getProject, getProjects, type ProjectRecord } from '../db/projects.js';
import { listTasks, taskCountAttribute, taskPatch, unassigned, type OptionalTaskAttr, type TaskRecord } from '../db/tasks.js';
import { newId } from '../ids.js';
import { changedInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { actedOn, commit } from './commit.js';
import { conflict, invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { actedOn as actedOnSchema, cursorField, idOf, idempotencyKeyField, listLimit, page } from './schemas.js';
import { setTaskStatusOp } from './task-status.js';
import { mustGetTask, taskFields, taskOut, taskStatus, toTask, viewTask } from './task-view.js';
import { nextUpdatedAt } from './versions.js';

const taskWrite = z.object({ task: taskOut, acted_on: actedOnSchema });

const projectArchived = (projectId: string) =>
  conflict(`project ${projectId} is archived; restore it with update_project (status: active) before adding tasks to it.`);

/** The project of a new task: of this business, and active. */
async function mustGetActiveProject(ctx: OpContext, projectId: string): Promise<ProjectRecord> {
  const p = await getProject(ctx.businessId, projectId);
  if (!p) throw notFound('project', projectId);
  if (p.status !== 'active') throw projectArchived(projectId);
  return p;
}

/** Runs independent reads together but reports their failures in argument order, so the error is deterministic. */
async function inOrder<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/** A non-member is refused exactly like an unknown id: nothing tells the two apart. */
async function mustBeMember(ctx: OpContext, userId: string | null | undefined): Promise<void> {
  if (userId && !(await isMember(ctx.businessId, userId))) throw notFound('user', userId);
}

export const listTasksOp = defineOperation({
  name: 'list_tasks',
  title: 'List tasks',
  description:
    'Tasks of this business, todo first, then in_progress, then done, newest first within each. Filter by project_id, status (todo, in_progress, done, all; default all) and assignee_id. Every member sees every task. Paginate with limit and cursor.',
  input: z.strictObject({
    project_id: idOf('project').optional().describe('Only the tasks of this project'),
    status: taskStatus.or(z.literal('all')).default('all'),
    assignee_id: idOf('user').optional().describe('Only the tasks assigned to this member'),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: page(taskOut),
  idempotent: true,
  async handler(ctx, input) {
    const listName = `tasks:${input.project_id ?? ''}:${input.status}:${input.assignee_id ?? ''}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    const query = { projectId: input.project_id, assigneeId: input.assignee_id, status: input.status, limit: input.limit, cursor };
    // With a project filter its project is read alongside the page: it answers not_found and every task's billable.
    const [project, res] = await Promise.all([input.project_id ? getProject(ctx.businessId, input.project_id) : null, listTasks(ctx.businessId, query)]);
    if (input.project_id && !project) throw notFound('project', input.project_id);
    // Only an empty first page costs a read more: it tells "no tasks" from "no such member".
    if (!res.items.length && !cursor) await mustBeMember(ctx, input.assignee_id);

    const projects = new Map(project ? [[project.projectId, project]] : []);
    const missing = res.items.filter((t) => t.billable === undefined && !projects.has(t.projectId)).map((t) => t.projectId);
    if (missing.length) for (const [id, p] of await getProjects(ctx.businessId, missing)) projects.set(id, p);
    const items = res.items.map((t) => {
      const p = projects.get(t.projectId);
      if (t.billable === undefined && !p) throw new Error(`task ${t.taskId} refers to missing project ${t.projectId}`);
      return toTask(t, t.billable ?? p!.billable);
    });
    return { items, next_cursor: sealCursor(ctx.businessId, listName, res.cursor) };
  },
  summarize: (o) =>
    `${o.items.length} task(s)${o.next_cursor ? '; more with next_cursor' : ''}: ${o.items.map((t) => `${t.name} (${t.id}, ${t.status})`).join(', ') || 'none'}.`,
});

export const createTaskOp = defineOperation({
  name: 'create_task',
  title: 'Create task',
  description:
    "Create a task (status todo) in an active project. project_id and name are required; description, hourly_rate (minor units of the client's currency), billable (absent: follows the project), assignee_id (a member, usr_…) and due_date (YYYY-MM-DD) are optional.",
  input: z.strictObject({
    project_id: idOf('project'),
    name: taskFields.name,
    description: taskFields.description.optional(),
    hourly_rate: taskFields.hourly_rate.optional(),
    billable: taskFields.billable.optional(),
    assignee_id: taskFields.assignee_id.optional(),
    due_date: taskFields.due_date.optional(),
    idempotency_key: idempotencyKeyField,
  }),
  output: taskWrite,
  keyed: true,
  async handler(ctx, input) {
    const [project] = await inOrder(mustGetActiveProject(ctx, input.project_id), mustBeMember(ctx, input.assignee_id));
    const now = new Date().toISOString();
    const record: TaskRecord = {
      businessId: ctx.businessId,
      taskId: newId('task'),
      projectId: project.projectId,
      // Copied from the project, whose client never changes: rates and time entries need it.
      clientId: project.clientId,
      name: input.name,
      description: input.description,
      hourlyRate: input.hourly_rate,
      billable: input.billable,
      assigneeId: input.assignee_id ?? unassigned,
      dueDate: input.due_date,
      status: 'todo',
      createdBy: ctx.userId,
      createdAt: now,
      updatedAt: now,
    };
    const assignee = input.assignee_id;
    return commit(ctx, {
      writes: (e) => [
        // The project's todo count rises in the task's own transaction, on condition it is still active.
        e.project
          .patch({ businessId: ctx.businessId, projectId: project.projectId })
          .add({ [taskCountAttribute.todo]: 1 })
          .where((a, op) => op.eq(a.status, 'active'))
          .commit(),
        ...(assignee ? [e.membership.check({ businessId: ctx.businessId, userId: assignee }).where((a, op) => op.exists(a.role)).commit()] : []),
        e.task.create(record).commit(),
      ],
      activity: { operation: 'create_task', targetId: record.taskId, summary: `Created task ${record.name} in project ${project.name}` },
      result: { task: toTask(record, project.billable), acted_on: actedOn(ctx) },
      onConflict: (i) => {
        if (i === 0) return projectArchived(project.projectId);
        if (assignee && i === 1) return notFound('user', assignee);
        return conflict('A task with this id already exists; retry.');
      },
    });
  },
  summarize: (o) => `Created task ${o.task.name} (${o.task.id}) in project ${o.task.project_id} of ${o.acted_on.business_name}.`,
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

const taskFieldWords = { name: 'name', description: 'description', hourly_rate: 'hourly rate', billable: 'billable setting', assignee_id: 'assignee', due_date: 'due date' };

export const updateTaskOp = defineOperation({
  name: 'update_task',
  title: 'Update task',
  description:
    "Partial update of a task: only the fields given change. null clears description, hourly_rate, due_date, assignee_id (unassigns) or billable (the task follows its project's setting again). The project cannot be changed; the status changes with set_task_status.",
  input: z.strictObject({
    task_id: idOf('task'),
    name: taskFields.name.optional(),
    description: nullable(taskFields.description),
    hourly_rate: nullable(taskFields.hourly_rate),
    billable: nullable(taskFields.billable),
    assignee_id: nullable(taskFields.assignee_id),
    due_date: nullable(taskFields.due_date),
  }),
  output: taskWrite,
  idempotent: true,
  async handler(ctx, input) {
    const { task_id, ...changes } = input;
    if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update: give at least one field besides task_id.');
    const [current] = await inOrder(mustGetTask(ctx, task_id), mustBeMember(ctx, changes.assignee_id));

    const next: TaskRecord = { ...current, name: changes.name ?? current.name, updatedAt: nextUpdatedAt(current.updatedAt) };
    if (changes.assignee_id !== undefined) next.assigneeId = changes.assignee_id ?? undefined;
    const removed: OptionalTaskAttr[] = [];
    const optional = { description: 'description', hourly_rate: 'hourlyRate', billable: 'billable', due_date: 'dueDate' } as const;
    for (const [field, attr] of Object.entries(optional) as [keyof typeof optional, OptionalTaskAttr][]) {
      const value = changes[field];
      if (value === null) {
        removed.push(attr);
        delete next[attr];
      } else if (value !== undefined) {
        (next as Record<string, unknown>)[attr] = value;
      }
    }
    const assignee = changes.assignee_id;
    return commit(ctx, {
      writes: (e) => [
        taskPatch(e, next, removed).where((a, op) => op.eq(a.updatedAt, current.updatedAt)).commit(),
        ...(assignee ? [e.membership.check({ businessId: ctx.businessId, userId: assignee }).where((a, op) => op.exists(a.role)).commit()] : []),
      ],
      activity: { operation: 'update_task', targetId: task_id, summary: `Updated task ${next.name}: ${changedInWords(changes, taskFieldWords, current, next)}` },
      result: { task: await viewTask(ctx, next), acted_on: actedOn(ctx) },
      onConflict: (i) => (i === 1 && assignee ? notFound('user', assignee) : conflict(`task ${task_id} changed while this request ran; read it again and retry.`)),
    });
  },
  summarize: (o) => `Updated task ${o.task.name} (${o.task.id}); assignee ${o.task.assignee_id ?? 'none'}, status ${o.task.status}.`,
});

/** list_tasks, create_task, update_task, set_task_status (in catalogue order). */
export const taskOperations = [listTasksOp, createTaskOp, updateTaskOp, setTaskStatusOp];
