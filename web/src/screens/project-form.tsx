import { useForm } from 'react-hook-form';
import { Field } from '../forms/field';
import { moneyValue, opResolver, present, type OpInput } from '../forms/op-schema';
import { decimalInput, durationInput, moneyInput, parseDuration } from '../lib/format';

/** A budget as hours in the locale's form ("12,5" in de-DE), or "1:40" when decimal hours would not be exact. */
function budgetInput(minutes: number): string {
  return (minutes * 100) % 60 === 0 ? decimalInput(minutes / 60) : durationInput(minutes);
}
import type { Project } from '../lib/types';
import { ErrorNote } from '../ui/feedback';

interface Values {
  name: string;
  hourly_rate: string;
  billable: boolean;
  budget_minutes: string;
}

/** Create a project for a client, or edit one (create_project / update_project schemas). */
export function ProjectForm({ clientId, project, currency, onSubmit, pending, error, onCancel }: { clientId?: string; project?: Project; currency: string; onSubmit: (input: OpInput) => void; pending: boolean; error: unknown; onCancel?: () => void }) {
  const toInput = (v: Values): OpInput => {
    const rate = moneyValue(v.hourly_rate, currency);
    const budget = v.budget_minutes.trim() === '' ? undefined : (parseDuration(v.budget_minutes) ?? v.budget_minutes);
    if (project) return { project_id: project.id, name: v.name.trim(), billable: v.billable, hourly_rate: rate ?? null, budget_minutes: budget ?? null };
    return present({ client_id: clientId, name: v.name.trim(), billable: v.billable, hourly_rate: rate, budget_minutes: budget });
  };
  const form = useForm<Values, unknown, OpInput>({
    defaultValues: {
      name: project?.name ?? '',
      hourly_rate: moneyInput(project?.hourly_rate, currency),
      billable: project?.billable ?? true,
      budget_minutes: project?.budget_minutes ? budgetInput(project.budget_minutes) : '',
    },
    resolver: opResolver(project ? 'update_project' : 'create_project', toInput),
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((input) => onSubmit(input))} noValidate className="form">
      <Field label="Project name" error={e.name}>
        {(p) => <input {...p} {...form.register('name')} />}
      </Field>
      <div className="row">
        <Field label="Hourly rate" error={e.hourly_rate} hint="Empty: the client’s rate">
          {(p) => <input {...p} {...form.register('hourly_rate')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Budget (hours)" error={e.budget_minutes} hint="Optional">
          {(p) => <input {...p} {...form.register('budget_minutes')} inputMode="decimal" className="short" />}
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" {...form.register('billable')} /> Billable
      </label>
      <ErrorNote error={error} title="The project was not saved" />
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : project ? 'Save project' : 'Create project'}
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
