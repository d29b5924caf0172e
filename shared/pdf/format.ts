import type { LineOut } from '../ops/invoice-view.js';
import { formatDuration } from '../time/duration.js';
import type { ShownInvoice } from './model.js';

/**
 * Text the document shows beside the amounts (which come formatted from the invoice view). One
 * language for now: English, with day-month-year dates that no reader can misread.
 */

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const rateFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** A business-local calendar date, `2026-12-03` → `3 Dec 2026`. */
export function formatDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

/**
 * A time line's quantity is its exact time, `2 h 16 min`: its amount is minutes × rate, and hours
 * rounded to 3 decimals (2.267) would make the line's arithmetic look a few cents off. Other
 * lines show their quantity with up to 3 decimals.
 */
export function formatQuantity(line: Pick<LineOut, 'kind' | 'minutes' | 'quantity'>): string {
  return line.kind === 'time' && line.minutes !== null ? formatDuration(line.minutes) : quantityFormat.format(line.quantity);
}

/** A time line's unit price is per hour. */
export function formatUnitPrice(line: Pick<LineOut, 'kind' | 'minutes' | 'unit_amount_formatted'>): string {
  return line.kind === 'time' && line.minutes !== null ? `${line.unit_amount_formatted}/h` : line.unit_amount_formatted;
}

/** Basis points as a percentage: 825 → `8.25%`. */
export function formatTaxRate(bps: number): string {
  return `${rateFormat.format(bps / 100)}%`;
}

function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** The client's address as lines: street lines, then city, region and postal code, then the country. */
export function billToAddressLines(address: ShownInvoice['bill_to']['address']): string[] {
  if (!address) return [];
  const place = [address.city, [address.region, address.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [address.line1, address.line2, place, address.country ? countryName(address.country) : undefined].filter((l): l is string => !!l);
}

/** The seller's address is free text: one line per line written. */
export function sellerAddressLines(address: string | null): string[] {
  return (address ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Payment terms in words: `Net 30`, `Due on receipt`, or for a draft what issuing will set. */
export function paymentTerms(inv: Pick<ShownInvoice, 'issue_date' | 'due_date' | 'payment_terms_days'>): string | null {
  const days = inv.issue_date && inv.due_date ? daysBetween(inv.issue_date, inv.due_date) : inv.due_date ? null : inv.payment_terms_days;
  if (days === null || days === undefined) return null;
  return days === 0 ? 'Due on receipt' : `Net ${days} days`;
}
