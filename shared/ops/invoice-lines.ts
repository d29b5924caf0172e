import { z } from 'zod';
import { invoiceWrite, type InvoiceLineRecord } from '../db/invoices.js';
import { newId } from '../ids.js';
import { formatMoney } from '../money/currency.js';
import { lineAmount, quantityToThousandths } from '../money/rounding.js';
import { invoiceInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import { invalidInput, notFound } from './errors.js';
import { headerAfter } from './invoice-generate-batch.js';
import { maxInvoiceTotal, maxLineAmount } from './invoice-header.js';
import { releaseInvoiceEntries } from './invoice-release.js';
import { InvoiceChanged, retryingWhileChanged } from './invoice-retry.js';
import { invoiceWriteOut, lineOut, mustBeDraft, mustReadInvoice, nameOf, toInvoice, todayOf, toLine } from './invoice-view.js';
import { defineOperation } from './operation.js';
import { idempotencyKeyField, idOf, text } from './schemas.js';

const maxQuantity = 1_000_000;

const hasThreeDecimalsAtMost = (q: number) => {
  try {
    quantityToThousandths(q);
    return true;
  } catch {
    return false;
  }
};

export const addInvoiceLineOp = defineOperation({
  name: 'add_invoice_line',
  title: 'Add invoice line',
  description:
    'Add a manual line to a draft: description, quantity (> 0, up to 3 decimals, at most 1,000,000), unit_amount (integer minor units of the invoice currency; negative for a discount), ' +
    "optional tax_rate_bps (0-10000 basis points; default the business's default tax rate, else 0). amount = quantity × unit_amount, rounded half-up once; totals and tax per rate are recomputed. Drafts only.",
  input: z.strictObject({
    invoice_id: idOf('invoice'),
    description: text(1000).describe('What the line is for, up to 1000 characters'),
    quantity: z.number().gt(0).max(maxQuantity).refine(hasThreeDecimalsAtMost, 'must have at most 3 decimals').describe('Greater than 0, up to 3 decimals'),
    unit_amount: z
      .number()
      .int()
      .min(-maxLineAmount)
      .max(maxLineAmount)
      .describe('Integer minor units of the invoice currency per unit (cents for USD, yen for JPY); negative for a discount'),
    tax_rate_bps: z.number().int().min(0).max(10_000).optional().describe("Basis points (2000 = 20%); default the business's default tax rate, else 0"),
    idempotency_key: idempotencyKeyField,
  }),
  output: invoiceWriteOut.extend({ line: lineOut }),
  keyed: true,
  async handler(ctx, input) {
    // Checked on the floating product first: the exact one would not fit a number beyond the bound.
    if (Math.abs(input.quantity * input.unit_amount) > maxLineAmount) {
      throw invalidInput(`Invalid input: quantity: quantity × unit_amount is beyond ±${maxLineAmount} minor units`, {
        fields: [{ field: 'quantity', message: 'quantity × unit_amount is too large' }],
      });
    }
    const quantityThousandths = quantityToThousandths(input.quantity);
    const amount = lineAmount(quantityThousandths, input.unit_amount);
    // Lines do not depend on each other, so a line added while another landed is simply added again on top.
    return retryingWhileChanged(async () => {
      const doc = await mustReadInvoice(ctx, input.invoice_id);
      const current = doc.invoice;
      mustBeDraft(current);
      const at = new Date().toISOString();
      const line: InvoiceLineRecord = {
        businessId: ctx.businessId,
        invoiceId: current.invoiceId,
        lineId: newId('invoiceLine'),
        position: doc.lines.reduce((max, l) => Math.max(max, l.position), 0) + 1,
        kind: 'manual',
        description: input.description,
        quantityThousandths,
        unitAmount: input.unit_amount,
        amount,
        taxRateBps: input.tax_rate_bps ?? ctx.business.defaultTaxRateBps ?? 0,
        createdAt: at,
        updatedAt: at,
      };
      const lines = [...doc.lines, line];
      const next = headerAfter(current, lines);
      if (Math.abs(next.total) > maxInvoiceTotal) throw invalidInput(`Invalid input: unit_amount: the invoice total would exceed ${maxInvoiceTotal} minor units`);
      return commit(ctx, {
        // Conditioned on the revision read: the stored totals are those of exactly these lines.
        writes: (e) => [invoiceWrite(e, next, { revision: current.revision, status: 'draft' }), e.invoiceLine.create(line).commit()],
        activity: { operation: 'add_invoice_line', targetId: current.invoiceId, summary: `Added the line "${line.description}" (${formatMoney(amount, current.currency)}) to ${invoiceInWords(current)}` },
        result: { invoice: toInvoice({ ...doc, invoice: next, lines }, todayOf(ctx)), line: toLine(line, current.currency), acted_on: actedOn(ctx) },
        onConflict: () => new InvoiceChanged(current.invoiceId),
      });
    });
  },
  summarize: (o) => `Added line ${o.line.id} (${o.line.amount_formatted}) to draft ${nameOf(o.invoice)}; total now ${o.invoice.totals.total_formatted}.`,
});

export const removeInvoiceLineOp = defineOperation({
  name: 'remove_invoice_line',
  title: 'Remove invoice line',
  description:
    'Remove a line from a draft; the time entries linked to it become unbilled again, and totals are recomputed. A line with many entries is taken off in batches, each complete in itself: if that is interrupted, the draft still shows exactly what is billed on it, and calling this again finishes it. Drafts only.',
  input: z.strictObject({ invoice_id: idOf('invoice'), line_id: idOf('invoiceLine') }),
  output: invoiceWriteOut.extend({ removed: lineOut, released_entries: z.number().int().describe('Time entries that became unbilled') }),
  destructive: true,
  async handler(ctx, input) {
    const doc = await mustReadInvoice(ctx, input.invoice_id);
    mustBeDraft(doc.invoice);
    const line = doc.lines.find((l) => l.lineId === input.line_id);
    if (!line) throw notFound('invoice line', input.line_id);
    // The release takes the entries off and then the line, in transactions that each keep the
    // header's totals equal to its lines and every billed entry on a line: nothing is ever left
    // billed to a line that is gone. Each of its transactions writes the activity record.
    const res = await releaseInvoiceEntries(ctx, input.invoice_id, [input.line_id], { operation: 'remove_invoice_line' });
    return {
      invoice: toInvoice({ invoice: res.invoice, lines: res.lines, payments: doc.payments }, todayOf(ctx)),
      removed: toLine(line, doc.invoice.currency),
      released_entries: res.releasedEntryIds.length,
      acted_on: actedOn(ctx),
    };
  },
  summarize: (o) =>
    `Removed line ${o.removed.id} (${o.removed.amount_formatted}) from draft ${nameOf(o.invoice)}${o.released_entries ? `; ${o.released_entries} time entr${o.released_entries === 1 ? 'y is' : 'ies are'} unbilled again` : ''}; total now ${o.invoice.totals.total_formatted}.`,
});
