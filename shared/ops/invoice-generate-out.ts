import { z } from 'zod';
import type { InvoiceLineRecord } from '../db/invoices.js';
import { formatMoney } from '../money/currency.js';
import { computeTotals } from './invoice-totals.js';
import { invoiceSummaryOut } from './invoice-view.js';
import { actedOn as actedOnSchema } from './schemas.js';

/** What generate_invoice_from_time returns, for a preview and for a real run alike. */

export const generatedLineOut = z.object({
  line_id: z.string().nullable().describe('The line written; in a preview, the existing line it extends or null for a new line'),
  extends_line: z.boolean().describe('True when the entries join an existing line of the same group, rate and tax'),
  group_key: z.string().describe('task:<id>, project:<id> or entry:<id>'),
  description: z.string(),
  task_id: z.string().nullable(),
  project_id: z.string(),
  minutes: z.number().int().describe('The line’s minutes after billing'),
  added_minutes: z.number().int().describe('Minutes this call puts on the line'),
  quantity: z.number().describe('Hours, to 3 decimals, for display; the amount comes from the exact minutes'),
  hourly_rate: z.number().int().describe('Minor units per hour, the rate in force now'),
  rate_source: z.enum(['task', 'project', 'client', 'business']),
  amount: z.number().int().describe('The line’s amount after billing: round_half_up(minutes × hourly_rate / 60)'),
  amount_formatted: z.string(),
  tax_rate_bps: z.number().int(),
  entry_ids: z.array(z.string()).describe('The time entries this call puts on the line'),
});

export const generateTotalsOut = z.object({
  subtotal_amount: z.number().int(),
  tax_amount: z.number().int(),
  total_amount: z.number().int(),
  total_formatted: z.string(),
  tax_groups: z.array(z.object({ rate_bps: z.number().int(), net_amount: z.number().int(), tax_amount: z.number().int() })),
});

export const generateOut = z.object({
  dry_run: z.boolean(),
  invoice: invoiceSummaryOut.describe('The draft as it is now: after billing, or untouched by a preview'),
  lines: z.array(generatedLineOut).describe('The lines written (or, in a preview, that would be)'),
  totals: generateTotalsOut.describe('The draft’s totals with these lines (computed over every line)'),
  entry_count: z.number().int().describe('Time entries billed (or, in a preview, that would be)'),
  minutes: z.number().int(),
  plan_token: z.string().nullable().describe('Preview only: pass it with dry_run false to bill exactly this plan'),
  acted_on: actedOnSchema,
});

export type GeneratedLineOut = z.output<typeof generatedLineOut>;

export function toGeneratedLine(line: InvoiceLineRecord, currency: string, added: { lineId: string | null; extends: boolean; entryIds: string[]; minutes: number }): GeneratedLineOut {
  return {
    line_id: added.lineId,
    extends_line: added.extends,
    group_key: line.groupKey ?? '',
    description: line.description,
    task_id: line.taskId ?? null,
    project_id: line.projectId ?? '',
    minutes: line.minutes ?? 0,
    added_minutes: added.minutes,
    quantity: line.quantityThousandths / 1000,
    hourly_rate: line.hourlyRate ?? 0,
    rate_source: line.rateSource ?? 'business',
    amount: line.amount,
    amount_formatted: formatMoney(line.amount, currency),
    tax_rate_bps: line.taxRateBps,
    entry_ids: added.entryIds,
  };
}

export function totalsOf(lines: readonly InvoiceLineRecord[], currency: string): z.output<typeof generateTotalsOut> {
  const t = computeTotals(lines);
  return {
    subtotal_amount: t.subtotal,
    tax_amount: t.taxTotal,
    total_amount: t.total,
    total_formatted: formatMoney(t.total, currency),
    tax_groups: t.taxGroups.map((g) => ({ rate_bps: g.rateBps, net_amount: g.net, tax_amount: g.tax })),
  };
}

/** The draft's lines with some replaced or added (a preview's "after"). */
export function linesWith(existing: readonly InvoiceLineRecord[], changed: readonly InvoiceLineRecord[]): InvoiceLineRecord[] {
  const byId = new Map(existing.map((l) => [l.lineId, l]));
  for (const l of changed) byId.set(l.lineId, l);
  return [...byId.values()];
}
