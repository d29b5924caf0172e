import { useForm } from 'react-hook-form';
import { Field } from '../forms/field';
import { moneyValue, opResolver, orNull, present, type OpInput } from '../forms/op-schema';
import { moneyInput } from '../lib/format';
import type { Client } from '../lib/types';
import { ErrorNote } from '../ui/feedback';

interface Values {
  name: string;
  email: string;
  phone: string;
  currency: string;
  hourly_rate: string;
  tax_id: string;
  line1: string;
  city: string;
  postal_code: string;
  country: string;
}

function values(client: Client | undefined, currency: string): Values {
  return {
    name: client?.name ?? '',
    email: client?.email ?? '',
    phone: client?.phone ?? '',
    currency: client?.currency ?? currency,
    hourly_rate: moneyInput(client?.hourly_rate, client?.currency ?? currency),
    tax_id: client?.tax_id ?? '',
    line1: client?.address?.line1 ?? '',
    city: client?.address?.city ?? '',
    postal_code: client?.address?.postal_code ?? '',
    country: client?.address?.country ?? '',
  };
}

/** Create (no client) or edit a client; validated with create_client's or update_client's schema. */
export function ClientForm({ client, currency, onSubmit, pending, error, onCancel }: { client?: Client; currency: string; onSubmit: (input: OpInput) => void; pending: boolean; error: unknown; onCancel?: () => void }) {
  const editing = !!client;
  const toInput = (v: Values): OpInput => {
    const rate = moneyValue(v.hourly_rate, v.currency || currency);
    const address = present({ line1: v.line1.trim(), city: v.city.trim(), postal_code: v.postal_code.trim(), country: v.country.trim().toUpperCase() });
    if (!editing) {
      return present({ name: v.name.trim(), email: v.email.trim(), phone: v.phone.trim(), currency: v.currency.trim().toUpperCase(), hourly_rate: rate, tax_id: v.tax_id.trim(), address: Object.keys(address).length ? address : undefined });
    }
    return {
      client_id: client.id,
      name: v.name.trim(),
      email: orNull(v.email),
      phone: orNull(v.phone),
      currency: v.currency.trim().toUpperCase(),
      hourly_rate: rate ?? null,
      tax_id: orNull(v.tax_id),
      address: Object.keys(address).length ? address : null,
    };
  };
  const form = useForm<Values, unknown, OpInput>({ defaultValues: values(client, currency), resolver: opResolver(editing ? 'update_client' : 'create_client', toInput) });
  const e = form.formState.errors as Record<string, { message?: string } | undefined> & { address?: Record<string, { message?: string }> };
  const err = (k: keyof Values) => (e[k] ?? e.address?.[k]) as never;
  return (
    <form onSubmit={form.handleSubmit((input) => onSubmit(input))} noValidate className="form">
      <Field label="Name" error={err('name')}>
        {(p) => <input {...p} {...form.register('name')} autoComplete="organization" />}
      </Field>
      <div className="row">
        <Field label="Email" error={err('email')}>
          {(p) => <input {...p} {...form.register('email')} type="email" autoComplete="email" />}
        </Field>
        <Field label="Phone" error={err('phone')}>
          {(p) => <input {...p} {...form.register('phone')} type="tel" autoComplete="tel" />}
        </Field>
      </div>
      <div className="row">
        <Field label="Currency" error={err('currency')} hint="ISO code, e.g. USD">
          {(p) => <input {...p} {...form.register('currency')} maxLength={3} className="short" />}
        </Field>
        <Field label="Hourly rate" error={err('hourly_rate')} hint="Empty: the business default">
          {(p) => <input {...p} {...form.register('hourly_rate')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Tax id" error={err('tax_id')}>
          {(p) => <input {...p} {...form.register('tax_id')} />}
        </Field>
      </div>
      <fieldset>
        <legend>Address</legend>
        <Field label="Street" error={err('line1')}>
          {(p) => <input {...p} {...form.register('line1')} autoComplete="address-line1" />}
        </Field>
        <div className="row">
          <Field label="City" error={err('city')}>
            {(p) => <input {...p} {...form.register('city')} autoComplete="address-level2" />}
          </Field>
          <Field label="Postal code" error={err('postal_code')}>
            {(p) => <input {...p} {...form.register('postal_code')} autoComplete="postal-code" className="short" />}
          </Field>
          <Field label="Country" error={err('country')} hint="Two letters, e.g. US">
            {(p) => <input {...p} {...form.register('country')} maxLength={2} className="short" />}
          </Field>
        </div>
      </fieldset>
      <ErrorNote error={error} title={editing ? 'The client was not saved' : 'The client was not created'} />
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : editing ? 'Save client' : 'Create client'}
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
