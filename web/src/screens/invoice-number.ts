import { callOp } from '../lib/api';
import type { InvoiceSummary } from '../lib/types';

/**
 * The number issuing will give: the business's current prefix and the next sequence, one past the
 * highest number issued so far (numbers are gap-free across prefixes, zero-padded to 4 digits).
 * Read from the invoice list, so someone issuing at the same moment can take it first; the
 * confirmation says so. Nothing depends on it: the server assigns the number.
 */
export async function nextInvoiceNumber(businessId: string, prefix: string): Promise<string> {
  let highest = 0;
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const r: { items: InvoiceSummary[]; next_cursor: string | null } = await callOp(businessId, 'list_invoices', { status: 'all', limit: 100, ...(cursor ? { cursor } : {}) });
    for (const i of r.items) {
      const seq = i.number ? Number(/(\d+)$/.exec(i.number)?.[1] ?? 0) : 0;
      if (seq > highest) highest = seq;
    }
    cursor = r.next_cursor;
    if (!cursor) break;
  }
  return `${prefix}${String(highest + 1).padStart(4, '0')}`;
}
