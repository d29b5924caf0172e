import { z } from 'zod';
import type { ExpenseRecord } from '../db/expenses.js';
import { formatMoney } from '../money/currency.js';
import { actedOn as actedOnSchema, calendarDate, currencyCode, idOf, minorUnits, text } from './schemas.js';

/** The input fields of the expense tools, defined once. */
export const expenseFields = {
  expense_id: idOf('expense'),
  date: calendarDate.describe('Business-local date the money was spent, YYYY-MM-DD, from 2000-01-01 to tomorrow'),
  amount: minorUnits.min(1).describe('Integer minor units of the expense currency (cents for USD, yen for JPY), > 0'),
  currency: currencyCode.describe('ISO 4217; default the business currency'),
  vendor: text(200).describe('Who was paid, up to 200 characters'),
  description: text(2000).describe('What it was for, up to 2000 characters'),
  client_id: idOf('client').describe('The client the expense is for'),
  project_id: idOf('project').describe('The project the expense is for; its client follows'),
  billable: z.boolean().describe('Whether the expense is to be passed on to the client'),
};

export const expenseOut = z.object({
  id: z.string(),
  date: z.string(),
  amount: z.number().int().describe('Minor units of currency'),
  amount_formatted: z.string().describe('For reading only; amount is the contract'),
  currency: z.string(),
  category: z.string(),
  vendor: z.string().nullable(),
  description: z.string().nullable(),
  client_id: z.string().nullable(),
  project_id: z.string().nullable(),
  billable: z.boolean(),
  status: z.enum(['unpaid', 'paid']),
  paid_on: z.string().nullable(),
  paid_method: z.string().nullable(),
  paid_reference: z.string().nullable(),
  member_id: z.string().describe('Who spent it (the author, a user id)'),
  created_at: z.string(),
  updated_at: z.string(),
});

export type ExpenseOut = z.output<typeof expenseOut>;

/** create_expense and update_expense: the expense, and whether its category is new to the business. */
export const expenseWriteOut = z.object({
  expense: expenseOut,
  category_added: z.boolean().describe('True when this call added the category to the business’s categories'),
  acted_on: actedOnSchema,
});

export function toExpense(x: ExpenseRecord): ExpenseOut {
  return {
    id: x.expenseId,
    date: x.date,
    amount: x.amount,
    amount_formatted: formatMoney(x.amount, x.currency),
    currency: x.currency,
    category: x.category,
    vendor: x.vendor ?? null,
    description: x.description ?? null,
    // "" in storage means none (the sparse indexes need a value).
    client_id: x.clientId || null,
    project_id: x.projectId || null,
    billable: x.billable,
    status: x.status,
    paid_on: x.paidOn ?? null,
    paid_method: x.paidMethod ?? null,
    paid_reference: x.paidReference ?? null,
    member_id: x.userId,
    created_at: x.createdAt,
    updated_at: x.updatedAt,
  };
}

/** "$12.34 Travel at Acme on 2026-03-01 (exp_…)": how tool summaries name an expense. */
export function describeExpense(x: Pick<ExpenseOut, 'id' | 'amount_formatted' | 'category' | 'vendor' | 'date'>): string {
  return `${x.amount_formatted} ${x.category}${x.vendor ? ` at ${x.vendor}` : ''} on ${x.date} (${x.id})`;
}

/** "$12.34 at Acme (Travel) on 2026-03-01": how the activity log names an expense, without its id. */
export function expenseInWords(x: Pick<ExpenseOut, 'amount_formatted' | 'category' | 'vendor' | 'date'>): string {
  return `${x.amount_formatted}${x.vendor ? ` at ${x.vendor}` : ''} (${x.category}) on ${x.date}`;
}
