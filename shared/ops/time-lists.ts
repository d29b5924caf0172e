import { z } from 'zod';
import { lookup } from '../db/time-lookup.js';
import { listEntries, type EntryFilters } from '../db/time-entries.js';
import { getTaskWithTime, rollupTotals } from '../db/time-totals.js';
import { openCursor, sealCursor } from '../db/cursor.js';
import { forbidden, invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly } from './permissions.js';
import { calendarDate, cursorField, idOf, listLimit } from './schemas.js';
import { entryOut, timeFields, toEntry } from './time-schemas.js';

export const listTaskTimeOp = defineOperation({
  name: 'list_task_time',
  title: 'List task time',
  description:
    'Time entries of one task, newest first, with total_minutes and total_entries of the entries you may see (a member: their own; admin+: everyone’s). Totals come from per-task counters, not from reading every entry.',
  input: z.strictObject({ task_id: timeFields.task_id, limit: listLimit, cursor: cursorField }),
  output: z.object({ task_id: z.string(), total_minutes: z.number().int(), total_entries: z.number().int(), items: z.array(entryOut), next_cursor: z.string().nullable() }),
  idempotent: true,
  async handler(ctx, input) {
    const own = ownRecordsOnly(ctx, 'list_task_time') ? ctx.userId : undefined;
    const listName = `task-time:${input.task_id}:${own ?? 'all'}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    // Two independent reads at once: the task with its totals, and a page of entries.
    const [withTime, page] = await Promise.all([
      getTaskWithTime(ctx.businessId, input.task_id),
      listEntries(ctx.businessId, { taskId: input.task_id, userId: own }, { limit: input.limit, cursor }),
    ]);
    if (!withTime) throw notFound('task', input.task_id);
    const rows = withTime.times.filter((t) => !own || t.userId === own);
    const timeZone = ctx.business.timeZone;
    return {
      task_id: input.task_id,
      total_minutes: rows.reduce((s, t) => s + t.minutes, 0),
      total_entries: rows.reduce((s, t) => s + t.entries, 0),
      items: page.items.map((t) => toEntry(t, timeZone)),
      next_cursor: sealCursor(ctx.businessId, listName, page.cursor),
    };
  },
  summarize: (o) => `${o.items.length} entr${o.items.length === 1 ? 'y' : 'ies'} of task ${o.task_id}${o.next_cursor ? ' (more with next_cursor)' : ''}; ${o.total_minutes} min in ${o.total_entries} entries in total.`,
});

const totalsOut = z.object({
  minutes: z.number().int(),
  billable_minutes: z.number().int(),
  unbilled_minutes: z.number().int().describe('Billable minutes on no invoice yet'),
  entries: z.number().int(),
});

export const listTimeEntriesOp = defineOperation({
  name: 'list_time_entries',
  title: 'List time entries',
  description:
    'Time entries newest first. Filter by from/to (business-local dates, inclusive), client_id, project_id, member_id, billable, billed (true, false, all; default all). ' +
    'Members see only their own (member_id of someone else is forbidden). totals covers the WHOLE filtered range, not just this page, and is read from daily counters.',
  input: z.strictObject({
    from: calendarDate.optional().describe('First business-local date, YYYY-MM-DD, inclusive'),
    to: calendarDate.optional().describe('Last business-local date, YYYY-MM-DD, inclusive'),
    client_id: idOf('client').optional(),
    project_id: idOf('project').optional(),
    member_id: timeFields.member_id.optional(),
    billable: z.boolean().optional(),
    billed: z
      .union([z.boolean(), z.enum(['true', 'false', 'all'])])
      .default('all')
      .describe('true: on an invoice; false: on none; all (default)'),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: z.object({ items: z.array(entryOut), next_cursor: z.string().nullable(), totals: totalsOut }),
  idempotent: true,
  async handler(ctx, input) {
    if (input.from && input.to && input.from > input.to) throw invalidInput(`Invalid input: to: ${input.to} is before from ${input.from}`, { fields: [{ field: 'to', message: 'is before from' }] });
    const ownOnly = ownRecordsOnly(ctx, 'list_time_entries');
    if (ownOnly && input.member_id && input.member_id !== ctx.userId) {
      throw forbidden('A member can list only their own time; omit member_id. Owners and admins can list any member’s.');
    }
    const userId = ownOnly ? ctx.userId : input.member_id;
    const billed = input.billed === 'all' ? undefined : input.billed === true || input.billed === 'true';
    const filters: EntryFilters = { from: input.from, to: input.to, clientId: input.client_id, projectId: input.project_id, userId, billable: input.billable, billed };
    const listName = `time-entries:${JSON.stringify(filters)}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    const checkMember = userId !== undefined && userId !== ctx.userId;
    // Independent reads at once: a page of entries, the totals, and the records the filters name.
    const [page, totals, found] = await Promise.all([
      listEntries(ctx.businessId, filters, { limit: input.limit, cursor }),
      rollupTotals(ctx.businessId, filters),
      lookup(ctx.businessId, { member: checkMember ? userId : undefined, project: input.project_id, client: input.client_id }),
    ]);
    if (checkMember && !found.member) throw notFound('member', userId);
    if (input.project_id && !found.project) throw notFound('project', input.project_id);
    if (input.client_id && !found.client) throw notFound('client', input.client_id);
    const timeZone = ctx.business.timeZone;
    return {
      items: page.items.map((t) => toEntry(t, timeZone)),
      next_cursor: sealCursor(ctx.businessId, listName, page.cursor),
      totals: { minutes: totals.minutes, billable_minutes: totals.billableMinutes, unbilled_minutes: totals.unbilledMinutes, entries: totals.entries },
    };
  },
  summarize: (o) =>
    `${o.items.length} entr${o.items.length === 1 ? 'y' : 'ies'} on this page${o.next_cursor ? ' (more with next_cursor)' : ''}; in the whole range ${o.totals.entries} entries, ${o.totals.minutes} min, ${o.totals.billable_minutes} billable, ${o.totals.unbilled_minutes} unbilled.`,
});
