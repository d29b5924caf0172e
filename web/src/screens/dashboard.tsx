import { useEffect } from 'react';
import { Link } from 'react-router';
import { can } from '../lib/contract';
import { formatMinutes, formatMoney, monthStart, todayIn } from '../lib/format';
import { useBusiness, useOp } from '../lib/hooks';
import { nameOf, useClients } from '../lib/lookups';
import type { InvoiceSummary } from '../lib/types';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Loading } from '../ui/feedback';
import { Cell, Table, columns } from '../ui/table';
import { TimerPanel } from './timer-panel';

const unbilledCols = columns({
  client: { label: 'Client', kind: 'title' },
  unbilled: { label: 'Unbilled', num: true },
});

function UnbilledByClient() {
  const clients = useClients();
  const q = useOp('list_time_entries', { billable: true, billed: false, limit: 100 });
  if (q.isPending) return <Loading what="unbilled time" />;
  if (q.error) return <ErrorNote error={q.error} />;
  const byClient = new Map<string, number>();
  for (const e of q.data.items) byClient.set(e.client_id, (byClient.get(e.client_id) ?? 0) + e.duration_minutes);
  if (byClient.size === 0) return <p className="muted">No unbilled time. Time you track on billable tasks shows here until it is invoiced.</p>;
  return (
    <>
      {/* Two short columns fit a phone as a table. */}
      <Table cols={Object.values(unbilledCols)} phone="table">
        {[...byClient].map(([clientId, minutes]) => (
          <tr key={clientId}>
            <Cell col={unbilledCols.client}>
              <Link to={`clients/${clientId}`}>{nameOf(clients.data?.items, clientId)}</Link>
            </Cell>
            <Cell col={unbilledCols.unbilled}>{formatMinutes(minutes)}</Cell>
          </tr>
        ))}
      </Table>
      {q.data.next_cursor ? <p className="muted">From the latest 100 unbilled entries; total {formatMinutes(q.data.totals.unbilled_minutes)}.</p> : null}
    </>
  );
}

const owed = (i: InvoiceSummary) => i.status !== 'void';

/** What is owed on these invoices, by currency; a void invoice is owed by nobody and never counts. */
function sumByCurrency(items: InvoiceSummary[]): string {
  const sums = new Map<string, number>();
  for (const i of items.filter(owed)) sums.set(i.currency, (sums.get(i.currency) ?? 0) + i.totals.balance_amount);
  return [...sums].map(([c, v]) => formatMoney(v, c)).join(' + ') || formatMoney(0, 'USD');
}

function invoiceCount(page: { items: InvoiceSummary[]; next_cursor: string | null }): string {
  const n = page.items.filter(owed).length;
  return `${n}${page.next_cursor ? '+' : ''} invoice${n === 1 && !page.next_cursor ? '' : 's'}`;
}

function InvoiceSummaryCard() {
  const business = useBusiness();
  const outstanding = useOp('list_invoices', { status: 'issued', limit: 100 });
  const overdue = useOp('list_invoices', { status: 'overdue', limit: 100 });
  if (outstanding.isPending || overdue.isPending) return <Loading what="invoices" />;
  if (outstanding.error || overdue.error) return <ErrorNote error={outstanding.error ?? overdue.error} />;
  const zero = formatMoney(0, business.currency);
  return (
    <dl className="figures">
      <div>
        <dt>Outstanding</dt>
        <dd>
          <Link to="invoices?status=issued">{outstanding.data.items.some(owed) ? sumByCurrency(outstanding.data.items) : zero}</Link>
          <span className="muted"> in {invoiceCount(outstanding.data)}</span>
        </dd>
      </div>
      <div>
        <dt>Overdue</dt>
        <dd>
          <Link to="invoices?status=overdue">{overdue.data.items.some(owed) ? sumByCurrency(overdue.data.items) : zero}</Link>
          <span className="muted"> in {invoiceCount(overdue.data)}</span>
        </dd>
      </div>
    </dl>
  );
}

function MonthExpenses() {
  const business = useBusiness();
  const today = todayIn(business.timeZone);
  const q = useOp('list_expenses', { from: monthStart(today), to: today, limit: 1 });
  if (q.isPending) return <Loading what="expenses" />;
  if (q.error) return <ErrorNote error={q.error} />;
  if (q.data.totals.length === 0) return <p className="muted">No expenses this month. Record receipts under Expenses.</p>;
  return (
    <dl className="figures">
      {q.data.totals.map((t) => (
        <div key={t.currency}>
          <dt>
            {t.count} expense{t.count === 1 ? '' : 's'}
          </dt>
          <dd>
            {formatMoney(t.amount, t.currency)} <span className="muted">({formatMoney(t.unpaid_amount, t.currency)} unpaid)</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function Dashboard() {
  const business = useBusiness();
  usePageTitle(`Dashboard · ${business.name}`);
  // First render of the dashboard, read by `npm run bench` (bench/web.ts).
  useEffect(() => {
    performance.mark('clerq:dashboard-rendered');
  }, []);
  return (
    <>
      <h1>{business.name}</h1>
      <div className="grid">
        <TimerPanel allowStart={false} />
        <section className="card" aria-labelledby="unbilled-title">
          <h2 id="unbilled-title">Unbilled time by client</h2>
          <UnbilledByClient />
        </section>
        {can(business.role, 'list_invoices') ? (
          <section className="card" aria-labelledby="invoices-title">
            <h2 id="invoices-title">Invoices</h2>
            <InvoiceSummaryCard />
          </section>
        ) : null}
        <section className="card" aria-labelledby="expenses-title">
          <h2 id="expenses-title">This month’s expenses</h2>
          <MonthExpenses />
        </section>
      </div>
    </>
  );
}
