import { z } from 'zod';
import { openCursor, sealCursor } from '../db/cursor.js';
import { listInvoices } from '../db/invoices.js';
import { lookup } from '../db/time-lookup.js';
import { invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { calendarDate, cursorField, idOf, listLimit, page } from './schemas.js';
import { invoiceOut, invoiceSummaryOut, mustReadInvoice, nameOf, toInvoice, todayOf, toSummary } from './invoice-view.js';

export const listInvoicesOp = defineOperation({
  name: 'list_invoices',
  title: 'List invoices',
  description:
    'Invoices of this business, newest first. Filter by status (draft, issued, paid, void, overdue, all; default all), client_id, and from/to (YYYY-MM-DD, inclusive) on the issue date — a draft, having none, by the date it was created. ' +
    'overdue: issued, with a balance, and the due date before today in the business time zone. Amounts are integer minor units with a formatted string beside each. Paginate with limit and cursor.',
  input: z.strictObject({
    status: z.enum(['draft', 'issued', 'paid', 'void', 'overdue', 'all']).default('all'),
    client_id: idOf('client').optional().describe("Only this client's invoices"),
    from: calendarDate.optional().describe('First issue date (a draft: creation date), inclusive'),
    to: calendarDate.optional().describe('Last issue date (a draft: creation date), inclusive'),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: page(invoiceSummaryOut),
  idempotent: true,
  async handler(ctx, input) {
    if (input.from && input.to && input.from > input.to) {
      throw invalidInput(`Invalid input: to: ${input.to} is before from ${input.from}`, { fields: [{ field: 'to', message: 'is before from' }] });
    }
    const listName = `invoices:${input.status}:${input.client_id ?? ''}:${input.from ?? ''}:${input.to ?? ''}`;
    const cursor = openCursor(ctx.businessId, listName, input.cursor);
    const today = todayOf(ctx);
    const res = await listInvoices(ctx.businessId, {
      status: input.status,
      clientId: input.client_id,
      from: input.from,
      to: input.to,
      overdueBefore: input.status === 'overdue' ? today : undefined,
      limit: input.limit,
      cursor,
    });
    // Only an empty first page costs a read more: it tells "no invoices" from "no such client".
    if (input.client_id && !res.items.length && !cursor && !(await lookup(ctx.businessId, { client: input.client_id })).client) {
      throw notFound('client', input.client_id);
    }
    return { items: res.items.map((i) => toSummary(i, today)), next_cursor: sealCursor(ctx.businessId, listName, res.cursor) };
  },
  summarize: (o) =>
    `${o.items.length} invoice(s)${o.next_cursor ? '; more with next_cursor' : ''}: ${
      o.items.map((i) => `${nameOf(i)} ${i.client_name} ${i.status}${i.overdue ? ' (overdue)' : ''} ${i.totals.total_formatted}`).join('; ') || 'none'
    }.`,
});

export const getInvoiceOp = defineOperation({
  name: 'get_invoice',
  title: 'Get invoice',
  description:
    'One invoice: header, who it bills, lines (time lines with minutes, hourly_rate, rate_source and their time entry ids), tax per rate group, totals, payments, balance, status with overdue, and the count of linked time entries. ' +
    'Amounts are integer minor units with a formatted string beside each.',
  input: z.strictObject({ invoice_id: idOf('invoice') }),
  output: z.object({ invoice: invoiceOut }),
  idempotent: true,
  async handler(ctx, input) {
    return { invoice: toInvoice(await mustReadInvoice(ctx, input.invoice_id), todayOf(ctx)) };
  },
  summarize: ({ invoice: i }) =>
    `Invoice ${nameOf(i)} to ${i.client_name}: ${i.status}${i.overdue ? ` (overdue ${i.days_overdue} day(s))` : ''}, ${i.lines.length} line(s), total ${i.totals.total_formatted}, balance ${i.totals.balance_formatted}.`,
});

