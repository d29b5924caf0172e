import { useForm } from 'react-hook-form';
import { Field } from '../forms/field';
import { moneyValue, opResolver, orNull, present, type OpInput } from '../forms/op-schema';
import { moneyInput } from '../lib/format';
import type { Member, Task } from '../lib/types';
import { ErrorNote } from '../ui/feedback';

interface Values {
  name: string;
  description: string;
  hourly_rate: string;
  billable: 'inherit' | 'yes' | 'no';
  assignee_id: string;
  due_date: string;
}

/** Create a task in a project or edit one (create_task / update_task schemas). */
export function TaskForm({ projectId, task, currency, members, onSubmit, pending, error, onCancel }: { projectId: string; task?: Task; currency: string; members: Member[]; onSubmit: (input: OpInput) => void; pending: boolean; error: unknown; onCancel?: () => void }) {
  const toInput = (v: Values): OpInput => {
    const rate = moneyValue(v.hourly_rate, currency);
    const billable = v.billable === 'inherit' ? undefined : v.billable === 'yes';
    if (task) {
      return { task_id: task.id, name: v.name.trim(), description: orNull(v.description), hourly_rate: rate ?? null, billable: billable ?? null, assignee_id: orNull(v.assignee_id), due_date: orNull(v.due_date) };
    }
    return present({ project_id: projectId, name: v.name.trim(), description: v.description.trim(), hourly_rate: rate, billable, assignee_id: v.assignee_id, due_date: v.due_date });
  };
  const form = useForm<Values, unknown, OpInput>({
    defaultValues: {
      name: task?.name ?? '',
      description: task?.description ?? '',
      hourly_rate: moneyInput(task?.hourly_rate, currency),
      // A task's own setting is kept; one that follows its project stays so.
      billable: task?.billable_source === 'task' ? (task.billable ? 'yes' : 'no') : 'inherit',
      assignee_id: task?.assignee_id ?? '',
      due_date: task?.due_date ?? '',
    },
    resolver: opResolver(task ? 'update_task' : 'create_task', toInput),
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((input) => onSubmit(input))} noValidate className="form">
      <Field label="Task name" error={e.name}>
        {(p) => <input {...p} {...form.register('name')} />}
      </Field>
      <Field label="Description" error={e.description}>
        {(p) => <textarea {...p} {...form.register('description')} rows={2} />}
      </Field>
      <div className="row">
        <Field label="Hourly rate" error={e.hourly_rate} hint="Empty: the rate the project bills at">
          {(p) => <input {...p} {...form.register('hourly_rate')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Billable" error={e.billable}>
          {(p) => (
            <select {...p} {...form.register('billable')}>
              <option value="inherit">As the project</option>
              <option value="yes">Billable</option>
              <option value="no">Not billable</option>
            </select>
          )}
        </Field>
        <Field label="Assignee" error={e.assignee_id}>
          {(p) => (
            <select {...p} {...form.register('assignee_id')}>
              <option value="">Unassigned</option>
              {members.map((m) => (
                <option key={m.user_id} value={m.user_id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Due date" error={e.due_date}>
          {(p) => <input {...p} {...form.register('due_date')} type="date" />}
        </Field>
      </div>
      <ErrorNote error={error} title="The task was not saved" />
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : task ? 'Save task' : 'Create task'}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
