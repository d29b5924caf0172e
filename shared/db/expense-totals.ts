import type { EntityItem } from 'electrodb';
import { db } from './service.js';
import type { ExpenseFilters } from './expenses.js';
import { dateBounds } from './time-entries.js';
import { rollupPlan } from './time-totals.js';

type RollupRow = EntityItem<typeof db.entities.expenseRollup>;
type Counters = Pick<RollupRow, 'currency' | 'amount' | 'count' | 'paidAmount' | 'paidCount'>;

/** The total of one currency: amounts of different currencies are never added together. */
export interface CurrencyTotal {
  currency: string;
  count: number;
  amount: number;
  unpaidAmount: number;
}

/**
 * Totals per currency of the expenses a list filter selects, over the WHOLE range, from the
 * rollups and never from the expenses: monthly rows for the range's whole months and daily rows
 * for its partial months (the split time totals use, `rollupPlan`), read in parallel, member /
 * client / project / category filtered on the row. A status picks a cell of each row: paid, or
 * the rest (unpaid). Cost: proportional to the rows of the range (member × currency × client ×
 * project × category combinations that had expenses), never to the expenses.
 */
export async function expenseTotals(businessId: string, f: ExpenseFilters): Promise<CurrencyTotal[]> {
  const { expenseRollup, expenseRollupMonth } = db.entities;
  const plan = rollupPlan(f.from, f.to);
  const filters = { userId: f.userId, clientId: f.clientId, projectId: f.projectId, categoryKey: f.categoryKey };
  const hasFilter = Object.values(filters).some((v) => v !== undefined);
  // Method syntax on purpose: ElectroDB's generic operators are then accepted for both row entities.
  const rowWhere = (a: Record<keyof typeof filters, unknown>, op: { eq(attr: unknown, value: string): string }) =>
    (Object.entries(filters) as [keyof typeof filters, string | undefined][])
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => op.eq(a[k], v!))
      .join(' AND ');
  const reads: Promise<{ data: Counters[] }>[] = plan.days.map(({ from, to }) => {
    const { lo, hi } = dateBounds(from, to);
    const q = expenseRollup.query.byDate({ businessId }).between({ date: lo }, { date: hi });
    return (hasFilter ? q.where(rowWhere) : q).go({ pages: 'all' });
  });
  if (plan.months) {
    const { lo, hi } = dateBounds(plan.months.from, plan.months.to);
    const q = expenseRollupMonth.query.byMonth({ businessId }).between({ month: lo }, { month: hi });
    reads.push((hasFilter ? q.where(rowWhere) : q).go({ pages: 'all' }));
  }
  const rows = (await Promise.all(reads)).flatMap((r) => r.data);
  const totals = new Map<string, CurrencyTotal>();
  for (const r of rows) {
    const cells = [
      { paid: true, amount: r.paidAmount, count: r.paidCount },
      { paid: false, amount: r.amount - r.paidAmount, count: r.count - r.paidCount },
    ].filter((c) => f.status === undefined || c.paid === (f.status === 'paid'));
    let t = totals.get(r.currency);
    if (!t) totals.set(r.currency, (t = { currency: r.currency, count: 0, amount: 0, unpaidAmount: 0 }));
    for (const c of cells) {
      t.count += c.count;
      t.amount += c.amount;
      if (!c.paid) t.unpaidAmount += c.amount;
    }
  }
  // Rows that dropped to zero stay in the table; a currency with nothing left is not a total.
  return [...totals.values()].filter((t) => t.count !== 0).sort((a, b) => a.currency.localeCompare(b.currency));
}
