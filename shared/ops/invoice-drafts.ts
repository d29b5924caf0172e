import { z } from 'zod';
import { invoiceDelete, invoiceWrite, type InvoiceRecord, type OptionalInvoiceAttr } from '../db/invoices.js';
import { lookup } from '../db/time-lookup.js';
import { newId } from '../ids.js';
import { changedInWords, invoiceInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import { conflict, invalidInput, notFound } from './errors.js';
import { nextVersion } from './invoice-header.js';
import { billToOf } from './invoice-parties.js';
import { releaseInvoiceEntries } from './invoice-release.js';
import { InvoiceChanged, retryingWhileChanged } from './invoice-retry.js';
import { invoiceWriteOut, mustBeDraft, mustReadInvoice, nameOf, toInvoice, todayOf } from './invoice-view.js';
import { defineOperation } from './operation.js';
import { actedOn as actedOnSchema, calendarDate, currencyCode, idempotencyKeyField, idOf, text } from './schemas.js';

/** Days from issue to due when neither the draft nor the business says otherwise. */
export const defaultPaymentTermsDays = 30;

/** The draft fields create_draft_invoice takes and update_draft_invoice changes, validated once. */
export const draftFields = {
  due_date: calendarDate.describe('YYYY-MM-DD; instead of payment_terms_days. Must not be before the issue date when the invoice is issued'),
  payment_terms_days: z.number().int().min(0).max(365).describe('Due date = issue date + these days (0-365); instead of due_date'),
  notes: z.string().trim().min(1).max(5000).describe('Shown on the invoice; up to 5000 characters'),
  po_number: text(100).describe("The client's purchase order number, up to 100 characters"),
};

function oneOfDueOrTerms(input: { due_date?: string | null; payment_terms_days?: number | null }) {
  if (input.due_date != null && input.payment_terms_days != null) {
    throw invalidInput('Invalid input: due_date: give due_date or payment_terms_days, not both', {
      fields: [{ field: 'due_date', message: 'give due_date or payment_terms_days, not both' }],
    });
  }
}

const clientArchived = (clientId: string) => conflict(`client ${clientId} is archived; restore it with update_client (status: active) before invoicing it.`);

export const createDraftInvoiceOp = defineOperation({
  name: 'create_draft_invoice',
  title: 'Create draft invoice',
  description:
    "Start a draft invoice for an active client. No number yet: issue_invoice assigns it. currency defaults to the client's and can only be the client's (rates and time are priced in it). " +
    "Give due_date or payment_terms_days (default: the business's terms, else 30 days); notes and po_number are optional. Fill it with generate_invoice_from_time or add_invoice_line.",
  input: z.strictObject({
    client_id: idOf('client'),
    currency: currencyCode.optional().describe("ISO 4217; must be the client's currency (the default)"),
    due_date: draftFields.due_date.optional(),
    payment_terms_days: draftFields.payment_terms_days.optional(),
    notes: draftFields.notes.optional(),
    po_number: draftFields.po_number.optional(),
    idempotency_key: idempotencyKeyField,
  }),
  output: invoiceWriteOut,
  keyed: true,
  async handler(ctx, input) {
    oneOfDueOrTerms(input);
    const { client } = await lookup(ctx.businessId, { client: input.client_id });
    const business = ctx.business;
    if (!client) throw notFound('client', input.client_id);
    if (client.status !== 'active') throw clientArchived(client.clientId);
    if (input.currency && input.currency !== client.currency) {
      throw invalidInput(`Invalid input: currency: client ${client.clientId} is billed in ${client.currency}; an invoice to it must be in ${client.currency}`, {
        fields: [{ field: 'currency', message: `must be the client's currency, ${client.currency}` }],
      });
    }
    const today = todayOf(ctx);
    const at = new Date().toISOString();
    const record: InvoiceRecord = {
      businessId: ctx.businessId,
      invoiceId: newId('invoice'),
      clientId: client.clientId,
      clientName: client.name,
      billTo: billToOf(client),
      status: 'draft',
      currency: client.currency,
      // A draft is listed by the business-local date it was created; issuing moves it to its issue date.
      listDate: today,
      dueDate: input.due_date,
      // The terms are copied onto the draft, so it says by itself when it will be due.
      paymentTermsDays: input.due_date ? undefined : (input.payment_terms_days ?? business.paymentTermsDays ?? defaultPaymentTermsDays),
      notes: input.notes,
      poNumber: input.po_number,
      subtotal: 0,
      taxTotal: 0,
      total: 0,
      amountPaid: 0,
      taxGroups: [],
      lineCount: 0,
      entryCount: 0,
      revision: 1,
      createdBy: ctx.userId,
      createdAt: at,
      updatedAt: at,
    };
    return commit(ctx, {
      writes: (e) => [
        // The client must still be active when the draft lands.
        e.client.check({ businessId: ctx.businessId, clientId: client.clientId }).where((a, op) => op.eq(a.status, 'active')).commit(),
        e.invoice.create(record).commit(),
      ],
      activity: { operation: 'create_draft_invoice', targetId: record.invoiceId, summary: `Created a draft invoice for ${client.name}` },
      result: { invoice: toInvoice({ invoice: record, lines: [], payments: [] }, today), acted_on: actedOn(ctx) },
      onConflict: (i) => (i === 0 ? clientArchived(client.clientId) : conflict('An invoice with this id already exists; retry.')),
    });
  },
  summarize: (o) => `Created draft invoice ${o.invoice.id} for ${o.invoice.client_name} (${o.invoice.currency}) in ${o.acted_on.business_name}; no number until it is issued.`,
});

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

const draftFieldWords = { due_date: 'due date', payment_terms_days: 'payment terms', notes: 'notes', po_number: 'PO number' };

export const updateDraftInvoiceOp = defineOperation({
  name: 'update_draft_invoice',
  title: 'Update draft invoice',
  description:
    'Change a draft: due_date or payment_terms_days (setting one replaces the other), notes, po_number (null clears notes or po_number). Only drafts change; issued invoices are immutable.',
  input: z.strictObject({
    invoice_id: idOf('invoice'),
    due_date: draftFields.due_date.optional(),
    payment_terms_days: draftFields.payment_terms_days.optional(),
    notes: nullable(draftFields.notes),
    po_number: nullable(draftFields.po_number),
  }),
  output: invoiceWriteOut,
  idempotent: true,
  async handler(ctx, input) {
    const { invoice_id, ...changes } = input;
    if (Object.keys(changes).length === 0) throw invalidInput('Nothing to update: give at least one of due_date, payment_terms_days, notes, po_number.');
    oneOfDueOrTerms(changes);
    // A header change still applies on top of a concurrent line change: read again and retry.
    return retryingWhileChanged(async () => {
      const doc = await mustReadInvoice(ctx, invoice_id);
      const current = doc.invoice;
      mustBeDraft(current);
      const next = nextVersion(current, {});
      if (changes.due_date !== undefined) {
        next.dueDate = changes.due_date;
        next.paymentTermsDays = undefined;
      }
      if (changes.payment_terms_days !== undefined) {
        next.paymentTermsDays = changes.payment_terms_days;
        next.dueDate = undefined;
      }
      const optional: [keyof typeof changes, OptionalInvoiceAttr][] = [
        ['notes', 'notes'],
        ['po_number', 'poNumber'],
      ];
      for (const [field, attr] of optional) {
        const value = changes[field];
        if (value !== undefined) (next as Record<string, unknown>)[attr] = value ?? undefined;
      }
      return commit(ctx, {
        writes: (e) => [invoiceWrite(e, next, { revision: current.revision, status: 'draft' })],
        activity: { operation: 'update_draft_invoice', targetId: invoice_id, summary: `Updated ${invoiceInWords(current)}: ${changedInWords(changes, draftFieldWords, current, next)}` },
        result: { invoice: toInvoice({ ...doc, invoice: next }, todayOf(ctx)), acted_on: actedOn(ctx) },
        onConflict: () => new InvoiceChanged(invoice_id),
      });
    });
  },
  summarize: (o) => `Updated draft invoice ${nameOf(o.invoice)}: due ${o.invoice.due_date ?? `${o.invoice.payment_terms_days} days after issue`}.`,
});

export const deleteDraftInvoiceOp = defineOperation({
  name: 'delete_draft_invoice',
  title: 'Delete draft invoice',
  description:
    'Discard a draft and its lines; all its time entries become unbilled again. Lines go first (in batches, each complete in itself), the draft last: if that is interrupted, the draft still shows exactly what is billed on it, and calling this again finishes it. Issued invoices cannot be deleted (void them instead).',
  input: z.strictObject({ invoice_id: idOf('invoice') }),
  output: z.object({
    deleted: z.object({ id: z.string(), client_id: z.string(), client_name: z.string(), line_count: z.number().int() }),
    released_entries: z.number().int().describe('Time entries that became unbilled'),
    acted_on: actedOnSchema,
  }),
  destructive: true,
  async handler(ctx, input) {
    let released = 0;
    let lineCount: number | undefined;
    return retryingWhileChanged(async () => {
      const doc = await mustReadInvoice(ctx, input.invoice_id);
      mustBeDraft(doc.invoice);
      lineCount ??= doc.lines.length;
      let current = doc.invoice;
      if (doc.lines.length) {
        // Entries and lines first, the header last: nothing is ever left billed to a deleted invoice.
        const res = await releaseInvoiceEntries(ctx, input.invoice_id, 'all', { operation: 'delete_draft_invoice' });
        released += res.releasedEntryIds.length;
        // A line added meanwhile: take it off too before the draft goes.
        if (res.lines.length) throw new InvoiceChanged(input.invoice_id);
        current = res.invoice;
      }
      const last = current;
      return commit(ctx, {
        writes: (e) => [invoiceDelete(e, last, { revision: last.revision, status: 'draft' })],
        activity: { operation: 'delete_draft_invoice', targetId: last.invoiceId, summary: `Deleted ${invoiceInWords(last)}` },
        result: {
          deleted: { id: last.invoiceId, client_id: last.clientId, client_name: last.clientName, line_count: lineCount },
          released_entries: released,
          acted_on: actedOn(ctx),
        },
        onConflict: () => new InvoiceChanged(last.invoiceId),
      });
    });
  },
  summarize: (o) =>
    `Deleted draft invoice ${o.deleted.id} for ${o.deleted.client_name} (${o.deleted.line_count} line(s))${o.released_entries ? `; ${o.released_entries} time entr${o.released_entries === 1 ? 'y is' : 'ies are'} unbilled again` : ''}.`,
});
