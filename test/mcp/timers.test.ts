import { beforeAll, describe, expect, it } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { activityCount } from '../support/db-state.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork, projectAggregates, taskTimes, type Work } from '../support/time.js';

interface TimerOut {
  member_id: string;
  entry_id: string;
  task_id: string;
  task_name: string;
  started_at: string;
  elapsed_minutes: number;
  note: string | null;
}
interface EntryOut {
  id: string;
  task_id: string;
  member_id: string;
  date: string;
  started_at: string;
  ended_at: string;
  duration_minutes: number;
  source: string;
  billable: boolean;
  note: string | null;
}

const message = (r: Awaited<ReturnType<Member['call']>>) => (r._meta?.['clerq/error'] as { message: string }).message;

/** Moves a running timer's start back, as if it had been running that long. */
async function backdateTimer(m: Member, minutes: number, seconds = 0) {
  const startedAt = new Date(Date.now() - minutes * 60000 - seconds * 1000).toISOString();
  await db.entities.timer.patch({ businessId: m.businessId, userId: m.userId }).set({ startedAt }).go();
}

describe('timers', () => {
  let owner: Member;
  let work: Work;
  beforeAll(async () => {
    owner = await createBusiness('Timer Studio', { timeZone: 'Europe/Berlin' });
    work = await createWork(owner, { taskName: 'Logo sketches' });
  });

  it('start, get and stop: the timer becomes an entry with its id, dated where it started, aggregates kept', async () => {
    const m = await addMember(owner, 'member');
    const started = structured<{ timer: TimerOut; acted_on: { business_id: string; user_id: string } }>(
      await m.call('start_timer', { task_id: work.taskId, note: 'first pass' }),
    );
    expect(started.timer).toMatchObject({ member_id: m.userId, task_id: work.taskId, task_name: 'Logo sketches', note: 'first pass' });
    expect(started.timer.started_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    expect(started.acted_on).toMatchObject({ business_id: owner.businessId, user_id: m.userId });

    const running = structured<{ timer: TimerOut }>(await m.call('get_running_timer'));
    expect(running.timer).toMatchObject({ entry_id: started.timer.entry_id });

    await backdateTimer(m, 90, 20);
    const before = await projectAggregates(owner.businessId, work.projectId);
    const stopped = structured<{ entry: EntryOut; discarded: boolean }>(await m.call('stop_timer'));
    expect(stopped.discarded).toBe(false);
    expect(stopped.entry).toMatchObject({ id: started.timer.entry_id, source: 'timer', member_id: m.userId, duration_minutes: 90, billable: true, note: 'first pass' });
    expect(stopped.entry.started_at).toMatch(/\+0[12]:00$/);
    expect(structured<{ timer: null }>(await m.call('get_running_timer')).timer).toBeNull();
    const after = await projectAggregates(owner.businessId, work.projectId);
    expect(after.tracked! - before.tracked!).toBe(90);
    expect(after.billable! - before.billable!).toBe(90);
    expect((await taskTimes(owner.businessId, work.taskId))[m.userId]).toEqual({ minutes: 90, entries: 1 });
  });

  it('rounds to the nearest whole minute and never below one; a note given at stop replaces the timer note', async () => {
    const m = await addMember(owner, 'member');
    structured(await m.call('start_timer', { task_id: work.taskId, note: 'old' }));
    await backdateTimer(m, 0, 10);
    expect(structured<{ entry: EntryOut }>(await m.call('stop_timer', { note: 'new' })).entry).toMatchObject({ duration_minutes: 1, note: 'new' });
    structured(await m.call('start_timer', { task_id: work.taskId }));
    await backdateTimer(m, 2, 31);
    expect(structured<{ entry: EntryOut }>(await m.call('stop_timer')).entry.duration_minutes).toBe(3);
  });

  it('20 concurrent starts by one member: exactly one timer, 19 conflicts naming it', async () => {
    const m = await addMember(owner, 'member');
    const results = await Promise.all(Array.from({ length: 20 }, () => m.call('start_timer', { task_id: work.taskId })));
    const ok = results.filter((r) => !r.isError);
    expect(ok).toHaveLength(1);
    const timer = structured<{ timer: TimerOut }>(ok[0]!).timer;
    const refused = results.filter((r) => r.isError);
    expect(refused.map(errorCode)).toEqual(Array(19).fill('conflict'));
    for (const r of refused) {
      expect(message(r)).toContain(timer.entry_id);
      expect(message(r)).toContain(work.taskId);
      expect(message(r)).toContain('Logo sketches');
      expect(message(r)).toContain(timer.started_at);
    }
    const { data } = await db.entities.timer.query.byMember({ businessId: owner.businessId, userId: m.userId }).go();
    expect(data).toHaveLength(1);
    structured(await m.call('stop_timer'));
  });

  it('the database itself refuses a second timer item for a member (not only the read before it)', async () => {
    const m = await addMember(owner, 'member');
    const timer = { businessId: m.businessId, userId: m.userId, taskId: work.taskId, taskName: 'x', projectId: work.projectId, clientId: work.clientId, startedAt: new Date().toISOString() };
    const first = await db.transaction.write((e) => [e.timer.create({ ...timer, entryId: 'te_first' }).commit()]).go();
    const second = await db.transaction.write((e) => [e.timer.create({ ...timer, entryId: 'te_second' }).commit()]).go();
    expect(first.canceled).toBe(false);
    expect(second.canceled).toBe(true);
    expect(second.data[0]?.code).toBe('ConditionalCheckFailed');
    expect(errorCode(await m.call('start_timer', { task_id: work.taskId }))).toBe('conflict');
    expect(structured<{ entry: EntryOut }>(await m.call('stop_timer')).entry.id).toBe('te_first');
  });

  it('concurrent stops produce exactly one entry; the others are told there is no running timer', async () => {
    const m = await addMember(owner, 'member');
    const timer = structured<{ timer: TimerOut }>(await m.call('start_timer', { task_id: work.taskId })).timer;
    await backdateTimer(m, 30);
    const before = await projectAggregates(owner.businessId, work.projectId);
    const results = await Promise.all(Array.from({ length: 10 }, () => m.call('stop_timer')));
    const ok = results.filter((r) => !r.isError);
    expect(ok).toHaveLength(1);
    expect(structured<{ entry: EntryOut }>(ok[0]!).entry.id).toBe(timer.entry_id);
    for (const r of results.filter((x) => x.isError)) {
      expect(errorCode(r)).toBe('conflict');
      expect(message(r)).toMatch(/no running timer/i);
    }
    const entries = await db.entities.timeEntry.query.byMember({ businessId: owner.businessId, userId: m.userId }).go({ pages: 'all' });
    expect(entries.data).toHaveLength(1);
    const after = await projectAggregates(owner.businessId, work.projectId);
    expect(after.tracked! - before.tracked!).toBe(30);
  });

  it('a timer over 24 hours is kept and refused; ended_at stops it at the real end; discard drops it without an entry', async () => {
    const m = await addMember(owner, 'member');
    const timer = structured<{ timer: TimerOut }>(await m.call('start_timer', { task_id: work.taskId })).timer;
    await backdateTimer(m, 26 * 60);
    const refused = await m.call('stop_timer');
    expect(errorCode(refused)).toBe('conflict');
    expect(message(refused)).toMatch(/24 hours.*ended_at.*discard/s);
    expect(structured<{ timer: TimerOut | null }>(await m.call('get_running_timer')).timer?.entry_id).toBe(timer.entry_id);

    const { data: t } = await db.entities.timer.get({ businessId: m.businessId, userId: m.userId }).go();
    const endedAt = new Date(Date.parse(t!.startedAt) + 8 * 3600000).toISOString();
    const stopped = structured<{ entry: EntryOut }>(await m.call('stop_timer', { ended_at: endedAt }));
    expect(stopped.entry.duration_minutes).toBe(8 * 60);

    structured(await m.call('start_timer', { task_id: work.taskId }));
    const count = await activityCount(owner.businessId);
    const discarded = structured<{ entry: null; discarded: boolean }>(await m.call('stop_timer', { discard: true }));
    expect(discarded).toMatchObject({ entry: null, discarded: true });
    expect(await activityCount(owner.businessId)).toBe(count + 1);
    expect(structured<{ timer: null }>(await m.call('get_running_timer')).timer).toBeNull();
    const entries = await db.entities.timeEntry.query.byMember({ businessId: owner.businessId, userId: m.userId }).go({ pages: 'all' });
    expect(entries.data).toHaveLength(1);
  });

  it('stop without a timer is a conflict; start on an archived project or unknown task is refused and writes nothing', async () => {
    const m = await addMember(owner, 'member');
    expect(errorCode(await m.call('stop_timer'))).toBe('conflict');
    const archived = await createWork(owner);
    structured(await owner.call('update_project', { project_id: archived.projectId, status: 'archived' }));
    const count = await activityCount(owner.businessId);
    const r = await m.call('start_timer', { task_id: archived.taskId });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toContain('archived');
    expect(errorCode(await m.call('start_timer', { task_id: 'tsk_01ARZ3NDEKTSV4RRFFQ69G5FAV' }))).toBe('not_found');
    expect(errorCode(await m.call('start_timer', { task_id: work.projectId }))).toBe('invalid_input');
    expect(errorCode(await m.call('start_timer', { task_id: work.taskId, note: 'x'.repeat(2001) }))).toBe('invalid_input');
    expect(errorCode(await m.call('stop_timer', { ended_at: 'yesterday' }))).toBe('invalid_input');
    expect(await activityCount(owner.businessId)).toBe(count);
    expect(structured<{ timer: null }>(await m.call('get_running_timer')).timer).toBeNull();
  });

  it('get_running_timer: admin+ may look at another member; a member may not; a stranger id is not_found', async () => {
    const m = await addMember(owner, 'member');
    const other = await addMember(owner, 'member');
    const admin = await addMember(owner, 'admin');
    const timer = structured<{ timer: TimerOut }>(await m.call('start_timer', { task_id: work.taskId })).timer;
    expect(structured<{ timer: TimerOut }>(await admin.call('get_running_timer', { member_id: m.userId })).timer.entry_id).toBe(timer.entry_id);
    expect(structured<{ timer: TimerOut }>(await owner.call('get_running_timer', { member_id: m.userId })).timer.entry_id).toBe(timer.entry_id);
    expect(structured<{ timer: TimerOut }>(await m.call('get_running_timer', { member_id: m.userId })).timer.entry_id).toBe(timer.entry_id);
    expect(errorCode(await other.call('get_running_timer', { member_id: m.userId }))).toBe('forbidden');
    const stranger = await createBusiness('Stranger Co');
    const r = await admin.call('get_running_timer', { member_id: stranger.userId });
    expect(errorCode(r)).toBe('not_found');
    expect(structured<{ timer: null }>(await other.call('get_running_timer')).timer).toBeNull();
    structured(await m.call('stop_timer'));
  });
});
