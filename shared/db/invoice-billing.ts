import type { TransactionItem } from 'electrodb';
import { db, type TxEntities } from './service.js';
import { activityWrite, type ActivityRecord } from './activity.js';
import { entryWrite } from './time-entries.js';
import { aggregateDeltas, aggregateWrites, type EntryChange } from './time-aggregates.js';
import { invoiceWrite, type InvoiceLineRecord, type InvoiceRecord } from './invoices.js';

/**
 * One batch of billing or releasing time: ONE transaction holding the invoice lines it creates,
 * rewrites or deletes, the invoice header (totals over all lines as they will be, conditioned on
 * the revision read), the entries it puts on or takes off the invoice (conditioned on the version
 * read and on the invoice they are on), the aggregates of those entries and an activity record.
 * Either all of it lands or none does, so between batches every billed entry is on a line that
 * counts it and the header matches its lines (docs/storage-schema.md, "Billing time").
 */

/** DynamoDB's limit on the items of one TransactWriteItems. */
export const maxTransactionItems = 100;

/** A line as it is (null: created by the batch) and as it will be (null: deleted). */
export interface LineChange {
  before: InvoiceLineRecord | null;
  after: InvoiceLineRecord | null;
}

export interface InvoiceBatch {
  /** The header as read (the guard) and as it will be after the batch. */
  invoice: InvoiceRecord;
  next: InvoiceRecord;
  lines: LineChange[];
  /** Each entry as read and with its invoice set or cleared (and a new updatedAt). */
  entries: EntryChange[];
  activity: Omit<ActivityRecord, 'activityId'>;
}

/** What failed when a batch was cancelled: a changed record, or only a clash with a concurrent transaction. */
export type BatchOutcome =
  | { ok: true }
  | { ok: false; invoiceChanged: boolean; entriesChanged: string[]; contentionOnly: boolean };

/**
 * Test-only seam: called after each committed batch. A test sets `afterBatch` to throw, to prove
 * that a failure between batches leaves nothing half-billed and that a retry completes. Nothing
 * in the product sets it.
 */
export const billingHooks: { afterBatch?: (info: { invoiceId: string; operation: string; entries: number }) => void | Promise<void> } = {};

/** Items one batch writes for these lines and entry changes: lines, header, activity, entries, merged aggregates. */
export function batchItemCount(lineCount: number, entries: readonly EntryChange[]): number {
  const d = aggregateDeltas(entries);
  return lineCount + 2 + entries.length + d.projects.length + d.rollups.length + d.taskTimes.length;
}

/** A unit of batched work: one entry moving on or off a line, or (no change) the line alone. */
export interface BatchUnit {
  lineId: string;
  change?: EntryChange;
}

/**
 * Cuts units, in order, into batches of at most `max` transaction items, counted exactly as the
 * batch will write them (aggregate items merged per project, rollup and task total).
 */
export function packBatches<U extends BatchUnit>(units: readonly U[], max = maxTransactionItems): U[][] {
  const size = (batch: readonly U[]) =>
    batchItemCount(
      new Set(batch.map((u) => u.lineId)).size,
      batch.flatMap((u) => (u.change ? [u.change] : [])),
    );
  const batches: U[][] = [];
  let current: U[] = [];
  for (const u of units) {
    current.push(u);
    if (current.length > 1 && size(current) > max) {
      current.pop();
      batches.push(current);
      current = [u];
    }
  }
  if (current.length) batches.push(current);
  return batches;
}

function lineWrite(e: TxEntities, c: LineChange) {
  if (!c.before) return e.invoiceLine.create(c.after!).commit();
  const { businessId, invoiceId, lineId, updatedAt } = c.before;
  const key = { businessId, invoiceId, lineId };
  type Where = Parameters<ReturnType<TxEntities['invoiceLine']['delete']>['where']>[0];
  const guard: Where = (a, op) => op.eq(a.updatedAt, updatedAt);
  if (!c.after) return e.invoiceLine.delete(key).where(guard).commit();
  // Billing and releasing change only these; the rate, description and tax of a line stay.
  const { minutes, amount, quantityThousandths, entryIds, updatedAt: next } = c.after;
  return e.invoiceLine.patch(key).set({ minutes, amount, quantityThousandths, entryIds, updatedAt: next }).where(guard).commit();
}

/** Commits one batch. Every failure is reported, never thrown, so the caller can re-plan or retry. */
export async function commitInvoiceBatch(b: InvoiceBatch): Promise<BatchOutcome> {
  const { businessId, invoiceId } = b.invoice;
  const writes = (e: TxEntities) => [
    ...b.lines.map((c) => lineWrite(e, c)),
    invoiceWrite(e, b.next, { revision: b.invoice.revision, status: b.invoice.status }),
    ...b.entries.map((c) => entryWrite(e, c.after!, { updatedAt: c.before!.updatedAt, invoiceId: c.before!.invoiceId ?? null })),
    ...aggregateWrites(e, businessId, b.entries),
    activityWrite(e, b.activity),
  ];
  const count = batchItemCount(b.lines.length, b.entries);
  if (count > maxTransactionItems) throw new Error(`an invoice batch of ${count} items exceeds the transaction limit`);
  const res = await db.transaction.write((e) => writes(e) as never).go();
  if (!res.canceled) {
    await billingHooks.afterBatch?.({ invoiceId, operation: b.activity.operation, entries: b.entries.length });
    return { ok: true };
  }
  const codes = (res.data as TransactionItem<unknown>[]).map((d) => d.code);
  const failed = (i: number) => codes[i] === 'ConditionalCheckFailed';
  const header = b.lines.length;
  const firstEntry = header + 1;
  const entriesChanged = b.entries.filter((_, i) => failed(firstEntry + i)).map((c) => c.before!.entryId);
  const invoiceChanged = failed(header) || b.lines.some((_, i) => failed(i));
  const contentionOnly = !codes.some((c) => c === 'ConditionalCheckFailed') && codes.some((c) => c === 'TransactionConflict');
  if (!contentionOnly && !invoiceChanged && !entriesChanged.length) {
    // A project gone, or something unforeseen: not a race this code can resolve by trying again.
    throw new Error(`invoice batch canceled: ${codes.join(',')}`);
  }
  return { ok: false, invoiceChanged, entriesChanged, contentionOnly };
}
