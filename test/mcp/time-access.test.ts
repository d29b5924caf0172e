import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { activityCount } from '../support/db-state.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork, type Work } from '../support/time.js';

const secretNote = 'Globex secret: the merger closes Friday';

describe('time tracking across businesses: another business is invisible', () => {
  let mine: Member;
  let theirs: Member;
  let myWork: Work;
  let theirWork: Work;
  let theirEntryId: string;
  let myEntryId: string;

  beforeAll(async () => {
    mine = await createBusiness('Initech Time');
    theirs = await createBusiness('Globex Time');
    myWork = await createWork(mine);
    theirWork = await createWork(theirs, { taskName: 'Globex Hidden Task' });
    theirEntryId = structured<{ entry: { id: string } }>(
      await theirs.call('log_time', { task_id: theirWork.taskId, date: '2025-05-05', duration_minutes: 77, note: secretNote }),
    ).entry.id;
    structured(await theirs.call('start_timer', { task_id: theirWork.taskId }));
    myEntryId = structured<{ entry: { id: string } }>(await mine.call('log_time', { task_id: myWork.taskId, date: '2025-05-05', duration_minutes: 5 })).entry.id;
  });

  const secrets = () => [secretNote, 'Globex', theirs.businessId, theirs.userId, theirWork.clientId, theirWork.projectId, 'Globex Hidden Task'];

  const calls: [string, string, () => Record<string, unknown>][] = [
    ['start_timer', 'task', () => ({ task_id: theirWork.taskId })],
    ['log_time', 'task', () => ({ task_id: theirWork.taskId, date: '2025-05-06', duration_minutes: 10 })],
    ['log_time', 'member', () => ({ task_id: myWork.taskId, date: '2025-05-06', duration_minutes: 10, member_id: theirs.userId })],
    ['list_task_time', 'task', () => ({ task_id: theirWork.taskId })],
    ['update_time_entry', 'entry', () => ({ entry_id: theirEntryId, note: 'hijacked' })],
    ['update_time_entry', 'task', () => ({ entry_id: myEntryId, task_id: theirWork.taskId })],
    ['delete_time_entry', 'entry', () => ({ entry_id: theirEntryId })],
    ['get_running_timer', 'member', () => ({ member_id: theirs.userId })],
    ['list_time_entries', 'member', () => ({ member_id: theirs.userId })],
    ['list_time_entries', 'project', () => ({ project_id: theirWork.projectId })],
    ['list_time_entries', 'client', () => ({ client_id: theirWork.clientId })],
  ];

  it.each(calls)('%s with the other business’s %s id is not_found and reveals nothing', async (tool, _kind, args) => {
    const count = await activityCount(mine.businessId);
    const given = args();
    const r = await mine.call(tool, given);
    expect(errorCode(r)).toBe('not_found');
    const raw = JSON.stringify(r);
    const givenIds = Object.values(given).filter((v): v is string => typeof v === 'string');
    for (const secret of secrets().filter((s) => !givenIds.includes(s))) expect(raw).not.toContain(secret);
    expect(raw).not.toContain('duration_minutes');
    expect(await activityCount(mine.businessId)).toBe(count);
  });

  it('lists never show the other business’s time, and its entry and timer are untouched', async () => {
    for (const args of [{}, { billable: true }, { billed: 'all' }, { from: '2025-01-01', to: '2025-12-31' }]) {
      const r = await mine.call('list_time_entries', { ...args, limit: 100 });
      const raw = JSON.stringify(r);
      for (const s of [...secrets(), theirEntryId]) expect(raw).not.toContain(s);
      expect(structured<{ totals: { minutes: number } }>(r).totals.minutes).toBe(5);
    }
    const theirList = structured<{ items: { id: string; note: string }[] }>(await theirs.call('list_time_entries', {}));
    expect(theirList.items.map((e) => [e.id, e.note])).toEqual([[theirEntryId, secretNote]]);
    expect(structured<{ timer: { task_id: string } }>(await theirs.call('get_running_timer')).timer.task_id).toBe(theirWork.taskId);
    // My own timer is mine alone: their running timer does not block me.
    expect(structured<{ timer: { task_id: string } }>(await mine.call('start_timer', { task_id: myWork.taskId })).timer.task_id).toBe(myWork.taskId);
    structured(await mine.call('stop_timer', { discard: true }));
  });
});

describe('a read-only connection', () => {
  let owner: Member;
  let reader: Member;
  let work: Work;
  let entryId: string;

  beforeAll(async () => {
    owner = await createBusiness('Read Only Time');
    reader = await addMember(owner, 'admin', 'clerq:read');
    work = await createWork(owner);
    entryId = structured<{ entry: { id: string } }>(await owner.call('log_time', { task_id: work.taskId, date: '2025-05-05', duration_minutes: 30 })).entry.id;
  });

  it('reads time', async () => {
    expect(structured<{ timer: null }>(await reader.call('get_running_timer')).timer).toBeNull();
    expect(structured<{ items: unknown[] }>(await reader.call('list_time_entries')).items).toHaveLength(1);
    expect(structured<{ total_minutes: number }>(await reader.call('list_task_time', { task_id: work.taskId })).total_minutes).toBe(30);
  });

  it.each([
    ['start_timer', () => ({ task_id: work.taskId })],
    ['stop_timer', () => ({})],
    ['log_time', () => ({ task_id: work.taskId, date: '2025-05-05', duration_minutes: 10 })],
    ['update_time_entry', () => ({ entry_id: entryId, note: 'x' })],
    ['delete_time_entry', () => ({ entry_id: entryId })],
  ] as [string, () => Record<string, unknown>][])('%s is read_only, says how to reconnect, and writes nothing', async (tool, args) => {
    const count = await activityCount(owner.businessId);
    const r = await reader.call(tool, args());
    expect(errorCode(r)).toBe('read_only');
    expect(JSON.stringify(r.content)).toMatch(/read-only/);
    expect(await activityCount(owner.businessId)).toBe(count);
  });

  it('the tool list marks the time reads read-only and the writes not', async () => {
    const { body } = await reader.rpc('tools/list');
    const tools = new Map((body.result as { tools: Tool[] }).tools.map((t) => [t.name, t]));
    for (const name of ['get_running_timer', 'list_task_time', 'list_time_entries']) expect(tools.get(name)?.annotations?.readOnlyHint).toBe(true);
    for (const name of ['start_timer', 'stop_timer', 'log_time', 'update_time_entry', 'delete_time_entry']) expect(tools.get(name)?.annotations?.readOnlyHint).toBe(false);
    expect(tools.get('delete_time_entry')?.annotations?.destructiveHint).toBe(true);
    expect(tools.get('log_time')?.inputSchema.properties).toHaveProperty('idempotency_key');
  });
});
