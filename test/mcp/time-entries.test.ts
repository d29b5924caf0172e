import { beforeAll, describe, expect, it } from '@jest/globals';
import { activityCount } from '../support/db-state.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createTask, createWork, getEntry, projectAggregates, setInvoice, taskTimes, unbilledIds, type Work } from '../support/time.js';
import { addDays, todayIn } from '../../shared/time/zone.js';

interface Entry {
  id: string;
  task_id: string;
  project_id: string;
  client_id: string;
  member_id: string;
  date: string;
  started_at: string | null;
  ended_at: string | null;
  duration_minutes: number;
  note: string | null;
  billable: boolean;
  billed: boolean;
  invoice_id: string | null;
  source: string;
}
interface Totals {
  minutes: number;
  billable_minutes: number;
  unbilled_minutes: number;
  entries: number;
}
interface EntryList {
  items: Entry[];
  next_cursor: string | null;
  totals: Totals;
}

const message = (r: Awaited<ReturnType<Member['call']>>) => (r._meta?.['clerq/error'] as { message: string }).message;

async function log(m: Member, args: Record<string, unknown>): Promise<Entry> {
  return structured<{ entry: Entry }>(await m.call('log_time', args)).entry;
}

describe('log_time', () => {
  let owner: Member;
  let work: Work;
  beforeAll(async () => {
    owner = await createBusiness('Log Co', { timeZone: 'UTC' });
    work = await createWork(owner);
  });

  it('records date + duration, with billable from the project and the acting business and user named', async () => {
    const r = structured<{ entry: Entry; acted_on: { business_id: string; user_id: string } }>(
      await owner.call('log_time', { task_id: work.taskId, date: '2025-06-02', duration_minutes: 95, note: 'Kick-off' }),
    );
    expect(r.entry).toMatchObject({
      task_id: work.taskId,
      project_id: work.projectId,
      client_id: work.clientId,
      member_id: owner.userId,
      date: '2025-06-02',
      started_at: null,
      ended_at: null,
      duration_minutes: 95,
      note: 'Kick-off',
      billable: true,
      billed: false,
      invoice_id: null,
      source: 'manual',
    });
    expect(r.entry.id).toMatch(/^te_/);
    expect(r.acted_on).toMatchObject({ business_id: owner.businessId, user_id: owner.userId });
  });

  it('records started_at + ended_at: whole minutes, dated where it started, instants shown with the business offset', async () => {
    const e = await log(owner, { task_id: work.taskId, started_at: '2025-06-03T23:10:00-02:00', ended_at: '2025-06-04T03:40:29-02:00' });
    expect(e).toMatchObject({ date: '2025-06-04', started_at: '2025-06-04T01:10:00+00:00', ended_at: '2025-06-04T05:40:29+00:00', duration_minutes: 270 });
  });

  it('billable defaults from the task first, then the project; an explicit value wins', async () => {
    const unbillableProject = await createWork(owner, { projectBillable: false });
    expect((await log(owner, { task_id: unbillableProject.taskId, date: '2025-06-02', duration_minutes: 10 })).billable).toBe(false);
    const billableTask = await createTask(owner, unbillableProject.projectId, 'Billable anyway', true);
    expect((await log(owner, { task_id: billableTask, date: '2025-06-02', duration_minutes: 10 })).billable).toBe(true);
    const internalTask = await createTask(owner, work.projectId, 'Internal', false);
    expect((await log(owner, { task_id: internalTask, date: '2025-06-02', duration_minutes: 10 })).billable).toBe(false);
    expect((await log(owner, { task_id: internalTask, date: '2025-06-02', duration_minutes: 10, billable: true })).billable).toBe(true);
  });

  it('the same idempotency_key returns the first entry and writes once; other arguments are a conflict', async () => {
    const args = { task_id: work.taskId, date: '2025-06-05', duration_minutes: 30, idempotency_key: 'log-once-123' };
    const count = await activityCount(owner.businessId);
    const first = await log(owner, args);
    const again = await log(owner, args);
    expect(again.id).toBe(first.id);
    expect(await activityCount(owner.businessId)).toBe(count + 1);
    expect(errorCode(await owner.call('log_time', { ...args, duration_minutes: 31 }))).toBe('conflict');
  });

  it('refuses bad input and writes nothing', async () => {
    const today = todayIn('UTC');
    const soon = new Date(Date.now() + 10 * 60000).toISOString();
    const cases: Record<string, unknown>[] = [
      { task_id: work.taskId },
      { task_id: work.taskId, date: '2025-06-02' },
      { task_id: work.taskId, duration_minutes: 30 },
      { task_id: work.taskId, started_at: '2025-06-02T09:00:00Z' },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 30, started_at: '2025-06-02T09:00:00Z', ended_at: '2025-06-02T10:00:00Z' },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 0 },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 1441 },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 2.5 },
      { task_id: work.taskId, date: '1999-12-31', duration_minutes: 30 },
      { task_id: work.taskId, date: addDays(today, 2), duration_minutes: 30 },
      { task_id: work.taskId, date: '2025-02-30', duration_minutes: 30 },
      { task_id: work.taskId, date: '2025/06/02', duration_minutes: 30 },
      { task_id: work.taskId, started_at: '2025-06-02T09:00:00', ended_at: '2025-06-02T10:00:00' },
      { task_id: work.taskId, started_at: '2025-06-02T10:00:00Z', ended_at: '2025-06-02T10:00:00Z' },
      { task_id: work.taskId, started_at: '2025-06-02T10:00:00Z', ended_at: '2025-06-02T09:00:00Z' },
      { task_id: work.taskId, started_at: '2025-06-02T09:00:00Z', ended_at: '2025-06-03T09:00:01Z' },
      { task_id: work.taskId, started_at: new Date().toISOString(), ended_at: soon },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 30, note: 'x'.repeat(2001) },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 30, member_id: 'mem_nobody' },
      { task_id: work.projectId, date: '2025-06-02', duration_minutes: 30 },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 30, hours: 2 },
      { task_id: work.taskId, date: '2025-06-02', duration_minutes: 30, billable: 'yes' },
    ];
    const count = await activityCount(owner.businessId);
    const before = await projectAggregates(owner.businessId, work.projectId);
    for (const args of cases) {
      const r = await owner.call('log_time', args);
      expect([JSON.stringify(args), errorCode(r)]).toEqual([JSON.stringify(args), 'invalid_input']);
    }
    expect(await activityCount(owner.businessId)).toBe(count);
    expect(await projectAggregates(owner.businessId, work.projectId)).toEqual(before);
  });

  it('accepts tomorrow (business time zone) and 24 hours exactly', async () => {
    expect((await log(owner, { task_id: work.taskId, date: addDays(todayIn('UTC'), 1), duration_minutes: 1440 })).duration_minutes).toBe(1440);
    expect((await log(owner, { task_id: work.taskId, started_at: '2025-06-02T09:00:00Z', ended_at: '2025-06-03T09:00:00Z' })).duration_minutes).toBe(1440);
  });
});

describe('roles and visibility', () => {
  let owner: Member;
  let admin: Member;
  let alice: Member;
  let bob: Member;
  let work: Work;
  let aliceEntry: Entry;
  let bobEntry: Entry;

  beforeAll(async () => {
    owner = await createBusiness('Visibility Co', { timeZone: 'UTC' });
    admin = await addMember(owner, 'admin');
    alice = await addMember(owner, 'member');
    bob = await addMember(owner, 'member');
    work = await createWork(owner);
    aliceEntry = await log(alice, { task_id: work.taskId, date: '2025-07-01', duration_minutes: 60 });
    bobEntry = await log(bob, { task_id: work.taskId, date: '2025-07-02', duration_minutes: 45 });
  });

  it('a member lists only their own entries and totals; another member_id is forbidden', async () => {
    const mine = structured<EntryList>(await alice.call('list_time_entries', {}));
    expect(mine.items.map((e) => e.id)).toEqual([aliceEntry.id]);
    expect(mine.totals).toEqual({ minutes: 60, billable_minutes: 60, unbilled_minutes: 60, entries: 1 });
    expect(structured<EntryList>(await alice.call('list_time_entries', { member_id: alice.userId })).items).toHaveLength(1);
    expect(errorCode(await alice.call('list_time_entries', { member_id: bob.userId }))).toBe('forbidden');

    const task = structured<{ items: Entry[]; total_minutes: number; total_entries: number }>(await alice.call('list_task_time', { task_id: work.taskId }));
    expect(task.items.map((e) => e.id)).toEqual([aliceEntry.id]);
    expect(task).toMatchObject({ total_minutes: 60, total_entries: 1 });
  });

  it('admin+ see everyone’s entries, newest first, and may filter by member', async () => {
    const all = structured<EntryList>(await admin.call('list_time_entries', {}));
    expect(all.items.map((e) => e.id)).toEqual([bobEntry.id, aliceEntry.id]);
    expect(all.totals.minutes).toBe(105);
    expect(structured<EntryList>(await owner.call('list_time_entries', { member_id: bob.userId })).items.map((e) => e.id)).toEqual([bobEntry.id]);
    const task = structured<{ items: Entry[]; total_minutes: number }>(await admin.call('list_task_time', { task_id: work.taskId }));
    expect(task.items.map((e) => e.id)).toEqual([bobEntry.id, aliceEntry.id]);
    expect(task.total_minutes).toBe(105);
  });

  it('a member cannot change or delete another’s entry; admin+ can', async () => {
    const count = await activityCount(owner.businessId);
    const r = await alice.call('update_time_entry', { entry_id: bobEntry.id, note: 'mine now' });
    expect(errorCode(r)).toBe('forbidden');
    expect(message(r)).toContain(bobEntry.id);
    expect(errorCode(await alice.call('delete_time_entry', { entry_id: bobEntry.id }))).toBe('forbidden');
    expect(await activityCount(owner.businessId)).toBe(count);
    const updated = structured<{ entry: Entry }>(await admin.call('update_time_entry', { entry_id: bobEntry.id, note: 'checked by admin' })).entry;
    expect(updated).toMatchObject({ member_id: bob.userId, note: 'checked by admin' });
    expect(structured<{ entry: Entry }>(await alice.call('update_time_entry', { entry_id: aliceEntry.id, note: 'my own' })).entry.note).toBe('my own');
  });

  it('admin+ log time for another member; a member cannot; a non-member is not_found', async () => {
    const forBob = await log(admin, { task_id: work.taskId, date: '2025-07-03', duration_minutes: 15, member_id: bob.userId });
    expect(forBob.member_id).toBe(bob.userId);
    expect(structured<EntryList>(await bob.call('list_time_entries', { from: '2025-07-03', to: '2025-07-03' })).items.map((e) => e.id)).toEqual([forBob.id]);
    const count = await activityCount(owner.businessId);
    expect(errorCode(await alice.call('log_time', { task_id: work.taskId, date: '2025-07-03', duration_minutes: 15, member_id: bob.userId }))).toBe('forbidden');
    const stranger = await createBusiness('Elsewhere');
    expect(errorCode(await admin.call('log_time', { task_id: work.taskId, date: '2025-07-03', duration_minutes: 15, member_id: stranger.userId }))).toBe('not_found');
    expect(await activityCount(owner.businessId)).toBe(count);
    // Logging for yourself through member_id is fine for anyone.
    expect((await log(alice, { task_id: work.taskId, date: '2025-07-03', duration_minutes: 5, member_id: alice.userId })).member_id).toBe(alice.userId);
  });
});

describe('aggregates, rollups and the unbilled index', () => {
  let owner: Member;
  let a: Work;
  let b: Work;

  const totals = async (args: Record<string, unknown> = {}) => structured<EntryList>(await owner.call('list_time_entries', args)).totals;

  beforeAll(async () => {
    owner = await createBusiness('Aggregate Co', { timeZone: 'UTC' });
    a = await createWork(owner);
    b = await createWork(owner);
  });

  it('create, update, move and delete keep project aggregates, task totals, rollups and the unbilled index exact', async () => {
    const e1 = await log(owner, { task_id: a.taskId, date: '2025-08-01', duration_minutes: 60 });
    const e2 = await log(owner, { task_id: a.taskId, date: '2025-08-02', duration_minutes: 30, billable: false });
    expect(await projectAggregates(owner.businessId, a.projectId)).toEqual({ tracked: 90, billable: 60, billed: 0 });
    expect(await totals()).toEqual({ minutes: 90, billable_minutes: 60, unbilled_minutes: 60, entries: 2 });
    expect(await unbilledIds(owner.businessId, a.clientId)).toEqual([e1.id]);
    expect(await taskTimes(owner.businessId, a.taskId)).toEqual({ [owner.userId]: { minutes: 90, entries: 2 } });

    // Longer, and billable: enters the unbilled index.
    structured(await owner.call('update_time_entry', { entry_id: e2.id, duration_minutes: 45, billable: true }));
    expect(await projectAggregates(owner.businessId, a.projectId)).toEqual({ tracked: 105, billable: 105, billed: 0 });
    expect(await unbilledIds(owner.businessId, a.clientId)).toEqual([e1.id, e2.id].sort());

    // Moved to another client's task and another day: everything follows it.
    const moved = structured<{ entry: Entry }>(await owner.call('update_time_entry', { entry_id: e2.id, task_id: b.taskId, date: '2025-08-05' })).entry;
    expect(moved).toMatchObject({ task_id: b.taskId, project_id: b.projectId, client_id: b.clientId, date: '2025-08-05', duration_minutes: 45 });
    expect(await projectAggregates(owner.businessId, a.projectId)).toEqual({ tracked: 60, billable: 60, billed: 0 });
    expect(await projectAggregates(owner.businessId, b.projectId)).toEqual({ tracked: 45, billable: 45, billed: 0 });
    expect(await unbilledIds(owner.businessId, a.clientId)).toEqual([e1.id]);
    expect(await unbilledIds(owner.businessId, b.clientId)).toEqual([e2.id]);
    expect(await taskTimes(owner.businessId, a.taskId)).toEqual({ [owner.userId]: { minutes: 60, entries: 1 } });
    expect(await taskTimes(owner.businessId, b.taskId)).toEqual({ [owner.userId]: { minutes: 45, entries: 1 } });
    expect(await totals({ project_id: b.projectId })).toEqual({ minutes: 45, billable_minutes: 45, unbilled_minutes: 45, entries: 1 });
    expect(await totals({ client_id: a.clientId })).toEqual({ minutes: 60, billable_minutes: 60, unbilled_minutes: 60, entries: 1 });
    expect(await totals({ from: '2025-08-05', to: '2025-08-05' })).toEqual({ minutes: 45, billable_minutes: 45, unbilled_minutes: 45, entries: 1 });
    const byDay = structured<EntryList>(await owner.call('list_time_entries', { from: '2025-08-02', to: '2025-08-02' }));
    expect(byDay.items).toEqual([]);

    // Not billable any more: leaves the unbilled index.
    structured(await owner.call('update_time_entry', { entry_id: e2.id, billable: false }));
    expect(await unbilledIds(owner.businessId, b.clientId)).toEqual([]);
    expect(await projectAggregates(owner.businessId, b.projectId)).toEqual({ tracked: 45, billable: 0, billed: 0 });

    // Instants replace the date form; setting a duration drops them again.
    const timed = structured<{ entry: Entry }>(
      await owner.call('update_time_entry', { entry_id: e2.id, started_at: '2025-08-06T10:00:00Z', ended_at: '2025-08-06T11:15:00Z' }),
    ).entry;
    expect(timed).toMatchObject({ date: '2025-08-06', duration_minutes: 75, started_at: '2025-08-06T10:00:00+00:00' });
    const endOnly = structured<{ entry: Entry }>(await owner.call('update_time_entry', { entry_id: e2.id, ended_at: '2025-08-06T12:00:00Z' })).entry;
    expect(endOnly).toMatchObject({ duration_minutes: 120, started_at: '2025-08-06T10:00:00+00:00' });
    const plain = structured<{ entry: Entry }>(await owner.call('update_time_entry', { entry_id: e2.id, duration_minutes: 20 })).entry;
    expect(plain).toMatchObject({ date: '2025-08-06', duration_minutes: 20, started_at: null, ended_at: null });
    expect(await projectAggregates(owner.businessId, b.projectId)).toEqual({ tracked: 20, billable: 0, billed: 0 });

    const deleted = structured<{ deleted: Entry }>(await owner.call('delete_time_entry', { entry_id: e2.id })).deleted;
    expect(deleted.id).toBe(e2.id);
    expect(await getEntry(owner.businessId, e2.id)).toBeNull();
    expect(await projectAggregates(owner.businessId, b.projectId)).toEqual({ tracked: 0, billable: 0, billed: 0 });
    expect(await taskTimes(owner.businessId, b.taskId)).toEqual({ [owner.userId]: { minutes: 0, entries: 0 } });
    expect(await totals()).toEqual({ minutes: 60, billable_minutes: 60, unbilled_minutes: 60, entries: 1 });
    expect(errorCode(await owner.call('delete_time_entry', { entry_id: e2.id }))).toBe('not_found');
  });

  it('an entry on an invoice is locked: update and delete are conflicts naming the invoice, and nothing changes', async () => {
    const e = await log(owner, { task_id: a.taskId, date: '2025-08-10', duration_minutes: 50 });
    const before = await projectAggregates(owner.businessId, a.projectId);
    expect(await setInvoice(owner.businessId, e.id, 'inv_01ARZ3NDEKTSV4RRFFQ69G5FAV')).toBe(true);
    expect(await unbilledIds(owner.businessId, a.clientId)).not.toContain(e.id);
    expect(await projectAggregates(owner.businessId, a.projectId)).toEqual({ ...before, billed: before.billed! + 50 });
    expect(await totals({ billed: true })).toEqual({ minutes: 50, billable_minutes: 50, unbilled_minutes: 0, entries: 1 });

    const count = await activityCount(owner.businessId);
    for (const [tool, args] of [
      ['update_time_entry', { entry_id: e.id, note: 'too late' }],
      ['update_time_entry', { entry_id: e.id, duration_minutes: 5 }],
      ['delete_time_entry', { entry_id: e.id }],
    ] as const) {
      const r = await owner.call(tool, args);
      expect(errorCode(r)).toBe('conflict');
      expect(message(r)).toContain(e.id);
      expect(message(r)).toContain('inv_01ARZ3NDEKTSV4RRFFQ69G5FAV');
    }
    expect(await activityCount(owner.businessId)).toBe(count);
    expect(await getEntry(owner.businessId, e.id)).toMatchObject({ durationMinutes: 50, invoiceId: 'inv_01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    const listed = structured<EntryList>(await owner.call('list_time_entries', { billed: 'true' })).items;
    expect(listed.map((x) => [x.id, x.billed, x.invoice_id])).toEqual([[e.id, true, 'inv_01ARZ3NDEKTSV4RRFFQ69G5FAV']]);

    // Taken off the invoice (what voiding will do): unbilled again and editable.
    expect(await setInvoice(owner.businessId, e.id, null)).toBe(true);
    expect(await unbilledIds(owner.businessId, a.clientId)).toContain(e.id);
    expect(await projectAggregates(owner.businessId, a.projectId)).toEqual(before);
    expect(structured<{ entry: Entry }>(await owner.call('update_time_entry', { entry_id: e.id, note: 'fine again' })).entry.note).toBe('fine again');
  });

  it('concurrent updates and a concurrent billing never lose a write: the aggregates match the stored entries', async () => {
    const e = await log(owner, { task_id: a.taskId, date: '2025-08-11', duration_minutes: 10 });
    const [billed, ...results] = await Promise.all([
      setInvoice(owner.businessId, e.id, 'inv_01BX5ZZKBKACTAV9WEVGEMMVRZ'),
      owner.call('update_time_entry', { entry_id: e.id, duration_minutes: 11 }),
      owner.call('update_time_entry', { entry_id: e.id, duration_minutes: 12 }),
      owner.call('update_time_entry', { entry_id: e.id, duration_minutes: 13 }),
    ]);
    for (const r of results.filter((x) => x.isError)) expect(errorCode(r)).toBe('conflict');
    const won = results.filter((r) => !r.isError).map((r) => structured<{ entry: Entry }>(r).entry.duration_minutes);
    const stored = (await getEntry(owner.businessId, e.id))!;
    expect(billed || won.length > 0).toBe(true);
    expect(stored.invoiceId !== undefined).toBe(billed);
    if (won.length) expect(won).toContain(stored.durationMinutes);
    else expect(stored.durationMinutes).toBe(10);
    const list = structured<EntryList>(await owner.call('list_time_entries', { project_id: a.projectId, limit: 100 }));
    const sum = (xs: Entry[]) => xs.reduce((s, x) => s + x.duration_minutes, 0);
    const agg = await projectAggregates(owner.businessId, a.projectId);
    expect(agg.tracked).toBe(sum(list.items));
    expect(agg.billed).toBe(sum(list.items.filter((x) => x.billed)));
    expect(list.totals.minutes).toBe(sum(list.items));
    if (billed) expect(await setInvoice(owner.businessId, e.id, null)).toBe(true);
  });

  it('filters, pagination and totals over the whole range', async () => {
    const biz = await createBusiness('Paging Co', { timeZone: 'UTC' });
    const w = await createWork(biz);
    const internal = await createTask(biz, w.projectId, 'Internal', false);
    const ids: string[] = [];
    for (let d = 1; d <= 12; d++) {
      const date = `2025-09-${String(d).padStart(2, '0')}`;
      ids.push((await log(biz, { task_id: d % 3 === 0 ? internal : w.taskId, date, duration_minutes: d })).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = structured<EntryList>(await biz.call('list_time_entries', { from: '2025-09-02', to: '2025-09-11', limit: 4, cursor }));
      expect(page.totals).toEqual({ minutes: 65, billable_minutes: 47, unbilled_minutes: 47, entries: 10 });
      seen.push(...page.items.map((e) => e.id));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(seen).toEqual(ids.slice(1, 11).reverse());
    const nonBillable = structured<EntryList>(await biz.call('list_time_entries', { billable: false }));
    expect(nonBillable.items.map((e) => e.duration_minutes)).toEqual([12, 9, 6, 3]);
    expect(nonBillable.totals).toEqual({ minutes: 30, billable_minutes: 0, unbilled_minutes: 0, entries: 4 });
    const unbilled = structured<EntryList>(await biz.call('list_time_entries', { client_id: w.clientId, billable: true, billed: false, limit: 3 }));
    expect(unbilled.items.map((e) => e.duration_minutes)).toEqual([11, 10, 8]);
    expect(unbilled.totals).toEqual({ minutes: 48, billable_minutes: 48, unbilled_minutes: 48, entries: 8 });
    expect(structured<EntryList>(await biz.call('list_time_entries', { billed: true })).totals.entries).toBe(0);

    // A cursor belongs to its list: reused with other filters, or tampered, it is refused.
    const first = structured<EntryList>(await biz.call('list_time_entries', { limit: 2 }));
    expect(errorCode(await biz.call('list_time_entries', { limit: 2, billable: true, cursor: first.next_cursor }))).toBe('invalid_input');
    expect(errorCode(await biz.call('list_time_entries', { limit: 2, cursor: `${first.next_cursor}x` }))).toBe('invalid_input');
    const taskPage = structured<{ next_cursor: string }>(await biz.call('list_task_time', { task_id: w.taskId, limit: 2 }));
    expect(errorCode(await biz.call('list_task_time', { task_id: internal, limit: 2, cursor: taskPage.next_cursor }))).toBe('invalid_input');
  });

  it('totals over any range match the entries: whole months from monthly rows, partial months from daily rows', async () => {
    const biz = await createBusiness('Months Co', { timeZone: 'UTC' });
    const w = await createWork(biz);
    const dates = ['2025-08-31', '2025-09-01', '2025-09-30', '2025-10-01', '2025-10-15', '2025-11-30', '2025-12-01', '2026-01-31'];
    const logged = [];
    for (const [i, date] of dates.entries()) logged.push(await log(biz, { task_id: w.taskId, date, duration_minutes: 10 + i, billable: i % 2 === 0 }));
    const ranges: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['2025-09-01', '2025-09-30'],
      ['2025-08-31', '2025-10-01'],
      ['2025-09-02', '2025-11-30'],
      ['2025-09-01', undefined],
      [undefined, '2025-10-14'],
      ['2025-10-01', '2025-10-01'],
      ['2025-10-02', '2025-11-29'],
      ['2025-09-15', '2025-10-15'],
      ['2025-08-01', '2026-01-31'],
    ];
    for (const [from, to] of ranges) {
      const inRange = logged.filter((e) => (!from || e.date >= from) && (!to || e.date <= to));
      const sum = (xs: Entry[]) => xs.reduce((s, x) => s + x.duration_minutes, 0);
      const got = structured<EntryList>(await biz.call('list_time_entries', { from, to, limit: 100 }));
      expect([from, to, got.totals]).toEqual([
        from,
        to,
        { minutes: sum(inRange), billable_minutes: sum(inRange.filter((e) => e.billable)), unbilled_minutes: sum(inRange.filter((e) => e.billable)), entries: inRange.length },
      ]);
      expect(got.items.map((e) => e.id).sort()).toEqual(inRange.map((e) => e.id).sort());
    }
  });

  it('bad input to the other time tools is refused and writes nothing', async () => {
    const e = await log(owner, { task_id: a.taskId, date: '2025-08-20', duration_minutes: 10 });
    const count = await activityCount(owner.businessId);
    const cases: [string, Record<string, unknown>][] = [
      ['update_time_entry', { entry_id: e.id }],
      ['update_time_entry', { entry_id: e.id, duration_minutes: 0 }],
      ['update_time_entry', { entry_id: e.id, date: '2025-08-21', started_at: '2025-08-21T09:00:00Z' }],
      ['update_time_entry', { entry_id: e.id, ended_at: '2025-08-21T09:00:00Z' }],
      ['update_time_entry', { entry_id: e.id, date: '1999-01-01' }],
      ['update_time_entry', { entry_id: e.id, note: '' }],
      ['update_time_entry', { entry_id: a.taskId, note: 'x' }],
      ['update_time_entry', { entry_id: e.id, member_id: owner.userId }],
      ['delete_time_entry', { entry_id: 'te_123' }],
      ['delete_time_entry', {}],
      ['list_time_entries', { from: '2025-09-10', to: '2025-09-01' }],
      ['list_time_entries', { from: '2025-13-01' }],
      ['list_time_entries', { billed: 'maybe' }],
      ['list_time_entries', { limit: 0 }],
      ['list_time_entries', { member_id: a.clientId }],
      ['list_task_time', { task_id: a.projectId }],
      ['list_task_time', { task_id: a.taskId, limit: 101 }],
      ['start_timer', {}],
      ['stop_timer', { discard: 'yes' }],
      ['get_running_timer', { member_id: 'usr_x' }],
    ];
    for (const [tool, args] of cases) {
      const r = await owner.call(tool, args);
      expect([tool, JSON.stringify(args), errorCode(r)]).toEqual([tool, JSON.stringify(args), 'invalid_input']);
    }
    expect(await activityCount(owner.businessId)).toBe(count);
    expect(await getEntry(owner.businessId, e.id)).toMatchObject({ durationMinutes: 10, date: '2025-08-20' });
  });
});
