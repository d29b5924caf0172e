import { useForm } from 'react-hook-form';
import { Field } from '../forms/field';
import { opResolver, orNull, present, type OpInput } from '../forms/op-schema';
import { decimalInput, durationInput, parseDuration } from '../lib/format';
import type { Client, Project, Task, TimeEntry } from '../lib/types';
import { taskChoices } from '../lib/lookups';
import { ErrorNote } from '../ui/feedback';

interface Values {
  task_id: string;
  date: string;
  duration_minutes: string;
  note: string;
  billable: 'default' | 'yes' | 'no';
}

/** Log time (log_time) or edit an entry (update_time_entry): task, date, duration, note. */
export function TimeEntryForm({ entry, tasks, projects, clients, today, onSubmit, pending, error, onCancel }: { entry?: TimeEntry; tasks: Task[]; projects: Project[]; clients: Client[]; today: string; onSubmit: (input: OpInput) => void; pending: boolean; error: unknown; onCancel?: () => void }) {
  const toInput = (v: Values): OpInput => {
    const minutes = v.duration_minutes.trim() === '' ? undefined : (parseDuration(v.duration_minutes) ?? v.duration_minutes);
    const billable = v.billable === 'default' ? undefined : v.billable === 'yes';
    if (entry) return present({ entry_id: entry.id, task_id: v.task_id, date: v.date, duration_minutes: minutes, note: orNull(v.note), billable });
    return present({ task_id: v.task_id, date: v.date, duration_minutes: minutes, note: v.note.trim(), billable });
  };
  const form = useForm<Values, unknown, OpInput>({
    defaultValues: {
      task_id: entry?.task_id ?? '',
      date: entry?.date ?? today,
      duration_minutes: entry ? durationInput(entry.duration_minutes) : '',
      note: entry?.note ?? '',
      billable: entry ? (entry.billable ? 'yes' : 'no') : 'default',
    },
    resolver: opResolver(entry ? 'update_time_entry' : 'log_time', toInput),
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((input) => onSubmit(input))} noValidate className="form">
      <div className="row">
        <Field label="Task" error={e.task_id}>
          {(p) => (
            <select {...p} {...form.register('task_id')}>
              <option value="">Choose a task…</option>
              {taskChoices(tasks, projects, clients).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Date" error={e.date}>
          {(p) => <input {...p} {...form.register('date')} type="date" />}
        </Field>
        <Field label="Duration" error={e.duration_minutes} hint={`1:30, ${decimalInput(1.5)} or 90m`}>
          {(p) => <input {...p} {...form.register('duration_minutes')} className="short" />}
        </Field>
        <Field label="Billable" error={e.billable}>
          {(p) => (
            <select {...p} {...form.register('billable')}>
              {entry ? null : <option value="default">As the task</option>}
              <option value="yes">Billable</option>
              <option value="no">Not billable</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Note" error={e.note}>
        {(p) => <input {...p} {...form.register('note')} maxLength={2000} />}
      </Field>
      <ErrorNote error={error} title={entry ? 'The entry was not saved' : 'The time was not logged'} />
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : entry ? 'Save entry' : 'Log time'}
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
