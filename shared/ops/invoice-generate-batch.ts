import type { InvoiceLineRecord, InvoiceRecord } from '../db/invoices.js';
import { commitInvoiceBatch, type BatchOutcome, type LineChange } from '../db/invoice-billing.js';
import type { EntryChange } from '../db/time-aggregates.js';
import { roundHalfUpDiv, timeAmount } from '../money/rounding.js';
import type { OpContext } from './context.js';
import { computeTotals } from './invoice-totals.js';
import { nextUpdatedAt } from './versions.js';

/**
 * What billing and releasing share: an invoice as this request knows it (header and every line),
 * the numbers of a time line, and committing one batch of line and entry changes against it.
 */
export interface InvoiceState {
  invoice: InvoiceRecord;
  lines: Map<string, InvoiceLineRecord>;
}

export function stateOf(invoice: InvoiceRecord, lines: readonly InvoiceLineRecord[]): InvoiceState {
  return { invoice, lines: new Map(lines.map((l) => [l.lineId, l])) };
}

/** Hours as thousandths, for display only: the amount always comes from the exact minutes. */
export function hoursThousandths(minutes: number): number {
  return Number(roundHalfUpDiv(BigInt(minutes) * 1000n, 60n));
}

/** A time line holding these entries and minutes: amount = round_half_up(minutes × rate / 60). */
export function timeLineAt(line: InvoiceLineRecord, entryIds: string[], minutes: number): InvoiceLineRecord {
  return {
    ...line,
    entryIds,
    minutes,
    amount: timeAmount(minutes, line.hourlyRate ?? 0),
    quantityThousandths: hoursThousandths(minutes),
    updatedAt: nextUpdatedAt(line.updatedAt),
  };
}

/** The header that matches a set of lines: totals by computeTotals, counts, the next revision. */
export function headerAfter(invoice: InvoiceRecord, lines: Iterable<InvoiceLineRecord>): InvoiceRecord {
  const all = [...lines];
  const t = computeTotals(all);
  return {
    ...invoice,
    subtotal: t.subtotal,
    taxTotal: t.taxTotal,
    total: t.total,
    taxGroups: t.taxGroups,
    lineCount: all.length,
    entryCount: all.reduce((n, l) => n + (l.entryIds?.length ?? 0), 0),
    revision: invoice.revision + 1,
    updatedAt: nextUpdatedAt(invoice.updatedAt),
  };
}

/** Commits one batch and, when it lands, moves `state` to the invoice as it now is. */
export async function commitBatch(
  ctx: OpContext,
  state: InvoiceState,
  lines: LineChange[],
  entries: EntryChange[],
  note: { operation: string; summary: string },
): Promise<BatchOutcome> {
  const after = new Map(state.lines);
  for (const c of lines) {
    if (c.after) after.set(c.after.lineId, c.after);
    else after.delete(c.before!.lineId);
  }
  const next = headerAfter(state.invoice, after.values());
  const outcome = await commitInvoiceBatch({
    invoice: state.invoice,
    next,
    lines,
    entries,
    activity: {
      businessId: ctx.businessId,
      at: new Date().toISOString(),
      actorId: ctx.userId,
      via: ctx.via,
      grantId: ctx.grantId,
      clientName: ctx.clientName,
      operation: note.operation,
      targetId: state.invoice.invoiceId,
      summary: note.summary,
    },
  });
  if (outcome.ok) {
    state.invoice = next;
    state.lines = after;
  }
  return outcome;
}

/** A pause before retrying after a clash with a concurrent writer: exponential, jittered, capped. */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
