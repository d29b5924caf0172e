import type { Operation } from './operation.js';
import { listExpensesOp } from './expense-list.js';
import { markExpensePaidOp } from './expense-paid.js';
import { createExpenseOp, deleteExpenseOp, updateExpenseOp } from './expense-writes.js';

/** The Expenses section of TOOLS.md, in catalogue order. */
export const expenseOperations = [listExpensesOp, createExpenseOp, updateExpenseOp, markExpensePaidOp, deleteExpenseOp] as unknown as Operation[];
