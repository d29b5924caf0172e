import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../lib/contract';
import { formatMoney } from '../lib/format';
import { useBusiness, useOpMutation, useOpPages } from '../lib/hooks';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { StatusBadge } from '../ui/status';
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
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col" className="num">
                    Rate
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={c.id}>{c.name}</Link>
                    </td>
                    <td>{c.email ?? '—'}</td>
                    <td className="num">{c.hourly_rate === null ? 'default' : `${formatMoney(c.hourly_rate, c.currency)}/h`}</td>
                    <td>
                      <StatusBadge status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </PagedList>
    </>
  );
}
