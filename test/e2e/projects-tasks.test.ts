import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startInstance } from '../oauth/helpers/instance.js';
import { openToolSession } from '../oauth/helpers/sdk.js';

/**
 * The project and task tools end to end: a real local instance in its own process, a person who
 * signs up and consents through the HTML forms, and the official SDK client with its OAuth
 * provider calling each of the eight tools once.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

const projectTools = ['list_projects', 'get_project', 'create_project', 'update_project'];
const taskTools = ['list_tasks', 'create_task', 'update_task', 'set_task_status'];

describe('project and task tools through a real OAuth connection', () => {
  it('plans work for a client: a project, an assigned task, its progress and the counts', async () => {
    const { client, call } = await openToolSession(inst.url, inst.mcpUrl, { clientName: 'E2E Planner' });

    const { tools } = await client.listTools();
    for (const name of [...projectTools, ...taskTools]) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?.outputSchema?.type).toBe('object');
      expect(tool?.annotations?.readOnlyHint).toBe(name.startsWith('list_') || name.startsWith('get_'));
    }

    const me = await call<{ user: { id: string }; business: { id: string } }>('whoami');
    const { client: customer } = await call<{ client: { id: string } }>('create_client', { name: 'Northwind Traders', currency: 'EUR', hourly_rate: 11000 });

    const created = await call<{ project: { id: string; billable: boolean }; acted_on: { business_id: string } }>('create_project', {
      client_id: customer.id,
      name: 'Spring catalogue',
      budget_minutes: 2400,
      idempotency_key: 'e2e-create-spring-catalogue',
    });
    expect(created.acted_on.business_id).toBe(me.business.id);
    const projectId = created.project.id;
    const updated = await call<{ project: { name: string; hourly_rate: number } }>('update_project', { project_id: projectId, name: 'Spring catalogue 2027', hourly_rate: 12500 });
    expect(updated.project).toMatchObject({ name: 'Spring catalogue 2027', hourly_rate: 12500 });
    const listedProjects = await call<{ items: { id: string }[] }>('list_projects', { client_id: customer.id });
    expect(listedProjects.items.map((p) => p.id)).toEqual([projectId]);

    const { task } = await call<{ task: { id: string; status: string; billable: boolean; billable_source: string } }>('create_task', {
      project_id: projectId,
      name: 'Photograph the range',
      assignee_id: me.user.id,
      due_date: '2027-03-15',
      idempotency_key: 'e2e-create-photo-task',
    });
    expect(task).toMatchObject({ status: 'todo', billable: true, billable_source: 'project' });
    const edited = await call<{ task: { description: string; due_date: string } }>('update_task', { task_id: task.id, description: 'Studio booked for two days', due_date: '2027-03-16' });
    expect(edited.task).toMatchObject({ description: 'Studio booked for two days', due_date: '2027-03-16' });
    const moved = await call<{ task: { status: string }; previous_status: string }>('set_task_status', { task_id: task.id, status: 'in_progress' });
    expect(moved).toMatchObject({ previous_status: 'todo', task: { status: 'in_progress' } });
    const mine = await call<{ items: { id: string; status: string }[] }>('list_tasks', { assignee_id: me.user.id, status: 'in_progress' });
    expect(mine.items.map((t) => t.id)).toEqual([task.id]);

    const detail = await call<{ task_counts: Record<string, number>; currency: string; effective_rate: Record<string, unknown>; tracked_minutes: number; unbilled_minutes: number }>('get_project', {
      project_id: projectId,
    });
    expect(detail).toMatchObject({
      task_counts: { todo: 0, in_progress: 1, done: 0 },
      currency: 'EUR',
      effective_rate: { hourly_rate: 12500, currency: 'EUR', source: 'project' },
      tracked_minutes: 0,
      unbilled_minutes: 0,
    });
    await client.close();
  }, 60_000);
});
