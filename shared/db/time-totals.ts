import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { documentClient } from './client.js';
import { config } from '../config/index.js';
import { db } from './service.js';
import type { TaskRecord } from './tasks.js';
import { dateBounds, type EntryFilters } from './time-entries.js';
import { addMonths, lastDayOfMonth, monthOf } from '../time/zone.js';

export type RollupRecord = EntityItem<typeof db.entities.timeRollup>;
export type TaskTimeRecord = EntityItem<typeof db.entities.taskTime>;

export interface TimeTotals {
  minutes: number;
  billableMinutes: number;
  unbilledMinutes: number;
  entries: number;
}

type Counters = Pick<RollupRecord, 'minutes' | 'billableMinutes' | 'billedMinutes' | 'entries' | 'billableEntries' | 'billedEntries'>;

export interface RollupPlan {
  /** Whole months to read from the monthly rows (an open end is unbounded); absent: none. */
  months?: { from?: string; to?: string };
  /** Date ranges to read from the daily rows: the partial months at the edges. */
  days: { from?: string; to?: string }[];
}

/**
 * Which rollup rows cover a date range: its whole calendar months from the monthly rows, the
 * partial months at its ends (at most two, so at most about 60 days) from the daily rows.
 */
export function rollupPlan(from?: string, to?: string): RollupPlan {
  const firstMonth = from === undefined ? undefined : from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
  const lastMonth = to === undefined ? undefined : to === lastDayOfMonth(monthOf(to)) ? monthOf(to) : addMonths(monthOf(to), -1);
  if (firstMonth !== undefined && lastMonth !== undefined && firstMonth > lastMonth) return { days: [{ from, to }] };
  const days: RollupPlan['days'] = [];
  if (from !== undefined && !from.endsWith('-01')) days.push({ from, to: lastDayOfMonth(monthOf(from)) });
  if (to !== undefined && to !== lastDayOfMonth(monthOf(to))) days.push({ from: `${monthOf(to)}-01`, to });
  return { months: { from: firstMonth, to: lastMonth }, days };
}

/**
 * Totals of the entries a list filter selects, from the rollups and never from the entries:
 * monthly rows for the range's whole months, daily rows for its partial months (queries run in
 * parallel), member / project / client filtered on the row. billable and billed select cells of
 * each row: billed time is always billable (only billable, unbilled entries can be invoiced), so
 * a row splits into billed, billable-unbilled and non-billable parts.
 */
export async function rollupTotals(businessId: string, f: EntryFilters): Promise<TimeTotals> {
  const { timeRollup, timeRollupMonth } = db.entities;
  const plan = rollupPlan(f.from, f.to);
  const hasFilter = Boolean(f.userId || f.projectId || f.clientId);
  // Method syntax on purpose: ElectroDB's generic operators are then accepted for both row entities.
  const rowWhere = (a: { userId: unknown; projectId: unknown; clientId: unknown }, op: { eq(attr: unknown, value: string): string }) =>
    [f.userId && op.eq(a.userId, f.userId), f.projectId && op.eq(a.projectId, f.projectId), f.clientId && op.eq(a.clientId, f.clientId)].filter(Boolean).join(' AND ');
  const reads: Promise<{ data: Counters[] }>[] = plan.days.map(({ from, to }) => {
    const { lo, hi } = dateBounds(from, to);
    const q = timeRollup.query.byDate({ businessId }).between({ date: lo }, { date: hi });
    return (hasFilter ? q.where(rowWhere) : q).go({ pages: 'all' });
  });
  if (plan.months) {
    const { lo, hi } = dateBounds(plan.months.from, plan.months.to);
    const q = timeRollupMonth.query.byMonth({ businessId }).between({ month: lo }, { month: hi });
    reads.push((hasFilter ? q.where(rowWhere) : q).go({ pages: 'all' }));
  }
  const rows = (await Promise.all(reads)).flatMap((r) => r.data);
  const t: TimeTotals = { minutes: 0, billableMinutes: 0, unbilledMinutes: 0, entries: 0 };
  const wantBillable = (b: boolean) => f.billable === undefined || f.billable === b;
  const wantBilled = (b: boolean) => f.billed === undefined || f.billed === b;
  for (const r of rows) {
    const cells = [
      { billable: true, billed: true, minutes: r.billedMinutes, entries: r.billedEntries },
      { billable: true, billed: false, minutes: r.billableMinutes - r.billedMinutes, entries: r.billableEntries - r.billedEntries },
      { billable: false, billed: false, minutes: r.minutes - r.billableMinutes, entries: r.entries - r.billableEntries },
    ];
    for (const c of cells) {
      if (!wantBillable(c.billable) || !wantBilled(c.billed)) continue;
      t.minutes += c.minutes;
      t.entries += c.entries;
      if (c.billable) t.billableMinutes += c.minutes;
      if (c.billable && !c.billed) t.unbilledMinutes += c.minutes;
    }
  }
  return t;
}

/**
 * A task and its per-member time totals in one Query: the totals live in the task's partition
 * (TIME#<userId> beside PROFILE), one row per member who logged time on it.
 */
export async function getTaskWithTime(businessId: string, taskId: string): Promise<{ task: TaskRecord; times: TaskTimeRecord[] } | null> {
  const { task, taskTime } = db.entities;
  const pk = task.get({ businessId, taskId }).params().Key.pk as string;
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(
      new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const head = items.find((i) => i.__edb_e__ === 'task');
  const found = head ? task.parse({ Item: head }).data : null;
  if (!found) return null;
  const times = items
    .filter((i) => i.__edb_e__ === 'taskTime')
    .map((Item) => taskTime.parse({ Item }).data)
    .filter((t): t is TaskTimeRecord => t !== null);
  return { task: found, times };
}
