import type { ClientRecord } from '../db/clients.js';
import type { InvoiceRecord } from '../db/invoices.js';
import type { BusinessRecord } from './context.js';

/**
 * Who an invoice bills and who bills, as the invoice shows them. Copied onto the invoice when a
 * draft is created and again when it is issued, then never changed: renaming a client or moving
 * the business must not rewrite an invoice that was already sent.
 */
export function billToOf(c: ClientRecord): NonNullable<InvoiceRecord['billTo']> {
  const address = c.address && Object.keys(c.address).length ? c.address : undefined;
  return { name: c.name, ...(c.email ? { email: c.email } : {}), ...(c.taxId ? { taxId: c.taxId } : {}), ...(address ? { address } : {}) };
}

export function sellerOf(b: BusinessRecord): NonNullable<InvoiceRecord['seller']> {
  return { name: b.name, ...(b.address ? { address: b.address } : {}), ...(b.taxId ? { taxId: b.taxId } : {}) };
}
