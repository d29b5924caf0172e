import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { structured, type Member } from './tenant.js';

/** The invoice as the invoicing tools return it (the fields the tests read). */
export interface Line {
  id: string;
  position: number;
  kind: 'time' | 'manual';
  description: string;
  quantity: number;
  unit_amount: number;
  unit_amount_formatted: string;
  amount: number;
  amount_formatted: string;
  tax_rate_bps: number;
  minutes: number | null;
  hourly_rate: number | null;
  rate_source: string | null;
  task_id: string | null;
  entry_count: number;
  entry_ids: string[];
}

export interface Totals {
  subtotal_amount: number;
  tax_amount: number;
  total_amount: number;
  paid_amount: number;
  balance_amount: number;
  subtotal_formatted: string;
  tax_formatted: string;
  total_formatted: string;
  paid_formatted: string;
  balance_formatted: string;
}

export interface Invoice {
  id: string;
  number: string | null;
  status: 'draft' | 'issued' | 'paid' | 'void';
  overdue: boolean;
  days_overdue: number | null;
  client_id: string;
  client_name: string;
  currency: string;
  issue_date: string | null;
  due_date: string | null;
  payment_terms_days: number | null;
  notes: string | null;
  po_number: string | null;
  totals: Totals;
  line_count: number;
  revision: number;
  issued_at: string | null;
  paid_at: string | null;
  voided_at: string | null;
  void_reason: string | null;
  bill_to: { name: string; email: string | null; tax_id: string | null; address: Record<string, string> | null };
  seller: { name: string; address: string | null; tax_id: string | null } | null;
  lines: Line[];
  tax_groups: { rate_bps: number; net_amount: number; tax_amount: number; net_formatted: string; tax_formatted: string }[];
  payments: { id: string; amount: number; amount_formatted: string; paid_on: string; method: string | null; reference: string | null; recorded_by: string }[];
  linked_time: { entries: number; minutes: number };
}

export type InvoiceSummary = Omit<Invoice, 'bill_to' | 'seller' | 'lines' | 'tax_groups' | 'payments' | 'linked_time'>;

export function message(r: CallToolResult): string {
  return (r._meta?.['clerq/error'] as { message: string } | undefined)?.message ?? '';
}

export async function newClient(owner: Member, args: Record<string, unknown> = {}): Promise<string> {
  return structured<{ client: { id: string } }>(await owner.call('create_client', { name: `Client ${Math.random().toString(36).slice(2, 8)}`, ...args })).client.id;
}

export async function draft(owner: Member, clientId: string, args: Record<string, unknown> = {}): Promise<Invoice> {
  return structured<{ invoice: Invoice }>(await owner.call('create_draft_invoice', { client_id: clientId, ...args })).invoice;
}

export async function addLine(owner: Member, invoiceId: string, args: Record<string, unknown> = {}): Promise<{ invoice: Invoice; line: Line }> {
  return structured<{ invoice: Invoice; line: Line }>(
    await owner.call('add_invoice_line', { invoice_id: invoiceId, description: 'Consulting', quantity: 1, unit_amount: 10000, ...args }),
  );
}

export async function issue(owner: Member, invoiceId: string, args: Record<string, unknown> = {}): Promise<Invoice> {
  return structured<{ invoice: Invoice }>(await owner.call('issue_invoice', { invoice_id: invoiceId, ...args })).invoice;
}

export async function pay(owner: Member, invoiceId: string, args: Record<string, unknown> = {}): Promise<Invoice> {
  return structured<{ invoice: Invoice }>(await owner.call('mark_invoice_paid', { invoice_id: invoiceId, ...args })).invoice;
}

export async function getInvoice(owner: Member, invoiceId: string): Promise<Invoice> {
  return structured<{ invoice: Invoice }>(await owner.call('get_invoice', { invoice_id: invoiceId })).invoice;
}

/** A draft with one manual line, ready to issue. */
export async function draftWithLine(owner: Member, clientId: string, unitAmount = 10000): Promise<Invoice> {
  const d = await draft(owner, clientId);
  return (await addLine(owner, d.id, { unit_amount: unitAmount })).invoice;
}

/** One invoice in each state: draft, issued, paid and void. */
export async function invoicesInEveryState(owner: Member, clientId: string): Promise<Record<'draft' | 'issued' | 'paid' | 'void', Invoice>> {
  const d = await draftWithLine(owner, clientId);
  const issued = await issue(owner, (await draftWithLine(owner, clientId)).id);
  const paid = await pay(owner, (await issue(owner, (await draftWithLine(owner, clientId)).id)).id);
  const toVoid = await issue(owner, (await draftWithLine(owner, clientId)).id);
  const voided = structured<{ invoice: Invoice }>(await owner.call('void_invoice', { invoice_id: toVoid.id, reason: 'Sent to the wrong client' })).invoice;
  return { draft: d, issued, paid, void: voided };
}
