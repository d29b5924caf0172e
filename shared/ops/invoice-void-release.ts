import { entriesById } from '../db/invoice-billing-read.js';
import { commitInvoiceBatch, packBatches, type BatchUnit } from '../db/invoice-billing.js';
import type { InvoiceDoc } from '../db/invoices.js';
import type { EntryChange } from '../db/time-aggregates.js';
import type { TimeEntryRecord } from '../db/time-entries.js';
import { count, invoiceInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { conflict } from './errors.js';
import { backoff } from './invoice-generate-batch.js';
import { nextVersion } from './invoice-header.js';
import { mustReadInvoice } from './invoice-view.js';
import { nextUpdatedAt } from './versions.js';

/** Rounds of reading again after a concurrent change, before giving up. */
const maxAttempts = 6;

/**
 * Returns the time entries of a void invoice to unbilled while the invoice KEEPS its lines and
 * totals: a void invoice is the record of what was sent under its number (and may carry payments),
 * so unlike releaseInvoiceEntries (drafts, which removes the lines it empties) nothing on it changes
 * but `releasePending`. Each batch is one transaction of the billing layer (commitInvoiceBatch):
 * the entries leave the invoice (guarded on still being on it), their aggregates follow, the header
 * gets a new revision, and the last batch clears `releasePending` with its own entries. A failure
 * part-way leaves the mark, and the void is finished by calling void_invoice again.
 */
export async function releaseVoidEntries(ctx: OpContext, invoiceId: string): Promise<{ doc: InvoiceDoc; released: number }> {
  let released = 0;
  for (let attempt = 0; ; attempt++) {
    const doc = await mustReadInvoice(ctx, invoiceId);
    let state = doc.invoice;
    const pending = new Set(state.releasePending ?? []);
    if (state.status !== 'void' || !pending.size) return { doc, released };
    const lines = doc.lines.filter((l) => pending.has(l.lineId));
    const entries = await entriesById(ctx.businessId, lines.flatMap((l) => l.entryIds ?? []));
    const units: BatchUnit[] = [];
    for (const line of lines) {
      for (const id of line.entryIds ?? []) {
        const before = entries.get(id);
        // Only entries still billed on this line: a retry skips what an earlier round released.
        if (!before || before.invoiceId !== invoiceId || before.invoiceLineId !== line.lineId) continue;
        const after: TimeEntryRecord = { ...before, invoiceId: undefined, invoiceLineId: undefined, updatedAt: nextUpdatedAt(before.updatedAt) };
        // No line is written; one lineId for all makes packBatches count one item too many, never too few.
        units.push({ lineId: invoiceId, change: { before, after } });
      }
    }
    const batches = units.length ? packBatches(units) : [[]];
    let landed = true;
    for (const [i, batch] of batches.entries()) {
      const changes = batch.map((u) => u.change as EntryChange);
      const last = i === batches.length - 1;
      const next = nextVersion(state, last ? { releasePending: undefined } : {});
      const outcome = await commitInvoiceBatch({
        invoice: state,
        next,
        lines: [],
        entries: changes,
        activity: {
          businessId: ctx.businessId,
          at: new Date().toISOString(),
          actorId: ctx.userId,
          via: ctx.via,
          grantId: ctx.grantId,
          clientName: ctx.clientName,
          operation: 'void_invoice',
          targetId: invoiceId,
          summary: `Returned ${count(changes.length, 'time entry', 'time entries')} from voided ${invoiceInWords(state)} to unbilled time`,
        },
      });
      if (!outcome.ok) {
        landed = false;
        break;
      }
      released += changes.length;
      state = next;
    }
    if (landed) return { doc: { ...doc, invoice: state }, released };
    if (attempt + 1 >= maxAttempts) {
      throw conflict(`invoice ${invoiceId} is void, but its time kept changing while it was being released (${released} entries so far); call void_invoice again to finish.`);
    }
    await backoff(attempt);
  }
}
