import { packBatches, type BatchOutcome, type BatchUnit, type LineChange } from '../db/invoice-billing.js';
import type { TimeEntryRecord } from '../db/time-lookup.js';
import type { EntryChange } from '../db/time-aggregates.js';
import { formatDuration } from '../time/duration.js';
import { count, invoiceInWords } from './activity-words.js';
import type { OpContext } from './context.js';
import { conflict, OpError } from './errors.js';
import { backoff, commitBatch, stateOf, type InvoiceState } from './invoice-generate-batch.js';
import { newLine, planLines, withEntries, type PlannedLine, type PlanSources } from './invoice-generate-plan.js';
import { readSources, refresh, type GenerateRange } from './invoice-generate-sources.js';
import { nextUpdatedAt } from './versions.js';

/** What one line received from this call. */
export interface LineBilled {
  created: boolean;
  entryIds: string[];
  minutes: number;
}

export interface Billing {
  /** The draft as it is after the last committed batch. */
  state: InvoiceState;
  lines: Map<string, LineBilled>;
  entries: number;
}

/** Failed batches in a row (nothing committed between them) before giving up with a conflict. */
const maxFailuresInARow = 8;

interface Unit extends BatchUnit {
  line: PlannedLine;
  change: EntryChange;
}

function unitsOf(plan: readonly PlannedLine[], invoiceId: string): Unit[] {
  return plan.flatMap((line) =>
    line.entries.map((before) => {
      const after: TimeEntryRecord = { ...before, invoiceId, invoiceLineId: line.lineId, updatedAt: nextUpdatedAt(before.updatedAt) };
      return { lineId: line.lineId, line, change: { before, after } };
    }),
  );
}

/**
 * Bills a plan in batches (invoice-billing.ts): each batch puts some entries on their lines and
 * rewrites the header in one transaction. When a batch fails because an entry or the draft changed
 * (another generation billed the entry, say), it reads those entries strongly and plans again from
 * what is unbilled now, so concurrent generations bill each entry exactly once between them.
 * With `exact` (a plan_token was given) it never re-plans: only a clash with a concurrent
 * transaction is retried, and a change is a conflict, so nothing outside the previewed plan is billed.
 */
export async function billPlan(ctx: OpContext, input: GenerateRange, sources: PlanSources, plan: PlannedLine[], exact: boolean): Promise<Billing> {
  const billing: Billing = { state: stateOf(sources.invoice, sources.lines), lines: new Map(), entries: 0 };
  const fresh = new Map<string, TimeEntryRecord>();
  let units = unitsOf(plan, sources.invoice.invoiceId);
  let failures = 0;
  let left = units.length;
  try {
    while (units.length) {
      const before = billing.entries;
      const failed = await billUnits(ctx, billing, units);
      if (!failed) break;
      // Progress (a batch landed, or the last re-plan found less to bill) resets the count.
      failures = billing.entries > before || units.length < left ? 1 : failures + 1;
      left = failed.remaining.length;
      if (exact && !failed.outcome.contentionOnly) {
        throw conflict('The unbilled time or the draft changed while this plan was being billed; preview again (dry_run: true) for the rest.');
      }
      if (failures >= maxFailuresInARow) throw conflict('Other changes to this time or draft kept colliding with this generation; run it again.');
      await backoff(failures);
      if (failed.outcome.contentionOnly) {
        units = failed.remaining;
        continue;
      }
      await refresh(ctx, fresh, failed.outcome.entriesChanged);
      const again = await readSources(ctx, input, fresh);
      billing.state = stateOf(again.invoice, again.lines);
      units = unitsOf(planLines(again, input.group_by), again.invoice.invoiceId);
    }
  } catch (e) {
    // Whatever stops a run part-way, the draft is consistent: say how much of it landed.
    if (e instanceof OpError && billing.entries > 0) {
      throw new OpError(e.code, `${e.message} (${billing.entries} time entries were billed onto draft ${sources.invoice.invoiceId} before this; it is consistent.)`, e.details);
    }
    throw e;
  }
  return billing;
}

/** Commits the units batch by batch; on a failed batch returns what failed and the units not yet billed. */
async function billUnits(ctx: OpContext, billing: Billing, units: Unit[]): Promise<{ outcome: Extract<BatchOutcome, { ok: false }>; remaining: Unit[] } | null> {
  const { state } = billing;
  const { businessId, invoiceId } = state.invoice;
  let done = 0;
  for (const batch of packBatches(units)) {
    const lines: LineChange[] = [];
    const byLine = new Map<string, Unit[]>();
    for (const u of batch) byLine.set(u.lineId, [...(byLine.get(u.lineId) ?? []), u]);
    for (const [lineId, own] of byLine) {
      const before = state.lines.get(lineId) ?? null;
      const start = before ?? newLine(own[0]!.line, invoiceId, businessId, new Date().toISOString());
      lines.push({ before, after: withEntries(start, own.map((u) => u.change.before!)) });
    }
    const entries = batch.map((u) => u.change);
    const minutes = entries.reduce((m, c) => m + c.before!.durationMinutes, 0);
    const summary = `Billed ${count(entries.length, 'time entry', 'time entries')} (${formatDuration(minutes)}) onto ${count(lines.length, 'line', 'lines')} of ${invoiceInWords(state.invoice)}`;
    const outcome = await commitBatch(ctx, state, lines, entries, { operation: 'generate_invoice_from_time', summary });
    if (!outcome.ok) return { outcome, remaining: units.slice(done) };
    done += batch.length;
    billing.entries += entries.length;
    for (const c of lines) {
      const id = c.after!.lineId;
      const own = byLine.get(id)!;
      const seen = billing.lines.get(id) ?? { created: !c.before, entryIds: [], minutes: 0 };
      seen.entryIds.push(...own.map((u) => u.change.before!.entryId));
      seen.minutes += own.reduce((m, u) => m + u.change.before!.durationMinutes, 0);
      billing.lines.set(id, seen);
    }
  }
  return null;
}
