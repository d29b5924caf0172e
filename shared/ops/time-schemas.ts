import { z } from 'zod';
import type { TimeEntryRecord, TimerRecord } from '../db/time-lookup.js';
import { formatInstant } from '../time/zone.js';
import { calendarDate, idOf, text } from './schemas.js';

/** The longest entry: one day. Longer work is several entries. */
export const maxEntryMinutes = 24 * 60;

export const timeFields = {
  task_id: idOf('task'),
  date: calendarDate.describe('Business-local calendar date YYYY-MM-DD; give with duration_minutes'),
  duration_minutes: z.number().int().min(1).max(maxEntryMinutes).describe(`Whole minutes, 1-${maxEntryMinutes}; give with date`),
  started_at: z.iso.datetime({ offset: true }).describe('RFC 3339 instant with offset, e.g. 2026-11-30T09:00:00+10:00; give with ended_at'),
  ended_at: z.iso.datetime({ offset: true }).describe('RFC 3339 instant with offset, after started_at, at most 24 hours later'),
  note: text(2000).describe('What was done, up to 2000 characters'),
  billable: z.boolean(),
  /** Members are users of the business: their user id (usr_…). */
  member_id: idOf('user').describe('A member of this business (their user id, usr_…)'),
};

export const entryOut = z.object({
  id: z.string(),
  task_id: z.string(),
  project_id: z.string(),
  client_id: z.string(),
  member_id: z.string(),
  date: z.string(),
  started_at: z.string().nullable(),
  ended_at: z.string().nullable(),
  duration_minutes: z.number().int(),
  note: z.string().nullable(),
  billable: z.boolean(),
  billed: z.boolean(),
  invoice_id: z.string().nullable(),
  source: z.enum(['timer', 'manual']),
  created_at: z.string(),
  updated_at: z.string(),
});

export type EntryOut = z.output<typeof entryOut>;

/** An entry as tools return it: instants with the business's offset at that instant. */
export function toEntry(t: TimeEntryRecord, timeZone: string): EntryOut {
  return {
    id: t.entryId,
    task_id: t.taskId,
    project_id: t.projectId,
    client_id: t.clientId,
    member_id: t.userId,
    date: t.date,
    started_at: t.startedAt ? formatInstant(t.startedAt, timeZone) : null,
    ended_at: t.endedAt ? formatInstant(t.endedAt, timeZone) : null,
    duration_minutes: t.durationMinutes,
    note: t.note ?? null,
    billable: t.billable,
    billed: Boolean(t.invoiceId),
    invoice_id: t.invoiceId ?? null,
    source: t.source,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export const timerOut = z.object({
  member_id: z.string(),
  entry_id: z.string().describe('The id the time entry will get when the timer stops'),
  task_id: z.string(),
  task_name: z.string(),
  project_id: z.string(),
  client_id: z.string(),
  started_at: z.string(),
  elapsed_minutes: z.number().int(),
  note: z.string().nullable(),
});

export type TimerOut = z.output<typeof timerOut>;

export function toTimer(t: TimerRecord, timeZone: string, now = new Date()): TimerOut {
  return {
    member_id: t.userId,
    entry_id: t.entryId,
    task_id: t.taskId,
    task_name: t.taskName,
    project_id: t.projectId,
    client_id: t.clientId,
    started_at: formatInstant(t.startedAt, timeZone),
    elapsed_minutes: Math.max(0, Math.floor((now.getTime() - Date.parse(t.startedAt)) / 60000)),
    note: t.note ?? null,
  };
}

/** "Design review (tsk_…) since 2026-11-30T09:00:00+10:00, entry te_…": how a conflict names a running timer. */
export function describeTimer(t: TimerOut): string {
  return `${t.task_name} (${t.task_id}) since ${t.started_at}, entry ${t.entry_id}`;
}
