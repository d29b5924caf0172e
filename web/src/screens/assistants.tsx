import { useState } from 'react';
import { ownOnly } from '../lib/contract';
import { formatDateTime } from '../lib/format';
import { useBusiness, useOpMutation, useOpPages } from '../lib/hooks';
import type { Connection } from '../lib/types';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote } from '../ui/feedback';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  assistant: { label: 'Assistant', kind: 'title' },
  business: { label: 'Business' },
  access: { label: 'Access' },
  connected: { label: 'Connected' },
  lastUsed: { label: 'Last used' },
  actions: { label: 'Actions', kind: 'actions' },
});

function ConnectionRow({ c }: { c: Connection }) {
  const business = useBusiness();
  const revoke = useOpMutation('revoke_connection');
  const who = c.member.name ?? 'a former member';
  // Like removing a member, revoking asks first: it cannot be undone, only connected again.
  const confirmRevoke = () =>
    window.confirm(`Revoke ${c.client_name}, connected by ${who}? Its next request to ${business.name} is refused; to use it again, connect it again from the assistant.`) && revoke.mutate({ connection_id: c.id });
  return (
    <tr>
      <Cell col={cols.assistant}>
        <strong>{c.client_name}</strong>
        <div className="small muted">{who}</div>
        <ErrorNote error={revoke.error} title="Not revoked" />
      </Cell>
      <Cell col={cols.business}>{business.name}</Cell>
      <Cell col={cols.access}>{c.access === 'read_write' ? 'Read and write' : 'Read only'}</Cell>
      <Cell col={cols.connected}>{formatDateTime(c.created_at, business.timeZone)}</Cell>
      <Cell col={cols.lastUsed}>{c.last_used_at ? formatDateTime(c.last_used_at, business.timeZone) : 'never'}</Cell>
      <Cell col={cols.actions}>
        {c.status === 'active' ? (
          <button type="button" className="danger" onClick={confirmRevoke} disabled={revoke.isPending}>
            Revoke<span className="visually-hidden"> {c.client_name}</span>
          </button>
        ) : (
          <>
            <StatusBadge status="revoked" />
            <div className="small muted">
              {formatDateTime(c.revoked_at, business.timeZone)}
              {c.revoked_reason ? `: ${c.revoked_reason}` : ''}
            </div>
          </>
        )}
      </Cell>
    </tr>
  );
}

export function Component() {
  const business = useBusiness();
  usePageTitle('Connected assistants');
  const [status, setStatus] = useState<'active' | 'revoked' | 'all'>('active');
  const list = useOpPages('list_connections', { status });
  const connector = `${window.location.origin}/api/mcp`;
  return (
    <>
      <h1>Connected assistants</h1>
      <p className="muted">
        {ownOnly(business.role, 'list_connections') ? 'Assistants you connected to ' : 'Every assistant connected to '}
        {business.name}. Revoking one refuses its next request at once.
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="active">Active</option>
            <option value="revoked">Revoked</option>
            <option value="all">All</option>
          </select>
        </label>
      </form>
      <PagedList list={list} what="connections" empty={{ title: status === 'revoked' ? 'No revoked connections.' : 'No assistant is connected.', hint: <>Add Clerq as a custom connector in your assistant with <code>{connector}</code>, sign in, and choose this business.</> }}>
        {(items) => (
          <Table cols={Object.values(cols)}>
            {items.map((c) => (
              <ConnectionRow key={c.id} c={c} />
            ))}
          </Table>
        )}
      </PagedList>
    </>
  );
}
