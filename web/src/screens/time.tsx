import { useState } from 'react';
import { Link } from 'react-router';
import { can, ownOnly } from '../lib/contract';
import { addDays, formatDate, formatMinutes, todayIn, weekStart, weekdayLabel } from '../lib/format';
import { useBusiness, useOpMutation, useOpPages } from '../lib/hooks';
import { nameOf, useClients, useInvoices, useMembers, useProjects, useTasks } from '../lib/lookups';
import type { TimeEntry } from '../lib/types';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { Dialog } from '../ui/dialog';
import { ErrorNote } from '../ui/feedback';
import { TimeEntryForm } from './time-entry-form';
import { TimerPanel } from './timer-panel';

export function Component() {
  const business = useBusiness();
  usePageTitle('Time');
  const today = todayIn(business.timeZone);
  const [week, setWeek] = useState(() => weekStart(today));
  const [clientId, setClientId] = useState('');
  const [projectId, setProjectId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [billable, setBillable] = useState<'' | 'true' | 'false'>('');
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<TimeEntry | null>(null);
  const clients = useClients();
  const projects = useProjects();
  const tasks = useTasks();
  const members = useMembers();
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const filter = {
    from: week,
    to: addDays(week, 6),
    limit: 100,
    ...(clientId ? { client_id: clientId } : {}),
    ...(projectId ? { project_id: projectId } : {}),
    ...(memberId ? { member_id: memberId } : {}),
    ...(billable ? { billable: billable === 'true' } : {}),
  };
  const entries = useOpPages('list_time_entries', filter);
  // Billed time links to its invoice by number, when the invoices are at hand.
  const showsInvoices = can(business.role, 'get_invoice');
  const invoices = useInvoices(showsInvoices && can(business.role, 'list_invoices') && !!entries.data?.pages.some((p) => p.items.some((e) => e.invoice_id)));
  const invoiceLabel = (id: string): string => {
    const found = invoices.data?.items.find((i) => i.id === id);
    return found ? (found.number ?? 'draft invoice') : 'invoice';
  };
  const log = useOpMutation('log_time', { onSuccess: () => setLogging(false) });
  const update = useOpMutation('update_time_entry', { onSuccess: () => setEditing(null) });
  const remove = useOpMutation('delete_time_entry');
  const seesOthers = !ownOnly(business.role, 'list_time_entries');
  const totals = entries.firstPage?.totals;
  const byDay = new Map<string, TimeEntry[]>(days.map((d) => [d, []]));
  for (const e of entries.items) byDay.get(e.date)?.push(e);
  const openTasks = (tasks.data?.items ?? []).filter((t) => t.status !== 'done' || t.id === editing?.task_id);

  return (
    <>
      <div className="page-head">
        <h1>Time</h1>
        {!logging ? (
          <button type="button" onClick={() => setLogging(true)}>
            Log time
          </button>
        ) : null}
      </div>
      <TimerPanel allowStart />
      {logging ? (
        <section className="card" aria-labelledby="log-title">
          <h2 id="log-title">Log time</h2>
          <TimeEntryForm tasks={openTasks} projects={projects.data?.items ?? []} clients={clients.data?.items ?? []} today={today} onSubmit={(i) => log.mutate(i)} pending={log.isPending} error={log.error} onCancel={() => setLogging(false)} />
        </section>
      ) : null}
      <div className="week-nav" role="group" aria-label="Week">
        <button type="button" className="secondary" onClick={() => setWeek(addDays(week, -7))}>
          ← Previous week
        </button>
        <strong>
          {formatDate(week)} – {formatDate(addDays(week, 6))}
        </strong>
        <button type="button" className="secondary" onClick={() => setWeek(addDays(week, 7))}>
          Next week →
        </button>
        {week !== weekStart(today) ? (
          <button type="button" className="link" onClick={() => setWeek(weekStart(today))}>
            This week
          </button>
        ) : null}
      </div>
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
          Project
          <select value={projectId} onChange={(e) => setProjectId(e.target.value)}>
            <option value="">All projects</option>
            {projects.data?.items
              .filter((p) => !clientId || p.client_id === clientId)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </select>
        </label>
        {seesOthers ? (
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
          Billable
          <select value={billable} onChange={(e) => setBillable(e.target.value as typeof billable)}>
            <option value="">Any</option>
            <option value="true">Billable</option>
            <option value="false">Not billable</option>
          </select>
        </label>
      </form>
      {totals ? (
        <dl className="figures" aria-label="Week totals">
          <div>
            <dt>Total</dt>
            <dd>{formatMinutes(totals.minutes)}</dd>
          </div>
          <div>
            <dt>Billable</dt>
            <dd>{formatMinutes(totals.billable_minutes)}</dd>
          </div>
          <div>
            <dt>Unbilled</dt>
            <dd>{formatMinutes(totals.unbilled_minutes)}</dd>
          </div>
          <div>
            <dt>Entries</dt>
            <dd>{totals.entries}</dd>
          </div>
        </dl>
      ) : null}
      <ErrorNote error={remove.error} title="The entry was not deleted" />
      <PagedList list={entries} what="time entries" empty={{ title: 'No time this week.', hint: 'Start the timer on a task above, or use “Log time” to record time after the fact.' }}>
        {() => (
          <div className="week">
            {days.map((day) => {
              const list = byDay.get(day) ?? [];
              const minutes = list.reduce((s, e) => s + e.duration_minutes, 0);
              return (
                <section key={day} className={`day${day === today ? ' today' : ''}`} aria-label={weekdayLabel(day)}>
                  <h2 className="day-head">
                    <span>{weekdayLabel(day)}</span> <span className="muted">{minutes ? formatMinutes(minutes) : '—'}</span>
                  </h2>
                  <ul className="entries">
                    {list.map((e) => (
                      <li key={e.id}>
                        <div>
                          <strong>{nameOf(tasks.data?.items, e.task_id)}</strong> <span className="muted">{nameOf(clients.data?.items, e.client_id)}</span>
                          {seesOthers ? <span className="muted"> · {nameOf(members.data?.members, e.member_id)}</span> : null}
                          {e.note ? <div className="small">{e.note}</div> : null}
                          <div className="small muted">
                            {e.billable ? (e.billed ? 'billed' : 'billable') : 'not billable'}
                            {e.invoice_id && showsInvoices ? (
                              <>
                                {' '}
                                · <Link to={`../invoices/${e.invoice_id}`} relative="path">{invoiceLabel(e.invoice_id)}</Link>
                              </>
                            ) : null}
                          </div>
                        </div>
                        <div className="entry-side">
                          <span>{formatMinutes(e.duration_minutes)}</span>
                          {!e.billed ? (
                            <span className="entry-actions">
                              <button type="button" className="link" onClick={() => setEditing(e)}>
                                Edit<span className="visually-hidden"> entry of {formatMinutes(e.duration_minutes)}</span>
                              </button>
                              <button type="button" className="link danger" onClick={() => window.confirm('Delete this time entry?') && remove.mutate({ entry_id: e.id })}>
                                Delete<span className="visually-hidden"> entry of {formatMinutes(e.duration_minutes)}</span>
                              </button>
                            </span>
                          ) : null}
                        </div>
                      </li>
                    ))}
                  </ul>
                </section>
              );
            })}
          </div>
        )}
      </PagedList>
      <Dialog open={!!editing} title="Edit time entry" onClose={() => setEditing(null)}>
        {editing ? <TimeEntryForm key={editing.id} entry={editing} tasks={openTasks} projects={projects.data?.items ?? []} clients={clients.data?.items ?? []} today={today} onSubmit={(i) => update.mutate(i)} pending={update.isPending} error={update.error} onCancel={() => setEditing(null)} /> : null}
      </Dialog>
    </>
  );
}
