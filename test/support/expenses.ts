import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { db } from '../../shared/db/service.js';
import { structured, type Member } from './tenant.js';

export interface Expense {
  id: string;
  date: string;
  amount: number;
  amount_formatted: string;
  currency: string;
  category: string;
  vendor: string | null;
  description: string | null;
  client_id: string | null;
  project_id: string | null;
  billable: boolean;
  status: 'unpaid' | 'paid';
  paid_on: string | null;
  paid_method: string | null;
  paid_reference: string | null;
  member_id: string;
  created_at: string;
  updated_at: string;
}

export interface ExpenseTotal {
  currency: string;
  count: number;
  amount: number;
  amount_formatted: string;
  unpaid_amount: number;
  unpaid_formatted: string;
}

export interface ExpenseList {
  items: Expense[];
  next_cursor: string | null;
  totals: ExpenseTotal[];
  categories: string[];
}

export interface ExpenseWrite {
  expense: Expense;
  category_added: boolean;
  acted_on: { business_id: string; business_name: string; user_id: string; user_name: string };
}

/** A valid expense with what a test does not care about filled in. */
export async function createExpense(m: Member, args: Record<string, unknown> = {}): Promise<Expense> {
  return structured<ExpenseWrite>(await m.call('create_expense', { date: '2025-06-02', amount: 1250, category: 'Travel', ...args })).expense;
}

export async function listExpenses(m: Member, args: Record<string, unknown> = {}): Promise<ExpenseList> {
  return structured<ExpenseList>(await m.call('list_expenses', { limit: 100, ...args }));
}

/** The message of a failed tool result. */
export const errorMessage = (r: CallToolResult) => (r._meta?.['clerq/error'] as { message: string }).message;

/** The business's own expense categories as stored (the defaults are never stored). */
export async function storedCategories(businessId: string): Promise<string[] | undefined> {
  const { data } = await db.entities.business.get({ businessId }).go();
  return data?.expenseCategories;
}

export async function storedExpense(businessId: string, expenseId: string) {
  const { data } = await db.entities.expense.get({ businessId, expenseId }).go();
  return data;
}
