import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { config } from '../config/index.js';
import { documentClient } from './client.js';
import { db, type TxEntities } from './service.js';
import { addDays } from '../time/zone.js';
import { readPage } from './filtered-page.js';

export type InvoiceRecord = EntityItem<typeof db.entities.invoice>;
export type InvoiceLineRecord = EntityItem<typeof db.entities.invoiceLine>;
export type PaymentRecord = EntityItem<typeof db.entities.payment>;
export type InvoiceStatus = InvoiceRecord['status'];

/** An invoice with everything in its partition: the header, its lines (by position) and its payments (oldest first). */
export interface InvoiceDoc {
  invoice: InvoiceRecord;
  lines: InvoiceLineRecord[];
  payments: PaymentRecord[];
}

/**
 * The whole invoice in one Query of its partition (lines `LINE#…`, payments `PAY#…` and the
 * header `PROFILE` share it). Only a partition above DynamoDB's 1 MB page needs a second page.
 * Null when the business has no such invoice: the key carries the business id.
 */
export async function readInvoice(businessId: string, invoiceId: string): Promise<InvoiceDoc | null> {
  const { invoice, invoiceLine, payment } = db.entities;
  const pk = invoice.get({ businessId, invoiceId }).params().Key.pk as string;
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient().send(
      // Consistent: most reads precede a conditional write, and an assistant reads what it just changed.
      new QueryCommand({ TableName: config().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  const head = items.find((i) => i.__edb_e__ === 'invoice');
  const parsed = head ? invoice.parse({ Item: head }).data : null;
  if (!parsed) return null;
  const lines = items
    .filter((i) => i.__edb_e__ === 'invoiceLine')
    .map((Item) => invoiceLine.parse({ Item }).data)
    .filter((l): l is InvoiceLineRecord => l !== null)
    .sort((a, b) => a.position - b.position || a.lineId.localeCompare(b.lineId));
  const payments = items
    .filter((i) => i.__edb_e__ === 'payment')
    .map((Item) => payment.parse({ Item }).data)
    .filter((p): p is PaymentRecord => p !== null);
  return { invoice: parsed, lines, payments };
}

/** Attributes an invoice may lack; a write of the whole header removes those absent from it. */
const optionalAttributes = [
  'number',
  'sequence',
  'issueDate',
  'dueDate',
  'paymentTermsDays',
  'notes',
  'poNumber',
  'issuedAt',
  'paidAt',
  'voidedAt',
  'voidReason',
  'billTo',
  'seller',
  'releasePending',
] as const;

export type OptionalInvoiceAttr = (typeof optionalAttributes)[number];

/** What the header must look like in the database for a write to go through. */
export interface InvoiceGuard {
  /** The revision read: any change to the invoice since then fails the write. */
  revision: number;
  /** The status read (redundant with the revision, but says what the write relies on). */
  status: InvoiceStatus;
  /** The amount paid read, for a payment (also redundant with the revision, and as explicit). */
  amountPaid?: number;
}

type Where = Parameters<ReturnType<TxEntities['invoice']['delete']>['where']>[0];

function guardExpression(g: InvoiceGuard): Where {
  return (a, op) =>
    [op.eq(a.revision, g.revision), op.eq(a.status, g.status), g.amountPaid !== undefined && op.eq(a.amountPaid, g.amountPaid)]
      .filter((c): c is string => typeof c === 'string')
      .join(' AND ');
}

/**
 * THE way to change an invoice header: it writes the whole header, conditioned on the revision and
 * status read. ElectroDB recomputes an index key only when a patch sets every attribute the key is
 * made of, so status, listDate and clientId (with the key's invoiceId) are always set and all three
 * list indexes stay true to the invoice; optional attributes absent from `next` are removed.
 * Give `next` the following revision and a new updatedAt (nextUpdatedAt).
 */
export function invoiceWrite(e: TxEntities, next: InvoiceRecord, guard: InvoiceGuard) {
  const { businessId, invoiceId, ...attrs } = next;
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) set[k] = v;
  const remove = optionalAttributes.filter((k) => next[k] === undefined);
  const patch = e.invoice.patch({ businessId, invoiceId }).set(set as never);
  return (remove.length ? patch.remove(remove) : patch).where(guardExpression(guard)).commit();
}

/** Deletes the header, conditioned like invoiceWrite. */
export function invoiceDelete(e: TxEntities, current: InvoiceRecord, guard: InvoiceGuard) {
  return e.invoice.delete({ businessId: current.businessId, invoiceId: current.invoiceId }).where(guardExpression(guard)).commit();
}

export type InvoiceListStatus = InvoiceStatus | 'overdue' | 'all';

export interface ListInvoicesQuery {
  status: InvoiceListStatus;
  clientId?: string;
  /** Inclusive bounds on listDate: the issue date, or for a draft the date it was created. */
  from?: string;
  to?: string;
  /**
   * For `overdue`: today in the business's time zone. An overdue invoice was issued before it (the
   * due date is never before the issue date), so it bounds the key as well as the due date.
   */
  overdueBefore?: string;
  limit: number;
  cursor?: string;
}


/**
 * Invoices newest first (by listDate, then id) from the index the filters select: a client's from
 * byClient (a status as a filter), a status's from byStatus, everything from byDate. The date range
 * is always a key condition; `overdue` is issued invoices whose due date has passed.
 */
export async function listInvoices(businessId: string, q: ListInvoicesQuery): Promise<{ items: InvoiceRecord[]; cursor: string | null }> {
  const { invoice } = db.entities;
  const stored: InvoiceStatus | undefined = q.status === 'all' ? undefined : q.status === 'overdue' ? 'issued' : q.status;
  let to = q.to ?? '9999-12-31';
  if (q.overdueBefore && q.overdueBefore <= to) to = addDays(q.overdueBefore, -1);
  // `<date>#<id>` keys: '~' sorts after '#' and every id character, so `to` includes its own day.
  const lo = q.from ?? '0';
  const hi = `${to}~`;
  const base = q.clientId
    ? invoice.query.byClient({ businessId, clientId: q.clientId })
    : stored
      ? invoice.query.byStatus({ businessId, status: stored })
      : invoice.query.byDate({ businessId });
  const ranged = base.between({ listDate: lo } as never, { listDate: hi } as never);
  const conditions: Where[] = [];
  if (q.clientId && stored) conditions.push((a, op) => op.eq(a.status, stored));
  if (q.overdueBefore) {
    const before = q.overdueBefore;
    // An issued invoice always has a balance (a payment to zero makes it paid), so the due date decides.
    conditions.push((a, op) => op.lt(a.dueDate, before));
  }
  const query = conditions.length ? ranged.where((a, op) => conditions.map((c) => c(a, op)).join(' AND ')) : ranged;

  return readPage((limit, cursor) => query.go({ order: 'desc', limit, cursor }), { limit: q.limit, cursor: q.cursor, filtered: conditions.length > 0 });
}
