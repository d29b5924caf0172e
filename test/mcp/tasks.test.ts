import { describe, it, expect, beforeAll } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { activityCount } from '../support/db-state.js';

type Task = {
  id: string;
  project_id: string;
  client_id: string;
  name: string;
  description: string | null;
  hourly_rate: number | null;
  billable: boolean;
  billable_source: 'task' | 'project';
  assignee_id: string | null;
  due_date: string | null;
  status: 'todo' | 'in_progress' | 'done';
  created_at: string;
  updated_at: string;
};
type Page = { items: Task[]; next_cursor: string | null };
type Counts = { todo: number; in_progress: number; done: number };

const clientOf = async (m: Member, name: string) => structured<{ client: { id: string } }>(await m.call('create_client', { name })).client.id;
const projectOf = async (m: Member, args: Record<string, unknown>) => structured<{ project: { id: string } }>(await m.call('create_project', args)).project.id;
const taskOf = async (m: Member, args: Record<string, unknown>) => structured<{ task: Task }>(await m.call('create_task', args)).task;
const counts = async (m: Member, projectId: string) => structured<{ task_counts: Counts }>(await m.call('get_project', { project_id: projectId })).task_counts;
const list = async (m: Member, args: Record<string, unknown>) => structured<Page>(await m.call('list_tasks', { limit: 100, ...args })).items.map((t) => t.id);
/** The stored task item with its index keys, as DynamoDB holds it. */
const rawTask = async (m: Member, taskId: string) => (await db.entities.task.get({ businessId: m.businessId, taskId }).go({ data: 'includeKeys' })).data as Record<string, unknown>;

describe('task tools', () => {
  let owner: Member;
  let member: Member;
  let clientId: string;
  let projectId: string;
  let unbillableProject: string;
  beforeAll(async () => {
    owner = await createBusiness('Studio Tasks');
    member = await addMember(owner, 'member');
    clientId = await clientOf(owner, 'Task Client');
    projectId = await projectOf(owner, { client_id: clientId, name: 'Billable work' });
    unbillableProject = await projectOf(owner, { client_id: clientId, name: 'Internal', billable: false });
  });

  it('a member creates a task with defaults: todo, unassigned, billable from the project', async () => {
    const r = structured<{ task: Task; acted_on: Record<string, string> }>(await member.call('create_task', { project_id: projectId, name: 'Draft copy' }));
    expect(r.task).toMatchObject({
      project_id: projectId,
      client_id: clientId,
      name: 'Draft copy',
      description: null,
      hourly_rate: null,
      billable: true,
      billable_source: 'project',
      assignee_id: null,
      due_date: null,
      status: 'todo',
    });
    expect(r.task.id).toMatch(/^tsk_/);
    expect(r.acted_on).toMatchObject({ business_id: owner.businessId, user_id: member.userId });
  });

  it('creates a task with every optional field', async () => {
    const t = await taskOf(owner, {
      project_id: unbillableProject,
      name: 'Audit',
      description: 'Line one\nLine two',
      hourly_rate: 15000,
      billable: true,
      assignee_id: member.userId,
      due_date: '2028-02-29',
    });
    expect(t).toMatchObject({ description: 'Line one\nLine two', hourly_rate: 15000, billable: true, billable_source: 'task', assignee_id: member.userId, due_date: '2028-02-29' });
    expect(await list(owner, { assignee_id: member.userId })).toContain(t.id);
  });

  it('billable follows the project until set, and null makes it follow again', async () => {
    const t = await taskOf(owner, { project_id: unbillableProject, name: 'Follows' });
    expect(t).toMatchObject({ billable: false, billable_source: 'project' });
    const set = structured<{ task: Task }>(await owner.call('update_task', { task_id: t.id, billable: true })).task;
    expect(set).toMatchObject({ billable: true, billable_source: 'task' });
    const cleared = structured<{ task: Task }>(await owner.call('update_task', { task_id: t.id, billable: null })).task;
    expect(cleared).toMatchObject({ billable: false, billable_source: 'project' });
    const listed = structured<Page>(await owner.call('list_tasks', { project_id: unbillableProject, limit: 100 })).items.find((x) => x.id === t.id);
    expect(listed).toMatchObject({ billable: false, billable_source: 'project' });
    // Listed without a project filter, the project is read for its setting too.
    expect(structured<Page>(await owner.call('list_tasks', { limit: 100 })).items.find((x) => x.id === t.id)).toMatchObject({ billable: false, billable_source: 'project' });
  });

  it('a member updates a task partially, null clears, and the rest is kept', async () => {
    const t = await taskOf(owner, { project_id: projectId, name: 'Partial', description: 'Old', hourly_rate: 8000, due_date: '2027-01-31' });
    const u = structured<{ task: Task; acted_on: { user_id: string } }>(await member.call('update_task', { task_id: t.id, name: 'Partial, renamed', description: null, due_date: '2027-02-01' }));
    expect(u.task).toMatchObject({ name: 'Partial, renamed', description: null, hourly_rate: 8000, due_date: '2027-02-01', status: 'todo', project_id: projectId });
    expect(u.task.updated_at > t.updated_at).toBe(true);
    expect(u.acted_on.user_id).toBe(member.userId);
    const stored = await rawTask(owner, t.id);
    expect(stored.description).toBeUndefined();
    expect(stored.name).toBe('Partial, renamed');
  });

  it('cannot move a task to another project, nor change its status through update_task', async () => {
    const t = await taskOf(owner, { project_id: projectId, name: 'Stays' });
    for (const args of [{ project_id: unbillableProject }, { status: 'done' }]) {
      const r = await owner.call('update_task', { task_id: t.id, ...args });
      expect(errorCode(r)).toBe('invalid_input');
      expect(JSON.stringify(r.content)).toContain(Object.keys(args)[0]!);
    }
  });

  it('refuses a task in an archived project with a conflict, and an unknown project with not_found', async () => {
    const archived = await projectOf(owner, { client_id: clientId, name: 'Old project' });
    structured(await owner.call('update_project', { project_id: archived, status: 'archived' }));
    const before = await activityCount(owner.businessId);
    const r = await owner.call('create_task', { project_id: archived, name: 'Too late' });
    expect(errorCode(r)).toBe('conflict');
    expect(JSON.stringify(r.content)).toContain(`project ${archived} is archived`);
    const unknown = await owner.call('create_task', { project_id: 'prj_01JZZZZZZZZZZZZZZZZZZZZZZZ', name: 'Nowhere' });
    expect(errorCode(unknown)).toBe('not_found');
    expect(JSON.stringify(unknown.content)).toContain('project prj_01JZZZZZZZZZZZZZZZZZZZZZZZ is not in this business');
    expect(await activityCount(owner.businessId)).toBe(before);
    expect(await counts(owner, archived)).toEqual({ todo: 0, in_progress: 0, done: 0 });
  });

  it('an assignee must be a member: an unknown user is not_found and nothing is written', async () => {
    const before = await activityCount(owner.businessId);
    const stranger = 'usr_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const r = await owner.call('create_task', { project_id: projectId, name: 'For a stranger', assignee_id: stranger });
    expect(errorCode(r)).toBe('not_found');
    expect(JSON.stringify(r.content)).toContain(`user ${stranger} is not in this business`);
    const t = await taskOf(owner, { project_id: projectId, name: 'Then assigned' });
    const before2 = await activityCount(owner.businessId);
    expect(errorCode(await owner.call('update_task', { task_id: t.id, assignee_id: stranger }))).toBe('not_found');
    expect(await activityCount(owner.businessId)).toBe(before2);
    expect(before2).toBe(before + 1);
  });

  it('honours idempotency_key on create_task, and the task counts count it once', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Keyed' });
    const args = { project_id: p, name: 'Once', idempotency_key: 'create-task-once-01' };
    const first = structured<{ task: Task }>(await member.call('create_task', args));
    const again = structured<{ task: Task }>(await member.call('create_task', args));
    expect(again.task.id).toBe(first.task.id);
    expect(errorCode(await member.call('create_task', { ...args, name: 'Twice' }))).toBe('conflict');
    expect(await counts(owner, p)).toEqual({ todo: 1, in_progress: 0, done: 0 });
  });

  it('keeps the project task counts right through creates and status changes', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Counted' });
    const [a, b, c] = [await taskOf(owner, { project_id: p, name: 'a' }), await taskOf(owner, { project_id: p, name: 'b' }), await taskOf(owner, { project_id: p, name: 'c' })];
    expect(await counts(owner, p)).toEqual({ todo: 3, in_progress: 0, done: 0 });
    const moved = structured<{ task: Task; previous_status: string; changed: boolean }>(await member.call('set_task_status', { task_id: a!.id, status: 'in_progress' }));
    expect(moved).toMatchObject({ previous_status: 'todo', changed: true, task: { status: 'in_progress' } });
    structured(await owner.call('set_task_status', { task_id: b!.id, status: 'done' }));
    structured(await owner.call('set_task_status', { task_id: a!.id, status: 'done' }));
    expect(await counts(owner, p)).toEqual({ todo: 1, in_progress: 0, done: 2 });
    structured(await owner.call('set_task_status', { task_id: a!.id, status: 'todo' }));
    expect(await counts(owner, p)).toEqual({ todo: 2, in_progress: 0, done: 1 });

    const before = await activityCount(owner.businessId);
    const same = structured<{ changed: boolean; task: Task }>(await owner.call('set_task_status', { task_id: c!.id, status: 'todo' }));
    expect(same).toMatchObject({ changed: false, task: { status: 'todo' } });
    expect(await activityCount(owner.businessId)).toBe(before);
    expect(await counts(owner, p)).toEqual({ todo: 2, in_progress: 0, done: 1 });
  });

  it('keeps the counts exact under concurrent status changes of many tasks and of one task', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Concurrent' });
    const tasks: Task[] = [];
    for (let i = 0; i < 8; i++) tasks.push(await taskOf(owner, { project_id: p, name: `t${i}` }));
    const targets = ['in_progress', 'done'] as const;
    // Every task at once, on the same project item.
    const many = await Promise.all(tasks.map((t, i) => owner.call('set_task_status', { task_id: t.id, status: targets[i % 2] })));
    for (const r of many) expect(r.isError).toBeFalsy();
    expect(await counts(owner, p)).toEqual({ todo: 0, in_progress: 4, done: 4 });

    // One task pulled in every direction at once: each call lands on top of the one before.
    const one = tasks[0]!;
    const statuses = ['todo', 'done', 'in_progress', 'done', 'todo', 'in_progress', 'done', 'todo'];
    const before = await activityCount(owner.businessId);
    const racing = await Promise.all(statuses.map((status) => member.call('set_task_status', { task_id: one.id, status })));
    const results = racing.map((r) => structured<{ changed: boolean; previous_status: string; task: Task }>(r));
    // Every call that changed something wrote exactly one activity record; a no-op wrote none.
    expect(await activityCount(owner.businessId)).toBe(before + results.filter((r) => r.changed).length);
    for (const r of results) if (r.changed) expect(r.previous_status).not.toBe(r.task.status);
    const byStatus = { todo: await list(owner, { project_id: p, status: 'todo' }), in_progress: await list(owner, { project_id: p, status: 'in_progress' }), done: await list(owner, { project_id: p, status: 'done' }) };
    expect(await counts(owner, p)).toEqual({ todo: byStatus.todo.length, in_progress: byStatus.in_progress.length, done: byStatus.done.length });
    expect(byStatus.todo.length + byStatus.in_progress.length + byStatus.done.length).toBe(8);
  });

  it('lists tasks todo first, then in progress, then done, newest first, through the index the filters pick', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Listing' });
    const other = await projectOf(owner, { client_id: clientId, name: 'Listing, other' });
    const t1 = await taskOf(owner, { project_id: p, name: 'one', assignee_id: member.userId });
    const t2 = await taskOf(owner, { project_id: p, name: 'two' });
    const t3 = await taskOf(owner, { project_id: p, name: 'three', assignee_id: member.userId });
    const t4 = await taskOf(owner, { project_id: other, name: 'four', assignee_id: member.userId });
    structured(await owner.call('set_task_status', { task_id: t1.id, status: 'done' }));
    structured(await owner.call('set_task_status', { task_id: t2.id, status: 'in_progress' }));

    expect(await list(owner, { project_id: p })).toEqual([t3.id, t2.id, t1.id]);
    expect(await list(owner, { project_id: p, status: 'done' })).toEqual([t1.id]);
    expect(await list(owner, { project_id: p, assignee_id: member.userId })).toEqual([t3.id, t1.id]);
    expect(await list(owner, { project_id: p, assignee_id: member.userId, status: 'todo' })).toEqual([t3.id]);
    const mine = await list(member, { assignee_id: member.userId });
    expect(mine.slice(0, 2)).toEqual([t4.id, t3.id]);
    expect(mine).toContain(t1.id);
    expect(await list(owner, { assignee_id: member.userId, status: 'done' })).toContain(t1.id);
    expect(await list(owner, { assignee_id: member.userId, status: 'done' })).not.toContain(t3.id);
    const everything = await list(member, {});
    for (const id of [t1.id, t2.id, t3.id, t4.id]) expect(everything).toContain(id);
    expect(await list(owner, { status: 'in_progress' })).toContain(t2.id);
    expect(await list(owner, { status: 'in_progress' })).not.toContain(t1.id);
  });

  it('pages through tasks with sealed cursors bound to the list and its filters', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Paging' });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await taskOf(owner, { project_id: p, name: `page ${i}`, assignee_id: i % 2 ? member.userId : undefined })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const pg: Page = structured<Page>(await owner.call('list_tasks', { project_id: p, limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...pg.items.map((t) => t.id));
      cursor = pg.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    // Project and assignee together filter the project's partition; paging still finds each one once.
    const assigned: string[] = [];
    cursor = undefined;
    do {
      const pg: Page = structured<Page>(await owner.call('list_tasks', { project_id: p, assignee_id: member.userId, limit: 1, ...(cursor ? { cursor } : {}) }));
      assigned.push(...pg.items.map((t) => t.id));
      cursor = pg.next_cursor ?? undefined;
    } while (cursor);
    expect(assigned).toEqual([made[3], made[1]]);

    const first = structured<Page>(await owner.call('list_tasks', { project_id: p, limit: 2 }));
    expect(errorCode(await owner.call('list_tasks', { project_id: p, limit: 2, cursor: `${first.next_cursor!.slice(0, -3)}AAA` }))).toBe('invalid_input');
    expect(errorCode(await owner.call('list_tasks', { project_id: p, status: 'todo', limit: 2, cursor: first.next_cursor! }))).toBe('invalid_input');
  });

  it('lists an empty page for a project without tasks, and not_found for an unknown project or member', async () => {
    const p = await projectOf(owner, { client_id: clientId, name: 'Empty' });
    expect(structured<Page>(await owner.call('list_tasks', { project_id: p }))).toEqual({ items: [], next_cursor: null });
    const lone = await addMember(owner, 'member');
    expect(structured<Page>(await owner.call('list_tasks', { assignee_id: lone.userId }))).toEqual({ items: [], next_cursor: null });
    expect(errorCode(await owner.call('list_tasks', { project_id: 'prj_01JZZZZZZZZZZZZZZZZZZZZZZZ' }))).toBe('not_found');
    const r = await owner.call('list_tasks', { assignee_id: 'usr_01JZZZZZZZZZZZZZZZZZZZZZZZ' });
    expect(errorCode(r)).toBe('not_found');
    expect(JSON.stringify(r.content)).toContain('user usr_01JZZZZZZZZZZZZZZZZZZZZZZZ is not in this business');
  });

  it('unassigning takes a task out of the sparse assignee index, and status changes keep it out', async () => {
    const other = await addMember(owner, 'admin');
    const t = await taskOf(owner, { project_id: projectId, name: 'Hand over', assignee_id: member.userId });
    expect((await rawTask(owner, t.id)).gsi4pk).toBe(`BIZ#${owner.businessId}#ASSIGNEE#${member.userId}#TASKS`);

    // A status change of an assigned task moves its key within the index.
    structured(await owner.call('set_task_status', { task_id: t.id, status: 'in_progress' }));
    expect(await list(owner, { assignee_id: member.userId, status: 'in_progress' })).toContain(t.id);
    expect(await list(owner, { assignee_id: member.userId, status: 'todo' })).not.toContain(t.id);

    const moved = structured<{ task: Task }>(await owner.call('update_task', { task_id: t.id, assignee_id: other.userId })).task;
    expect(moved.assignee_id).toBe(other.userId);
    expect(await list(owner, { assignee_id: member.userId })).not.toContain(t.id);
    expect(await list(owner, { assignee_id: other.userId })).toEqual([t.id]);

    const unassigned = structured<{ task: Task }>(await owner.call('update_task', { task_id: t.id, assignee_id: null })).task;
    expect(unassigned.assignee_id).toBeNull();
    expect(await list(owner, { assignee_id: other.userId })).toEqual([]);
    const raw = await rawTask(owner, t.id);
    expect(raw.gsi4pk).toBeUndefined();
    expect(raw.gsi4sk).toBeUndefined();

    structured(await owner.call('set_task_status', { task_id: t.id, status: 'done' }));
    expect((await rawTask(owner, t.id)).gsi4pk).toBeUndefined();
    expect(await list(owner, { assignee_id: other.userId })).toEqual([]);
    const got = structured<Page>(await owner.call('list_tasks', { project_id: projectId, status: 'done', limit: 100 })).items.find((x) => x.id === t.id);
    expect(got).toMatchObject({ assignee_id: null, status: 'done' });

    // An unassigned task that is never assigned never enters the index either.
    const never = await taskOf(owner, { project_id: projectId, name: 'Nobody' });
    structured(await owner.call('set_task_status', { task_id: never.id, status: 'in_progress' }));
    expect((await rawTask(owner, never.id)).gsi4pk).toBeUndefined();
  });

  it('answers not_found for unknown task ids of the right shape', async () => {
    const unknown = 'tsk_01JZZZZZZZZZZZZZZZZZZZZZZZ';
    for (const [tool, args] of [
      ['update_task', { task_id: unknown, name: 'x' }],
      ['set_task_status', { task_id: unknown, status: 'done' }],
    ] as const) {
      const r = await owner.call(tool, args);
      expect(errorCode(r)).toBe('not_found');
      expect(JSON.stringify(r.content)).toContain(`task ${unknown} is not in this business`);
    }
  });
});

describe('task tools: read-only scope', () => {
  it('a read-only connection lists tasks, and every task write says how to reconnect', async () => {
    const owner = await createBusiness('Read Only Tasks');
    const readOnly = await addMember(owner, 'member', 'clerq:read');
    const projectId = await projectOf(owner, { client_id: await clientOf(owner, 'RO Client'), name: 'RO Project' });
    const t = await taskOf(owner, { project_id: projectId, name: 'Visible' });
    expect(await list(readOnly, { project_id: projectId })).toEqual([t.id]);
    const before = await activityCount(owner.businessId);
    for (const [tool, args] of [
      ['create_task', { project_id: projectId, name: 'Nope' }],
      ['update_task', { task_id: t.id, name: 'Nope' }],
      ['set_task_status', { task_id: t.id, status: 'done' }],
    ] as const) {
      const r = await readOnly.call(tool, args);
      expect(errorCode(r)).toBe('read_only');
      expect(JSON.stringify(r.content)).toMatch(/connect again/);
    }
    expect(await activityCount(owner.businessId)).toBe(before);
  });
});

describe('task tools: another business is invisible', () => {
  let mine: Member;
  let theirs: Member;
  let myProject: string;
  let myTask: string;
  let theirProject: string;
  let theirTask: string;
  const secrets = ['Globex Hidden Task', 'Globex Hidden Project', 'globex private description'];
  beforeAll(async () => {
    mine = await createBusiness('Initech Tasks');
    theirs = await createBusiness('Globex Tasks');
    theirProject = await projectOf(theirs, { client_id: await clientOf(theirs, 'Globex Client'), name: secrets[1] });
    theirTask = (await taskOf(theirs, { project_id: theirProject, name: secrets[0], description: secrets[2], assignee_id: theirs.userId })).id;
    myProject = await projectOf(mine, { client_id: await clientOf(mine, 'Mine'), name: 'Mine' });
    myTask = (await taskOf(mine, { project_id: myProject, name: 'Mine' })).id;
  });

  it.each([
    ['list_tasks', () => ({ project_id: theirProject })],
    ['list_tasks', () => ({ assignee_id: theirs.userId })],
    ['create_task', () => ({ project_id: theirProject, name: 'Into their project' })],
    ['create_task', () => ({ project_id: myProject, name: 'For their owner', assignee_id: theirs.userId })],
    ['update_task', () => ({ task_id: theirTask, name: 'Hijacked' })],
    ['update_task', () => ({ task_id: myTask, assignee_id: theirs.userId })],
    ['set_task_status', () => ({ task_id: theirTask, status: 'done' })],
  ])('%s with the other business’s ids is not_found and reveals nothing', async (tool, args) => {
    const before = await activityCount(mine.businessId);
    const r = await mine.call(tool, args());
    expect(errorCode(r)).toBe('not_found');
    const raw = JSON.stringify(r);
    for (const s of [...secrets, 'Globex', theirs.businessId]) expect(raw).not.toContain(s);
    expect(await activityCount(mine.businessId)).toBe(before);
  });

  it('list_tasks never shows the other business’s tasks, and theirs are unchanged', async () => {
    for (const status of ['all', 'todo', 'done']) expect(JSON.stringify(await mine.call('list_tasks', { status, limit: 100 }))).not.toContain('Globex');
    const got = structured<Page>(await theirs.call('list_tasks', { project_id: theirProject }));
    expect(got.items).toEqual([expect.objectContaining({ id: theirTask, name: secrets[0], status: 'todo', assignee_id: theirs.userId })]);
    expect(await counts(theirs, theirProject)).toEqual({ todo: 1, in_progress: 0, done: 0 });
  });
});

describe('task tools: bad input is refused with the field named, and nothing is written', () => {
  let owner: Member;
  let projectId: string;
  let taskId: string;
  beforeAll(async () => {
    owner = await createBusiness('Strict Tasks');
    projectId = await projectOf(owner, { client_id: await clientOf(owner, 'Valid'), name: 'Valid project' });
    taskId = (await taskOf(owner, { project_id: projectId, name: 'Valid task' })).id;
  });

  // The last element is the text the error must contain: `<field>:` for a bad field.
  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['list_tasks', 'wrong status', () => ({ status: 'blocked' }), 'status:'],
    ['list_tasks', 'a task id for a project id', () => ({ project_id: taskId }), 'project_id:'],
    ['list_tasks', 'a project id for an assignee', () => ({ assignee_id: projectId }), 'assignee_id:'],
    ['list_tasks', 'limit above 100', () => ({ limit: 101 }), 'limit:'],
    ['list_tasks', 'a forged cursor', () => ({ cursor: 'eyJ4IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA' }), 'cursor:'],
    ['create_task', 'missing project', () => ({ name: 'A' }), 'project_id:'],
    ['create_task', 'missing name', () => ({ project_id: projectId }), 'name:'],
    ['create_task', 'oversized name', () => ({ project_id: projectId, name: 'x'.repeat(201) }), 'name:'],
    ['create_task', 'oversized description', () => ({ project_id: projectId, name: 'A', description: 'x'.repeat(5001) }), 'description:'],
    ['create_task', 'fractional rate', () => ({ project_id: projectId, name: 'A', hourly_rate: 0.5 }), 'hourly_rate:'],
    ['create_task', 'billable as a number', () => ({ project_id: projectId, name: 'A', billable: 1 }), 'billable:'],
    ['create_task', 'an email for an assignee', () => ({ project_id: projectId, name: 'A', assignee_id: 'someone@example.test' }), 'assignee_id:'],
    ['create_task', 'a day that does not exist', () => ({ project_id: projectId, name: 'A', due_date: '2027-02-29' }), 'due_date:'],
    ['create_task', 'a date in another format', () => ({ project_id: projectId, name: 'A', due_date: '31/01/2027' }), 'due_date:'],
    ['create_task', 'a status on create', () => ({ project_id: projectId, name: 'A', status: 'done' }), 'status'],
    ['create_task', 'short idempotency key', () => ({ project_id: projectId, name: 'A', idempotency_key: 'short' }), 'idempotency_key:'],
    ['update_task', 'nothing to update', () => ({ task_id: taskId }), 'Nothing to update'],
    ['update_task', 'null name', () => ({ task_id: taskId, name: null }), 'name:'],
    ['update_task', 'month 13', () => ({ task_id: taskId, due_date: '2027-13-01' }), 'due_date:'],
    ['update_task', 'missing id', () => ({ name: 'B' }), 'task_id:'],
    ['set_task_status', 'unknown status', () => ({ task_id: taskId, status: 'blocked' }), 'status:'],
    ['set_task_status', 'missing status', () => ({ task_id: taskId }), 'status:'],
    ['set_task_status', 'a project id for a task id', () => ({ task_id: projectId, status: 'done' }), 'task_id:'],
  ];

  it.each(cases)('%s with %s', async (tool, _what, args, named) => {
    const before = await activityCount(owner.businessId);
    const r = await owner.call(tool, args());
    expect(errorCode(r)).toBe('invalid_input');
    expect(JSON.stringify(r.content)).toContain(named);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('the valid task and the counts are unchanged after all of that', async () => {
    const got = structured<Page>(await owner.call('list_tasks', { project_id: projectId }));
    expect(got.items).toEqual([expect.objectContaining({ id: taskId, name: 'Valid task', status: 'todo', due_date: null })]);
    expect(await counts(owner, projectId)).toEqual({ todo: 1, in_progress: 0, done: 0 });
  });
});
