import { z } from 'zod';
import { invoiceWrite, type InvoiceRecord, type PaymentRecord } from '../db/invoices.js';
import { newId } from '../ids.js';
import { formatMoney } from '../money/currency.js';
import { invoiceInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import { conflict, invalidInput, type OpError } from './errors.js';
import { maxInvoiceTotal, nextVersion } from './invoice-header.js';
import { InvoiceChanged, retryingWhileChanged } from './invoice-retry.js';
import { balanceOf, invoiceWriteOut, mustReadInvoice, nameOf, paymentOut, toInvoice, todayOf, toPayment } from './invoice-view.js';
import { defineOperation } from './operation.js';
import { calendarDate, idempotencyKeyField, idOf, text } from './schemas.js';

function notPayable(inv: InvoiceRecord): OpError {
  const name = inv.number ? `${inv.number} (${inv.invoiceId})` : inv.invoiceId;
  if (inv.status === 'draft') return conflict(`invoice ${name} is a draft; issue it (issue_invoice) before recording payments.`, { status: inv.status });
  if (inv.status === 'paid') return conflict(`invoice ${name} is already paid in full; nothing is left to pay.`, { status: inv.status });
  return conflict(`invoice ${name} is void; payments cannot be recorded on it.`, { status: inv.status });
}

export const markInvoicePaidOp = defineOperation({
  name: 'mark_invoice_paid',
  title: 'Mark invoice paid',
  description:
    'Record a payment on an issued invoice: amount (integer minor units; default the whole balance; more than the balance is refused), paid_on (YYYY-MM-DD, default today in the business time zone, not in the future), ' +
    'method (up to 50 characters) and reference (up to 200). Partial payments are allowed; the invoice becomes paid when its balance reaches zero.',
  input: z.strictObject({
    invoice_id: idOf('invoice'),
    amount: z.number().int().min(1).max(maxInvoiceTotal).optional().describe('Minor units of the invoice currency, > 0; default the balance'),
    paid_on: calendarDate.optional().describe('YYYY-MM-DD, not in the future; default today in the business time zone'),
    method: text(50).optional().describe('How it was paid, e.g. bank transfer'),
    reference: text(200).optional().describe('Bank or payment reference'),
    idempotency_key: idempotencyKeyField,
  }),
  output: invoiceWriteOut.extend({ payment: paymentOut }),
  keyed: true,
  async handler(ctx, input) {
    // Concurrent payments are applied one after the other; each re-checks the balance it lands on.
    return retryingWhileChanged(async () => {
      const doc = await mustReadInvoice(ctx, input.invoice_id);
      const inv = doc.invoice;
      if (inv.status !== 'issued') throw notPayable(inv);
      const now = new Date();
      const today = todayOf(ctx, now);
      const paidOn = input.paid_on ?? today;
      if (paidOn > today) throw invalidInput(`Invalid input: paid_on: ${paidOn} is in the future (today is ${today})`, { fields: [{ field: 'paid_on', message: 'is in the future' }] });
      const balance = balanceOf(inv);
      const amount = input.amount ?? balance;
      if (amount > balance) {
        throw conflict(
          // Said for people (the web app shows it as it is); the minor units are in the details.
          `A payment of ${formatMoney(amount, inv.currency)} is more than the balance of invoice ${inv.number}, ${formatMoney(balance, inv.currency)}; overpayments are refused.`,
          { balance_amount: balance, amount },
        );
      }
      const at = now.toISOString();
      const payment: PaymentRecord = {
        businessId: ctx.businessId,
        invoiceId: inv.invoiceId,
        paymentId: newId('payment'),
        amount,
        paidOn,
        method: input.method,
        reference: input.reference,
        recordedBy: ctx.userId,
        createdAt: at,
      };
      const amountPaid = inv.amountPaid + amount;
      const paid = amountPaid === inv.total;
      const next = nextVersion(inv, { amountPaid, status: paid ? 'paid' : 'issued', paidAt: paid ? at : undefined });
      return commit(ctx, {
        writes: (e) => [
          // Conditioned on the amount paid read: two payments can never both fit a balance only one fits.
          invoiceWrite(e, next, { revision: inv.revision, status: 'issued', amountPaid: inv.amountPaid }),
          e.payment.create(payment).commit(),
        ],
        activity: {
          operation: 'mark_invoice_paid',
          targetId: inv.invoiceId,
          summary: `Recorded a payment of ${formatMoney(amount, inv.currency)} on ${invoiceInWords(inv)}${paid ? '; paid in full' : ''}`,
        },
        result: { invoice: toInvoice({ ...doc, invoice: next, payments: [...doc.payments, payment] }, today), payment: toPayment(payment, inv.currency), acted_on: actedOn(ctx) },
        onConflict: () => new InvoiceChanged(inv.invoiceId),
      });
    });
  },
  summarize: (o) =>
    `Recorded ${o.payment.amount_formatted} on invoice ${nameOf(o.invoice)} (paid ${o.payment.paid_on}); ${o.invoice.status === 'paid' ? 'paid in full' : `balance ${o.invoice.totals.balance_formatted}`}.`,
});
