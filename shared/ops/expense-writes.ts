import { z } from 'zod';
import { expenseCreate, expenseDelete, expenseWrite, type ExpenseRecord } from '../db/expenses.js';
import { expenseRollupWrites } from '../db/expense-rollups.js';
import type { TxEntities } from '../db/service.js';
import { lookup, type Wanted } from '../db/time-lookup.js';
import { newId } from '../ids.js';
import { changedInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { actedOn, commit } from './commit.js';
import { conflict, forbidden, invalidInput, notFound } from './errors.js';
import { categoryAddWrite, categoryField, resolveCategory } from './expense-categories.js';
import { linksToRead, resolveLinks } from './expense-client-project.js';
import { describeExpense, expenseFields, expenseInWords, expenseOut, expenseWriteOut, toExpense } from './expense-schemas.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly, ruleAllows } from './permissions.js';
import { actedOn as actedOnSchema, idempotencyKeyField } from './schemas.js';
import { checkDate } from './time-when.js';
import { nextUpdatedAt } from './versions.js';

/** The expense and what else the write needs, in one BatchGet, if the caller may change it: their own, or anyone's for admin+. */
export async function changeableExpense(ctx: OpContext, op: 'update_expense' | 'delete_expense' | 'mark_expense_paid', expenseId: string, also: Omit<Wanted, 'expense'> = {}) {
  const found = await lookup(ctx.businessId, { ...also, expense: expenseId });
  const expense = found.expense;
  if (!expense) throw notFound('expense', expenseId);
  if (ownRecordsOnly(ctx, op) && expense.userId !== ctx.userId) {
    throw forbidden(`Expense ${expenseId} belongs to another member; a member can change only their own expenses (an owner or admin can change it).`);
  }
  return { expense, found };
}

export const changedMeanwhile = (expenseId: string) => conflict(`Expense ${expenseId} changed while this request ran; read it again and retry.`);

/** The writes of one expense change: the expense, its rollups, and a category new to the business. */
export function expenseChange(ctx: OpContext, before: ExpenseRecord | null, after: ExpenseRecord, addCategory: boolean) {
  return (e: TxEntities) => [
    before ? expenseWrite(e, after, before.updatedAt) : expenseCreate(e, after),
    ...expenseRollupWrites(e, ctx.businessId, [{ before, after }]),
    ...(addCategory ? [categoryAddWrite(e, ctx.businessId, after.category)] : []),
  ];
}

export const createExpenseOp = defineOperation({
  name: 'create_expense',
  title: 'Create expense',
  description:
    'Record money you spent: date (business-local, 2000-01-01 to tomorrow), amount (integer minor units, > 0), currency (default the business currency), category; optional vendor, description, client_id, project_id (its client follows; client_id, if also given, must match) and billable (default false). ' +
    'The expense is yours and unpaid. A category matching a known one in any case takes its spelling; a new one is added to the business (category_added: true). list_expenses shows the categories.',
  input: z.strictObject({
    date: expenseFields.date,
    amount: expenseFields.amount,
    currency: expenseFields.currency.optional(),
    category: categoryField,
    vendor: expenseFields.vendor.optional(),
    description: expenseFields.description.optional(),
    client_id: expenseFields.client_id.optional(),
    project_id: expenseFields.project_id.optional(),
    billable: expenseFields.billable.default(false),
    idempotency_key: idempotencyKeyField,
  }),
  output: expenseWriteOut,
  keyed: true,
  async handler(ctx, input) {
    checkDate('date', input.date, ctx.business.timeZone, new Date());
    const category = resolveCategory(ctx.business, input.category);
    const links = resolveLinks(null, input, await lookup(ctx.businessId, linksToRead(input)));
    const now = new Date().toISOString();
    const expense: ExpenseRecord = {
      businessId: ctx.businessId,
      expenseId: newId('expense'),
      userId: ctx.userId,
      date: input.date,
      amount: input.amount,
      currency: input.currency ?? ctx.business.currency,
      category: category.category,
      categoryKey: category.categoryKey,
      vendor: input.vendor,
      description: input.description,
      ...links,
      billable: input.billable,
      status: 'unpaid',
      createdAt: now,
      updatedAt: now,
    };
    const out = toExpense(expense);
    return commit(ctx, {
      writes: expenseChange(ctx, null, expense, category.added),
      activity: { operation: 'create_expense', targetId: expense.expenseId, summary: `Recorded an expense of ${expenseInWords(out)}${category.added ? `; added the new category ${expense.category}` : ''}` },
      result: { expense: out, category_added: category.added, acted_on: actedOn(ctx) },
    });
  },
  summarize: (o) => `Recorded expense ${describeExpense(o.expense)}, unpaid${o.category_added ? `; added the new category ${o.expense.category}` : ''}.`,
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

const expenseFieldWords = {
  date: 'date',
  amount: 'amount',
  currency: 'currency',
  category: 'category',
  vendor: 'vendor',
  description: 'description',
  client_id: 'client',
  project_id: 'project',
  billable: 'billable setting',
};

export const updateExpenseOp = defineOperation({
  name: 'update_expense',
  title: 'Update expense',
  description:
    'Partial update of an expense (your own; admin+ any): date, amount, currency, category, vendor, description, client_id, project_id, billable; null clears vendor, description, client_id or project_id. ' +
    'project_id sets the client too; clearing project_id keeps the client. A paid expense keeps its amount and currency unless you are an owner or admin.',
  input: z.strictObject({
    expense_id: expenseFields.expense_id,
    date: expenseFields.date.optional(),
    amount: expenseFields.amount.optional(),
    currency: expenseFields.currency.optional().describe('ISO 4217'),
    category: categoryField.optional(),
    vendor: nullable(expenseFields.vendor),
    description: nullable(expenseFields.description),
    client_id: nullable(expenseFields.client_id),
    project_id: nullable(expenseFields.project_id),
    billable: expenseFields.billable.optional(),
  }),
  output: expenseWriteOut,
  idempotent: true,
  async handler(ctx, input) {
    const { expense_id, ...changes } = input;
    if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update: give at least one field besides expense_id.');
    if (input.date !== undefined) checkDate('date', input.date, ctx.business.timeZone, new Date());
    const { expense: current, found } = await changeableExpense(ctx, 'update_expense', expense_id, linksToRead(input));
    const amountChanges = (input.amount !== undefined && input.amount !== current.amount) || (input.currency !== undefined && input.currency !== current.currency);
    if (current.status === 'paid' && amountChanges && !ruleAllows(ctx, 'update_expense', 'change_paid_amount')) {
      throw forbidden(`Expense ${expense_id} is paid (on ${current.paidOn}); its amount and currency stay as paid. An owner or admin can correct them.`);
    }
    const category = input.category === undefined ? null : resolveCategory(ctx.business, input.category);
    const links = resolveLinks(current, input, found);
    const next: ExpenseRecord = {
      ...current,
      ...links,
      date: input.date ?? current.date,
      amount: input.amount ?? current.amount,
      currency: input.currency ?? current.currency,
      ...(category ? { category: category.category, categoryKey: category.categoryKey } : {}),
      vendor: input.vendor === null ? undefined : (input.vendor ?? current.vendor),
      description: input.description === null ? undefined : (input.description ?? current.description),
      billable: input.billable ?? current.billable,
      updatedAt: nextUpdatedAt(current.updatedAt),
    };
    const added = category?.added ?? false;
    const out = toExpense(next);
    return commit(ctx, {
      writes: expenseChange(ctx, current, next, added),
      activity: {
        operation: 'update_expense',
        targetId: expense_id,
        summary: `Updated the expense of ${expenseInWords(out)}: ${changedInWords(changes, expenseFieldWords, current, next)}${added ? `; added the new category ${next.category}` : ''}`,
      },
      result: { expense: out, category_added: added, acted_on: actedOn(ctx) },
      onConflict: () => changedMeanwhile(expense_id),
    });
  },
  summarize: (o) => `Updated expense ${describeExpense(o.expense)}, ${o.expense.status}${o.category_added ? `; added the new category ${o.expense.category}` : ''}.`,
});

export const deleteExpenseOp = defineOperation({
  name: 'delete_expense',
  title: 'Delete expense',
  description: 'Delete an expense (your own; admin+ any). A paid expense is a record of money paid out: only an owner or admin can delete it.',
  input: z.strictObject({ expense_id: expenseFields.expense_id }),
  output: z.object({ deleted: expenseOut, acted_on: actedOnSchema }),
  destructive: true,
  idempotent: false,
  async handler(ctx, input) {
    const { expense } = await changeableExpense(ctx, 'delete_expense', input.expense_id);
    if (expense.status === 'paid' && !ruleAllows(ctx, 'delete_expense', 'delete_paid')) {
      throw forbidden(`Expense ${input.expense_id} is paid (on ${expense.paidOn}); only an owner or admin can delete a paid expense.`);
    }
    const out = toExpense(expense);
    return commit(ctx, {
      writes: (e) => [expenseDelete(e, expense), ...expenseRollupWrites(e, ctx.businessId, [{ before: expense, after: null }])],
      activity: { operation: 'delete_expense', targetId: expense.expenseId, summary: `Deleted the expense of ${expenseInWords(out)}` },
      result: { deleted: out, acted_on: actedOn(ctx) },
      onConflict: () => changedMeanwhile(input.expense_id),
    });
  },
  summarize: (o) => `Deleted expense ${describeExpense(o.deleted)}.`,
});
