import { useForm } from 'react-hook-form';
import { Field } from '../forms/field';
import { moneyValue, num, opResolver, orNull, percentInput, percentValue, present, type OpInput } from '../forms/op-schema';
import { moneyExample } from '../lib/format';
import { useOpMutation } from '../lib/hooks';
import type { Invoice } from '../lib/types';
import { ErrorNote } from '../ui/feedback';

interface HeaderValues {
  due_date: string;
  payment_terms_days: string;
  po_number: string;
  notes: string;
}

/** The draft's header: due date or terms, PO number, notes (update_draft_invoice). */
export function DraftHeaderForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const save = useOpMutation('update_draft_invoice', { onSuccess: onDone });
  const toInput = (v: HeaderValues): OpInput => ({
    invoice_id: invoice.id,
    ...present({ due_date: v.due_date, payment_terms_days: num(v.payment_terms_days) }),
    po_number: orNull(v.po_number),
    notes: orNull(v.notes),
  });
  const form = useForm<HeaderValues, unknown, OpInput>({
    defaultValues: { due_date: invoice.due_date ?? '', payment_terms_days: invoice.payment_terms_days === null ? '' : String(invoice.payment_terms_days), po_number: invoice.po_number ?? '', notes: invoice.notes ?? '' },
    resolver: opResolver('update_draft_invoice', toInput),
  });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((i) => save.mutate(i))} noValidate className="form">
      <div className="row">
        <Field label="Due date" error={e.due_date} hint="Or leave empty and give terms">
          {(p) => <input {...p} {...form.register('due_date')} type="date" />}
        </Field>
        <Field label="Payment terms (days)" error={e.payment_terms_days}>
          {(p) => <input {...p} {...form.register('payment_terms_days')} inputMode="numeric" className="short" />}
        </Field>
        <Field label="PO number" error={e.po_number}>
          {(p) => <input {...p} {...form.register('po_number')} />}
        </Field>
      </div>
      <Field label="Notes on the invoice" error={e.notes}>
        {(p) => <textarea {...p} {...form.register('notes')} rows={2} />}
      </Field>
      <ErrorNote error={save.error} title="The draft was not saved" />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save details
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface LineValues {
  description: string;
  quantity: string;
  unit_amount: string;
  tax_rate_bps: string;
}

/** A manual line (add_invoice_line): description, quantity, unit price, tax rate in percent. */
export function AddLineForm({ invoice, defaultTaxBps }: { invoice: Invoice; defaultTaxBps: number }) {
  const add = useOpMutation('add_invoice_line', { onSuccess: () => form.reset() });
  const toInput = (v: LineValues): OpInput => {
    return present({ invoice_id: invoice.id, description: v.description.trim(), quantity: num(v.quantity), unit_amount: moneyValue(v.unit_amount, invoice.currency), tax_rate_bps: percentValue(v.tax_rate_bps) });
  };
  const form = useForm<LineValues, unknown, OpInput>({ defaultValues: { description: '', quantity: '1', unit_amount: '', tax_rate_bps: percentInput(defaultTaxBps) }, resolver: opResolver('add_invoice_line', toInput) });
  const e = form.formState.errors;
  return (
    <form onSubmit={form.handleSubmit((i) => add.mutate(i))} noValidate className="form">
      <h3>Add a line</h3>
      <Field label="Description" error={e.description}>
        {(p) => <input {...p} {...form.register('description')} />}
      </Field>
      <div className="row">
        <Field label="Quantity" error={e.quantity}>
          {(p) => <input {...p} {...form.register('quantity')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Unit price" error={e.unit_amount} hint={`Such as ${moneyExample(invoice.currency)}`}>
          {(p) => <input {...p} {...form.register('unit_amount')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Tax rate (%)" error={e.tax_rate_bps}>
          {(p) => <input {...p} {...form.register('tax_rate_bps')} inputMode="decimal" className="short" />}
        </Field>
      </div>
      <ErrorNote error={add.error} title="The line was not added" />
      <div className="actions">
        <button type="submit" className="secondary" disabled={add.isPending}>
          Add line
        </button>
      </div>
    </form>
  );
}
