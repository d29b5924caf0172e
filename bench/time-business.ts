import { db } from '../shared/db/service.js';
import { nameKeyOf } from '../shared/db/clients.js';
import type { TimeEntryRecord } from '../shared/db/time-lookup.js';
import { unassigned } from '../shared/db/tasks.js';
import { newId } from '../shared/ids.js';
import { seedBusiness, seedMember, type SeededMember } from '../test/support/seed.js';
import { seedTimeEntries } from '../test/support/time-seed.js';

export interface TimeBusiness {
  owner: SeededMember;
  projectIds: string[];
  taskIds: string[];
  entries: TimeEntryRecord[];
  rollups: number;
  monthlyRollups: number;
}

const year = 2025;

function dayOfYear(n: number): string {
  return new Date(Date.UTC(year, 0, 1 + n)).toISOString().slice(0, 10);
}

/**
 * A business with a year of time: 5 members, 2 clients, 4 projects, 20 tasks and `count` entries
 * spread over 2025, billable except on one task in five, entries before June billed. Written
 * straight to the table (batch puts) with matching rollups, task totals and project aggregates.
 */
export async function seedTimeBusiness(count: number): Promise<TimeBusiness> {
  const biz = await seedBusiness('Bench Time Co', { timeZone: 'Europe/London', defaultHourlyRate: 10000 });
  const owner = await seedMember(biz.businessId, biz.businessName, 'owner', 'clerq:read clerq:write', 'Bench Time Owner');
  const members = [owner.userId];
  for (let i = 0; i < 4; i++) members.push((await seedMember(biz.businessId, biz.businessName, 'member', 'clerq:read clerq:write', `Member ${i}`)).userId);
  const now = new Date().toISOString();
  const { businessId } = biz;

  const clients = ['Acme', 'Globex'].map((name) => ({ businessId, clientId: newId('client'), name, nameKey: nameKeyOf(name), currency: 'GBP', status: 'active' as const, createdAt: now, updatedAt: now }));
  await db.entities.client.put(clients).go();
  const projects = Array.from({ length: 4 }, (_, i) => ({
    businessId,
    projectId: newId('project'),
    clientId: clients[i % 2]!.clientId,
    name: `Project ${i}`,
    billable: true,
    status: 'active' as const,
    tasksTodo: 5,
    createdAt: now,
    updatedAt: now,
  }));
  await db.entities.project.put(projects).go();
  const tasks = Array.from({ length: 20 }, (_, i) => {
    const p = projects[i % 4]!;
    return { businessId, taskId: newId('task'), projectId: p.projectId, clientId: p.clientId, name: `Task ${i}`, assigneeId: unassigned, billable: i % 5 === 4 ? false : undefined, status: 'todo' as const, createdBy: owner.userId, createdAt: now, updatedAt: now };
  });
  await db.entities.task.put(tasks).go();

  const entries: TimeEntryRecord[] = Array.from({ length: count }, (_, i) => {
    const day = i % 365;
    // Spread over every (member, task) pair: about as many rollup rows as a busy team would make.
    const spread = Math.imul(i, 2654435761) >>> 0;
    const task = tasks[spread % 20]!;
    const billable = task.billable ?? true;
    return {
      businessId,
      entryId: newId('timeEntry'),
      taskId: task.taskId,
      projectId: task.projectId,
      clientId: task.clientId,
      userId: members[(spread >>> 8) % members.length]!,
      date: dayOfYear(day),
      durationMinutes: 15 + (i % 8) * 15,
      billable,
      invoiceId: billable && day < 151 ? 'inv_01JBENCHSEEDED0000000000000' : undefined,
      source: 'manual',
      createdBy: owner.userId,
      createdAt: now,
      updatedAt: now,
    };
  });
  const { rollups, monthlyRollups } = await seedTimeEntries(businessId, entries);
  return { owner, projectIds: projects.map((p) => p.projectId), taskIds: tasks.map((t) => t.taskId), entries, rollups, monthlyRollups };
}
