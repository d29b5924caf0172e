import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { can } from '../lib/contract';
import { formatDate, formatMinutes, formatMoney } from '../lib/format';
import { useBusiness, useOp, useOpMutation, useOpPages } from '../lib/hooks';
import { nameOf, useClients, useMembers } from '../lib/lookups';
import type { Output, Project, Task, TaskStatus } from '../lib/types';
import { PagedList } from '../ui/paged-list';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Loading } from '../ui/feedback';
import { StatusBadge } from '../ui/status';
import { Cell, Table, columns } from '../ui/table';
import { ProjectForm } from './project-form';
import { TaskForm } from './task-form';

const statusLabels: Record<TaskStatus, string> = { todo: 'To do', in_progress: 'In progress', done: 'Done' };

const cols = columns({
  task: { label: 'Task', kind: 'title' },
  status: { label: 'Status' },
  assignee: { label: 'Assignee' },
  rate: { label: 'Rate', num: true },
  due: { label: 'Due' },
  actions: { label: 'Actions', kind: 'actions' },
});

/** The rate a task without its own bills at: the project's, else the client's, else the business default, as get_project works it out. */
type ProjectRate = Output<'get_project'>['effective_rate'];
const rateSourceLabels: Record<Exclude<ProjectRate['source'], null>, string> = { task: 'task rate', project: 'project rate', client: 'client rate', business: 'business default' };

function TaskRow({ task, currency, projectRate, onEdit }: { task: Task; currency: string; projectRate: ProjectRate; onEdit: () => void }) {
  const members = useMembers();
  const setStatus = useOpMutation('set_task_status');
  return (
    <tr>
      <Cell col={cols.task}>
        {task.name}
        {task.description ? <div className="muted small">{task.description}</div> : null}
        {setStatus.error ? <ErrorNote error={setStatus.error} /> : null}
      </Cell>
      <Cell col={cols.status}>
        <label className="visually-hidden" htmlFor={`status-${task.id}`}>
          Status of {task.name}
        </label>
        <select id={`status-${task.id}`} value={task.status} onChange={(e) => setStatus.mutate({ task_id: task.id, status: e.target.value })} disabled={setStatus.isPending}>
          {(Object.keys(statusLabels) as TaskStatus[]).map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </Cell>
      <Cell col={cols.assignee}>{task.assignee_id ? nameOf(members.data?.members, task.assignee_id) : <span className="muted">Unassigned</span>}</Cell>
      <Cell col={cols.rate}>
        {/* Time on a task that is not billable is never invoiced: no rate to show. */}
        {!task.billable ? (
          <span className="muted">not billable</span>
        ) : task.hourly_rate !== null ? (
          `${formatMoney(task.hourly_rate, currency)}/h`
        ) : (
          <>
            {projectRate.hourly_rate === null ? 'none set' : `${formatMoney(projectRate.hourly_rate, projectRate.currency)}/h`}
            {projectRate.source && projectRate.source !== 'task' ? <span className="muted small"> ({rateSourceLabels[projectRate.source]})</span> : null}
          </>
        )}
      </Cell>
      <Cell col={cols.due}>{task.due_date ? formatDate(task.due_date) : '—'}</Cell>
      <Cell col={cols.actions}>
        <button type="button" className="link" onClick={onEdit}>
          Edit<span className="visually-hidden"> {task.name}</span>
        </button>
      </Cell>
    </tr>
  );
}

function Tasks({ project, currency, projectRate }: { project: Project; currency: string; projectRate: ProjectRate }) {
  const business = useBusiness();
  const members = useMembers();
  const [status, setStatus] = useState<TaskStatus | 'all'>('all');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Task | null>(null);
  const tasks = useOpPages('list_tasks', { project_id: project.id, status });
  const create = useOpMutation('create_task', { onSuccess: () => setCreating(false) });
  const update = useOpMutation('update_task', { onSuccess: () => setEditing(null) });
  const mayCreate = can(business.role, 'create_task');
  return (
    <section className="card" aria-labelledby="tasks-title">
      <div className="page-head">
        <h2 id="tasks-title">Tasks</h2>
        {mayCreate && !creating ? (
          <button type="button" onClick={() => setCreating(true)}>
            New task
          </button>
        ) : null}
      </div>
      {creating ? <TaskForm projectId={project.id} currency={currency} members={members.data?.members ?? []} onSubmit={(i) => create.mutate(i)} pending={create.isPending} error={create.error} onCancel={() => setCreating(false)} /> : null}
      {editing ? (
        <div className="card inset">
          <h3>Edit {editing.name}</h3>
          <TaskForm key={editing.id} projectId={project.id} task={editing} currency={currency} members={members.data?.members ?? []} onSubmit={(i) => update.mutate(i)} pending={update.isPending} error={update.error} onCancel={() => setEditing(null)} />
        </div>
      ) : null}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Show
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="all">All tasks</option>
            <option value="todo">To do</option>
            <option value="in_progress">In progress</option>
            <option value="done">Done</option>
          </select>
        </label>
      </form>
      <PagedList list={tasks} what="tasks" empty={{ title: 'No tasks.', hint: 'Add a task with “New task”; time is tracked on tasks.' }}>
        {(items) => (
          <Table cols={Object.values(cols)}>
            {items.map((t) => (
              <TaskRow key={t.id} task={t} currency={currency} projectRate={projectRate} onEdit={() => setEditing(t)} />
            ))}
          </Table>
        )}
      </PagedList>
    </section>
  );
}

export function Component() {
  const business = useBusiness();
  const { projectId = '' } = useParams();
  const clients = useClients();
  const q = useOp('get_project', { project_id: projectId });
  const [editing, setEditing] = useState(false);
  const update = useOpMutation('update_project', { onSuccess: () => setEditing(false) });
  usePageTitle(q.data?.project.name ?? 'Project');
  if (q.isPending) return <Loading what="the project" />;
  if (q.error) return <ErrorNote error={q.error} title="The project could not load" />;
  const { project, currency, effective_rate, task_counts, tracked_minutes, unbilled_minutes } = q.data;
  const mayEdit = can(business.role, 'update_project');
  return (
    <>
      <p className="crumbs">
        <Link to=".." relative="path">
          Projects
        </Link>{' '}
        ·{' '}
        <Link to={`../../clients/${project.client_id}`} relative="path">
          {nameOf(clients.data?.items, project.client_id)}
        </Link>
      </p>
      <div className="page-head">
        <h1>
          {project.name} <StatusBadge status={project.status} />
        </h1>
        {mayEdit ? (
          <div className="actions">
            {!editing ? (
              <button type="button" className="secondary" onClick={() => setEditing(true)}>
                Edit
              </button>
            ) : null}
            <button type="button" className="secondary" onClick={() => update.mutate({ project_id: project.id, status: project.status === 'active' ? 'archived' : 'active' })} disabled={update.isPending}>
              {project.status === 'active' ? 'Archive' : 'Restore'}
            </button>
          </div>
        ) : null}
      </div>
      {editing ? (
        <section className="card">
          <h2>Edit project</h2>
          <ProjectForm project={project} currency={currency} onSubmit={(i) => update.mutate(i)} pending={update.isPending} error={update.error} onCancel={() => setEditing(false)} />
        </section>
      ) : (
        <ErrorNote error={update.error} />
      )}
      <dl className="details">
        <div>
          <dt>Rate</dt>
          <dd>
            {effective_rate.hourly_rate === null ? 'none set' : `${formatMoney(effective_rate.hourly_rate, effective_rate.currency)}/h`}
            {effective_rate.source ? <span className="muted"> (from the {effective_rate.source})</span> : null}
          </dd>
        </div>
        <div>
          <dt>Billable</dt>
          <dd>{project.billable ? 'Yes' : 'No'}</dd>
        </div>
        <div>
          <dt>Tracked</dt>
          <dd>
            {formatMinutes(tracked_minutes)}
            {project.budget_minutes ? <span className="muted"> of {formatMinutes(project.budget_minutes)} budget</span> : null}
          </dd>
        </div>
        <div>
          <dt>Unbilled</dt>
          <dd>{formatMinutes(unbilled_minutes)}</dd>
        </div>
        <div>
          <dt>Tasks</dt>
          <dd>
            {task_counts.todo} to do, {task_counts.in_progress} in progress, {task_counts.done} done
          </dd>
        </div>
      </dl>
      <Tasks project={project} currency={currency} projectRate={effective_rate} />
    </>
  );
}
