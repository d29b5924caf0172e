import { db } from '../../shared/db/service.js';
import { lookup, type TimeEntryRecord } from '../../shared/db/time-lookup.js';
import { entryWrite } from '../../shared/db/time-entries.js';
import { aggregateWrites } from '../../shared/db/time-aggregates.js';
import { rollupTotals } from '../../shared/db/time-totals.js';
import { nextUpdatedAt } from '../../shared/ops/versions.js';
import { structured, type Member } from './tenant.js';

export interface Work {
  clientId: string;
  projectId: string;
  taskId: string;
}

/** A client, a project and a task made through the tools, as an assistant would. */
export async function createWork(
  owner: Member,
  o: { clientRate?: number; currency?: string; projectRate?: number; projectBillable?: boolean; taskRate?: number; taskBillable?: boolean; taskName?: string } = {},
): Promise<Work> {
  const client = structured<{ client: { id: string } }>(
    await owner.call('create_client', { name: `Client ${Math.random().toString(36).slice(2, 8)}`, hourly_rate: o.clientRate, currency: o.currency }),
  ).client;
  const project = structured<{ project: { id: string } }>(
    await owner.call('create_project', { client_id: client.id, name: 'Project', hourly_rate: o.projectRate, billable: o.projectBillable }),
  ).project;
  const task = structured<{ task: { id: string } }>(
    await owner.call('create_task', { project_id: project.id, name: o.taskName ?? 'Design review', hourly_rate: o.taskRate, billable: o.taskBillable }),
  ).task;
  return { clientId: client.id, projectId: project.id, taskId: task.id };
}

/** Another task in an existing project. */
export async function createTask(owner: Member, projectId: string, name = 'Another task', billable?: boolean): Promise<string> {
  return structured<{ task: { id: string } }>(await owner.call('create_task', { project_id: projectId, name, billable })).task.id;
}

export async function getEntry(businessId: string, entryId: string): Promise<TimeEntryRecord | null> {
  return (await lookup(businessId, { entry: entryId })).entry;
}

/**
 * What invoicing will do to an entry: put it on an invoice (or take it off with null) through the
 * one entry writer, with the aggregates in the same transaction. False when the entry changed meanwhile.
 */
export async function setInvoice(businessId: string, entryId: string, invoiceId: string | null): Promise<boolean> {
  const before = await getEntry(businessId, entryId);
  if (!before) throw new Error(`no entry ${entryId}`);
  const after: TimeEntryRecord = { ...before, invoiceId: invoiceId ?? undefined, updatedAt: nextUpdatedAt(before.updatedAt) };
  const res = await db.transaction
    .write((e) => [entryWrite(e, after, { updatedAt: before.updatedAt, invoiceId: before.invoiceId ?? null }), ...aggregateWrites(e, businessId, [{ before, after }])] as never)
    .go();
  return !res.canceled;
}

export async function projectAggregates(businessId: string, projectId: string) {
  const { project } = await lookup(businessId, { project: projectId });
  return { tracked: project?.trackedMinutes, billable: project?.billableMinutes, billed: project?.billedMinutes };
}

/** The rollup totals of a whole business (no filter). */
export async function allRollups(businessId: string) {
  return rollupTotals(businessId, {});
}

/** Entry ids in the sparse unbilled index of a client, read through the entity query. */
export async function unbilledIds(businessId: string, clientId: string): Promise<string[]> {
  const { data } = await db.entities.timeEntry.query.unbilled({ businessId, clientId }).go({ pages: 'all' });
  return data.map((t) => t.entryId).sort();
}

export async function taskTimes(businessId: string, taskId: string) {
  const { data } = await db.entities.taskTime.query.byTask({ businessId, taskId }).go({ pages: 'all' });
  return Object.fromEntries(data.map((t) => [t.userId, { minutes: t.minutes, entries: t.entries }]));
}
