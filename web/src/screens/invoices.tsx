import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { can } from '../lib/contract';
import { formatDate, formatMoney } from '../lib/format';
import { useBusiness, useOpMutation, useOpPages } from '../lib/hooks';
import { useClients } from '../lib/lookups';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote } from '../ui/feedback';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  number: { label: 'Number', kind: 'title' },
  client: { label: 'Client' },
  status: { label: 'Status' },
  issued: { label: 'Issued' },
  due: { label: 'Due' },
  total: { label: 'Total', num: true },
  balance: { label: 'Balance', num: true },
});

const statuses = [
  { value: 'all', label: 'All', empty: 'No invoices yet.' },
  { value: 'draft', label: 'Drafts', empty: 'No draft invoices.' },
  { value: 'issued', label: 'Issued', empty: 'No issued invoices waiting for payment.' },
  { value: 'overdue', label: 'Overdue', empty: 'No overdue invoices.' },
  { value: 'paid', label: 'Paid', empty: 'No paid invoices.' },
  { value: 'void', label: 'Void', empty: 'No void invoices.' },
] as const;

function NewDraft() {
  const clients = useClients();
  const navigate = useNavigate();
  const [clientId, setClientId] = useState('');
  const create = useOpMutation('create_draft_invoice', { onSuccess: (r) => navigate(r.invoice.id) });
  const active = (clients.data?.items ?? []).filter((c) => c.status === 'active');
  return (
    <form
      className="inline-form card"
      onSubmit={(e) => {
        e.preventDefault();
        if (clientId) create.mutate({ client_id: clientId });
      }}
    >
      <label>
        New draft for
        <select value={clientId} onChange={(e) => setClientId(e.target.value)} required>
          <option value="">Choose a client…</option>
          {active.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!clientId || create.isPending}>
        Create draft invoice
      </button>
      <ErrorNote error={create.error} title="The draft was not created" />
    </form>
  );
}

export function Component() {
  const business = useBusiness();
  usePageTitle('Invoices');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'all';
  const list = useOpPages('list_invoices', { status });
  return (
    <>
      <h1>Invoices</h1>
      {can(business.role, 'create_draft_invoice') ? <NewDraft /> : null}
      <nav aria-label="Invoice status" className="tabs">
        {statuses.map((s) => (
          <button key={s.value} type="button" aria-pressed={status === s.value} onClick={() => setParams(s.value === 'all' ? {} : { status: s.value })}>
            {s.label}
          </button>
        ))}
      </nav>
      <PagedList list={list} what="invoices" empty={{ title: statuses.find((s) => s.value === status)?.empty ?? 'No invoices.', hint: 'Create a draft for a client above, fill it from tracked time, then issue it.' }}>
        {(items) => (
          <Table cols={Object.values(cols)}>
            {items.map((i) => (
              <tr key={i.id}>
                <Cell col={cols.number}>
                  <Link to={i.id}>{i.number ?? 'Draft'}</Link>
                </Cell>
                <Cell col={cols.client}>{i.client_name}</Cell>
                <Cell col={cols.status}>
                  <StatusBadge status={i.status} />
                  {i.overdue && i.status !== 'void' ? (
                    <>
                      {' '}
                      <StatusBadge status="overdue" />
                    </>
                  ) : null}
                </Cell>
                <Cell col={cols.issued}>{formatDate(i.issue_date)}</Cell>
                <Cell col={cols.due}>{formatDate(i.due_date)}</Cell>
                <Cell col={cols.total}>{formatMoney(i.totals.total_amount, i.currency)}</Cell>
                <Cell col={cols.balance}>
                  {/* A void invoice is owed by nobody: no balance, its reason instead. */}
                  {i.status === 'void' ? (
                    <span title={i.void_reason ?? undefined}>
                      — <span className="small muted">void{i.void_reason ? `: ${i.void_reason}` : ''}</span>
                    </span>
                  ) : (
                    formatMoney(i.totals.balance_amount, i.currency)
                  )}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
