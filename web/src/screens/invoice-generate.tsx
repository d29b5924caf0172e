import { useState } from 'react';
import { addDays, basisPointsToPercent, formatMinutes, formatMoney, todayIn } from '../lib/format';
import { useBusiness, useBusinessId } from '../lib/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { callOp } from '../lib/api';
import type { GeneratePlan, Invoice } from '../lib/types';
import { ErrorNote } from '../ui/feedback';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  line: { label: 'Line', kind: 'title' },
  entries: { label: 'Entries', num: true },
  time: { label: 'Time', num: true },
  rate: { label: 'Rate', num: true },
  source: { label: 'Rate from' },
  tax: { label: 'Tax', num: true },
  amount: { label: 'Amount', num: true },
});

/**
 * Generate from time in two steps: a dry run shows every line it would write (entries, minutes,
 * rate and where the rate comes from) and nothing is billed; "Add these lines" bills exactly that
 * plan (its plan_token), or the server refuses if anything changed since.
 */
export function GenerateFromTime({ invoice }: { invoice: Invoice }) {
  const business = useBusiness();
  const businessId = useBusinessId();
  const client = useQueryClient();
  const today = todayIn(business.timeZone);
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const [groupBy, setGroupBy] = useState<'task' | 'project' | 'entry'>('task');
  const [plan, setPlan] = useState<GeneratePlan | null>(null);
  const preview = useMutation({
    mutationFn: () => callOp(businessId, 'generate_invoice_from_time', { invoice_id: invoice.id, from, to, group_by: groupBy, dry_run: true }),
    onSuccess: setPlan,
  });
  const apply = useMutation({
    mutationFn: (p: GeneratePlan) => callOp(businessId, 'generate_invoice_from_time', { invoice_id: invoice.id, from, to, group_by: groupBy, plan_token: p.plan_token }),
    onSuccess: async () => {
      setPlan(null);
      await client.invalidateQueries({ queryKey: ['biz', businessId] });
    },
  });
  return (
    <section className="card" aria-labelledby="generate-title">
      <h2 id="generate-title">Add tracked time</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setPlan(null);
          apply.reset();
          preview.mutate();
        }}
      >
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <label>
          One line per
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
            <option value="task">task</option>
            <option value="project">project</option>
            <option value="entry">time entry</option>
          </select>
        </label>
        <button type="submit" className="secondary" disabled={preview.isPending}>
          {preview.isPending ? 'Working…' : 'Preview lines'}
        </button>
      </form>
      <ErrorNote error={preview.error} title="No preview" />
      {plan ? (
        plan.lines.length === 0 ? (
          <p role="status">No unbilled billable time for {invoice.client_name} between those dates.</p>
        ) : (
          <div className="preview" role="region" aria-label="Preview of the lines">
            <p role="status">
              Preview: {plan.lines.length} line{plan.lines.length === 1 ? '' : 's'} from {plan.entry_count} time entr{plan.entry_count === 1 ? 'y' : 'ies'} ({formatMinutes(plan.minutes)}). Nothing is billed until you add them.
            </p>
            <Table
              cols={Object.values(cols)}
              foot={
                <tr>
                  <th scope="row" colSpan={6}>
                    Invoice total after adding
                  </th>
                  <td className="num">{formatMoney(plan.totals.total_amount, invoice.currency)}</td>
                </tr>
              }
            >
              {plan.lines.map((l, i) => (
                <tr key={`${l.description}-${i}`}>
                  <Cell col={cols.line}>
                    {l.description}
                    {l.extends_line ? <span className="muted"> (adds to an existing line)</span> : null}
                  </Cell>
                  <Cell col={cols.entries}>{l.entry_ids.length}</Cell>
                  <Cell col={cols.time}>{formatMinutes(l.added_minutes || l.minutes)}</Cell>
                  <Cell col={cols.rate}>{formatMoney(l.hourly_rate, invoice.currency)}/h</Cell>
                  <Cell col={cols.source}>{l.rate_source}</Cell>
                  <Cell col={cols.tax}>{basisPointsToPercent(l.tax_rate_bps)}</Cell>
                  <Cell col={cols.amount}>{formatMoney(l.amount, invoice.currency)}</Cell>
                </tr>
              ))}
            </Table>
            <div className="actions">
              <button type="button" onClick={() => apply.mutate(plan)} disabled={apply.isPending || !plan.plan_token}>
                {apply.isPending ? 'Adding…' : 'Add these lines'}
              </button>
              <button type="button" className="secondary" onClick={() => setPlan(null)}>
                Cancel
              </button>
            </div>
          </div>
        )
      ) : null}
      <ErrorNote error={apply.error} title="The lines were not added" />
    </section>
  );
}
