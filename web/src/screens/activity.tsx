import { useState } from 'react';
import { ownOnly } from '../lib/contract';
import { formatDateTime } from '../lib/format';
import { useBusiness, useOp, useOpPages } from '../lib/hooks';
import { nameOf, useMembers } from '../lib/lookups';
import operations from '../generated/operations.json';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';


const writeOps = (operations as { name: string; title: string; access: string }[]).filter((o) => o.access === 'write');

export function Component() {
  const business = useBusiness();
  usePageTitle('Activity');
  const members = useMembers();
  const connections = useOp('list_connections', { status: 'all', limit: 100 });
  const [memberId, setMemberId] = useState('');
  const [via, setVia] = useState<'' | 'mcp' | 'web'>('');
  const [connectionId, setConnectionId] = useState('');
  const [operation, setOperation] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = { ...(memberId ? { member_id: memberId } : {}), ...(via ? { via } : {}), ...(connectionId ? { connection_id: connectionId } : {}), ...(operation ? { operation } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const list = useOpPages('list_activity', filter);
  const seesAll = !ownOnly(business.role, 'list_activity');
  return (
    <>
      <h1>Activity</h1>
      <p className="muted">{seesAll ? 'What everyone did, newest first: in the web app or through a connected assistant.' : 'What you did, newest first: in the web app or through your assistants.'}</p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        {seesAll ? (
          <label>
            Member
            <select value={memberId} onChange={(e) => setMemberId(e.target.value)}>
              <option value="">Everyone</option>
              {members.data?.members.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Through
          <select value={via} onChange={(e) => setVia(e.target.value as typeof via)}>
            <option value="">Anywhere</option>
            <option value="web">Web app</option>
            <option value="mcp">Assistants</option>
          </select>
        </label>
        <label>
          Assistant
          <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
            <option value="">Any</option>
            {connections.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.client_name} ({c.member.name ?? 'former member'})
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select value={operation} onChange={(e) => setOperation(e.target.value)}>
            <option value="">Any</option>
            {writeOps.map((o) => (
              <option key={o.name} value={o.name}>
                {o.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </form>
      <PagedList list={list} what="activity" empty={{ title: Object.keys(filter).length ? 'Nothing matches these filters.' : 'Nothing has happened yet.', hint: Object.keys(filter).length ? 'Clear a filter, or load more: a filtered page can be short.' : 'Every change made here or by an assistant is listed.' }}>
        {(items) => (
          <ol className="activity">
            {items.map((a) => (
              <li key={a.id}>
                <div>{a.summary}</div>
                <div className="small muted">
                  {formatDateTime(a.at, business.timeZone)} · {nameOf(members.data?.members, a.actor_id)} · {a.via === 'mcp' ? `through ${a.client_name ?? 'an assistant'}` : 'web app'}
                </div>
              </li>
            ))}
          </ol>
        )}
      </PagedList>
    </>
  );
}
