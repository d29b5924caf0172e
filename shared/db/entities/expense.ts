import { Entity } from 'electrodb';
import { model, primary, gsi } from './keys.js';

/**
 * An expense: money spent by a member (the author, `userId`) on a business-local `date`, in its
 * own currency. `clientId` and `projectId` hold "" when the expense is on no client or project:
 * their indexes are sparse, and ElectroDB builds a sparse index only from a condition over
 * composites that are always given (a missing one is refused). `categoryKey` is the category
 * lower-cased, so filters and totals never split one category by its spelling. Every index
 * sorts by `<date>#<expenseId>`, so a date range is always a key condition.
 */
export const expense = new Entity({
  model: model('expense'),
  attributes: {
    businessId: { type: 'string', required: true },
    expenseId: { type: 'string', required: true },
    userId: { type: 'string', required: true },
    date: { type: 'string', required: true },
    amount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    category: { type: 'string', required: true },
    categoryKey: { type: 'string', required: true },
    vendor: { type: 'string' },
    description: { type: 'string' },
    clientId: { type: 'string', required: true },
    projectId: { type: 'string', required: true },
    billable: { type: 'boolean', required: true },
    status: { type: ['unpaid', 'paid'] as const, required: true },
    paidOn: { type: 'string' },
    paidMethod: { type: 'string' },
    paidReference: { type: 'string' },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: primary({ composite: ['businessId', 'expenseId'], template: 'BIZ#${businessId}#EXP#${expenseId}' }, { composite: [], template: 'EXPENSE' }),
    byMember: gsi(1, { composite: ['businessId', 'userId'], template: 'BIZ#${businessId}#MEMBER#${userId}#EXP' }, { composite: ['date', 'expenseId'], template: '${date}#${expenseId}' }),
    byDate: gsi(2, { composite: ['businessId'], template: 'BIZ#${businessId}#EXP' }, { composite: ['date', 'expenseId'], template: '${date}#${expenseId}' }),
    unpaid: {
      ...gsi(3, { composite: ['businessId'], template: 'BIZ#${businessId}#EXP_UNPAID' }, { composite: ['date', 'expenseId'], template: '${date}#${expenseId}' }),
      // Sparse: an expense is in this index while it is unpaid (what the business still owes).
      condition: (attr: Record<string, unknown>) => attr.status === 'unpaid',
    },
    byClient: {
      ...gsi(4, { composite: ['businessId', 'clientId'], template: 'BIZ#${businessId}#CLI#${clientId}#EXP' }, { composite: ['date', 'expenseId'], template: '${date}#${expenseId}' }),
      condition: (attr: Record<string, unknown>) => typeof attr.clientId === 'string' && attr.clientId.length > 0,
    },
    byProject: {
      ...gsi(5, { composite: ['businessId', 'projectId'], template: 'BIZ#${businessId}#PRJ#${projectId}#EXP' }, { composite: ['date', 'expenseId'], template: '${date}#${expenseId}' }),
      condition: (attr: Record<string, unknown>) => typeof attr.projectId === 'string' && attr.projectId.length > 0,
    },
    byCategory: gsi(6, { composite: ['businessId', 'categoryKey'], template: 'BIZ#${businessId}#EXPCAT#${categoryKey}' }, { composite: ['date', 'expenseId'], template: '${date}#${expenseId}' }),
  },
});

/** The counters of an expense rollup row, in minor units of the row's currency: all, and the paid part. */
const rollupCounters = {
  amount: { type: 'number', required: true, default: 0 },
  count: { type: 'number', required: true, default: 0 },
  paidAmount: { type: 'number', required: true, default: 0 },
  paidCount: { type: 'number', required: true, default: 0 },
} as const;

/**
 * The attributes a rollup row is grouped by: every list filter (member, client, project,
 * category; status is a cell of the counters) and the currency, since amounts of two currencies
 * never add up. "" for no client or project, like the expense.
 */
const rollupGroup = {
  businessId: { type: 'string', required: true },
  userId: { type: 'string', required: true },
  currency: { type: 'string', required: true },
  clientId: { type: 'string', required: true },
  projectId: { type: 'string', required: true },
  categoryKey: { type: 'string', required: true },
} as const;

/**
 * Daily expense totals per member, currency, client, project and category, kept in the
 * transactions that change expenses: list_expenses' totals over a date range read these (and the
 * monthly rows), never the expenses.
 */
export const expenseRollup = new Entity({
  model: model('expenseRollup'),
  attributes: { ...rollupGroup, date: { type: 'string', required: true }, ...rollupCounters },
  indexes: {
    byDate: primary(
      { composite: ['businessId'], template: 'BIZ#${businessId}#EXP_ROLLUP' },
      // The category sits last: it is free text, the parts before it are fixed-format.
      { composite: ['date', 'userId', 'currency', 'clientId', 'projectId', 'categoryKey'], template: '${date}#${userId}#${currency}#${clientId}#${projectId}#${categoryKey}' },
    ),
  },
});

/** The same counters per calendar month (YYYY-MM): a range's whole months are read here. */
export const expenseRollupMonth = new Entity({
  model: model('expenseRollupMonth'),
  attributes: { ...rollupGroup, month: { type: 'string', required: true }, ...rollupCounters },
  indexes: {
    byMonth: primary(
      { composite: ['businessId'], template: 'BIZ#${businessId}#EXP_ROLLUP_MONTH' },
      { composite: ['month', 'userId', 'currency', 'clientId', 'projectId', 'categoryKey'], template: '${month}#${userId}#${currency}#${clientId}#${projectId}#${categoryKey}' },
    ),
  },
});
