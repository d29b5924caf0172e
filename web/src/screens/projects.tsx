import { useState } from 'react';
import { Link } from 'react-router';
import { formatMoney } from '../lib/format';
import { useBusiness, useOpPages } from '../lib/hooks';
import { nameOf, useClients } from '../lib/lookups';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { StatusBadge } from '../ui/status';

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
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Project</th>
                  <th scope="col">Client</th>
                  <th scope="col" className="num">
                    Rate
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={p.id}>{p.name}</Link>
                    </td>
                    <td>{nameOf(clients.data?.items, p.client_id)}</td>
                    <td className="num">{p.hourly_rate === null ? 'client’s' : `${formatMoney(p.hourly_rate, currencyOf(p.client_id))}/h`}</td>
                    <td>
                      <StatusBadge status={p.status} />
                      {p.billable ? '' : ' · not billable'}
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
