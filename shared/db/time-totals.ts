import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { documentClient } from './client.js';
import { config } from '../config/index.js';
import { db } from './service.js';
import type { TaskRecord } from './tasks.js';
import { dateBounds, type EntryFilters } from './time-entries.js';

export type RollupRecord = EntityItem<typeof db.entities.timeRollup>;
export type TaskTimeRecord = EntityItem<typeof db.entities.taskTime>;

export interface TimeTotals {
  minutes: number;
  billableMinutes: number;
  unbilledMinutes: number;
  entries: number;
}

/**
 * Totals of the entries a list filter selects, from the daily rollups and never from the
 * entries: one rollup row per (date, member, project) with time, read over the date range (one
 * Query page covers a month of a small team), member / project / client filtered on the row.
 * billable and billed select cells of each row: billed time is always billable (only billable,
 * unbilled entries can be invoiced), so a row splits into billed, billable-unbilled and
 * non-billable parts.
 */
export async function rollupTotals(businessId: string, f: EntryFilters): Promise<TimeTotals> {
  const { lo, hi } = dateBounds(f.from, f.to);
  const query = db.entities.timeRollup.query.byDate({ businessId }).between({ date: lo }, { date: hi });
  const filtered = f.userId || f.projectId || f.clientId
    ? query.where((a, op) =>
        [f.userId && op.eq(a.userId, f.userId), f.projectId && op.eq(a.projectId, f.projectId), f.clientId && op.eq(a.clientId, f.clientId)].filter(Boolean).join(' AND '),
      )
    : query;
  const { data } = await filtered.go({ pages: 'all' });
  const t: TimeTotals = { minutes: 0, billableMinutes: 0, unbilledMinutes: 0, entries: 0 };
  const wantBillable = (b: boolean) => f.billable === undefined || f.billable === b;
  const wantBilled = (b: boolean) => f.billed === undefined || f.billed === b;
  for (const r of data) {
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
