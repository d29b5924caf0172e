import type { TxEntities } from './service.js';
import type { ExpenseRecord } from './time-lookup.js';

/**
 * Expense totals that list_expenses reads instead of expenses, kept current in the same
 * transaction as every expense change: a daily and a monthly row per (date or month, member,
 * currency, client, project, category). A change is (before, after) of one expense; the deltas
 * are merged per row, because DynamoDB refuses a transaction that names one item twice, and a
 * row whose delta is zero is not written (an edit of the vendor touches no row).
 */
export interface ExpenseChange {
  before: ExpenseRecord | null;
  after: ExpenseRecord | null;
}

interface RollupDelta {
  period: 'day' | 'month';
  /** YYYY-MM-DD for a daily row, YYYY-MM for a monthly one. */
  date: string;
  userId: string;
  currency: string;
  clientId: string;
  projectId: string;
  categoryKey: string;
  amount: number;
  count: number;
  paidAmount: number;
  paidCount: number;
}

export function expenseRollupDeltas(changes: readonly ExpenseChange[]): RollupDelta[] {
  const rows = new Map<string, RollupDelta>();
  const apply = (x: ExpenseRecord, sign: number) => {
    const paid = x.status === 'paid';
    for (const [period, date] of [['day', x.date], ['month', x.date.slice(0, 7)]] as const) {
      const group = { period, date, userId: x.userId, currency: x.currency, clientId: x.clientId, projectId: x.projectId, categoryKey: x.categoryKey };
      const key = JSON.stringify(group);
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { ...group, amount: 0, count: 0, paidAmount: 0, paidCount: 0 }));
      row.amount += sign * x.amount;
      row.count += sign;
      row.paidAmount += sign * (paid ? x.amount : 0);
      row.paidCount += sign * (paid ? 1 : 0);
    }
  };
  for (const c of changes) {
    if (c.before) apply(c.before, -1);
    if (c.after) apply(c.after, 1);
  }
  return [...rows.values()].filter((r) => r.amount !== 0 || r.count !== 0 || r.paidAmount !== 0 || r.paidCount !== 0);
}

/** Upserting ADDs on the rows (created on first use): at most 4 writes for one expense change. */
export function expenseRollupWrites(e: TxEntities, businessId: string, changes: readonly ExpenseChange[]): unknown[] {
  return expenseRollupDeltas(changes).map(({ period, date, amount, count, paidAmount, paidCount, ...group }) => {
    const add = { amount, count, paidAmount, paidCount };
    return period === 'day'
      ? e.expenseRollup.update({ businessId, date, ...group }).add(add).commit()
      : e.expenseRollupMonth.update({ businessId, month: date, ...group }).add(add).commit();
  });
}
