import type { InvoiceRecord } from '../db/invoices.js';
import { nextUpdatedAt } from './versions.js';

/** Bounds that keep every amount, and every sum of them, exact in a JavaScript number. */
export const maxLineAmount = 1_000_000_000_000;
export const maxInvoiceTotal = 1_000_000_000_000_000;

/**
 * The next version of a header whose lines do not change (a header field, a status, a payment).
 * Line changes go through headerAfter (invoice-generate-batch.ts), which recomputes the totals.
 */
export function nextVersion(current: InvoiceRecord, changes: Partial<InvoiceRecord>): InvoiceRecord {
  return { ...current, ...changes, revision: current.revision + 1, updatedAt: nextUpdatedAt(current.updatedAt) };
}
