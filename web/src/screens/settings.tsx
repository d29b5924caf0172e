import { useForm, useWatch } from 'react-hook-form';
import { timeZoneChoices } from '../../../shared/auth/business-defaults.js';
import { Field } from '../forms/field';
import { moneyValue, num, opResolver, orNull, percentInput, percentValue, type OpInput } from '../forms/op-schema';
import { can } from '../lib/contract';
import { basisPointsToPercent, formatMoney, moneyInput } from '../lib/format';
import { useBusiness, useBusinessQuery, useOpMutation, type BusinessSettings } from '../lib/hooks';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Notice } from '../ui/feedback';

interface Values {
  name: string;
  currency: string;
  time_zone: string;
  invoice_prefix: string;
  payment_terms_days: string;
  default_hourly_rate: string;
  default_tax_rate_bps: string;
  address: string;
  tax_id: string;
}

type Save = ReturnType<typeof useOpMutation<'update_business_settings'>>;

/** What the saved notice calls each setting: the form's own labels. */
const fieldLabels: Record<string, string> = {
  name: 'business name',
  currency: 'currency',
  time_zone: 'time zone',
  invoice_prefix: 'invoice prefix',
  payment_terms_days: 'payment terms',
  default_hourly_rate: 'default hourly rate',
  default_tax_rate_bps: 'default tax rate',
  address: 'address',
  tax_id: 'tax id',
};

function savedNotice(changed: string[]): string {
  if (changed.length === 0) return 'Nothing changed.';
  return `Saved: ${changed.map((k) => fieldLabels[k] ?? k.replace(/_/g, ' ')).join(', ')}.`;
}

const prefixPattern = /^[A-Za-z0-9][A-Za-z0-9/_-]{0,11}$/;

/**
 * The hint under the invoice prefix follows what is typed: the number the next invoice would get
 * with it. The sequence continues under a new prefix, so the digits are the counter's.
 */
function prefixHint(typed: string, settings: BusinessSettings, nextNumber: string | null | undefined): string {
  const prefix = typed.trim();
  const sequence = nextNumber?.startsWith(settings.invoice_prefix) ? nextNumber.slice(settings.invoice_prefix.length) : '0001';
  if (!prefixPattern.test(prefix)) return 'Up to 12 letters, digits, “-”, “_” or “/”, starting with a letter or digit';
  return `The next invoice gets ${prefix}${sequence}`;
}

/**
 * The zones sign-up offers (the browser's IANA zones, UTC first, today's names for renamed ones:
 * one list, shared), with the business's own zone added when that list lacks it.
 */
function zoneChoices(current: string): string[] {
  const known = timeZoneChoices();
  return known.includes(current) ? known : [current, ...known];
}

/** The form remounts with fresh values after a save, so the save (and what it reports) lives in the screen. */
function SettingsForm({ settings, nextNumber, save }: { settings: BusinessSettings; nextNumber: string | null | undefined; save: Save }) {
  const toInput = (v: Values): OpInput => {
    const currency = v.currency.trim().toUpperCase();
    return {
      name: v.name.trim(),
      currency,
      time_zone: v.time_zone.trim(),
      invoice_prefix: v.invoice_prefix.trim(),
      payment_terms_days: num(v.payment_terms_days),
      default_hourly_rate: v.default_hourly_rate.trim() === '' ? null : (moneyValue(v.default_hourly_rate, currency || settings.currency) ?? null),
      default_tax_rate_bps: percentValue(v.default_tax_rate_bps),
      address: orNull(v.address),
      tax_id: orNull(v.tax_id),
    };
  };
  const form = useForm<Values, unknown, OpInput>({
    defaultValues: {
      name: settings.name,
      currency: settings.currency,
      time_zone: settings.time_zone,
      invoice_prefix: settings.invoice_prefix,
      payment_terms_days: String(settings.payment_terms_days),
      default_hourly_rate: moneyInput(settings.default_hourly_rate, settings.currency),
      default_tax_rate_bps: percentInput(settings.default_tax_rate_bps),
      address: settings.address ?? '',
      tax_id: settings.tax_id ?? '',
    },
    resolver: opResolver('update_business_settings', toInput),
  });
  const e = form.formState.errors;
  // Read while rendering: react-hook-form tracks dirty fields only for state that is read.
  const dirty = form.formState.dirtyFields;
  const prefix = useWatch({ control: form.control, name: 'invoice_prefix' });
  const zones = zoneChoices(settings.time_zone);
  return (
    <form
      // Only what the person changed is sent: fields not given are left alone by the operation.
      onSubmit={form.handleSubmit((input) => save.mutate(Object.fromEntries(Object.entries(input).filter(([k]) => dirty[k as keyof Values]))))}
      noValidate
      className="form"
    >
      <Field label="Business name" error={e.name}>
        {(p) => <input {...p} {...form.register('name')} />}
      </Field>
      <div className="row">
        <Field label="Currency" error={e.currency} hint="For new clients and invoices">
          {(p) => <input {...p} {...form.register('currency')} maxLength={3} className="short" />}
        </Field>
        <Field label="Time zone" error={e.time_zone}>
          {(p) => (
            <select {...p} {...form.register('time_zone')}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field label="Invoice prefix" error={e.invoice_prefix} hint={prefixHint(prefix, settings, nextNumber)}>
          {(p) => <input {...p} {...form.register('invoice_prefix')} className="short" />}
        </Field>
        <Field label="Payment terms (days)" error={e.payment_terms_days}>
          {(p) => <input {...p} {...form.register('payment_terms_days')} inputMode="numeric" className="short" />}
        </Field>
        <Field label="Default hourly rate" error={e.default_hourly_rate} hint="Used when client, project and task have none">
          {(p) => <input {...p} {...form.register('default_hourly_rate')} inputMode="decimal" className="short" />}
        </Field>
        <Field label="Default tax rate (%)" error={e.default_tax_rate_bps}>
          {(p) => <input {...p} {...form.register('default_tax_rate_bps')} inputMode="decimal" className="short" />}
        </Field>
      </div>
      <Field label="Address (on invoices)" error={e.address}>
        {(p) => <textarea {...p} {...form.register('address')} rows={3} />}
      </Field>
      <Field label="Tax id" error={e.tax_id}>
        {(p) => <input {...p} {...form.register('tax_id')} />}
      </Field>
      <ErrorNote error={save.error} title="The settings were not saved" />
      {save.data ? <Notice>{savedNotice(save.data.changed)}</Notice> : null}
      <p className="muted">Changes apply from now on: issued invoices keep what they were issued with.</p>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save settings
        </button>
      </div>
    </form>
  );
}

export function Component() {
  const business = useBusiness();
  usePageTitle('Settings');
  const s = business.settings;
  const nextNumber = useBusinessQuery(business.id).data?.next_invoice_number;
  const save = useOpMutation('update_business_settings');
  return (
    <>
      <h1>Business settings</h1>
      {can(business.role, 'update_business_settings') ? (
        <section className="card">
          <SettingsForm key={JSON.stringify(s)} settings={s} nextNumber={nextNumber} save={save} />
        </section>
      ) : (
        <>
          <p className="muted">Only an owner or admin changes these.</p>
          <dl className="details">
            <div>
              <dt>Name</dt>
              <dd>{s.name}</dd>
            </div>
            <div>
              <dt>Currency</dt>
              <dd>{s.currency}</dd>
            </div>
            <div>
              <dt>Time zone</dt>
              <dd>{s.time_zone}</dd>
            </div>
            <div>
              <dt>Default rate</dt>
              <dd>{formatMoney(s.default_hourly_rate, s.currency)}</dd>
            </div>
            <div>
              <dt>Tax rate</dt>
              <dd>{basisPointsToPercent(s.default_tax_rate_bps)}</dd>
            </div>
          </dl>
        </>
      )}
      <section className="card">
        <h2>Expense categories</h2>
        <p>{s.expense_categories.join(', ') || 'None yet: recording an expense adds its category.'}</p>
      </section>
    </>
  );
}
