import { z } from 'zod';
import { getClient, type ClientRecord } from '../db/clients.js';
import { openCursor, sealCursor } from '../db/cursor.js';
import { getProject, listProjects, type ProjectRecord } from '../db/projects.js';
import { newId } from '../ids.js';
import { changedInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { actedOn, commit } from './commit.js';
import { conflict, invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { resolveRate, resolvedRateSchema } from './rates.js';
import { actedOn as actedOnSchema, cursorField, idOf, idempotencyKeyField, listLimit, minorUnits, page, text } from './schemas.js';
import { nextUpdatedAt } from './versions.js';

const projectFields = {
  name: text(200),
  hourly_rate: minorUnits.describe("Hourly rate for this project's work, in minor units of the client's currency; overrides the client's rate"),
  billable: z.boolean().describe("Whether time on this project is billable by default (a task may override it)"),
  // 10,000,000 minutes is about 19 years of round-the-clock work: larger is a mistake, not a budget.
  budget_minutes: z.number().int().min(1).max(10_000_000).describe('Budget in whole minutes'),
};

const projectOut = z.object({
  id: z.string(),
  client_id: z.string(),
  name: z.string(),
  hourly_rate: z.number().int().nullable(),
  billable: z.boolean(),
  budget_minutes: z.number().int().nullable(),
  status: z.enum(['active', 'archived']),
  created_at: z.string(),
  updated_at: z.string(),
});

const projectWrite = z.object({ project: projectOut, acted_on: actedOnSchema });

function toProject(p: ProjectRecord): z.output<typeof projectOut> {
  return {
    id: p.projectId,
    client_id: p.clientId,
    name: p.name,
    hourly_rate: p.hourlyRate ?? null,
    billable: p.billable,
    budget_minutes: p.budgetMinutes ?? null,
    status: p.status,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  };
}

async function mustGetProject(ctx: OpContext, projectId: string): Promise<ProjectRecord> {
  const p = await getProject(ctx.businessId, projectId);
  if (!p) throw notFound('project', projectId);
  return p;
}

const clientArchived = (clientId: string) =>
  conflict(`client ${clientId} is archived; restore it with update_client (status: active) before giving it active projects.`);

/** An active client of this business, the only kind that may get an active project. */
async function mustGetActiveClient(ctx: OpContext, clientId: string): Promise<ClientRecord> {
  const c = await getClient(ctx.businessId, clientId);
  if (!c) throw notFound('client', clientId);
  if (c.status !== 'active') throw clientArchived(clientId);
  return c;
}

export const listProjectsOp = defineOperation({
  name: 'list_projects',
  title: 'List projects',
  description:
    'Projects of this business, active first, grouped by client, oldest first. Filter by client_id and status (active, archived, all; default active). Paginate with limit and cursor.',
  input: z.strictObject({
    client_id: idOf('client').optional().describe('Only the projects of this client'),
    status: z.enum(['active', 'archived', 'all']).default('active'),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: page(projectOut),
  idempotent: true,
  async handler(ctx, input) {
    const listName = `projects:${input.client_id ?? ''}:${input.status}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    const res = await listProjects(ctx.businessId, { clientId: input.client_id, status: input.status, limit: input.limit, cursor });
    // Only an empty first page costs a second read: it tells "no projects" from "no such client".
    if (!res.items.length && !cursor && input.client_id && !(await getClient(ctx.businessId, input.client_id))) {
      throw notFound('client', input.client_id);
    }
    return { items: res.items.map(toProject), next_cursor: sealCursor(ctx.businessId, listName, res.cursor) };
  },
  summarize: (o) => `${o.items.length} project(s)${o.next_cursor ? '; more with next_cursor' : ''}: ${o.items.map((p) => `${p.name} (${p.id})`).join(', ') || 'none'}.`,
});

const taskCounts = z.object({ todo: z.number().int(), in_progress: z.number().int(), done: z.number().int() });

export const getProjectOp = defineOperation({
  name: 'get_project',
  title: 'Get project',
  description:
    "One project with its task counts per status, tracked minutes, unbilled minutes (billable time not yet on an invoice), the client's currency and the effective hourly rate with where it comes from (project, client or business default).",
  input: z.strictObject({ project_id: idOf('project') }),
  output: z.object({
    project: projectOut,
    currency: z.string(),
    effective_rate: resolvedRateSchema,
    task_counts: taskCounts,
    tracked_minutes: z.number().int(),
    unbilled_minutes: z.number().int(),
  }),
  idempotent: true,
  async handler(ctx, input) {
    const p = await mustGetProject(ctx, input.project_id);
    const rate = await resolveRate(ctx.businessId, { project: p });
    // The aggregates are kept by the task and time operations in their own transactions: no entry is read here.
    return {
      project: toProject(p),
      currency: rate.currency,
      effective_rate: rate,
      task_counts: { todo: p.tasksTodo, in_progress: p.tasksInProgress, done: p.tasksDone },
      tracked_minutes: p.trackedMinutes,
      unbilled_minutes: Math.max(0, p.billableMinutes - p.billedMinutes),
    };
  },
  summarize: (o) =>
    `${o.project.name} (${o.project.id}), ${o.project.status}: ${o.task_counts.todo} todo, ${o.task_counts.in_progress} in progress, ${o.task_counts.done} done; ` +
    `${o.tracked_minutes} min tracked, ${o.unbilled_minutes} min unbilled; rate ${o.effective_rate.hourly_rate ?? 'none'} ${o.currency}/h (${o.effective_rate.source ?? 'no rate set'}).`,
});

export const createProjectOp = defineOperation({
  name: 'create_project',
  title: 'Create project',
  description:
    "Create a project for an active client. client_id and name are required; hourly_rate (minor units of the client's currency), billable (default true) and budget_minutes are optional.",
  input: z.strictObject({
    client_id: idOf('client'),
    name: projectFields.name,
    hourly_rate: projectFields.hourly_rate.optional(),
    billable: projectFields.billable.default(true),
    budget_minutes: projectFields.budget_minutes.optional(),
    idempotency_key: idempotencyKeyField,
  }),
  output: projectWrite,
  keyed: true,
  async handler(ctx, input) {
    const client = await mustGetActiveClient(ctx, input.client_id);
    const now = new Date().toISOString();
    const record: ProjectRecord = {
      businessId: ctx.businessId,
      projectId: newId('project'),
      clientId: input.client_id,
      name: input.name,
      hourlyRate: input.hourly_rate,
      billable: input.billable,
      budgetMinutes: input.budget_minutes,
      status: 'active',
      trackedMinutes: 0,
      billableMinutes: 0,
      billedMinutes: 0,
      tasksTodo: 0,
      tasksInProgress: 0,
      tasksDone: 0,
      createdAt: now,
      updatedAt: now,
    };
    return commit(ctx, {
      writes: (e) => [
        // The client is archived between the read above and this write: the check refuses it.
        e.client.check({ businessId: ctx.businessId, clientId: input.client_id }).where((a, op) => op.eq(a.status, 'active')).commit(),
        e.project.create(record).commit(),
      ],
      activity: { operation: 'create_project', targetId: record.projectId, summary: `Created project ${record.name} for ${client.name}` },
      result: { project: toProject(record), acted_on: actedOn(ctx) },
      onConflict: (i) => (i === 0 ? clientArchived(input.client_id) : conflict('A project with this id already exists; retry.')),
    });
  },
  summarize: (o) => `Created project ${o.project.name} (${o.project.id}) for client ${o.project.client_id} in ${o.acted_on.business_name}.`,
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

type OptionalProjectAttr = 'hourlyRate' | 'budgetMinutes';

const projectFieldWords = { name: 'name', hourly_rate: 'hourly rate', billable: 'billable setting', budget_minutes: 'budget', status: 'status' };

export const updateProjectOp = defineOperation({
  name: 'update_project',
  title: 'Update project',
  description:
    'Partial update of a project: only the fields given change; null clears hourly_rate or budget_minutes. status archived hides it from default lists, active restores it (its client must be active). The client cannot be changed: create a new project for another client.',
  input: z.strictObject({
    project_id: idOf('project'),
    name: projectFields.name.optional(),
    hourly_rate: nullable(projectFields.hourly_rate),
    billable: projectFields.billable.optional(),
    budget_minutes: nullable(projectFields.budget_minutes),
    status: z.enum(['active', 'archived']).optional(),
  }),
  output: projectWrite,
  idempotent: true,
  async handler(ctx, input) {
    const { project_id, ...changes } = input;
    if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update: give at least one field besides project_id.');
    const current = await mustGetProject(ctx, project_id);
    const restoring = changes.status === 'active' && current.status === 'archived';
    if (restoring) await mustGetActiveClient(ctx, current.clientId);

    const next: ProjectRecord = {
      ...current,
      name: changes.name ?? current.name,
      billable: changes.billable ?? current.billable,
      status: changes.status ?? current.status,
      updatedAt: nextUpdatedAt(current.updatedAt),
    };
    const removed: OptionalProjectAttr[] = [];
    const optional = { hourly_rate: 'hourlyRate', budget_minutes: 'budgetMinutes' } as const;
    for (const [field, attr] of Object.entries(optional) as [keyof typeof optional, OptionalProjectAttr][]) {
      const value = changes[field];
      if (value === null) {
        removed.push(attr);
        delete next[attr];
      } else if (value !== undefined) {
        next[attr] = value;
      }
    }
    // Only the project's own fields are set, never the aggregates, which other transactions keep.
    // status and clientId are set together so ElectroDB rewrites both index keys that hold them.
    const set = {
      clientId: next.clientId,
      status: next.status,
      name: next.name,
      billable: next.billable,
      updatedAt: next.updatedAt,
      ...(next.hourlyRate !== undefined ? { hourlyRate: next.hourlyRate } : {}),
      ...(next.budgetMinutes !== undefined ? { budgetMinutes: next.budgetMinutes } : {}),
    };
    return commit(ctx, {
      writes: (e) => {
        const patch = e.project.patch({ businessId: ctx.businessId, projectId: project_id }).set(set);
        const writes = [(removed.length ? patch.remove(removed) : patch).where((a, op) => op.eq(a.updatedAt, current.updatedAt)).commit()];
        if (restoring) writes.push(e.client.check({ businessId: ctx.businessId, clientId: current.clientId }).where((a, op) => op.eq(a.status, 'active')).commit());
        return writes;
      },
      activity: { operation: 'update_project', targetId: project_id, summary: `Updated project ${next.name}: ${changedInWords(changes, projectFieldWords, current, next)}` },
      result: { project: toProject(next), acted_on: actedOn(ctx) },
      onConflict: (i) => (i === 1 ? clientArchived(current.clientId) : conflict(`project ${project_id} changed while this request ran; read it again and retry.`)),
    });
  },
  summarize: (o) => `Updated project ${o.project.name} (${o.project.id}); status ${o.project.status}.`,
});

/** list_projects, get_project, create_project, update_project (in catalogue order). */
export const projectOperations = [listProjectsOp, getProjectOp, createProjectOp, updateProjectOp];
