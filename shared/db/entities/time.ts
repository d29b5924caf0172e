import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/**
 * A time entry. `date` is the business-local calendar date; instants are stored in UTC.
 * Indexes, all `<date>#<entryId>` sorted: per task, per member, per business, per project,
 * per client, and the sparse unbilled index (billable and on no invoice) per client.
 */
export const timeEntry = new Entity({
  model: model('timeEntry'),
  attributes: {
    businessId: { type: 'string', required: true },
    entryId: { type: 'string', required: true },
    taskId: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    date: { type: 'string', required: true },
    startedAt: { type: 'string' },
    endedAt: { type: 'string' },
    durationMinutes: { type: 'number', required: true },
    note: { type: 'string' },
    billable: { type: 'boolean', required: true },
    /** Set by invoicing when the entry is billed: the entry is then locked. */
    invoiceId: { type: 'string' },
    invoiceLineId: { type: 'string' },
    source: { type: ['timer', 'manual'] as const, required: true },
    createdBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: primary({ composite: ['businessId', 'entryId'], template: 'BIZ#${businessId}#TE#${entryId}' }, { composite: [], template: 'ENTRY' }),
    byTask: gsi(1, { composite: ['businessId', 'taskId'], template: 'BIZ#${businessId}#TASK#${taskId}#TE' }, { composite: ['date', 'entryId'], template: '${date}#${entryId}' }),
    byMember: gsi(2, { composite: ['businessId', 'userId'], template: 'BIZ#${businessId}#MEMBER#${userId}#TE' }, { composite: ['date', 'entryId'], template: '${date}#${entryId}' }),
    unbilled: {
      ...gsi(3, { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#UNBILLED#${clientId}' }, { composite: ['date', 'entryId'], template: '${date}#${entryId}' }),
      // Sparse: an entry is in this index while it is billable and on no invoice.
      condition: (attr: Record<string, unknown>) => attr.billable === true && !attr.invoiceId,
    },
    byDate: gsi(4, { composite: ['businessId'], template: 'BIZ#${businessId}#TE' }, { composite: ['date', 'entryId'], template: '${date}#${entryId}' }),
    byProject: gsi(5, { composite: ['businessId', 'projectId'], template: 'BIZ#${businessId}#PRJ#${projectId}#TE' }, { composite: ['date', 'entryId'], template: '${date}#${entryId}' }),
    byClient: gsi(6, { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#CLI#${clientId}#TE' }, { composite: ['date', 'entryId'], template: '${date}#${entryId}' }),
  },
});

/**
 * A member's running timer: one item per member per business, created with attribute_not_exists,
 * so a second start fails in the database. It carries the id its time entry will get.
 */
export const timer = new Entity({
  model: model('timer'),
  attributes: {
    businessId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    entryId: { type: 'string', required: true },
    taskId: { type: 'string', required: true },
    /** The task's name when the timer started: a conflict and get_running_timer name it without another read. */
    taskName: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    startedAt: { type: 'string', required: true },
    note: { type: 'string' },
  },
  indexes: {
    byMember: primary({ composite: ['businessId', 'userId'], template: 'BIZ#${businessId}#TIMER#${userId}' }, { composite: [], template: 'TIMER' }),
  },
});

/** The counters of a rollup row: minutes and entries, all / billable / billed (billed ⊆ billable). */
const rollupCounters = {
  minutes: { type: 'number', required: true, default: 0 },
  billableMinutes: { type: 'number', required: true, default: 0 },
  billedMinutes: { type: 'number', required: true, default: 0 },
  entries: { type: 'number', required: true, default: 0 },
  billableEntries: { type: 'number', required: true, default: 0 },
  billedEntries: { type: 'number', required: true, default: 0 },
} as const;

/**
 * Daily rollup per member and project: minutes and entry counts (all, billable, billed), kept in
 * the transactions that change entries. Totals over a date range read these, never the entries.
 */
export const timeRollup = new Entity({
  model: model('timeRollup'),
  attributes: {
    businessId: { type: 'string', required: true },
    date: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    ...rollupCounters,
  },
  indexes: {
    byDate: primary(
      { composite: ['businessId'], template: 'BIZ#${businessId}#ROLLUP' },
      { composite: ['date', 'userId', 'projectId'], template: '${date}#${userId}#${projectId}' },
    ),
  },
});

/**
 * The same counters per calendar month (YYYY-MM), kept in the same transactions: a range's whole
 * months are read here (one row per member and project with time that month) and only its
 * partial months at the edges from the daily rows, so a month's totals read tens of rows, not a
 * row per member, project and day.
 */
export const timeRollupMonth = new Entity({
  model: model('timeRollupMonth'),
  attributes: {
    businessId: { type: 'string', required: true },
    month: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    clientId: { type: 'string', required: true },
    ...rollupCounters,
  },
  indexes: {
    byMonth: primary(
      { composite: ['businessId'], template: 'BIZ#${businessId}#ROLLUP_MONTH' },
      { composite: ['month', 'userId', 'projectId'], template: '${month}#${userId}#${projectId}' },
    ),
  },
});

/**
 * Minutes and entries per task and member, kept in the transactions that change entries. It lives
 * in the task's own partition (beside the task's PROFILE), so one Query yields the task and the
 * task's totals: list_task_time's total_minutes never reads the entries.
 */
export const taskTime = new Entity({
  model: model('taskTime'),
  attributes: {
    businessId: { type: 'string', required: true },
    taskId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    minutes: { type: 'number', required: true, default: 0 },
    entries: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    byTask: primary({ composite: ['businessId', 'taskId'], template: 'BIZ#${businessId}#TASK#${taskId}' }, { composite: ['userId'], template: 'TIME#${userId}' }),
  },
});
