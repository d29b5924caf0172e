import { z } from 'zod';
import { lookup, type TimeEntryRecord } from '../db/time-lookup.js';
import { entryCreate, entryDelete, entryWrite } from '../db/time-entries.js';
import { aggregateWrites } from '../db/time-aggregates.js';
import { newId } from '../ids.js';
import { formatDuration } from '../time/duration.js';
import { changedInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { actedOn, commit } from './commit.js';
import { conflict, forbidden, invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly } from './permissions.js';
import { actedOn as actedOnSchema, idempotencyKeyField, idOf } from './schemas.js';
import { entryOut, timeFields, toEntry } from './time-schemas.js';
import { nextUpdatedAt } from './versions.js';
import { resolveWhen, type When, type WhenInput } from './time-when.js';

const entryWriteOut = z.object({ entry: entryOut, acted_on: actedOnSchema });

const projectGone = (projectId: string) => conflict(`Project ${projectId} changed or is gone while this request ran; read the task again and retry.`);

/** The entry, if the caller may change it: their own, or anyone's for admin+; never one on an invoice. */
async function changeableEntry(ctx: OpContext, op: 'update_time_entry' | 'delete_time_entry', entryId: string, taskId?: string) {
  const found = await lookup(ctx.businessId, { entry: entryId, task: taskId });
  const entry = found.entry;
  if (!entry) throw notFound('time entry', entryId);
  if (ownRecordsOnly(ctx, op) && entry.userId !== ctx.userId) {
    throw forbidden(`Time entry ${entryId} belongs to another member; a member can change only their own time (an owner or admin can change it).`);
  }
  if (entry.invoiceId) throw lockedEntry(entry);
  return { entry, task: found.task, timeZone: ctx.business.timeZone };
}

export function lockedEntry(entry: TimeEntryRecord) {
  return conflict(
    `Time entry ${entry.entryId} is on invoice ${entry.invoiceId}; it cannot change. Remove it from the draft invoice or void the invoice first.`,
    { invoice_id: entry.invoiceId },
  );
}

/** A member acts for themselves; admin+ may name another member of the business. */
function targetMember(ctx: OpContext, memberId: string | undefined, what: string): string {
  const target = memberId ?? ctx.userId;
  if (target !== ctx.userId && ownRecordsOnly(ctx, 'log_time')) throw forbidden(`A member can ${what} only for themselves; omit member_id. Owners and admins can ${what} for another member.`);
  return target;
}

export const logTimeOp = defineOperation({
  name: 'log_time',
  title: 'Log time',
  description:
    'Record time on a task: either date + duration_minutes (1-1440), or started_at + ended_at (RFC 3339 with offset; at most 24 hours; dated in the business time zone where it started). ' +
    'Dates from 2000-01-01 to tomorrow (business time zone); ended_at at most 5 minutes ahead. billable defaults to the task, else the project. admin+ may log for another member with member_id.',
  input: z.strictObject({
    task_id: timeFields.task_id,
    date: timeFields.date.optional(),
    duration_minutes: timeFields.duration_minutes.optional(),
    started_at: timeFields.started_at.optional(),
    ended_at: timeFields.ended_at.optional(),
    note: timeFields.note.optional(),
    billable: timeFields.billable.optional().describe('Default: the task’s billable setting, else the project’s'),
    member_id: timeFields.member_id.optional().describe('admin+ only: log for this member (user id) instead of yourself'),
    idempotency_key: idempotencyKeyField,
  }),
  output: entryWriteOut,
  keyed: true,
  async handler(ctx, input) {
    const userId = targetMember(ctx, input.member_id, 'log time');
    const other = userId !== ctx.userId;
    const found = await lookup(ctx.businessId, { task: input.task_id, member: other ? userId : undefined });
    const timeZone = ctx.business.timeZone;
    if (!found.task) throw notFound('task', input.task_id);
    const member = found.member;
    if (other && !member) throw notFound('member', userId);
    const when = resolveWhen(input, timeZone);
    const task = found.task;
    let billable = input.billable ?? task.billable;
    if (billable === undefined) {
      // Only now is the project needed: its billable setting is the default.
      const { project } = await lookup(ctx.businessId, { project: task.projectId });
      if (!project) throw projectGone(task.projectId);
      billable = project.billable;
    }
    const now = new Date().toISOString();
    const entry: TimeEntryRecord = {
      businessId: ctx.businessId,
      entryId: newId('timeEntry'),
      taskId: task.taskId,
      projectId: task.projectId,
      clientId: task.clientId,
      userId,
      ...when,
      note: input.note,
      billable,
      source: 'manual',
      createdBy: ctx.userId,
      createdAt: now,
      updatedAt: now,
    };
    return commit(ctx, {
      writes: (e) => [entryCreate(e, entry), ...aggregateWrites(e, ctx.businessId, [{ before: null, after: entry }])],
      activity: { operation: 'log_time', targetId: entry.entryId, summary: `Logged ${formatDuration(entry.durationMinutes)}${member ? ` of ${member.userName}'s time` : ''} on task ${task.name} for ${entry.date}` },
      result: { entry: toEntry(entry, timeZone), acted_on: actedOn(ctx) },
      onConflict: () => projectGone(task.projectId),
    });
  },
  summarize: (o) => `Logged entry ${o.entry.id}: ${o.entry.duration_minutes} min on ${o.entry.date} (task ${o.entry.task_id})${o.entry.billable ? ', billable' : ''}.`,
});

/** The new timing of an entry: one form replaces the other; no timing keeps what it had. */
function newTiming(current: TimeEntryRecord, input: WhenInput, timeZone: string): When {
  const byDate = input.date !== undefined || input.duration_minutes !== undefined;
  const byInstants = input.started_at !== undefined || input.ended_at !== undefined;
  if (byDate && byInstants) return resolveWhen(input, timeZone);
  if (byInstants) return resolveWhen({ started_at: input.started_at ?? current.startedAt, ended_at: input.ended_at ?? current.endedAt }, timeZone);
  if (byDate) return resolveWhen({ date: input.date ?? current.date, duration_minutes: input.duration_minutes ?? current.durationMinutes }, timeZone);
  return { date: current.date, durationMinutes: current.durationMinutes, startedAt: current.startedAt, endedAt: current.endedAt };
}

const entryFieldWords = {
  task_id: 'task',
  date: 'date',
  duration_minutes: 'duration',
  started_at: 'start time',
  ended_at: 'end time',
  note: 'note',
  billable: 'billable setting',
};

/** "2 h 15 min on 2025-06-02": how the activity log names a time entry. */
const entryInWords = (x: TimeEntryRecord) => `${formatDuration(x.durationMinutes)} on ${x.date}`;

export const updateTimeEntryOp = defineOperation({
  name: 'update_time_entry',
  title: 'Update time entry',
  description:
    'Partial update of a time entry (your own; admin+ any). date/duration_minutes, or started_at/ended_at (either one, the other kept), note (null clears), billable, task_id (another task of this business: the project and client follow it). ' +
    'Setting date or duration_minutes drops the entry’s start and end instants. Refused (conflict) once the entry is on an invoice.',
  input: z.strictObject({
    entry_id: idOf('timeEntry'),
    task_id: timeFields.task_id.optional(),
    date: timeFields.date.optional(),
    duration_minutes: timeFields.duration_minutes.optional(),
    started_at: timeFields.started_at.optional(),
    ended_at: timeFields.ended_at.optional(),
    note: timeFields.note.nullable().optional(),
    billable: timeFields.billable.optional(),
  }),
  output: entryWriteOut,
  idempotent: true,
  async handler(ctx, input) {
    const { entry_id, ...changes } = input;
    if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update: give at least one field besides entry_id.');
    const { entry: current, task, timeZone } = await changeableEntry(ctx, 'update_time_entry', entry_id, input.task_id);
    if (input.task_id && !task) throw notFound('task', input.task_id);
    const when = newTiming(current, input, timeZone);
    const next: TimeEntryRecord = {
      ...current,
      ...(task ? { taskId: task.taskId, projectId: task.projectId, clientId: task.clientId } : {}),
      date: when.date,
      durationMinutes: when.durationMinutes,
      startedAt: when.startedAt,
      endedAt: when.endedAt,
      note: input.note === null ? undefined : (input.note ?? current.note),
      billable: input.billable ?? current.billable,
      updatedAt: nextUpdatedAt(current.updatedAt),
    };
    return commit(ctx, {
      writes: (e) => [
        // Conditioned on the version read and on no invoice: a concurrent billing wins cleanly.
        entryWrite(e, next, { updatedAt: current.updatedAt, invoiceId: null }),
        ...aggregateWrites(e, ctx.businessId, [{ before: current, after: next }]),
      ],
      activity: { operation: 'update_time_entry', targetId: entry_id, summary: `Updated a time entry (${entryInWords(next)}${task ? `, now on task ${task.name}` : ''}): ${changedInWords(changes, entryFieldWords, current, next)}` },
      result: { entry: toEntry(next, timeZone), acted_on: actedOn(ctx) },
      onConflict: (i) =>
        i === 0 ? conflict(`Time entry ${entry_id} changed, or was put on an invoice, while this request ran; read it again and retry.`) : projectGone(next.projectId),
    });
  },
  summarize: (o) => `Updated entry ${o.entry.id}: ${o.entry.duration_minutes} min on ${o.entry.date} (task ${o.entry.task_id})${o.entry.billable ? ', billable' : ''}.`,
});

export const deleteTimeEntryOp = defineOperation({
  name: 'delete_time_entry',
  title: 'Delete time entry',
  description: 'Delete a time entry (your own; admin+ any). Refused (conflict) once the entry is on an invoice.',
  input: z.strictObject({ entry_id: idOf('timeEntry') }),
  output: z.object({ deleted: entryOut, acted_on: actedOnSchema }),
  destructive: true,
  idempotent: false,
  async handler(ctx, input) {
    const { entry, timeZone } = await changeableEntry(ctx, 'delete_time_entry', input.entry_id);
    return commit(ctx, {
      writes: (e) => [entryDelete(e, entry, { updatedAt: entry.updatedAt, invoiceId: null }), ...aggregateWrites(e, ctx.businessId, [{ before: entry, after: null }])],
      activity: { operation: 'delete_time_entry', targetId: entry.entryId, summary: `Deleted a time entry (${entryInWords(entry)})` },
      result: { deleted: toEntry(entry, timeZone), acted_on: actedOn(ctx) },
      onConflict: (i) =>
        i === 0 ? conflict(`Time entry ${entry.entryId} changed, or was put on an invoice, while this request ran; read it again and retry.`) : projectGone(entry.projectId),
    });
  },
  summarize: (o) => `Deleted entry ${o.deleted.id} (${o.deleted.duration_minutes} min on ${o.deleted.date}).`,
});
