import { expect } from '@jest/globals';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { authenticateBearer } from '../../shared/auth/authenticate.js';
import { db } from '../../shared/db/service.js';
import { readInvoice, type InvoiceLineRecord } from '../../shared/db/invoices.js';
import { lookup, type TimeEntryRecord } from '../../shared/db/time-lookup.js';
import { newId } from '../../shared/ids.js';
import { timeAmount } from '../../shared/money/rounding.js';
import type { OpContext } from '../../shared/ops/context.js';
import { computeTotals } from '../../shared/ops/invoice-totals.js';
import { mcpEvent, type Member } from './tenant.js';

/** The context the MCP endpoint builds for a member, through the same bearer authentication. */
export async function contextOf(m: Member): Promise<OpContext> {
  const auth = await authenticateBearer(mcpEvent(m.token, {}), `test-${Math.random()}`);
  if (!auth.ok) throw new Error('member token refused');
  return auth.ctx;
}

/** generate_invoice_from_time through the MCP endpoint, as an assistant calls it. */
export function generate(m: Member, args: Record<string, unknown>): Promise<CallToolResult> {
  return m.call('generate_invoice_from_time', args);
}

/** A draft invoice for a client, written straight to the table (drafting is another tool's test). */
export async function seedDraft(m: Member, clientId: string, currency?: string): Promise<string> {
  const { client } = await lookup(m.businessId, { client: clientId });
  if (!client) throw new Error(`no client ${clientId}`);
  const invoiceId = newId('invoice');
  const at = new Date().toISOString();
  await db.entities.invoice
    .create({
      businessId: m.businessId,
      invoiceId,
      clientId,
      clientName: client.name,
      status: 'draft',
      currency: currency ?? client.currency,
      listDate: at.slice(0, 10),
      createdBy: m.userId,
      createdAt: at,
      updatedAt: at,
    })
    .go();
  return invoiceId;
}

/** Every time entry of a client, read from the base table by id after listing them. */
export async function clientEntries(businessId: string, clientId: string): Promise<TimeEntryRecord[]> {
  const { data } = await db.entities.timeEntry.query.byClient({ businessId, clientId }).go({ pages: 'all' });
  return data;
}

export interface Checked {
  lines: InvoiceLineRecord[];
  entries: number;
  minutes: number;
}

/**
 * The billing invariants of one invoice, checked on what is stored: the header's totals are
 * computeTotals of its lines and its counts match; every time line's minutes are the sum of its
 * entries' and its amount follows from them; every entry on a line points back at that line.
 */
export async function expectConsistent(businessId: string, invoiceId: string, entries: ReadonlyMap<string, TimeEntryRecord>): Promise<Checked> {
  const doc = await readInvoice(businessId, invoiceId);
  if (!doc) throw new Error(`no invoice ${invoiceId}`);
  const { invoice, lines } = doc;
  const t = computeTotals(lines);
  expect({ subtotal: invoice.subtotal, taxTotal: invoice.taxTotal, total: invoice.total, taxGroups: invoice.taxGroups ?? [] }).toEqual({
    subtotal: t.subtotal,
    taxTotal: t.taxTotal,
    total: t.total,
    taxGroups: t.taxGroups,
  });
  expect(invoice.lineCount).toBe(lines.length);
  let count = 0;
  let minutes = 0;
  for (const l of lines) {
    if (l.kind !== 'time') continue;
    const own = (l.entryIds ?? []).map((id) => entries.get(id));
    for (const e of own) expect(e && { invoiceId: e.invoiceId, invoiceLineId: e.invoiceLineId }).toEqual({ invoiceId, invoiceLineId: l.lineId });
    const sum = own.reduce((m, e) => m + (e?.durationMinutes ?? 0), 0);
    expect(l.minutes).toBe(sum);
    expect(l.amount).toBe(timeAmount(sum, l.hourlyRate!));
    count += own.length;
    minutes += sum;
  }
  expect(invoice.entryCount).toBe(count);
  // No entry says it is on this invoice without a line of it listing it.
  const listed = new Set(lines.flatMap((l) => l.entryIds ?? []));
  for (const e of entries.values()) if (e.invoiceId === invoiceId) expect(listed.has(e.entryId)).toBe(true);
  return { lines, entries: count, minutes };
}

export function byId(entries: readonly TimeEntryRecord[]): Map<string, TimeEntryRecord> {
  return new Map(entries.map((e) => [e.entryId, e]));
}

