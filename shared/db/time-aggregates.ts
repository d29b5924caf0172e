import type { TxEntities } from './service.js';
import type { TimeEntryRecord } from './time-lookup.js';

/**
 * Time totals that reads use instead of entries, kept current in the same transaction as every
 * entry change: the project's tracked / billable / billed minutes, the daily and monthly rollups
 * per (date or month, member, project), and the per-(task, member) totals. A change is (before, after) of one
 * entry; the deltas of all changes are merged per item, because DynamoDB refuses a transaction
 * that names one item twice, and an item whose delta is zero is not written at all.
 */
export interface EntryChange {
  before: TimeEntryRecord | null;
  after: TimeEntryRecord | null;
}

export interface ProjectDelta {
  projectId: string;
  trackedMinutes: number;
  billableMinutes: number;
  billedMinutes: number;
}

export interface RollupDelta {
  /** A daily row (date YYYY-MM-DD) or a monthly row (date YYYY-MM). */
  period: 'day' | 'month';
  date: string;
  userId: string;
  projectId: string;
  clientId: string;
  minutes: number;
  billableMinutes: number;
  billedMinutes: number;
  entries: number;
  billableEntries: number;
  billedEntries: number;
}

export interface TaskTimeDelta {
  taskId: string;
  userId: string;
  minutes: number;
  entries: number;
}

export interface AggregateDeltas {
  projects: ProjectDelta[];
  rollups: RollupDelta[];
  taskTimes: TaskTimeDelta[];
}

type Counters<T> = { [K in keyof T as T[K] extends number ? K : never]: number };

function bump<T extends object>(map: Map<string, T>, key: string, init: () => T, counters: Partial<Counters<T>>, sign: number) {
  let item = map.get(key);
  if (!item) map.set(key, (item = init()));
  for (const [k, v] of Object.entries(counters) as [keyof T, number][]) (item[k] as number) += sign * v;
}

const nonZero = <T extends object>(d: T, fields: (keyof T)[]) => fields.some((f) => d[f] !== 0);

/** The merged per-item deltas of a set of entry changes (a create, an update, a delete, or a batch of billing). */
export function aggregateDeltas(changes: readonly EntryChange[]): AggregateDeltas {
  const projects = new Map<string, ProjectDelta>();
  const rollups = new Map<string, RollupDelta>();
  const taskTimes = new Map<string, TaskTimeDelta>();
  const apply = (t: TimeEntryRecord, sign: number) => {
    const minutes = t.durationMinutes;
    const billable = t.billable ? minutes : 0;
    const billed = t.invoiceId ? minutes : 0;
    bump(projects, t.projectId, () => ({ projectId: t.projectId, trackedMinutes: 0, billableMinutes: 0, billedMinutes: 0 }), { trackedMinutes: minutes, billableMinutes: billable, billedMinutes: billed }, sign);
    const counters = { minutes, billableMinutes: billable, billedMinutes: billed, entries: 1, billableEntries: t.billable ? 1 : 0, billedEntries: t.invoiceId ? 1 : 0 };
    for (const [period, date] of [['day', t.date], ['month', t.date.slice(0, 7)]] as const) {
      bump(
        rollups,
        `${period}#${date}#${t.userId}#${t.projectId}`,
        () => ({ period, date, userId: t.userId, projectId: t.projectId, clientId: t.clientId, minutes: 0, billableMinutes: 0, billedMinutes: 0, entries: 0, billableEntries: 0, billedEntries: 0 }),
        counters,
        sign,
      );
    }
    bump(taskTimes, `${t.taskId}#${t.userId}`, () => ({ taskId: t.taskId, userId: t.userId, minutes: 0, entries: 0 }), { minutes, entries: 1 }, sign);
  };
  for (const c of changes) {
    if (c.before) apply(c.before, -1);
    if (c.after) apply(c.after, 1);
  }
  return {
    projects: [...projects.values()].filter((d) => nonZero(d, ['trackedMinutes', 'billableMinutes', 'billedMinutes'])),
    rollups: [...rollups.values()].filter((d) => nonZero(d, ['minutes', 'billableMinutes', 'billedMinutes', 'entries', 'billableEntries', 'billedEntries'])),
    taskTimes: [...taskTimes.values()].filter((d) => nonZero(d, ['minutes', 'entries'])),
  };
}

/**
 * The transaction writes that apply the deltas: ADD on the project (a patch, so a missing project
 * cancels the transaction), and upserting ADDs on rollups and task totals (created on first use).
 * One write per delta: projects + rollups (daily and monthly) + taskTimes items in all.
 */
export function aggregateWrites(e: TxEntities, businessId: string, changes: readonly EntryChange[]): unknown[] {
  const d = aggregateDeltas(changes);
  return [
    ...d.projects.map(({ projectId, ...add }) => e.project.patch({ businessId, projectId }).add(add).commit()),
    ...d.rollups.map(({ period, date, userId, projectId, clientId, ...add }) =>
      period === 'day'
        ? e.timeRollup.update({ businessId, date, userId, projectId }).set({ clientId }).add(add).commit()
        : e.timeRollupMonth.update({ businessId, month: date, userId, projectId }).set({ clientId }).add(add).commit(),
    ),
    ...d.taskTimes.map(({ taskId, userId, ...add }) => e.taskTime.update({ businessId, taskId, userId }).add(add).commit()),
  ];
}
