import type { Operation } from './operation.js';
import { createDraftInvoiceOp, deleteDraftInvoiceOp, updateDraftInvoiceOp } from './invoice-drafts.js';
import { generateInvoiceFromTimeOp } from './invoice-generate.js';
import { issueInvoiceOp } from './invoice-issue.js';
import { addInvoiceLineOp, removeInvoiceLineOp } from './invoice-lines.js';
import { markInvoicePaidOp } from './invoice-payments.js';
import { getInvoiceOp, listInvoicesOp } from './invoice-read.js';
import { voidInvoiceOp } from './invoice-void.js';

/**
 * list_invoices, get_invoice, create_draft_invoice, update_draft_invoice, generate_invoice_from_time,
 * add_invoice_line, remove_invoice_line, delete_draft_invoice, issue_invoice, mark_invoice_paid,
 * void_invoice (in catalogue order).
 */
export const invoiceOperations = [
  listInvoicesOp,
  getInvoiceOp,
  createDraftInvoiceOp,
  updateDraftInvoiceOp,
  generateInvoiceFromTimeOp,
  addInvoiceLineOp,
  removeInvoiceLineOp,
  deleteDraftInvoiceOp,
  issueInvoiceOp,
  markInvoicePaidOp,
  voidInvoiceOp,
] as unknown as Operation[];
