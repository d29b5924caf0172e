import { z } from 'zod';
import type { OpContext } from './context.js';
import { actedOn } from './commit.js';
import { conflict, invalidInput } from './errors.js';
import { billPlan } from './invoice-generate-bill.js';
import { generateOut, linesWith, toGeneratedLine, totalsOf } from './invoice-generate-out.js';
import { lineAfter, planLines, type PlannedLine, type PlanSources } from './invoice-generate-plan.js';
import { readSources, type GenerateRange } from './invoice-generate-sources.js';
import { planToken, sameToken } from './invoice-generate-token.js';
import { toSummary } from './invoice-view.js';
import { defineOperation } from './operation.js';
import { calendarDate, idOf } from './schemas.js';

type Output = z.output<typeof generateOut>;

/** What a preview shows: each planned line as it would be, the totals over every line, the token. */
function preview(ctx: OpContext, sources: PlanSources, plan: PlannedLine[], token: string): Output {
  const { invoice } = sources;
  const at = new Date().toISOString();
  const after = plan.map((p) => lineAfter(p, invoice.invoiceId, ctx.businessId, at));
  const lines = plan.map((p, i) =>
    toGeneratedLine(after[i]!, invoice.currency, {
      lineId: p.base?.lineId ?? null,
      extends: Boolean(p.base),
      entryIds: p.entries.map((t) => t.entryId),
      minutes: p.entries.reduce((m, t) => m + t.durationMinutes, 0),
    }),
  );
  return {
    dry_run: true,
    invoice: toSummary(invoice),
    lines,
    totals: totalsOf(linesWith(sources.lines, after), invoice.currency),
    entry_count: sources.entries.length,
    minutes: lines.reduce((m, l) => m + l.added_minutes, 0),
    plan_token: token,
    acted_on: actedOn(ctx),
  };
}

export const generateInvoiceFromTimeOp = defineOperation({
  name: 'generate_invoice_from_time',
  title: 'Generate invoice from time',
  description:
    "Fill a draft from its client's billable, unbilled time entries dated from..to (YYYY-MM-DD, business-local, inclusive). group_by: task (default; one line per task), project, or entry (one line per entry). " +
    'Each line is priced at the hourly rate in force now (task, then project, then client, then the business default; a project line skips the task level): amount = round_half_up(minutes × hourly_rate / 60); tax at the business default rate. ' +
    'Entries join an existing line of the same group, rate and tax instead of adding a second one. A group with no rate at any level is refused, naming it. ' +
    'dry_run: true previews the lines (entry ids, minutes, rate, rate_source, amounts), the totals and a plan_token, and writes nothing; passing that plan_token (dry_run false) bills exactly that plan or refuses with conflict if any entry, rate or the draft changed. ' +
    'Billed entries are linked to their line and can never be billed twice; remove_invoice_line or delete_draft_invoice makes them unbilled again. Drafts only; at most 5,000 entries per call.',
  input: z.strictObject({
    invoice_id: idOf('invoice').describe('A draft invoice'),
    from: calendarDate.describe('First date, inclusive (business-local YYYY-MM-DD)'),
    to: calendarDate.describe('Last date, inclusive (business-local YYYY-MM-DD)'),
    group_by: z.enum(['task', 'project', 'entry']).default('task').describe('One line per task (default), per project, or per entry'),
    project_id: idOf('project').optional().describe("Only this project's time (a project of the draft's client)"),
    dry_run: z.boolean().default(false).describe('true: return the plan and a plan_token; write nothing'),
    plan_token: z.string().min(1).max(200).optional().describe('From a preview: bill exactly that plan, or conflict if anything changed since'),
  }),
  output: generateOut,
  async handler(ctx, input) {
    if (input.from > input.to) throw invalidInput(`Invalid input: to: ${input.to} is before from ${input.from}`, { fields: [{ field: 'to', message: 'is before from' }] });
    if (input.dry_run && input.plan_token) {
      throw invalidInput('Invalid input: plan_token: a preview makes a plan_token; pass it with dry_run false to bill that plan', { fields: [{ field: 'plan_token', message: 'only with dry_run false' }] });
    }
    const range: GenerateRange = { invoice_id: input.invoice_id, from: input.from, to: input.to, group_by: input.group_by, project_id: input.project_id };
    const sources = await readSources(ctx, range, new Map());
    const plan = planLines(sources, input.group_by);
    const token = planToken(sources.invoice, range, plan);
    if (input.dry_run) return preview(ctx, sources, plan, token);
    if (input.plan_token !== undefined && !sameToken(token, input.plan_token)) {
      throw conflict('The unbilled time, a rate or the draft changed since the preview (plan_token no longer matches); nothing was billed. Preview again with dry_run: true.');
    }
    const billing = await billPlan(ctx, range, sources, plan, input.plan_token !== undefined);
    const { invoice, lines } = billing.state;
    // A line this call wrote and someone removed meanwhile is no longer on the draft: not listed.
    const out = [...billing.lines].flatMap(([lineId, b]) => {
      const line = lines.get(lineId);
      return line ? [{ line, b }] : [];
    });
    return {
      dry_run: false,
      invoice: toSummary(invoice),
      lines: out
        .sort((x, y) => x.line.position - y.line.position)
        .map(({ line, b }) => toGeneratedLine(line, invoice.currency, { lineId: line.lineId, extends: !b.created, entryIds: b.entryIds, minutes: b.minutes })),
      totals: totalsOf([...lines.values()], invoice.currency),
      entry_count: billing.entries,
      minutes: out.reduce((m, o) => m + o.b.minutes, 0),
      plan_token: null,
      acted_on: actedOn(ctx),
    };
  },
  summarize: (o) => {
    const hours = (o.minutes / 60).toFixed(2);
    const lines = `${o.lines.length} line(s) (${o.lines.filter((l) => !l.extends_line).length} new, ${o.lines.filter((l) => l.extends_line).length} extended)`;
    if (o.dry_run) {
      return o.entry_count
        ? `Preview for draft ${o.invoice.id}: ${o.entry_count} time entries (${hours} h) in ${lines}; total would be ${o.totals.total_formatted}. Nothing was written; pass plan_token to bill exactly this.`
        : `Preview for draft ${o.invoice.id}: no unbilled billable time in that range; nothing to bill.`;
    }
    return o.entry_count
      ? `Billed ${o.entry_count} time entries (${hours} h) onto draft ${o.invoice.id} in ${lines}; total now ${o.totals.total_formatted}.`
      : `No unbilled billable time in that range for draft ${o.invoice.id}; nothing changed.`;
  },
});
