import { z } from 'zod';
import { db } from '../db/service.js';
import { invoiceWrite, type InvoiceRecord } from '../db/invoices.js';
import { lookup } from '../db/time-lookup.js';
import { formatMoney } from '../money/currency.js';
import { addDays } from '../time/zone.js';
import { actedOn, commit } from './commit.js';
import { conflict, invalidInput, OpError } from './errors.js';
import { defaultPaymentTermsDays } from './invoice-drafts.js';
import { nextVersion } from './invoice-header.js';
import { billToOf, sellerOf } from './invoice-parties.js';
import { InvoiceChanged, retrying } from './invoice-retry.js';
import { inQueue } from './keyed-queue.js';
import { invoiceWriteOut, mustReadInvoice, nameOf, toInvoice, todayOf } from './invoice-view.js';
import { defineOperation } from './operation.js';
import { calendarDate, idempotencyKeyField, idOf } from './schemas.js';

export const defaultInvoicePrefix = 'INV-';

/** The permanent number of the `sequence`-th invoice of a business: INV-0001. */
export function invoiceNumber(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(4, '0')}`;
}

/** The number the next issue would take now; another issue may take it first. */
export async function nextInvoiceNumber(businessId: string, prefix: string): Promise<string> {
  const { data: counter } = await db.entities.invoiceCounter.get({ businessId }).go();
  return invoiceNumber(prefix, (counter?.lastSequence ?? 0) + 1);
}

/** Another issue took the number this one read; read the counter again and take the next. */
class CounterMoved extends OpError {
  constructor() {
    super('conflict', 'Many invoices were issued at the same moment and this one could not get its number; retry.');
  }
}

/**
 * Tries per issue. Each lost try means another issue got its number, so under N concurrent issues
 * an unlucky one loses at most N − 1 times; the jitter spreads the retries so that rarely happens.
 */
const counterAttempts = 100;
const counterJitterMs = 8;

/**
 * Test-only seams; nothing in the product sets them. `afterCounterRead` runs between reading the
 * counter and writing it (a test issues another invoice there, as another process could), and
 * `queue: false` turns off the in-process queue so concurrent issues race on the counter's
 * condition as they would from separate processes.
 */
export const issueSeams: { afterCounterRead?: () => Promise<void>; queue: boolean } = { queue: true };

/** The refusal when the invoice is no longer a draft (issued by another request, or long ago). */
function alreadyIssued(inv: InvoiceRecord): OpError {
  const number = inv.number ? ` as ${inv.number}` : '';
  return conflict(`invoice ${inv.invoiceId} is ${inv.status}${inv.status === 'void' ? '' : number}; only drafts can be issued.`, { status: inv.status, number: inv.number ?? null });
}

export const issueInvoiceOp = defineOperation({
  name: 'issue_invoice',
  title: 'Issue invoice',
  description:
    "Issue a draft: assign the business's next permanent invoice number (prefix + zero-padded sequence, e.g. INV-0001; gap-free, never reused), set the issue date (default today in the business time zone; not in the future) " +
    "and the due date (due_date, else the draft's due date, else issue date + the draft's payment terms), and lock the invoice: afterwards only payments and voiding change it. " +
    'Refuses an empty draft. Give expected_total_amount (the total you reviewed, minor units) to refuse if the draft changed since.',
  input: z.strictObject({
    invoice_id: idOf('invoice'),
    issue_date: calendarDate.optional().describe('YYYY-MM-DD, not in the future; default today in the business time zone'),
    due_date: calendarDate.optional().describe("YYYY-MM-DD, not before the issue date; default from the draft's due date or payment terms"),
    expected_total_amount: z.number().int().optional().describe('The total (minor units) you reviewed; if the draft’s total differs, nothing is issued'),
    idempotency_key: idempotencyKeyField,
  }),
  output: invoiceWriteOut,
  keyed: true,
  async handler(ctx, input) {
    const doc = await mustReadInvoice(ctx, input.invoice_id);
    const inv = doc.invoice;
    if (inv.status !== 'draft') throw alreadyIssued(inv);
    if (!doc.lines.length) throw conflict(`invoice ${inv.invoiceId} has no lines; add some (generate_invoice_from_time or add_invoice_line) before issuing it.`);
    if (input.expected_total_amount !== undefined && input.expected_total_amount !== inv.total) {
      throw conflict(
        `invoice ${inv.invoiceId} totals ${inv.total} (${formatMoney(inv.total, inv.currency)}), not the expected ${input.expected_total_amount} (${formatMoney(input.expected_total_amount, inv.currency)}); review it with get_invoice and issue again.`,
        { total_amount: inv.total, expected_total_amount: input.expected_total_amount },
      );
    }
    if (inv.total < 0) throw conflict(`invoice ${inv.invoiceId} totals ${formatMoney(inv.total, inv.currency)}, less than zero; Clerq does not issue credit notes.`);

    const business = ctx.business;
    const { client } = await lookup(ctx.businessId, { client: inv.clientId });
    const today = todayOf(ctx);
    const issueDate = input.issue_date ?? today;
    if (issueDate > today) {
      throw invalidInput(`Invalid input: issue_date: ${issueDate} is in the future (today is ${today} in ${business.timeZone})`, { fields: [{ field: 'issue_date', message: 'is in the future' }] });
    }
    const terms = inv.paymentTermsDays ?? business.paymentTermsDays ?? defaultPaymentTermsDays;
    const dueDate = input.due_date ?? inv.dueDate ?? addDays(issueDate, terms);
    if (dueDate < issueDate) {
      if (input.due_date) throw invalidInput(`Invalid input: due_date: ${dueDate} is before the issue date ${issueDate}`, { fields: [{ field: 'due_date', message: 'is before the issue date' }] });
      throw conflict(`The draft's due date ${dueDate} is before the issue date ${issueDate}; pass due_date, or change the draft with update_draft_invoice.`);
    }
    const prefix = business.invoicePrefix ?? defaultInvoicePrefix;
    const at = new Date().toISOString();
    // A zero total (lines that cancel out) has nothing to collect: it is settled when issued.
    const settled = inv.total === 0;

    /** One try at the next number: read the counter, then write it and the invoice together. */
    const attempt = async () => {
      const { data: counter } = await db.entities.invoiceCounter.get({ businessId: ctx.businessId }).go();
      const sequence = (counter?.lastSequence ?? 0) + 1;
      await issueSeams.afterCounterRead?.();
      const next = nextVersion(inv, {
        status: settled ? 'paid' : 'issued',
        number: invoiceNumber(prefix, sequence),
        sequence,
        issueDate,
        dueDate,
        paymentTermsDays: input.due_date || inv.dueDate ? undefined : terms,
        listDate: issueDate,
        issuedAt: at,
        paidAt: settled ? at : undefined,
        // Frozen from now on: what the invoice shows does not follow later edits of the client or business.
        billTo: client ? billToOf(client) : inv.billTo,
        clientName: client?.name ?? inv.clientName,
        seller: sellerOf(business),
      });
      return commit(ctx, {
        // One transaction: the invoice gets the number only if the counter moves to it, and the
        // counter moves only if this draft, as read, is issued. No gap, no number used twice.
        writes: (e) => [
          invoiceWrite(e, next, { revision: inv.revision, status: 'draft' }),
          counter
            ? e.invoiceCounter
                .patch({ businessId: ctx.businessId })
                .set({ lastSequence: sequence })
                .where((a, op) => op.eq(a.lastSequence, counter.lastSequence))
                .commit()
            : e.invoiceCounter.create({ businessId: ctx.businessId, lastSequence: sequence }).commit(),
        ],
        activity: { operation: 'issue_invoice', targetId: inv.invoiceId, summary: `Issued invoice ${next.number} to ${next.clientName} for ${formatMoney(next.total, next.currency)}` },
        result: { invoice: toInvoice({ ...doc, invoice: next }, today), acted_on: actedOn(ctx) },
        onConflict: (i) => (i === 0 ? new InvoiceChanged(inv.invoiceId) : new CounterMoved()),
      });
    };
    try {
      // Issues of one business queue in this process (they all want the same counter item); across
      // processes the counter's condition decides, and the loser reads it again.
      const tries = () => retrying(attempt, { retryable: (e) => e instanceof CounterMoved, attempts: counterAttempts, jitterMs: counterJitterMs });
      return await (issueSeams.queue ? inQueue(`invoice-counter:${ctx.businessId}`, tries) : tries());
    } catch (e) {
      if (!(e instanceof InvoiceChanged)) throw e;
      // Issued by a concurrent request, or changed since it was read: say which.
      const fresh = await mustReadInvoice(ctx, inv.invoiceId);
      if (fresh.invoice.status !== 'draft') throw alreadyIssued(fresh.invoice);
      throw conflict(`invoice ${inv.invoiceId} changed while it was being issued; nothing was issued. Review it with get_invoice and issue again.`);
    }
  },
  summarize: (o) =>
    `Issued invoice ${nameOf(o.invoice)} to ${o.invoice.client_name}: ${o.invoice.totals.total_formatted}, issued ${o.invoice.issue_date}, due ${o.invoice.due_date}${o.invoice.status === 'paid' ? ' (nothing to pay: marked paid)' : ''}.`,
});
