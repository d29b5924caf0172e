import { z } from 'zod';
import { readInvoice, type InvoiceDoc, type InvoiceLineRecord, type InvoiceRecord, type PaymentRecord } from '../db/invoices.js';
import { formatMoney } from '../money/currency.js';
import { todayIn } from '../time/zone.js';
import type { OpContext } from './context.js';
import { conflict, notFound, type OpError } from './errors.js';
import { actedOn as actedOnSchema } from './schemas.js';

/**
 * How the invoicing tools show an invoice: integer minor units with a formatted string beside each
 * amount (for reading only; the integers are the contract), the stored status with `overdue`
 * derived, and the snapshot of who bills whom.
 */

export const invoiceStatus = z.enum(['draft', 'issued', 'paid', 'void']);

export const lineOut = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(['time', 'manual']),
  description: z.string(),
  quantity: z.number().describe('Up to 3 decimals; hours for a time line'),
  unit_amount: z.number().int().describe('Minor units; the hourly rate for a time line'),
  unit_amount_formatted: z.string(),
  amount: z.number().int().describe('Minor units: quantity × unit_amount rounded half-up once; a time line: round_half_up(minutes × hourly_rate / 60)'),
  amount_formatted: z.string(),
  tax_rate_bps: z.number().int(),
  minutes: z.number().int().nullable(),
  hourly_rate: z.number().int().nullable(),
  rate_source: z.enum(['task', 'project', 'client', 'business']).nullable(),
  task_id: z.string().nullable(),
  project_id: z.string().nullable(),
  entry_count: z.number().int(),
  entry_ids: z.array(z.string()),
});

export const taxGroupOut = z.object({
  rate_bps: z.number().int(),
  net_amount: z.number().int(),
  net_formatted: z.string(),
  tax_amount: z.number().int(),
  tax_formatted: z.string(),
});

export const paymentOut = z.object({
  id: z.string(),
  amount: z.number().int(),
  amount_formatted: z.string(),
  paid_on: z.string(),
  method: z.string().nullable(),
  reference: z.string().nullable(),
  recorded_by: z.string(),
  created_at: z.string(),
});

export const totalsOut = z.object({
  subtotal_amount: z.number().int(),
  tax_amount: z.number().int(),
  total_amount: z.number().int(),
  paid_amount: z.number().int(),
  balance_amount: z.number().int().describe('total_amount − paid_amount'),
  subtotal_formatted: z.string(),
  tax_formatted: z.string(),
  total_formatted: z.string(),
  paid_formatted: z.string(),
  balance_formatted: z.string(),
});

const addressOut = z.object({
  line1: z.string().optional(),
  line2: z.string().optional(),
  city: z.string().optional(),
  region: z.string().optional(),
  postal_code: z.string().optional(),
  country: z.string().optional(),
});

/** One invoice in a list: the header without lines and payments. */
export const invoiceSummaryOut = z.object({
  id: z.string(),
  number: z.string().nullable().describe('Assigned at issue; null for a draft'),
  status: invoiceStatus,
  overdue: z.boolean().describe('Issued, with a balance, and the due date is before today in the business time zone'),
  days_overdue: z.number().int().nullable(),
  client_id: z.string(),
  client_name: z.string(),
  currency: z.string(),
  issue_date: z.string().nullable(),
  due_date: z.string().nullable(),
  payment_terms_days: z.number().int().nullable().describe('For a draft without due_date: the due date will be the issue date plus these days'),
  notes: z.string().nullable(),
  po_number: z.string().nullable(),
  totals: totalsOut,
  line_count: z.number().int(),
  revision: z.number().int().describe('Grows with every change'),
  created_at: z.string(),
  updated_at: z.string(),
  issued_at: z.string().nullable(),
  paid_at: z.string().nullable(),
  voided_at: z.string().nullable(),
  void_reason: z.string().nullable(),
});

export const invoiceOut = invoiceSummaryOut.extend({
  bill_to: z.object({ name: z.string(), email: z.string().nullable(), tax_id: z.string().nullable(), address: addressOut.nullable() }),
  seller: z.object({ name: z.string(), address: z.string().nullable(), tax_id: z.string().nullable() }).nullable().describe('Copied from the business at issue'),
  lines: z.array(lineOut),
  tax_groups: z.array(taxGroupOut),
  payments: z.array(paymentOut),
  linked_time: z
    .object({ entries: z.number().int(), minutes: z.number().int() })
    .describe("Time entries on this invoice's lines. A void invoice keeps listing the time it billed, which is unbilled again"),
  release_pending: z.boolean().describe('A void invoice whose time is not all unbilled yet (the void was interrupted): call void_invoice again to finish'),
});

/** What every invoice write returns: the invoice as it now is, and where the change landed. */
export const invoiceWriteOut = z.object({ invoice: invoiceOut, acted_on: actedOnSchema });

export type InvoiceSummaryOut = z.output<typeof invoiceSummaryOut>;
export type InvoiceOut = z.output<typeof invoiceOut>;
export type LineOut = z.output<typeof lineOut>;
export type PaymentOut = z.output<typeof paymentOut>;

/** Today in the business's time zone (read with the auth check): what `overdue` and default dates go by. */
export function todayOf(ctx: OpContext, now = new Date()): string {
  return todayIn(ctx.business.timeZone, now);
}

export function balanceOf(inv: InvoiceRecord): number {
  return inv.total - inv.amountPaid;
}

/** Whole days an issued invoice with a balance is past its due date (0 or less: not overdue). */
function daysPast(inv: InvoiceRecord, today: string): number {
  if (inv.status !== 'issued' || !inv.dueDate || balanceOf(inv) <= 0) return 0;
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${inv.dueDate}T00:00:00Z`)) / 86_400_000);
}


export function toLine(l: InvoiceLineRecord, currency: string): LineOut {
  const entryIds = l.entryIds ?? [];
  return {
    id: l.lineId,
    position: l.position,
    kind: l.kind,
    description: l.description,
    quantity: l.quantityThousandths / 1000,
    unit_amount: l.unitAmount,
    unit_amount_formatted: formatMoney(l.unitAmount, currency),
    amount: l.amount,
    amount_formatted: formatMoney(l.amount, currency),
    tax_rate_bps: l.taxRateBps,
    minutes: l.minutes ?? null,
    hourly_rate: l.hourlyRate ?? null,
    rate_source: l.rateSource ?? null,
    task_id: l.taskId ?? null,
    project_id: l.projectId ?? null,
    entry_count: entryIds.length,
    entry_ids: entryIds,
  };
}

export function toPayment(p: PaymentRecord, currency: string): PaymentOut {
  return {
    id: p.paymentId,
    amount: p.amount,
    amount_formatted: formatMoney(p.amount, currency),
    paid_on: p.paidOn,
    method: p.method ?? null,
    reference: p.reference ?? null,
    recorded_by: p.recordedBy,
    created_at: p.createdAt,
  };
}

/** An invoice in a list. `today` (todayOf) decides `overdue`; it may be left out only for a draft, which is never overdue. */
export function toSummary(inv: InvoiceRecord, today?: string): InvoiceSummaryOut {
  const c = inv.currency;
  const balance = balanceOf(inv);
  const days = today ? daysPast(inv, today) : 0;
  return {
    id: inv.invoiceId,
    number: inv.number ?? null,
    status: inv.status,
    overdue: days > 0,
    days_overdue: days > 0 ? days : null,
    client_id: inv.clientId,
    client_name: inv.clientName,
    currency: c,
    issue_date: inv.issueDate ?? null,
    due_date: inv.dueDate ?? null,
    payment_terms_days: inv.paymentTermsDays ?? null,
    notes: inv.notes ?? null,
    po_number: inv.poNumber ?? null,
    totals: {
      subtotal_amount: inv.subtotal,
      tax_amount: inv.taxTotal,
      total_amount: inv.total,
      paid_amount: inv.amountPaid,
      balance_amount: balance,
      subtotal_formatted: formatMoney(inv.subtotal, c),
      tax_formatted: formatMoney(inv.taxTotal, c),
      total_formatted: formatMoney(inv.total, c),
      paid_formatted: formatMoney(inv.amountPaid, c),
      balance_formatted: formatMoney(balance, c),
    },
    line_count: inv.lineCount,
    revision: inv.revision,
    created_at: inv.createdAt,
    updated_at: inv.updatedAt,
    issued_at: inv.issuedAt ?? null,
    paid_at: inv.paidAt ?? null,
    voided_at: inv.voidedAt ?? null,
    void_reason: inv.voidReason ?? null,
  };
}

export function toInvoice(doc: InvoiceDoc, today: string): InvoiceOut {
  const { invoice: inv, lines, payments } = doc;
  const c = inv.currency;
  const billTo = inv.billTo;
  const address = billTo?.address && Object.keys(billTo.address).length ? billTo.address : null;
  return {
    ...toSummary(inv, today),
    bill_to: { name: billTo?.name ?? inv.clientName, email: billTo?.email ?? null, tax_id: billTo?.taxId ?? null, address },
    seller: inv.seller ? { name: inv.seller.name, address: inv.seller.address ?? null, tax_id: inv.seller.taxId ?? null } : null,
    lines: lines.map((l) => toLine(l, c)),
    tax_groups: (inv.taxGroups ?? []).map((g) => ({
      rate_bps: g.rateBps,
      net_amount: g.net,
      net_formatted: formatMoney(g.net, c),
      tax_amount: g.tax,
      tax_formatted: formatMoney(g.tax, c),
    })),
    payments: [...payments].sort((a, b) => a.paidOn.localeCompare(b.paidOn) || a.paymentId.localeCompare(b.paymentId)).map((p) => toPayment(p, c)),
    linked_time: {
      entries: lines.reduce((n, l) => n + (l.entryIds?.length ?? 0), 0),
      minutes: lines.reduce((n, l) => n + (l.kind === 'time' ? (l.minutes ?? 0) : 0), 0),
    },
    release_pending: Boolean(inv.releasePending?.length),
  };
}

/** "INV-0007 (inv_…)" once numbered, else the id: how summaries and messages name an invoice. */
export function nameOf(inv: { id: string; number: string | null }): string {
  return inv.number ? `${inv.number} (${inv.id})` : inv.id;
}

export async function mustReadInvoice(ctx: OpContext, invoiceId: string): Promise<InvoiceDoc> {
  const doc = await readInvoice(ctx.businessId, invoiceId);
  if (!doc) throw notFound('invoice', invoiceId);
  return doc;
}

const afterDraft: Record<Exclude<InvoiceRecord['status'], 'draft'>, string> = {
  issued: 'An issued invoice can only receive payments (mark_invoice_paid) or be voided (void_invoice).',
  paid: 'It is paid in full and can no longer change.',
  void: 'It was voided and can no longer change.',
};

/** The refusal of any change to an invoice that is no longer a draft. */
export function notDraft(inv: InvoiceRecord): OpError {
  const status = inv.status as Exclude<InvoiceRecord['status'], 'draft'>;
  const number = inv.number ? ` (${inv.number})` : '';
  return conflict(`invoice ${inv.invoiceId}${number} is ${status}; only drafts can be edited. ${afterDraft[status]}`, { status });
}

export function mustBeDraft(inv: InvoiceRecord): void {
  if (inv.status !== 'draft') throw notDraft(inv);
}

