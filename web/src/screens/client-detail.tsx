import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../lib/contract';
import { formatDateTime, formatMoney } from '../lib/format';
import { useBusiness, useOp, useOpMutation, useOpPages } from '../lib/hooks';
import type { Client, Note } from '../lib/types';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Loading } from '../ui/feedback';
import { StatusBadge } from '../ui/status';
import { ClientForm } from './client-form';
import { ProjectForm } from './project-form';

function Notes({ clientId, notes }: { clientId: string; notes: Note[] }) {
  const business = useBusiness();
  const [body, setBody] = useState('');
  const add = useOpMutation('add_client_note', { onSuccess: () => setBody('') });
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {notes.length === 0 ? <p className="muted">No notes yet. Notes record who wrote them and when.</p> : null}
      <ul className="notes">
        {notes.map((n) => (
          <li key={n.id}>
            <p>{n.body}</p>
            <p className="muted">
              {n.author_name}
              {n.via === 'mcp' ? ' (through an assistant)' : ''}, {formatDateTime(n.created_at, business.timeZone)}
            </p>
          </li>
        ))}
      </ul>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate({ client_id: clientId, body: body.trim() });
        }}
      >
        <label htmlFor="note-body">Add a note</label>
        <textarea id="note-body" value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} rows={3} />
        <ErrorNote error={add.error} title="The note was not added" />
        <div className="actions">
          <button type="submit" disabled={!body.trim() || add.isPending}>
            Add note
          </button>
        </div>
      </form>
    </section>
  );
}

function ClientProjects({ client }: { client: Client }) {
  const business = useBusiness();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const projects = useOpPages('list_projects', { client_id: client.id, status: 'all' });
  const create = useOpMutation('create_project', { onSuccess: (r) => navigate(`../../projects/${r.project.id}`, { relative: 'path' }) });
  const mayCreate = can(business.role, 'create_project');
  return (
    <section className="card" aria-labelledby="projects-title">
      <div className="page-head">
        <h2 id="projects-title">Projects</h2>
        {mayCreate && !creating ? (
          <button type="button" onClick={() => setCreating(true)}>
            New project
          </button>
        ) : null}
      </div>
      {creating ? <ProjectForm clientId={client.id} currency={client.currency} onSubmit={(i) => create.mutate(i)} pending={create.isPending} error={create.error} onCancel={() => setCreating(false)} /> : null}
      <PagedList list={projects} what="projects" empty={{ title: 'No projects for this client.', hint: mayCreate ? 'Add one with “New project” to start tracking time.' : 'An owner or admin adds projects.' }}>
        {(items) => (
          <ul className="list">
            {items.map((p) => (
              <li key={p.id}>
                <Link to={`../../projects/${p.id}`} relative="path">
                  {p.name}
                </Link>{' '}
                <StatusBadge status={p.status} /> {p.hourly_rate !== null ? <span className="muted">{formatMoney(p.hourly_rate, client.currency)}/h</span> : null}
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </section>
  );
}

export function Component() {
  const business = useBusiness();
  const { clientId = '' } = useParams();
  const q = useOp('get_client', { client_id: clientId });
  const [editing, setEditing] = useState(false);
  const update = useOpMutation('update_client', { onSuccess: () => setEditing(false) });
  const archive = useOpMutation('archive_client');
  usePageTitle(q.data?.client.name ?? 'Client');
  if (q.isPending) return <Loading what="the client" />;
  if (q.error) return <ErrorNote error={q.error} title="The client could not load" />;
  const { client, recent_notes } = q.data;
  const mayEdit = can(business.role, 'update_client');
  return (
    <>
      <p className="crumbs">
        <Link to=".." relative="path">
          Clients
        </Link>
      </p>
      <div className="page-head">
        <h1>
          {client.name} <StatusBadge status={client.status} />
        </h1>
        {mayEdit ? (
          <div className="actions">
            {!editing ? (
              <button type="button" className="secondary" onClick={() => setEditing(true)}>
                Edit
              </button>
            ) : null}
            {client.status === 'active' ? (
              <button type="button" className="secondary" onClick={() => archive.mutate({ client_id: client.id })} disabled={archive.isPending}>
                Archive
              </button>
            ) : (
              <button type="button" className="secondary" onClick={() => update.mutate({ client_id: client.id, status: 'active' })} disabled={update.isPending}>
                Restore
              </button>
            )}
          </div>
        ) : null}
      </div>
      <ErrorNote error={archive.error} title="The client was not archived" />
      {editing ? (
        <section className="card">
          <h2>Edit client</h2>
          <ClientForm client={client} currency={business.currency} onSubmit={(i) => update.mutate(i)} pending={update.isPending} error={update.error} onCancel={() => setEditing(false)} />
        </section>
      ) : (
        <dl className="details">
          <div>
            <dt>Email</dt>
            <dd>{client.email ?? '—'}</dd>
          </div>
          <div>
            <dt>Phone</dt>
            <dd>{client.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>Currency</dt>
            <dd>{client.currency}</dd>
          </div>
          <div>
            <dt>Hourly rate</dt>
            <dd>{client.hourly_rate === null ? 'Business default' : `${formatMoney(client.hourly_rate, client.currency)}/h`}</dd>
          </div>
          <div>
            <dt>Address</dt>
            <dd>{client.address ? [client.address.line1, client.address.line2, client.address.city, client.address.postal_code, client.address.country].filter(Boolean).join(', ') : '—'}</dd>
          </div>
          <div>
            <dt>Tax id</dt>
            <dd>{client.tax_id ?? '—'}</dd>
          </div>
        </dl>
      )}
      {!editing && update.error ? <ErrorNote error={update.error} title="The client was not restored" /> : null}
      <div className="grid">
        <ClientProjects client={client} />
        <Notes clientId={client.id} notes={recent_notes} />
      </div>
    </>
  );
}
