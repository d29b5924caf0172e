import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { basisPointsToPercent, formatDate, formatMinutes, formatMoney } from '../lib/format';
import { useBusiness, useOp, useOpMutation } from '../lib/hooks';
import type { Invoice } from '../lib/types';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Loading } from '../ui/feedback';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';
import { GenerateFromTime } from './invoice-generate';
import { AddLineForm, DraftHeaderForm } from './invoice-draft';
import { DeleteDraftButton, IssueButton, PaymentForm, PdfButton, VoidButton } from './invoice-actions';

type Line = Invoice['lines'][number];

/**
 * A time line's quantity is its minutes ("2 h 16 min") and its price an hourly rate ("$95.50/h"):
 * the amount is worked out from the exact minutes, so decimal hours ("2.267") would not add up
 * to it on paper. A manual line shows its quantity and unit price as they are.
 */
function quantityOf(l: Line): string {
  return l.kind === 'time' && l.minutes !== null ? formatMinutes(l.minutes) : String(l.quantity);
}
function unitPriceOf(l: Line, currency: string): string {
  return l.kind === 'time' ? `${formatMoney(l.hourly_rate ?? l.unit_amount, currency)}/h` : formatMoney(l.unit_amount, currency);
}

const lineCols = columns({
  description: { label: 'Description', kind: 'title' },
  quantity: { label: 'Quantity', num: true, wideOnly: true },
  unit: { label: 'Unit price', num: true, wideOnly: true },
  tax: { label: 'Tax', num: true, wideOnly: true },
  amount: { label: 'Amount', num: true },
  actions: { label: 'Actions', kind: 'actions' },
});

function Lines({ invoice }: { invoice: Invoice }) {
  const remove = useOpMutation('remove_invoice_line');
  const draft = invoice.status === 'draft';
  const c = invoice.currency;
  if (invoice.lines.length === 0) return <p className="muted">No lines yet. Add tracked time below, or a line of your own.</p>;
  const shown = Object.values(lineCols).filter((col) => draft || col !== lineCols.actions);
  return (
    <>
      <ErrorNote error={remove.error} title="The line was not removed" />
      {/* An invoice stays a table on a phone: quantity, price and tax fold into the description. */}
      <Table
        cols={shown}
        phone="table"
        foot={
          <>
            <tr>
              <td className="wide-only" colSpan={3} />
              <th scope="row">Subtotal</th>
              <td className="num">{formatMoney(invoice.totals.subtotal_amount, c)}</td>
            </tr>
            {invoice.tax_groups
              .filter((g) => g.rate_bps > 0)
              .map((g) => (
                <tr key={g.rate_bps}>
                  <td className="wide-only" colSpan={3} />
                  <th scope="row">
                    Tax {basisPointsToPercent(g.rate_bps)} on {formatMoney(g.net_amount, c)}
                  </th>
                  <td className="num">{formatMoney(g.tax_amount, c)}</td>
                </tr>
              ))}
            <tr className="total">
              <td className="wide-only" colSpan={3} />
              <th scope="row">Total</th>
              <td className="num">{formatMoney(invoice.totals.total_amount, c)}</td>
            </tr>
            {invoice.totals.paid_amount > 0 && invoice.status !== 'void' ? (
              <tr>
                <td className="wide-only" colSpan={3} />
                <th scope="row">Balance due</th>
                <td className="num">{formatMoney(invoice.totals.balance_amount, c)}</td>
              </tr>
            ) : null}
          </>
        }
      >
        {invoice.lines.map((l) => (
          <tr key={l.id}>
            <Cell col={lineCols.description}>
              {l.description}
              {l.kind === 'time' ? (
                <div className="small muted">
                  {l.entry_count} entr{l.entry_count === 1 ? 'y' : 'ies'}
                  {l.rate_source ? `, rate from the ${l.rate_source}` : ''}
                </div>
              ) : null}
              {/* On a phone the three columns fold into this line. */}
              <div className="small muted narrow-only" data-testid="line-fold">
                {quantityOf(l)} × {unitPriceOf(l, c)}, tax {basisPointsToPercent(l.tax_rate_bps)}
              </div>
            </Cell>
            <Cell col={lineCols.quantity}>{quantityOf(l)}</Cell>
            <Cell col={lineCols.unit}>{unitPriceOf(l, c)}</Cell>
            <Cell col={lineCols.tax}>{basisPointsToPercent(l.tax_rate_bps)}</Cell>
            <Cell col={lineCols.amount}>{formatMoney(l.amount, c)}</Cell>
            {draft ? (
              <Cell col={lineCols.actions}>
                <button type="button" className="link danger" onClick={() => remove.mutate({ invoice_id: invoice.id, line_id: l.id })} disabled={remove.isPending}>
                  Remove<span className="visually-hidden"> {l.description}</span>
                </button>
              </Cell>
            ) : null}
          </tr>
        ))}
      </Table>
    </>
  );
}
export function Component() {
  const business = useBusiness();
  const { invoiceId = '' } = useParams();
  const q = useOp('get_invoice', { invoice_id: invoiceId });
  const [editingHeader, setEditingHeader] = useState(false);
  usePageTitle(q.data ? (q.data.invoice.number ?? `Draft for ${q.data.invoice.client_name}`) : 'Invoice');
  if (q.isPending) return <Loading what="the invoice" />;
  if (q.error) return <ErrorNote error={q.error} title="The invoice could not load" />;
  const inv = q.data.invoice;
  const draft = inv.status === 'draft';
  const isVoid = inv.status === 'void';
  return (
    <>
      <p className="crumbs">
        <Link to=".." relative="path">
          Invoices
        </Link>
      </p>
      <div className="page-head">
        <h1>
          {inv.number ?? 'Draft invoice'} <StatusBadge status={inv.status} />
          {inv.overdue && !isVoid ? (
            <>
              {' '}
              <StatusBadge status="overdue" />
            </>
          ) : null}
        </h1>
        <div className="actions">
          <PdfButton invoice={inv} />
          {draft ? <IssueButton invoice={inv} /> : null}
          {/* void_invoice refuses drafts (deleted instead) and paid invoices: only an issued one offers Void. */}
          {inv.status === 'issued' ? <VoidButton invoice={inv} /> : null}
        </div>
      </div>
      <dl className="details">
        <div>
          <dt>Client</dt>
          <dd>
            <Link to={`../../clients/${inv.client_id}`} relative="path">
              {inv.client_name}
            </Link>
          </dd>
        </div>
        <div>
          <dt>Issued</dt>
          <dd>{formatDate(inv.issue_date)}</dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            {inv.due_date ? formatDate(inv.due_date) : inv.payment_terms_days !== null ? `${inv.payment_terms_days} days after issue` : '—'}
            {inv.days_overdue && !isVoid ? <span className="muted"> ({inv.days_overdue} days overdue)</span> : null}
          </dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{formatMoney(inv.totals.total_amount, inv.currency)}</dd>
        </div>
        <div>
          <dt>Balance</dt>
          {/* A void invoice is owed by nobody: no balance, the reason instead. */}
          <dd data-testid="balance">
            {isVoid ? (
              <>
                Void, nothing due{inv.void_reason ? <span className="muted"> ({inv.void_reason})</span> : null}
              </>
            ) : (
              formatMoney(inv.totals.balance_amount, inv.currency)
            )}
          </dd>
        </div>
        {inv.po_number ? (
          <div>
            <dt>PO number</dt>
            <dd>{inv.po_number}</dd>
          </div>
        ) : null}
      </dl>
      {inv.notes ? <p className="invoice-notes">{inv.notes}</p> : null}
      {draft ? (
        editingHeader ? (
          <section className="card">
            <h2>Invoice details</h2>
            <DraftHeaderForm invoice={inv} onDone={() => setEditingHeader(false)} />
          </section>
        ) : (
          <p>
            <button type="button" className="secondary" onClick={() => setEditingHeader(true)}>
              Edit due date, terms and notes
            </button>
          </p>
        )
      ) : null}
      <section className="card" aria-labelledby="lines-title">
        <h2 id="lines-title">Lines</h2>
        <Lines invoice={inv} />
        {draft ? <AddLineForm invoice={inv} defaultTaxBps={business.settings.default_tax_rate_bps} /> : null}
      </section>
      {draft ? <GenerateFromTime invoice={inv} /> : null}
      {!draft ? (
        <section className="card" aria-labelledby="payments-title">
          <h2 id="payments-title">Payments</h2>
          {inv.payments.length === 0 ? (
            <p className="muted">No payments recorded.</p>
          ) : (
            <ul className="list">
              {inv.payments.map((p) => (
                <li key={p.id}>
                  {formatMoney(p.amount, inv.currency)} on {formatDate(p.paid_on)}
                  {p.method ? ` by ${p.method}` : ''}
                  {p.reference ? <span className="muted"> ({p.reference})</span> : null}
                </li>
              ))}
            </ul>
          )}
          {inv.status === 'issued' ? <PaymentForm invoice={inv} /> : null}
        </section>
      ) : null}
      {draft ? (
        <div className="actions">
          <DeleteDraftButton invoice={inv} />
        </div>
      ) : null}
    </>
  );
}
