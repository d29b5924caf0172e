import { z } from 'zod';
import { db } from '../db/service.js';
import { pdfLinkLifetimeSeconds, pdfLinkUrl } from '../pdf/link.js';
import { formatInstant } from '../time/zone.js';
import { invoiceInWords } from './activity-words.js';
import { commit } from './commit.js';
import { notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { idOf } from './schemas.js';

/**
 * get_invoice_pdf_link: a link to the invoice's PDF that anyone holding it can open for 15 minutes
 * without signing in (shared/pdf/link.ts). It is made, not stored: the activity record is the
 * trace, written in one transaction with a check that the invoice exists in this business, so a
 * link is never handed out for an invoice that is not there. The invoice's header is read first
 * (one item, not its lines) for the number or client the record names it by.
 */
export const getInvoicePdfLinkOp = defineOperation({
  name: 'get_invoice_pdf_link',
  title: 'Get invoice PDF link',
  description:
    `A link to the PDF of an invoice (a draft shows a DRAFT mark), valid ${pdfLinkLifetimeSeconds / 60} minutes, that opens in a browser without signing in: give it to the person, not to a fetch tool. ` +
    'It always shows the invoice as it is when opened. Ask for a new link once it has expired.',
  input: z.strictObject({ invoice_id: idOf('invoice') }),
  output: z.object({
    url: z.string().describe('Opens the PDF; anyone with the link can, until it expires'),
    expires_at: z.string().describe('RFC 3339, in the business time zone'),
  }),
  async handler(ctx, input) {
    const { data: invoice } = await db.entities.invoice.get({ businessId: ctx.businessId, invoiceId: input.invoice_id }).go({ consistent: true, attributes: ['number', 'clientName'] });
    if (!invoice) throw notFound('invoice', input.invoice_id);
    const issuedAt = Math.floor(Date.now() / 1000);
    const link = pdfLinkUrl({ businessId: ctx.businessId, invoiceId: input.invoice_id, issuedAt });
    const result = { url: link.url, expires_at: formatInstant(new Date(link.expiresAt * 1000), ctx.business.timeZone) };
    return commit(ctx, {
      writes: (e) => [e.invoice.check({ businessId: ctx.businessId, invoiceId: input.invoice_id }).where((a, op) => op.exists(a.revision)).commit()],
      activity: { operation: 'get_invoice_pdf_link', targetId: input.invoice_id, summary: `Made a ${pdfLinkLifetimeSeconds / 60}-minute PDF link to ${invoiceInWords(invoice)}` },
      result,
      onConflict: () => notFound('invoice', input.invoice_id),
    });
  },
  summarize: (o) => `PDF link (valid until ${o.expires_at}): ${o.url}`,
});
