import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startInstance } from '../oauth/helpers/instance.js';
import { openToolSession } from '../oauth/helpers/sdk.js';

/**
 * The eight time tools end to end: a real local instance in its own process, a person who signs
 * up and consents through the HTML forms, and the official SDK client with its OAuth provider
 * calling each tool, as Claude would.
 */
let inst: Awaited<ReturnType<typeof startInstance>>;
beforeAll(async () => {
  inst = await startInstance();
}, 60_000);
afterAll(() => inst?.stop());

const timeTools = ['start_timer', 'stop_timer', 'get_running_timer', 'log_time', 'list_task_time', 'list_time_entries', 'update_time_entry', 'delete_time_entry'];

interface Entry {
  id: string;
  task_id: string;
  date: string;
  started_at: string | null;
  duration_minutes: number;
  note: string | null;
  billable: boolean;
  source: string;
}

describe('time tools through a real OAuth connection', () => {
  it('times work, logs work, lists it with totals, corrects it and deletes it', async () => {
    const { client, call } = await openToolSession(inst.url, inst.mcpUrl, { clientName: 'E2E Timekeeper' });

    const { tools } = await client.listTools();
    for (const name of timeTools) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?.outputSchema?.type).toBe('object');
      expect(tool?.annotations?.readOnlyHint).toBe(name.startsWith('list_') || name.startsWith('get_'));
    }

    const me = await call<{ user: { id: string }; business: { id: string; time_zone: string } }>('whoami');
    const { client: customer } = await call<{ client: { id: string } }>('create_client', { name: 'Contoso', hourly_rate: 9000 });
    const { project } = await call<{ project: { id: string } }>('create_project', { client_id: customer.id, name: 'Website' });
    const { task } = await call<{ task: { id: string } }>('create_task', { project_id: project.id, name: 'Wireframes' });

    const started = await call<{ timer: { entry_id: string; task_id: string; task_name: string }; acted_on: { business_id: string; user_id: string } }>('start_timer', {
      task_id: task.id,
      note: 'Home page',
    });
    expect(started.timer).toMatchObject({ task_id: task.id, task_name: 'Wireframes' });
    expect(started.acted_on).toMatchObject({ business_id: me.business.id, user_id: me.user.id });
    const second = (await client.callTool({ name: 'start_timer', arguments: { task_id: task.id } })) as CallToolResult;
    expect(second._meta?.['clerq/error']).toMatchObject({ code: 'conflict' });
    expect((second.content[0] as { text: string }).text).toContain(started.timer.entry_id);
    expect((second.content[0] as { text: string }).text).toContain('Wireframes');
    const running = await call<{ timer: { entry_id: string } | null }>('get_running_timer');
    expect(running.timer?.entry_id).toBe(started.timer.entry_id);
    const stopped = await call<{ entry: Entry }>('stop_timer');
    expect(stopped.entry).toMatchObject({ id: started.timer.entry_id, source: 'timer', duration_minutes: 1, note: 'Home page', billable: true });
    expect((await call<{ timer: null }>('get_running_timer')).timer).toBeNull();

    const logged = await call<{ entry: Entry }>('log_time', {
      task_id: task.id,
      started_at: '2025-03-03T09:00:00Z',
      ended_at: '2025-03-03T11:30:00Z',
      note: 'Navigation',
      idempotency_key: 'e2e-log-navigation',
    });
    expect(logged.entry).toMatchObject({ duration_minutes: 150, source: 'manual' });

    const taskTime = await call<{ items: Entry[]; total_minutes: number; total_entries: number }>('list_task_time', { task_id: task.id });
    expect(taskTime.items.map((e) => e.id)).toEqual([stopped.entry.id, logged.entry.id]);
    expect(taskTime).toMatchObject({ total_minutes: 151, total_entries: 2 });

    const updated = await call<{ entry: Entry }>('update_time_entry', { entry_id: logged.entry.id, duration_minutes: 120, billable: false });
    expect(updated.entry).toMatchObject({ duration_minutes: 120, billable: false, started_at: null });

    const listed = await call<{ items: Entry[]; totals: { minutes: number; billable_minutes: number; unbilled_minutes: number; entries: number } }>('list_time_entries', {
      project_id: project.id,
    });
    expect(listed.items).toHaveLength(2);
    expect(listed.totals).toEqual({ minutes: 121, billable_minutes: 1, unbilled_minutes: 1, entries: 2 });

    const deleted = await call<{ deleted: Entry }>('delete_time_entry', { entry_id: logged.entry.id });
    expect(deleted.deleted.id).toBe(logged.entry.id);
    const after = await call<{ total_minutes: number }>('list_task_time', { task_id: task.id });
    expect(after.total_minutes).toBe(1);
    const projectView = await call<{ tracked_minutes: number; unbilled_minutes: number }>('get_project', { project_id: project.id });
    expect(projectView).toMatchObject({ tracked_minutes: 1, unbilled_minutes: 1 });
    await client.close();
  }, 60_000);
});
