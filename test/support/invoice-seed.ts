import { db } from '../../shared/db/service.js';
import { nameKeyOf } from '../../shared/db/clients.js';
import { unassigned } from '../../shared/db/tasks.js';
import type { TimeEntryRecord } from '../../shared/db/time-lookup.js';
import { newId } from '../../shared/ids.js';
import { seedBusiness, seedMember, type SeededMember } from './seed.js';
import { seedTimeEntries } from './time-seed.js';

/**
 * `count` billable entries for the tasks of one client and project, spread over one month and
 * three members, with durations from 1 to 240 minutes (so rounding is exercised). For
 * seedTimeEntries (batch puts plus matching aggregates): the business must have no time yet.
 */
export function monthOfEntries(businessId: string, at: { clientId: string; projectId: string; taskIds: string[] }, count: number, month = '2025-06'): TimeEntryRecord[] {
  const now = new Date().toISOString();
  const members = [newId('user'), newId('user'), newId('user')];
  return Array.from({ length: count }, (_, i) => ({
    businessId,
    entryId: newId('timeEntry'),
    taskId: at.taskIds[i % at.taskIds.length]!,
    projectId: at.projectId,
    clientId: at.clientId,
    userId: members[i % members.length]!,
    date: `${month}-${String(1 + (i % 30)).padStart(2, '0')}`,
    durationMinutes: 1 + ((i * 37) % 240),
    billable: true,
    source: 'manual' as const,
    createdBy: 'seed',
    createdAt: now,
    updatedAt: now,
  }));
}

export interface BillableMonth {
  owner: SeededMember;
  clientId: string;
  invoiceId: string;
}

/**
 * A fresh business, written straight to the table for the bench: an owner, one client with a
 * rate, one project with three tasks, `count` unbilled billable entries in June 2025, and an
 * empty draft invoice for the client.
 */
export async function seedBillableMonth(count: number): Promise<BillableMonth> {
  const biz = await seedBusiness(`Billing ${count}`, { timeZone: 'UTC', defaultHourlyRate: 9000 });
  const owner = await seedMember(biz.businessId, biz.businessName, 'owner', 'clerq:read clerq:write', 'Billing Owner');
  const { businessId } = biz;
  const now = new Date().toISOString();
  const clientId = newId('client');
  const projectId = newId('project');
  await db.entities.client.put({ businessId, clientId, name: 'Northwind', nameKey: nameKeyOf('Northwind'), currency: 'USD', hourlyRate: 12000, status: 'active', createdAt: now, updatedAt: now }).go();
  await db.entities.project.put({ businessId, projectId, clientId, name: 'Platform', billable: true, status: 'active', tasksTodo: 3, createdAt: now, updatedAt: now }).go();
  const taskIds = ['Design', 'Build', 'Support'].map(() => newId('task'));
  await db.entities.task
    .put(taskIds.map((taskId, i) => ({ businessId, taskId, projectId, clientId, name: ['Design', 'Build', 'Support'][i]!, status: 'todo' as const, assigneeId: unassigned, createdBy: owner.userId, createdAt: now, updatedAt: now })))
    .go();
  await seedTimeEntries(businessId, monthOfEntries(businessId, { clientId, projectId, taskIds }, count));
  const invoiceId = newId('invoice');
  await db.entities.invoice
    .create({ businessId, invoiceId, clientId, clientName: 'Northwind', status: 'draft', currency: 'USD', listDate: now.slice(0, 10), createdBy: owner.userId, createdAt: now, updatedAt: now })
    .go();
  return { owner, clientId, invoiceId };
}
