import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useBusiness, useOp, useOpMutation } from '../lib/hooks';
import { nameOf, taskChoices, useClients, useProjects, useTasks } from '../lib/lookups';
import { formatMinutes, formatTime } from '../lib/format';
import { ErrorNote, Loading } from '../ui/feedback';

function useElapsed(startedAt: string | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!startedAt) return;
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, [startedAt]);
  return startedAt ? Math.max(0, Math.floor((now - Date.parse(startedAt)) / 60_000)) : 0;
}

/** The person's own timer: what runs and since when, stop it; or start one on a task. */
export function TimerPanel({ allowStart }: { allowStart: boolean }) {
  const business = useBusiness();
  const running = useOp('get_running_timer');
  const tasks = useTasks(allowStart);
  const clients = useClients();
  const projects = useProjects();
  const [taskId, setTaskId] = useState('');
  const [note, setNote] = useState('');
  const start = useOpMutation('start_timer', { onSuccess: () => setNote('') });
  const stop = useOpMutation('stop_timer');
  const timer = running.data?.timer ?? null;
  const elapsed = useElapsed(timer?.started_at);

  if (running.isPending) return <Loading what="your timer" />;
  if (running.error) return <ErrorNote error={running.error} title="Your timer could not load" />;

  if (timer) {
    return (
      <section className="card timer running" aria-labelledby="timer-title">
        <h2 id="timer-title">Timer running</h2>
        <p>
          <strong>{timer.task_name}</strong> <span className="muted">for {nameOf(clients.data?.items, timer.client_id)}</span>
        </p>
        <p className="timer-elapsed" aria-live="off">
          {formatMinutes(elapsed)} <span className="muted">since {formatTime(timer.started_at, business.timeZone)}</span>
        </p>
        {timer.note ? <p className="muted">{timer.note}</p> : null}
        <div className="actions">
          <button type="button" onClick={() => stop.mutate({})} disabled={stop.isPending}>
            {stop.isPending ? 'Stopping…' : 'Stop timer'}
          </button>
        </div>
        <ErrorNote error={stop.error} title="The timer did not stop" />
      </section>
    );
  }

  const open = (tasks.data?.items ?? []).filter((t) => t.status !== 'done');
  return (
    <section className="card timer" aria-labelledby="timer-title">
      <h2 id="timer-title">No timer running</h2>
      {stop.data?.entry ? <p role="status">Stopped: {formatMinutes(stop.data.entry.duration_minutes)} recorded.</p> : null}
      {allowStart ? (
        open.length === 0 ? (
          <p className="muted">Create a task in a project first; then start a timer on it here.</p>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (taskId) start.mutate({ task_id: taskId, ...(note.trim() ? { note: note.trim() } : {}) });
            }}
          >
            <label>
              Task
              <select value={taskId} onChange={(e) => setTaskId(e.target.value)} required>
                <option value="">Choose a task…</option>
                {taskChoices(open, projects.data?.items, clients.data?.items).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {/* One piece of text: a flex column would stack "Note" and "(optional)" on two lines. */}
              <span>
                Note <span className="muted">(optional)</span>
              </span>
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
            </label>
            <button type="submit" disabled={!taskId || start.isPending}>
              {start.isPending ? 'Starting…' : 'Start timer'}
            </button>
          </form>
        )
      ) : (
        <p className="muted">
          Start one from <Link to="time">Time</Link>.
        </p>
      )}
      <ErrorNote error={start.error} title="The timer did not start" />
    </section>
  );
}
