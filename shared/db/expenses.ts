import { db, type TxEntities } from './service.js';
import { dateBounds } from './time-entries.js';
import type { ExpenseRecord } from './time-lookup.js';
import { readPage } from './filtered-page.js';

export type { ExpenseRecord } from './time-lookup.js';

type Where = Parameters<ReturnType<TxEntities['expense']['delete']>['where']>[0];

/** The version that was read: a write conditioned on it fails when anything changed since. */
const unchangedSince = (updatedAt: string): Where => (a, op) => op.eq(a.updatedAt, updatedAt);

export function expenseCreate(e: TxEntities, x: ExpenseRecord) {
  return e.expense.create(x).commit();
}

/**
 * THE way to change an existing expense: a put of the whole item, conditioned on the version read.
 * A put recomputes every index key from the item (the sparse unpaid, client and project indexes
 * included) and drops attributes the new version lacks, so no index can go stale whatever changed.
 * Give `next.updatedAt` a new version (nextUpdatedAt).
 */
export function expenseWrite(e: TxEntities, next: ExpenseRecord, readUpdatedAt: string) {
  return e.expense.put(next).where(unchangedSince(readUpdatedAt)).commit();
}

export function expenseDelete(e: TxEntities, x: ExpenseRecord) {
  return e.expense.delete({ businessId: x.businessId, expenseId: x.expenseId }).where(unchangedSince(x.updatedAt)).commit();
}

export interface ExpenseFilters {
  from?: string;
  to?: string;
  /** The author: a member lists only their own. */
  userId?: string;
  clientId?: string;
  projectId?: string;
  /** Lower-cased category (the expense's categoryKey). */
  categoryKey?: string;
  status?: 'unpaid' | 'paid';
}

export type ExpenseIndex = 'byMember' | 'byProject' | 'byClient' | 'byCategory' | 'unpaid' | 'byDate';

/**
 * The most selective index for the filters: the member (a member's own expenses: the key itself
 * keeps them to theirs), the project, the client, the category, the sparse unpaid index, or the
 * whole business by date. Every index is sorted by date, so the range is always a key condition;
 * the other filters are filter expressions.
 */
export function chooseExpenseIndex(f: ExpenseFilters): ExpenseIndex {
  if (f.userId) return 'byMember';
  if (f.projectId) return 'byProject';
  if (f.clientId) return 'byClient';
  if (f.categoryKey) return 'byCategory';
  if (f.status === 'unpaid') return 'unpaid';
  return 'byDate';
}


/** A page of expenses, newest first, from the index chooseExpenseIndex picks; other filters as filter expressions. */
export async function listExpenses(businessId: string, f: ExpenseFilters, page: { limit: number; cursor?: string }): Promise<{ items: ExpenseRecord[]; cursor: string | null }> {
  const q = db.entities.expense.query;
  const index = chooseExpenseIndex(f);
  const { lo, hi } = dateBounds(f.from, f.to);
  const base = {
    byMember: () => q.byMember({ businessId, userId: f.userId! }),
    byProject: () => q.byProject({ businessId, projectId: f.projectId! }),
    byClient: () => q.byClient({ businessId, clientId: f.clientId! }),
    byCategory: () => q.byCategory({ businessId, categoryKey: f.categoryKey! }),
    unpaid: () => q.unpaid({ businessId }),
    byDate: () => q.byDate({ businessId }),
  }[index]().between({ date: lo }, { date: hi });
  // Filters the index key does not already answer.
  const conditions: Where[] = [];
  if (f.projectId && index !== 'byProject') conditions.push((a, op) => op.eq(a.projectId, f.projectId));
  // A project implies its client: the project's index already holds only that client's expenses.
  if (f.clientId && index !== 'byClient' && index !== 'byProject') conditions.push((a, op) => op.eq(a.clientId, f.clientId));
  if (f.categoryKey && index !== 'byCategory') conditions.push((a, op) => op.eq(a.categoryKey, f.categoryKey));
  if (f.status && index !== 'unpaid') conditions.push((a, op) => op.eq(a.status, f.status));
  const query = conditions.length ? base.where((a, op) => conditions.map((c) => c(a, op)).join(' AND ')) : base;

  return readPage((limit, cursor) => query.go({ order: 'desc', limit, cursor }), { ...page, filtered: conditions.length > 0 });
}
