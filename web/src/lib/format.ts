/**
 * Money is integer minor units; Intl knows each currency's digits. Dates: `YYYY-MM-DD` strings are
 * the business's local dates already and are shown as they are; timestamps are shown in the
 * business's time zone. The locale is the browser's (a business has no locale of its own).
 */
import { formatDuration } from '../../../shared/time/duration';

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-US';

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(currency, f);
  }
  return f;
}

/** How many minor digits a currency has (JPY 0, USD 2, KWD 3). */
export function currencyDigits(currency: string): number {
  return moneyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '—';
  return moneyFormat(currency).format(minor / 10 ** currencyDigits(currency));
}

/** "120", "120.5", "1,200.50" → minor units; undefined when it is not an amount with the currency's digits. */
export function parseMoney(text: string, currency: string): number | undefined {
  const cleaned = text.replace(/[\s,]/g, '');
  const digits = currencyDigits(currency);
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  if (fraction.length > digits) return undefined;
  const minor = Number(m[2]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return m[1] ? -minor : minor;
}

/** Minor units back to the text a person types ("120.50"), for editing. */
export function moneyInput(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  // A local date: format it at noon UTC in UTC so no zone can move it to another day.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function formatDateTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

export function formatTime(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** 125 → "2 h 5 min", as the PDF and the activity log write it (one formatter, shared). */
export function formatMinutes(minutes: number): string {
  return `${minutes < 0 ? '−' : ''}${formatDuration(Math.abs(minutes))}`;
}

/** 90 → "1:30", what parseDuration reads back. */
export function durationInput(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "1:30", "1.5", "90m", "2h" → minutes; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  let m = /^(\d+):([0-5]\d)$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d+(?:\.\d+)?)\s*h?$/.exec(t);
  if (m) return Math.round(Number(m[1]) * 60);
  m = /^(\d+)\s*m(?:in)?$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d+)\s*h\s*(\d+)\s*m(?:in)?$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return undefined;
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** Date arithmetic on YYYY-MM-DD strings (calendar days, no zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week holding `date`. */
export function weekStart(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((day + 6) % 7));
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

export function weekdayLabel(date: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export function basisPointsToPercent(bps: number): string {
  return `${(bps / 100).toLocaleString(locale, { maximumFractionDigits: 2 })}%`;
}
