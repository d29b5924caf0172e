import { z } from 'zod';
import type { TimeEntryRecord, TimerRecord } from '../db/time-lookup.js';
import { lookup } from '../db/time-lookup.js';
import { entryCreate } from '../db/time-entries.js';
import { aggregateWrites } from '../db/time-aggregates.js';
import { newId } from '../ids.js';
import { formatDuration } from '../time/duration.js';
import type { TxEntities } from '../db/service.js';
import type { OpContext } from './context.js';
import { actedOn, commit } from './commit.js';
import { conflict, forbidden, notFound, OpError } from './errors.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly } from './permissions.js';
import { actedOn as actedOnSchema } from './schemas.js';
import { describeTimer, entryOut, maxEntryMinutes, timeFields, timerOut, toEntry, toTimer } from './time-schemas.js';
import { fromInstants, utcSeconds } from './time-when.js';

/** Thrown inside commit when the timer item already exists; replaced by a conflict naming that timer. */
class TimerAlreadyRunning extends OpError {
  constructor() {
    super('conflict', 'A timer is already running.');
  }
}

const noTimer = () => conflict('You have no running timer: nothing to stop. Start one with start_timer, or record time with log_time.');

async function runningConflict(ctx: OpContext, timeZone: string, running?: TimerRecord | null): Promise<OpError> {
  const timer = running ?? (await lookup(ctx.businessId, { timer: ctx.userId })).timer;
  if (!timer) return conflict('Another request changed your timer at the same moment; call get_running_timer and retry.');
  const out = toTimer(timer, timeZone);
  return conflict(`You already have a running timer: ${describeTimer(out)}. Stop it with stop_timer before starting another.`, { running_timer: out });
}

export const startTimerOp = defineOperation({
  name: 'start_timer',
  title: 'Start timer',
  description:
    'Start your timer on a task (of an active project). You have at most one running timer in this business: starting a second is a conflict that names the running one. stop_timer turns it into a time entry.',
  input: z.strictObject({ task_id: timeFields.task_id, note: timeFields.note.optional() }),
  output: z.object({ timer: timerOut, acted_on: actedOnSchema }),
  async handler(ctx, input) {
    const found = await lookup(ctx.businessId, { task: input.task_id, timer: ctx.userId });
    const timeZone = ctx.business.timeZone;
    if (!found.task) throw notFound('task', input.task_id);
    if (found.timer) throw await runningConflict(ctx, timeZone, found.timer);
    const task = found.task;
    const timer: TimerRecord = {
      businessId: ctx.businessId,
      userId: ctx.userId,
      entryId: newId('timeEntry'),
      taskId: task.taskId,
      taskName: task.name,
      projectId: task.projectId,
      clientId: task.clientId,
      startedAt: utcSeconds(Date.now()),
      note: input.note,
    };
    try {
      return await commit(ctx, {
        writes: (e) => [
          // attribute_not_exists: the database, not this read, guarantees one running timer.
          e.timer.create(timer).commit(),
          e.project.check({ businessId: ctx.businessId, projectId: task.projectId }).where((a, op) => op.eq(a.status, 'active')).commit(),
        ],
        activity: { operation: 'start_timer', targetId: timer.entryId, summary: `Started a timer on task ${task.name}` },
        result: { timer: toTimer(timer, timeZone), acted_on: actedOn(ctx) },
        onConflict: (i) =>
          i === 0 ? new TimerAlreadyRunning() : conflict(`Project ${task.projectId} of task ${task.taskId} is archived; unarchive it with update_project to track time on it.`),
      });
    } catch (e) {
      if (e instanceof TimerAlreadyRunning) throw await runningConflict(ctx, timeZone);
      throw e;
    }
  },
  summarize: (o) => `Timer running on ${o.timer.task_name} (${o.timer.task_id}) since ${o.timer.started_at}; it will become entry ${o.timer.entry_id}.`,
});

export const stopTimerOp = defineOperation({
  name: 'stop_timer',
  title: 'Stop timer',
  description:
    'Stop your running timer and turn it into a time entry (whole minutes, rounded to the nearest, at least 1; dated where it started in the business time zone; billable from the task, else the project). ' +
    '`note` replaces the timer note. `ended_at` records when you really stopped (a forgotten timer). A timer that ran over 24 hours is refused and kept: give ended_at, or discard: true to drop it without an entry.',
  input: z.strictObject({
    note: timeFields.note.optional(),
    ended_at: timeFields.ended_at.optional().describe('When you really stopped (default now); after the start, at most 24 hours later'),
    discard: z.boolean().optional().describe('true: drop the running timer without creating an entry'),
  }),
  output: z.object({ entry: entryOut.nullable(), timer: timerOut, discarded: z.boolean(), acted_on: actedOnSchema }),
  destructive: true,
  async handler(ctx, input) {
    const found = await lookup(ctx.businessId, { timer: ctx.userId });
    const timeZone = ctx.business.timeZone;
    const timer = found.timer;
    if (!timer) throw noTimer();
    const now = new Date();
    const stopped = toTimer(timer, timeZone, now);
    // The timer is deleted only if it is still the one that was read: of two racing stops, one wins.
    const deleteTimer = (e: TxEntities) =>
      e.timer.delete({ businessId: ctx.businessId, userId: ctx.userId }).where((a, op) => op.eq(a.entryId, timer.entryId)).commit();

    if (input.discard) {
      return commit(ctx, {
        writes: (e) => [deleteTimer(e)],
        activity: { operation: 'stop_timer', targetId: timer.entryId, summary: `Discarded the timer on task ${timer.taskName}` },
        result: { entry: null, timer: stopped, discarded: true, acted_on: actedOn(ctx) },
        onConflict: noTimer,
      });
    }

    const endMs = input.ended_at ? Date.parse(input.ended_at) : now.getTime();
    if (endMs - Date.parse(timer.startedAt) > maxEntryMinutes * 60000) {
      const hours = Math.floor((endMs - Date.parse(timer.startedAt)) / 3600000);
      throw conflict(
        `Your timer on ${describeTimer(stopped)} would make an entry of ${hours} hours, longer than the 24 hours an entry may last. It is still running. ` +
          'Call stop_timer with ended_at set to when you really stopped, or with discard: true and record the time with log_time.',
        { running_timer: stopped },
      );
    }
    const when = fromInstants(timer.startedAt, new Date(endMs).toISOString(), timeZone, now);

    // The task's project now (a task may have moved since the start) decides project, client and billable.
    const current = await lookup(ctx.businessId, { task: timer.taskId, project: timer.projectId });
    const task = current.task;
    const projectId = task?.projectId ?? timer.projectId;
    const project = projectId === timer.projectId ? current.project : (await lookup(ctx.businessId, { project: projectId })).project;
    if (!project) throw conflict(`Project ${projectId} of the timer's task is gone; discard the timer with stop_timer and discard: true.`);

    const at = now.toISOString();
    const entry: TimeEntryRecord = {
      businessId: ctx.businessId,
      entryId: timer.entryId,
      taskId: timer.taskId,
      projectId,
      clientId: project.clientId,
      userId: ctx.userId,
      date: when.date,
      startedAt: when.startedAt,
      endedAt: when.endedAt,
      durationMinutes: when.durationMinutes,
      note: input.note ?? timer.note,
      billable: task?.billable ?? project.billable,
      source: 'timer',
      createdBy: ctx.userId,
      createdAt: at,
      updatedAt: at,
    };
    return commit(ctx, {
      writes: (e) => [deleteTimer(e), entryCreate(e, entry), ...aggregateWrites(e, ctx.businessId, [{ before: null, after: entry }])],
      activity: { operation: 'stop_timer', targetId: entry.entryId, summary: `Stopped the timer on task ${task?.name ?? timer.taskName}: ${formatDuration(entry.durationMinutes)} on ${entry.date}` },
      result: { entry: toEntry(entry, timeZone), timer: stopped, discarded: false, acted_on: actedOn(ctx) },
      onConflict: (i) => (i <= 1 ? noTimer() : conflict('The project of this time changed at the same moment; retry.')),
    });
  },
  summarize: (o) =>
    o.entry
      ? `Stopped the timer on ${o.timer.task_name}: entry ${o.entry.id}, ${o.entry.duration_minutes} min on ${o.entry.date}${o.entry.billable ? ', billable' : ''}.`
      : `Discarded the timer on ${o.timer.task_name} (${o.timer.task_id}); no entry was created.`,
});

export const getRunningTimerOp = defineOperation({
  name: 'get_running_timer',
  title: 'Get running timer',
  description: "Your running timer, or null. admin+ may pass member_id to see another member's.",
  input: z.strictObject({ member_id: timeFields.member_id.optional() }),
  output: z.object({ member_id: z.string(), timer: timerOut.nullable() }),
  idempotent: true,
  async handler(ctx, input) {
    const target = input.member_id ?? ctx.userId;
    const other = target !== ctx.userId;
    if (other && ownRecordsOnly(ctx, 'get_running_timer')) throw forbidden("A member can see only their own timer; omit member_id. Owners and admins can see another member's.");
    const found = await lookup(ctx.businessId, { timer: target, member: other ? target : undefined });
    if (other && !found.member) throw notFound('member', target);
    return { member_id: target, timer: found.timer ? toTimer(found.timer, ctx.business.timeZone) : null };
  },
  summarize: (o) => (o.timer ? `Timer running on ${describeTimer(o.timer)} (${o.timer.elapsed_minutes} min so far).` : `No running timer for ${o.member_id}.`),
});
