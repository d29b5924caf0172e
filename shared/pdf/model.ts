import { createHash } from 'node:crypto';
import type { InvoiceDoc } from '../db/invoices.js';
import type { BusinessRecord } from '../ops/context.js';
import { sellerOf } from '../ops/invoice-parties.js';
import { toInvoice, type InvoiceOut } from '../ops/invoice-view.js';
import { todayIn } from '../time/zone.js';

/**
 * What the PDF shows: the invoice exactly as get_invoice returns it (amounts already formatted for
 * the currency by the same code), and who bills. An issued invoice carries its own snapshot of the
 * seller; a draft has none yet, so it shows the business as it is now, as issuing would copy it.
 * `overdue` depends on the day, not on the invoice, so the document leaves it out: the same
 * invoice always renders to the same document.
 */
export type ShownInvoice = Omit<InvoiceOut, 'overdue' | 'days_overdue'>;
export type Seller = NonNullable<InvoiceOut['seller']>;

export interface PdfInvoice {
  invoice: ShownInvoice;
  seller: Seller;
}

export function pdfInvoiceOf(doc: InvoiceDoc, business: BusinessRecord, now = new Date()): PdfInvoice {
  const { overdue: _overdue, days_overdue: _days, ...invoice } = toInvoice(doc, todayIn(business.timeZone, now));
  const current = sellerOf(business);
  const seller = invoice.seller ?? { name: current.name, address: current.address ?? null, tax_id: current.taxId ?? null };
  return { invoice, seller };
}

/** How the invoice is named on every page and as a file: its number, or that it is a draft. */
export function documentName(p: PdfInvoice): string {
  return p.invoice.number ? `Invoice ${p.invoice.number}` : 'Draft invoice';
}

/**
 * Bumped whenever the layout changes, so stored PDFs of unchanged invoices are rendered again
 * once with the new layout instead of being served forever in the old one.
 */
export const layoutVersion = 2;

/** A digest of everything the document shows: equal digests mean an identical document. */
export function fingerprintOf(p: PdfInvoice): string {
  return createHash('sha256').update(`${layoutVersion}\n${JSON.stringify(p)}`).digest('base64url');
}
