import { readInvoice, type InvoiceLineRecord, type InvoiceRecord, type InvoiceStatus } from '../db/invoices.js';
import { entriesById } from '../db/invoice-billing-read.js';
import { packBatches, type BatchUnit, type LineChange } from '../db/invoice-billing.js';
import type { TimeEntryRecord } from '../db/time-entries.js';
import type { EntryChange } from '../db/time-aggregates.js';
import { count, invoiceInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { conflict, notFound, OpError } from './errors.js';
import { backoff, commitBatch, stateOf, timeLineAt, type InvoiceState } from './invoice-generate-batch.js';
import { nextUpdatedAt } from './versions.js';

export interface ReleaseOptions {
  /** The statuses the invoice may have (default: draft only). void_invoice passes its own. */
  statuses?: readonly InvoiceStatus[];
  /** The operation named in the activity records (default release_invoice_entries). */
  operation?: string;
}

export interface ReleaseResult {
  /** The header after the release (totals, lineCount, entryCount, revision). */
  invoice: InvoiceRecord;
  /** The lines left on the invoice, by position. */
  lines: InvoiceLineRecord[];
  removedLineIds: string[];
  releasedEntryIds: string[];
}

/** Rounds of reading again after a concurrent change to the invoice, before giving up. */
const maxAttempts = 6;

interface ReleaseUnit extends BatchUnit {
  /** The unit that removes the line: its entries are all off it by then. */
  end?: true;
}

/**
 * Takes lines off an invoice and returns their time entries to unbilled: each entry loses its
 * invoice and line (through entryWrite, guarded on being on this invoice), the billed minutes go
 * back in the aggregates, and the lines are REMOVED, with the header's totals, lineCount,
 * entryCount and revision following. A line with more entries than one transaction holds is
 * emptied over several batches and deleted in the last; each batch is atomic, so after any of
 * them every entry still billed is on a line that counts it. Used by remove_invoice_line,
 * delete_draft_invoice and void_invoice. A concurrent change to the invoice makes it read again
 * and carry on with what is left.
 */
export async function releaseInvoiceEntries(ctx: OpContext, invoiceId: string, lineIds: string[] | 'all', options: ReleaseOptions = {}): Promise<ReleaseResult> {
  const statuses = options.statuses ?? ['draft'];
  const operation = options.operation ?? 'release_invoice_entries';
  const removed: string[] = [];
  const released: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const doc = await readInvoice(ctx.businessId, invoiceId);
    if (!doc) throw notFound('invoice', invoiceId);
    const { invoice } = doc;
    if (!statuses.includes(invoice.status)) {
      throw conflict(`Invoice ${invoiceId} is ${invoice.status}; its lines can be released only when it is ${statuses.join(' or ')}.`);
    }
    const state = stateOf(invoice, doc.lines);
    const targets = pickLines(state, lineIds, removed, attempt > 0);
    const entries = await entriesById(ctx.businessId, targets.flatMap((l) => l.entryIds ?? []));
    const done = await releaseBatches(ctx, state, targets, entries, operation, removed, released);
    if (done) return { invoice: state.invoice, lines: [...state.lines.values()].sort((a, b) => a.position - b.position), removedLineIds: removed, releasedEntryIds: released };
    if (attempt + 1 >= maxAttempts) {
      throw conflict(
        `Invoice ${invoiceId} kept changing while its lines were being removed; ${removed.length} line(s) and ${released.length} time entries were released so far, and the invoice is consistent. Retry.`,
      );
    }
    await backoff(attempt);
  }
}

/** The lines to release. Asked-for lines already gone on a later round were removed meanwhile: nothing left to do for them. */
function pickLines(state: InvoiceState, lineIds: string[] | 'all', removed: string[], retrying: boolean): InvoiceLineRecord[] {
  if (lineIds === 'all') return [...state.lines.values()].sort((a, b) => a.position - b.position);
  const out: InvoiceLineRecord[] = [];
  for (const id of new Set(lineIds)) {
    const line = state.lines.get(id);
    if (line) out.push(line);
    else if (!retrying && !removed.includes(id)) throw new OpError('not_found', `Line ${id} is not on invoice ${state.invoice.invoiceId}.`);
  }
  return out;
}

/** What one batch did, for the activity log: "Removed 1 line from the draft for Acme and returned 3 time entries to unbilled time". */
function releaseSummary(inv: InvoiceRecord, lines: number, entries: number): string {
  const returned = `${count(entries, 'time entry', 'time entries')} to unbilled time`;
  if (!lines) return `Returned ${returned} from ${invoiceInWords(inv)}`;
  return `Removed ${count(lines, 'line', 'lines')} from ${invoiceInWords(inv)}${entries ? ` and returned ${returned}` : ''}`;
}

/** Releases the targets batch by batch; false when a batch lost a race (the caller reads again). */
async function releaseBatches(
  ctx: OpContext,
  state: InvoiceState,
  targets: InvoiceLineRecord[],
  entries: Map<string, TimeEntryRecord>,
  operation: string,
  removed: string[],
  released: string[],
): Promise<boolean> {
  const units: ReleaseUnit[] = [];
  for (const line of targets) {
    for (const id of line.entryIds ?? []) {
      const before = entries.get(id);
      // Only entries really billed on this line: anything else is simply dropped with the line.
      if (!before || before.invoiceId !== line.invoiceId || before.invoiceLineId !== line.lineId) continue;
      const after: TimeEntryRecord = { ...before, invoiceId: undefined, invoiceLineId: undefined, updatedAt: nextUpdatedAt(before.updatedAt) };
      units.push({ lineId: line.lineId, change: { before, after } });
    }
    units.push({ lineId: line.lineId, end: true });
  }
  for (const batch of packBatches(units)) {
    const lines: LineChange[] = [];
    const changes: EntryChange[] = [];
    for (const lineId of new Set(batch.map((u) => u.lineId))) {
      const own = batch.filter((u) => u.lineId === lineId);
      const before = state.lines.get(lineId)!;
      const off = own.flatMap((u) => (u.change ? [u.change] : []));
      changes.push(...off);
      if (own.some((u) => u.end)) {
        lines.push({ before, after: null });
        continue;
      }
      const offIds = new Set(off.map((c) => c.before!.entryId));
      const minutes = (before.minutes ?? 0) - off.reduce((m, c) => m + c.before!.durationMinutes, 0);
      lines.push({ before, after: timeLineAt(before, (before.entryIds ?? []).filter((id) => !offIds.has(id)), minutes) });
    }
    const ended = lines.filter((c) => !c.after).map((c) => c.before!.lineId);
    const summary = releaseSummary(state.invoice, ended.length, changes.length);
    const outcome = await commitBatch(ctx, state, lines, changes, { operation, summary });
    if (!outcome.ok) return false;
    removed.push(...ended);
    released.push(...changes.map((c) => c.before!.entryId));
  }
  return true;
}
