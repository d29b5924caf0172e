import type { Operation } from './operation.js';

/**
 * list_invoices, get_invoice, create_draft_invoice, update_draft_invoice, generate_invoice_from_time,
 * add_invoice_line, remove_invoice_line, delete_draft_invoice, issue_invoice, mark_invoice_paid,
 * void_invoice (in catalogue order).
 */
export const invoiceOperations: Operation[] = [];
