import { z } from 'zod';
import { openCursor, sealCursor } from '../db/cursor.js';
import { expenseTotals } from '../db/expense-totals.js';
import { listExpenses, type ExpenseFilters } from '../db/expenses.js';
import { lookup } from '../db/time-lookup.js';
import { formatMoney } from '../money/currency.js';
import { invalidInput, notFound } from './errors.js';
import { categoryField, filterCategoryKey, knownCategories } from './expense-categories.js';
import { expenseFields, expenseOut, toExpense } from './expense-schemas.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly } from './permissions.js';
import { calendarDate, cursorField, listLimit } from './schemas.js';

const totalOut = z.object({
  currency: z.string(),
  count: z.number().int().describe('Expenses in this currency'),
  amount: z.number().int().describe('Their sum, minor units of currency'),
  amount_formatted: z.string(),
  unpaid_amount: z.number().int().describe('The part not yet paid, minor units of currency'),
  unpaid_formatted: z.string(),
});

const bad = (field: string, message: string) => invalidInput(`Invalid input: ${field}: ${message}`, { fields: [{ field, message }] });

export const listExpensesOp = defineOperation({
  name: 'list_expenses',
  title: 'List expenses',
  description:
    'Expenses newest first. Filter by from/to (business-local dates, inclusive), category, client_id, project_id, status (unpaid, paid, all; default all). Members see only their own; owners and admins see everyone’s. ' +
    'totals has one entry per currency (amounts of different currencies are never added) over the WHOLE filtered range, not just this page. categories lists the business’s expense categories.',
  input: z.strictObject({
    from: calendarDate.optional().describe('First business-local date, YYYY-MM-DD, inclusive'),
    to: calendarDate.optional().describe('Last business-local date, YYYY-MM-DD, inclusive'),
    category: categoryField.optional().describe('One of the business’s categories (any case)'),
    client_id: expenseFields.client_id.optional(),
    project_id: expenseFields.project_id.optional(),
    status: z.enum(['unpaid', 'paid', 'all']).default('all'),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: z.object({ items: z.array(expenseOut), next_cursor: z.string().nullable(), totals: z.array(totalOut), categories: z.array(z.string()) }),
  idempotent: true,
  async handler(ctx, input) {
    if (input.from && input.to && input.from > input.to) throw bad('to', `${input.to} is before from ${input.from}`);
    const filters: ExpenseFilters = {
      from: input.from,
      to: input.to,
      // A member's list is their own, whatever the filters: the member index is the key condition.
      userId: ownRecordsOnly(ctx, 'list_expenses') ? ctx.userId : undefined,
      clientId: input.client_id,
      projectId: input.project_id,
      categoryKey: input.category === undefined ? undefined : filterCategoryKey(ctx.business, input.category),
      status: input.status === 'all' ? undefined : input.status,
    };
    const listName = `expenses:${JSON.stringify(filters)}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    // Independent reads at once: a page, the totals, and the records the filters name.
    const [page, totals, found] = await Promise.all([
      listExpenses(ctx.businessId, filters, { limit: input.limit, cursor }),
      expenseTotals(ctx.businessId, filters),
      lookup(ctx.businessId, { project: input.project_id, client: input.client_id }),
    ]);
    if (input.project_id && !found.project) throw notFound('project', input.project_id);
    if (input.client_id && !found.client) throw notFound('client', input.client_id);
    if (found.project && input.client_id && found.project.clientId !== input.client_id) {
      throw bad('client_id', `project ${found.project.projectId} belongs to client ${found.project.clientId}, not ${input.client_id}; give that client_id or omit it`);
    }
    return {
      items: page.items.map(toExpense),
      next_cursor: sealCursor(ctx.businessId, listName, page.cursor),
      totals: totals.map((t) => ({
        currency: t.currency,
        count: t.count,
        amount: t.amount,
        amount_formatted: formatMoney(t.amount, t.currency),
        unpaid_amount: t.unpaidAmount,
        unpaid_formatted: formatMoney(t.unpaidAmount, t.currency),
      })),
      categories: knownCategories(ctx.business),
    };
  },
  summarize: (o) =>
    `${o.items.length} expense(s) on this page${o.next_cursor ? ' (more with next_cursor)' : ''}; in the whole range ${
      o.totals.map((t) => `${t.count} in ${t.currency}, ${t.amount_formatted} (${t.unpaid_formatted} unpaid)`).join('; ') || 'none'
    }.`,
});
