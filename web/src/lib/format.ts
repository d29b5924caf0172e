/**
 * Money is integer minor units; Intl knows each currency's digits. Dates: `YYYY-MM-DD` strings are
 * the business's local dates already and are shown as they are; timestamps are shown in the
 * business's time zone. The locale is the browser's (a business has no locale of its own).
 */
import { formatDuration } from '../../../shared/time/duration.js';

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

/** The locale's decimal and grouping separators ("," and "." in de-DE, "," and U+202F in fr-FR). */
const separatorCache = new Map<string, { decimal: string; group: string }>();
function separators(loc: string): { decimal: string; group: string } {
  let s = separatorCache.get(loc);
  if (!s) {
    const parts = new Intl.NumberFormat(loc).formatToParts(1234567.5);
    s = { decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.', group: parts.find((p) => p.type === 'group')?.value ?? ',' };
    separatorCache.set(loc, s);
  }
  return s;
}

/** 120.50 as the locale writes it, with the currency's digits ("120,50" in de-DE, "120" for JPY): for hints. */
export function moneyExample(currency = 'EUR', loc: string = locale): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(digits === 0 ? 120 : 120.5);
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; error: string };

/** Spaces (also no-break and narrow no-break) and apostrophes only ever group digits. */
const spaceLike = /^[\s\u00a0\u202f'\u2019]+$/;

/** A number as typed, split at its decimal separator: whole digits (grouping dropped) and fraction digits. */
interface DecimalParts {
  negative: boolean;
  whole: string;
  fraction: string;
}

/**
 * A decimal number typed in this locale, the one reading money, quantities, percentages and
 * durations share: "7,5" in de-DE and "7.5" in en-US are both 7.5. The other separator is read as
 * the decimal one too where that is unambiguous ("7.5" in de-DE); a separator followed by exactly
 * three digits that is the locale's grouping separator groups ("1.234" in de-DE is 1234); spaces,
 * no-break spaces and apostrophes always group. Undefined when the text is not such a number.
 */
function decimalParts(text: string, loc: string): DecimalParts | undefined {
  let t = text.trim();
  const negative = /^[-\u2212]/.test(t);
  if (negative) t = t.slice(1).trimStart();
  const tokens = t.match(/\d+|[.,]|[\s\u00a0\u202f'\u2019]+/g);
  if (!tokens || tokens.join('') !== t || /^[\s'\u2019]/.test(t) || !/\d$/.test(t)) return undefined;
  // Digit runs and the separators between them, alternating.
  const runs: string[] = [];
  const seps: string[] = [];
  let expectDigits = !/^[.,]/.test(t);
  if (!expectDigits) runs.push('');
  for (const tok of tokens) {
    const isDigits = /^\d/.test(tok);
    if (isDigits !== expectDigits) return undefined;
    if (isDigits) runs.push(tok);
    else seps.push(spaceLike.test(tok) ? ' ' : tok);
    expectDigits = !expectDigits;
  }
  const { decimal, group } = separators(loc);
  // The decimal separator, if any, is the last one, "." or ",", and appears only once.
  let decimalAt = -1;
  const last = seps[seps.length - 1];
  if (last === '.' || last === ',') {
    const once = seps.filter((s) => s === last).length === 1;
    const followedBy = runs[runs.length - 1]!.length;
    if (!once) decimalAt = -1; // "1.234.567": grouping
    else if (last === decimal) decimalAt = seps.length - 1;
    else if (last === group && followedBy === 3) decimalAt = -1;
    else decimalAt = seps.length - 1;
  }
  const intRuns = decimalAt === -1 ? runs : runs.slice(0, -1);
  const fraction = decimalAt === -1 ? '' : runs[runs.length - 1]!;
  const groupSeps = decimalAt === -1 ? seps : seps.slice(0, -1);
  if (groupSeps.length > 0) {
    // One grouping separator throughout, never the decimal one, with groups of three after the first.
    const g = groupSeps[0]!;
    if (groupSeps.some((s) => s !== g)) return undefined;
    if (decimalAt !== -1 && g === seps[decimalAt]) return undefined;
    if (intRuns[0]!.length === 0 || intRuns[0]!.length > 3 || intRuns.slice(1).some((r) => r.length !== 3)) return undefined;
  }
  return { negative, whole: intRuns.join(''), fraction };
}

/**
 * A decimal number typed in the browser's locale (a quantity, a percentage): "7,5" in de-DE and
 * "7.5" in en-US are both 7.5, read as money is (`decimalParts`). Undefined when unreadable.
 */
export function parseDecimal(text: string, loc: string = locale): number | undefined {
  const p = decimalParts(text, loc);
  if (!p) return undefined;
  const n = Number(`${p.whole || '0'}.${p.fraction || '0'}`);
  return p.negative && n !== 0 ? -n : n;
}

/** A number as the locale writes it, for an edit form to prefill (7.5 → "7,5" in de-DE), which `parseDecimal` reads back. */
export function decimalInput(n: number | null | undefined, loc: string = locale): string {
  if (n === null || n === undefined) return '';
  return new Intl.NumberFormat(loc, { maximumFractionDigits: 20, useGrouping: false }).format(n);
}

/**
 * Text typed into a money field → minor units, read in the browser's locale as any decimal number
 * is (`decimalParts`): "85,50" in de-DE and "85.50" in en-US are both 8550 cents, "1.234" in de-DE
 * is 1234. More decimals than the currency has is an error, never a rounding or a multiplication.
 */
export function parseMoney(text: string, currency: string, loc: string = locale): MoneyParse {
  const digits = currencyDigits(currency);
  const example = moneyExample(currency, loc);
  // A currency symbol or code typed along ("85,50 €", "$85.50", "EUR 85") is allowed.
  const parts = decimalParts(text.trim().replace(/^[\p{Sc}\p{L}]+\.?\s*|\s*[\p{Sc}\p{L}]+\.?$/gu, ''), loc);
  if (!parts) return { ok: false, error: `Enter an amount, such as ${example}` };
  const { negative, whole, fraction } = parts;
  if (fraction.length > digits) {
    return { ok: false, error: digits === 0 ? `${currency} amounts have no decimals: enter a whole number, such as ${example}` : `Use at most ${digits} decimals for ${currency}, such as ${example}` };
  }
  const minor = Number(whole || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return { ok: false, error: 'That amount is too large' };
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

/** Minor units back to the text a person types, as the locale shows it ("85,50" in de-DE, "85.50" in en-US), for editing. */
export function moneyInput(minor: number | null | undefined, currency: string, loc: string = locale): string {
  if (minor === null || minor === undefined) return '';
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
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

/**
 * "1:30", "1.5", "90m", "2h" → minutes; undefined when unreadable. Decimal hours are read in the
 * locale as any decimal number is: "1,5" in de-DE is 90 minutes, as "1.5" is in en-US.
 */
export function parseDuration(text: string, loc: string = locale): number | undefined {
  const t = text.trim().toLowerCase();
  let m = /^(\d+):([0-5]\d)$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(\d[\d.,]*|[.,]\d+)\s*h?$/.exec(t);
  if (m) {
    const hours = parseDecimal(m[1]!, loc);
    return hours === undefined ? undefined : Math.round(hours * 60);
  }
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
