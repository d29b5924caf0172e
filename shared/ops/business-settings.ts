import { z } from 'zod';
import { isTimeZone } from '../auth/business-defaults.js';
import { listMembers, type MembershipRecord } from '../db/invitations.js';
import { db } from '../db/service.js';
import { fieldsInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import type { BusinessRecord } from './context.js';
import { knownCategories } from './expense-categories.js';
import { defaultPaymentTermsDays } from './invoice-drafts.js';
import { defaultInvoicePrefix, nextInvoiceNumber } from './invoice-issue.js';
import { defineOperation } from './operation.js';
import { ruleAllows } from './permissions.js';
import { actedOn as actedOnSchema, currencyCode, minorUnits, text } from './schemas.js';

/** Memberships copy the business name (for the business picker); a rename rewrites them in its transaction up to this many. */
const membershipsInTransaction = 90;

const settingsOut = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  time_zone: z.string(),
  default_hourly_rate: z.number().int().nullable(),
  invoice_prefix: z.string(),
  payment_terms_days: z.number().int(),
  default_tax_rate_bps: z.number().int(),
  address: z.string().nullable(),
  tax_id: z.string().nullable(),
  expense_categories: z.array(z.string()),
});

function toSettings(b: BusinessRecord): z.output<typeof settingsOut> {
  return {
    id: b.businessId,
    name: b.name,
    currency: b.currency,
    time_zone: b.timeZone,
    default_hourly_rate: b.defaultHourlyRate ?? null,
    invoice_prefix: b.invoicePrefix ?? defaultInvoicePrefix,
    payment_terms_days: b.paymentTermsDays ?? defaultPaymentTermsDays,
    default_tax_rate_bps: b.defaultTaxRateBps ?? 0,
    address: b.address ?? null,
    tax_id: b.taxId ?? null,
    expense_categories: knownCategories(b),
  };
}

export const getBusinessSettingsOp = defineOperation({
  name: 'get_business_settings',
  title: 'Get business settings',
  description: "The business's profile and defaults: name, currency, time zone, invoice prefix and terms, default hourly rate and tax rate, address, tax id, expense categories; for owners and admins also the number the next issued invoice gets.",
  input: z.strictObject({}),
  output: z.object({
    business: settingsOut,
    next_invoice_number: z
      .string()
      .nullable()
      .describe('The number the next issued invoice gets, unless another is issued first (owners and admins; null for members)'),
  }),
  idempotent: true,
  async handler(ctx) {
    const business = toSettings(ctx.business);
    const next = ruleAllows(ctx, 'get_business_settings', 'see_next_invoice_number') ? await nextInvoiceNumber(ctx.businessId, business.invoice_prefix) : null;
    return { business, next_invoice_number: next };
  },
  summarize: (o) => `${o.business.name}: ${o.business.currency}, ${o.business.time_zone}, invoices ${o.business.invoice_prefix}…, ${o.business.payment_terms_days} days.`,
});

/** settingsOut's name of a stored attribute: timeZone is time_zone. */
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** The settings as the activity log names them. */
const settingWords = {
  name: 'name',
  currency: 'currency',
  timeZone: 'time zone',
  defaultHourlyRate: 'default hourly rate',
  invoicePrefix: 'invoice prefix',
  paymentTermsDays: 'payment terms',
  defaultTaxRateBps: 'default tax rate',
  address: 'address',
  taxId: 'tax ID',
} as const;

export const updateBusinessSettingsOp = defineOperation({
  name: 'update_business_settings',
  title: 'Update business settings',
  description:
    'Change the profile and defaults. They apply from now on: issued invoices keep the seller details, numbers and terms they were issued with; existing clients keep their currency; recorded time keeps its dates. The number sequence continues under a new prefix.',
  input: z.strictObject({
    name: text(200).optional(),
    currency: currencyCode.optional(),
    time_zone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
    default_hourly_rate: nullable(minorUnits),
    invoice_prefix: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9/_-]{0,11}$/, 'must be 1-12 letters, digits, "-", "_" or "/", starting with a letter or digit').optional(),
    payment_terms_days: z.number().int().min(0).max(365).optional(),
    default_tax_rate_bps: z.number().int().min(0).max(10000).optional().describe('Basis points: 2000 is 20%'),
    address: nullable(text(500)),
    tax_id: nullable(text(50)),
  }),
  output: z.object({ business: settingsOut, changed: z.array(z.string()), acted_on: actedOnSchema }),
  idempotent: true,
  async handler(ctx, input) {
    const given: Record<keyof typeof settingWords, unknown> = {
      name: input.name,
      currency: input.currency,
      timeZone: input.time_zone,
      defaultHourlyRate: input.default_hourly_rate,
      invoicePrefix: input.invoice_prefix,
      paymentTermsDays: input.payment_terms_days,
      defaultTaxRateBps: input.default_tax_rate_bps,
      address: input.address,
      taxId: input.tax_id,
    };
    const before = ctx.business;
    // Only what was given and differs is written: null clears an optional setting.
    const differs = Object.entries(given).filter(([k, v]) => v !== undefined && (v ?? undefined) !== before[k as keyof BusinessRecord]);
    const sets = Object.fromEntries(differs.filter(([, v]) => v !== null));
    const removes = differs.filter(([, v]) => v === null).map(([k]) => k as 'defaultHourlyRate' | 'address' | 'taxId');
    const next: BusinessRecord = { ...before, ...sets };
    for (const k of removes) delete next[k];
    const changed = differs.map(([k]) => k as keyof typeof settingWords);
    const result = { business: toSettings(next), changed: changed.map(snake), acted_on: actedOn({ ...ctx, businessName: next.name }) };
    if (!changed.length) return result;
    const members = next.name !== before.name ? await listMembers(ctx.businessId) : [];
    const rename = (m: MembershipRecord) => ({ businessId: m.businessId, userId: m.userId });
    const out = await commit(ctx, {
      writes: (e) => [
        e.business.patch({ businessId: ctx.businessId }).set(sets).remove(removes).commit(),
        ...members.slice(0, membershipsInTransaction).map((m) => e.membership.patch(rename(m)).set({ businessName: next.name }).commit()),
      ],
      activity: { operation: 'update_business_settings', targetId: ctx.businessId, summary: `Changed the business settings: ${fieldsInWords(changed, settingWords)}` },
      result,
    });
    for (const m of members.slice(membershipsInTransaction)) await db.entities.membership.patch(rename(m)).set({ businessName: next.name }).go();
    return out;
  },
  summarize: (o) => (o.changed.length ? `Updated ${o.business.name}: ${o.changed.join(', ')}.` : 'Nothing changed.'),
});
