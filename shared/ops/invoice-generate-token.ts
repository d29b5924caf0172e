import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../auth/keys.js';
import type { InvoiceRecord } from '../db/invoices.js';
import type { PlannedLine } from './invoice-generate-plan.js';
import type { GenerateRange } from './invoice-generate-sources.js';

/**
 * The plan_token of a preview: an HMAC (key purpose `plan-token`, derived from BETTER_AUTH_SECRET)
 * over the business, the invoice and its revision, the inputs, and every planned line with the
 * line it extends, its description, rate, rate source and tax, and each entry id with the version
 * (updatedAt) that was read. Any change to the draft, the time or a rate gives another token, so a
 * real run whose recomputed token differs bills nothing.
 */
export function planToken(invoice: InvoiceRecord, input: GenerateRange, plan: readonly PlannedLine[]): string {
  const body = {
    v: 1,
    invoice: [invoice.businessId, invoice.invoiceId, invoice.revision],
    input: [input.from, input.to, input.group_by, input.project_id ?? null],
    lines: plan.map((p) => [p.base?.lineId ?? null, p.groupKey, p.description, p.hourlyRate, p.rateSource, p.taxRateBps, p.entries.map((t) => [t.entryId, t.updatedAt])]),
  };
  return keyedHash('plan-token', JSON.stringify(body));
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
