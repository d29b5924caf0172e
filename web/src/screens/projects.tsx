import { useState } from 'react';
import { Link } from 'react-router';
import { formatMoney } from '../lib/format';
import { useBusiness, useOpPages } from '../lib/hooks';
import { nameOf, useClients } from '../lib/lookups';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  project: { label: 'Project', kind: 'title' },
  client: { label: 'Client' },
  rate: { label: 'Rate', num: true },
  status: { label: 'Status' },
});

export function Component() {
  const business = useBusiness();
  usePageTitle('Projects');
  const clients = useClients();
  const [clientId, setClientId] = useState('');
  const [status, setStatus] = useState<'active' | 'archived' | 'all'>('active');
  const list = useOpPages('list_projects', { status, ...(clientId ? { client_id: clientId } : {}) });
  const currencyOf = (id: string) => clients.data?.items.find((c) => c.id === id)?.currency ?? business.currency;
  return (
    <>
      <h1>Projects</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Client
          <select value={clientId} onChange={(e) => setClientId(e.target.value)}>
            <option value="">All clients</option>
            {clients.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Show
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
            <option value="all">All</option>
          </select>
        </label>
      </form>
      <PagedList list={list} what="projects" empty={{ title: 'No projects here.', hint: 'Projects belong to a client: open a client under Clients and add one with “New project”.' }}>
        {(items) => (
          <Table cols={Object.values(cols)}>
            {items.map((p) => (
              <tr key={p.id}>
                <Cell col={cols.project}>
                  <Link to={p.id}>{p.name}</Link>
                </Cell>
                <Cell col={cols.client}>{nameOf(clients.data?.items, p.client_id)}</Cell>
                <Cell col={cols.rate}>{p.hourly_rate === null ? 'client rate' : `${formatMoney(p.hourly_rate, currencyOf(p.client_id))}/h`}</Cell>
                <Cell col={cols.status}>
                  <StatusBadge status={p.status} />
                  {p.billable ? '' : ' · not billable'}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
