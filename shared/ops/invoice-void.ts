import { z } from 'zod';
import { invoiceWrite } from '../db/invoices.js';
import { invoiceInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import { conflict } from './errors.js';
import { nextVersion } from './invoice-header.js';
import { InvoiceChanged, retryingWhileChanged } from './invoice-retry.js';
import { releaseVoidEntries } from './invoice-void-release.js';
import { invoiceWriteOut, mustReadInvoice, nameOf, toInvoice, todayOf } from './invoice-view.js';
import { defineOperation } from './operation.js';
import { idOf, text } from './schemas.js';

export const voidInvoiceOp = defineOperation({
  name: 'void_invoice',
  title: 'Void invoice',
  description:
    'Void an issued invoice with a reason (1-500 characters). Its number stays used (never reissued) and it keeps its lines and any payments as a record; its time entries become unbilled again, in batches (if that is interrupted, calling this again finishes it). ' +
    'Drafts are deleted instead (delete_draft_invoice); a paid invoice cannot be voided.',
  input: z.strictObject({ invoice_id: idOf('invoice'), reason: text(500).describe('Why it is voided, 1-500 characters; kept on the invoice') }),
  output: invoiceWriteOut.extend({ released_entries: z.number().int().describe('Time entries that became unbilled') }),
  destructive: true,
  async handler(ctx, input) {
    return retryingWhileChanged(async () => {
      const doc = await mustReadInvoice(ctx, input.invoice_id);
      const inv = doc.invoice;
      const name = inv.number ? `${inv.number} (${inv.invoiceId})` : inv.invoiceId;
      if (inv.status === 'draft') throw conflict(`invoice ${name} is a draft; a draft is not voided but discarded with delete_draft_invoice.`, { status: inv.status });
      if (inv.status === 'paid') throw conflict(`invoice ${name} is paid in full; a paid invoice cannot be voided.`, { status: inv.status });
      if (inv.status === 'void') {
        // An earlier void stopped while releasing its time: finish that, and answer as it would have.
        if (!inv.releasePending?.length) throw conflict(`invoice ${name} is already void.`, { status: inv.status });
        const done = await releaseVoidEntries(ctx, inv.invoiceId);
        return { invoice: toInvoice(done.doc, todayOf(ctx)), released_entries: done.released, acted_on: actedOn(ctx) };
      }
      const withTime = doc.lines.filter((l) => (l.entryIds?.length ?? 0) > 0).map((l) => l.lineId);
      const at = new Date().toISOString();
      // Void first, release after: a failure in between leaves time locked on a void invoice
      // (finished by calling again), never an issued invoice whose time is billable again.
      const voided = nextVersion(inv, { status: 'void', voidedAt: at, voidReason: input.reason, releasePending: withTime.length ? withTime : undefined });
      await commit(ctx, {
        writes: (e) => [invoiceWrite(e, voided, { revision: inv.revision, status: 'issued' })],
        activity: { operation: 'void_invoice', targetId: inv.invoiceId, summary: `Voided ${invoiceInWords(inv)}: ${input.reason}` },
        result: null,
        onConflict: () => new InvoiceChanged(inv.invoiceId),
      });
      const done = withTime.length ? await releaseVoidEntries(ctx, inv.invoiceId) : { doc: { ...doc, invoice: voided }, released: 0 };
      return { invoice: toInvoice(done.doc, todayOf(ctx)), released_entries: done.released, acted_on: actedOn(ctx) };
    });
  },
  summarize: (o) =>
    `Voided invoice ${nameOf(o.invoice)}; its number stays used${o.released_entries ? ` and ${o.released_entries} time entr${o.released_entries === 1 ? 'y is' : 'ies are'} unbilled again` : ''}.`,
});
