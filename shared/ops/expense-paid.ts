import { z } from 'zod';
import type { ExpenseRecord } from '../db/expenses.js';
import { todayIn } from '../time/zone.js';
import { actedOn, commit } from './commit.js';
import { conflict, invalidInput } from './errors.js';
import { describeExpense, expenseFields, expenseInWords, expenseOut, toExpense } from './expense-schemas.js';
import { changeableExpense, changedMeanwhile, expenseChange } from './expense-writes.js';
import { defineOperation } from './operation.js';
import { actedOn as actedOnSchema, calendarDate, text } from './schemas.js';
import { earliestDate } from './time-when.js';
import { nextUpdatedAt } from './versions.js';

const bad = (field: string, message: string) => invalidInput(`Invalid input: ${field}: ${message}`, { fields: [{ field, message }] });

/** The payment details a call gives that differ from those recorded (an omitted detail never differs). */
function differences(x: ExpenseRecord, input: { paid_on?: string; method?: string; reference?: string }): string[] {
  const recorded = { paid_on: x.paidOn, method: x.paidMethod, reference: x.paidReference };
  return (['paid_on', 'method', 'reference'] as const).filter((k) => input[k] !== undefined && input[k] !== recorded[k]);
}

export const markExpensePaidOp = defineOperation({
  name: 'mark_expense_paid',
  title: 'Mark expense paid',
  description:
    'Record that an expense was paid (reimbursed or settled): paid_on (YYYY-MM-DD, default today in the business time zone, not in the future), optional method (up to 50 characters) and reference (up to 200). Owners and admins only. ' +
    'Marking a paid expense again with the same or no details changes nothing (changed: false); different details are a conflict naming the recorded ones.',
  input: z.strictObject({
    expense_id: expenseFields.expense_id,
    paid_on: calendarDate.optional().describe('YYYY-MM-DD, not in the future; default today in the business time zone'),
    method: text(50).optional().describe('How it was paid, e.g. bank transfer'),
    reference: text(200).optional().describe('Bank or payment reference'),
  }),
  output: z.object({ expense: expenseOut, changed: z.boolean().describe('False when the expense was already paid with these details'), acted_on: actedOnSchema }),
  idempotent: true,
  async handler(ctx, input) {
    const today = todayIn(ctx.business.timeZone);
    const paidOn = input.paid_on ?? today;
    if (paidOn > today) throw bad('paid_on', `${paidOn} is in the future (today is ${today} in the business's time zone)`);
    if (paidOn < earliestDate) throw bad('paid_on', `${paidOn} is before ${earliestDate}`);
    const { expense: current } = await changeableExpense(ctx, 'mark_expense_paid', input.expense_id);
    if (current.status === 'paid') {
      const differ = differences(current, input);
      if (differ.length) {
        const recorded = [`on ${current.paidOn}`, current.paidMethod && `by ${current.paidMethod}`, current.paidReference && `reference ${current.paidReference}`].filter(Boolean).join(', ');
        throw conflict(`Expense ${current.expenseId} is already paid (${recorded}); the recorded payment is kept and nothing changed.`, {
          paid_on: current.paidOn,
          method: current.paidMethod ?? null,
          reference: current.paidReference ?? null,
        });
      }
      // Already paid as asked: the same answer again, and nothing written (no activity either).
      return { expense: toExpense(current), changed: false, acted_on: actedOn(ctx) };
    }
    const next: ExpenseRecord = { ...current, status: 'paid', paidOn, paidMethod: input.method, paidReference: input.reference, updatedAt: nextUpdatedAt(current.updatedAt) };
    const out = toExpense(next);
    return commit(ctx, {
      writes: expenseChange(ctx, current, next, false),
      activity: { operation: 'mark_expense_paid', targetId: current.expenseId, summary: `Marked the expense of ${expenseInWords(out)} as paid on ${paidOn}` },
      result: { expense: out, changed: true, acted_on: actedOn(ctx) },
      onConflict: () => changedMeanwhile(current.expenseId),
    });
  },
  summarize: (o) => (o.changed ? `Marked expense ${describeExpense(o.expense)} paid on ${o.expense.paid_on}.` : `Expense ${describeExpense(o.expense)} was already paid on ${o.expense.paid_on}; nothing changed.`),
});
