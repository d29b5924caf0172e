import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../lib/contract';
import { formatMoney } from '../lib/format';
import { useBusiness, useOpMutation, useOpPages } from '../lib/hooks';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  name: { label: 'Name', kind: 'title' },
  email: { label: 'Email' },
  rate: { label: 'Rate', num: true },
  status: { label: 'Status' },
});
import { ClientForm } from './client-form';

export function Component() {
  const business = useBusiness();
  usePageTitle('Clients');
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<'active' | 'archived' | 'all'>('active');
  const [creating, setCreating] = useState(false);
  const list = useOpPages('list_clients', { status, ...(query.trim() ? { query: query.trim() } : {}) });
  const create = useOpMutation('create_client', { onSuccess: (r) => navigate(r.client.id) });
  const mayCreate = can(business.role, 'create_client');
  return (
    <>
      <div className="page-head">
        <h1>Clients</h1>
        {mayCreate && !creating ? (
          <button type="button" onClick={() => setCreating(true)}>
            New client
          </button>
        ) : null}
      </div>
      {creating ? (
        <section className="card" aria-labelledby="new-client">
          <h2 id="new-client">New client</h2>
          <ClientForm currency={business.currency} onSubmit={(input) => create.mutate(input)} pending={create.isPending} error={create.error} onCancel={() => setCreating(false)} />
        </section>
      ) : null}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Search
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Name contains…" />
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
      <PagedList list={list} what="clients" empty={{ title: query ? `No client matches “${query}”.` : status === 'archived' ? 'No archived clients.' : 'No clients yet.', hint: mayCreate ? 'Create your first client with “New client”; then add projects and tasks to track time on.' : 'An owner or admin adds clients.' }}>
        {(items) => (
          <Table cols={Object.values(cols)}>
            {items.map((c) => (
              <tr key={c.id}>
                <Cell col={cols.name}>
                  <Link to={c.id}>{c.name}</Link>
                </Cell>
                <Cell col={cols.email}>{c.email ?? '—'}</Cell>
                <Cell col={cols.rate}>{c.hourly_rate === null ? 'business default' : `${formatMoney(c.hourly_rate, c.currency)}/h`}</Cell>
                <Cell col={cols.status}>
                  <StatusBadge status={c.status} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
