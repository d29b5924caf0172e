import { addDays, localDate, todayIn } from '../time/zone.js';
import { invalidInput } from './errors.js';
import { maxEntryMinutes } from './time-schemas.js';

/** No time before this date: older dates are typos (20026, 1926), not history. */
export const earliestDate = '2000-01-01';
/** How far ended_at may lie in the future: clocks drift, and "I stop in a minute" is fine. */
export const futureSlackMinutes = 5;

/** When an entry happened: a business-local date and whole minutes, with the instants if known. */
export interface When {
  date: string;
  durationMinutes: number;
  startedAt?: string;
  endedAt?: string;
}

export interface WhenInput {
  date?: string;
  duration_minutes?: number;
  started_at?: string;
  ended_at?: string;
}

const bad = (field: string, message: string) => invalidInput(`Invalid input: ${field}: ${message}`, { fields: [{ field, message }] });

/** Whole minutes between two instants, to the nearest minute and at least one. */
export function wholeMinutes(startMs: number, endMs: number): number {
  return Math.max(1, Math.round((endMs - startMs) / 60000));
}

/** Instants are kept in UTC to the second: minutes are what is billed. */
export const utcSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

/** A business-local date from earliestDate to tomorrow in the zone (a little planning slack; later is a typo). */
export function checkDate(field: string, date: string, timeZone: string, now: Date): void {
  const latest = addDays(todayIn(timeZone, now), 1);
  if (date < earliestDate) throw bad(field, `${date} is before ${earliestDate}`);
  if (date > latest) throw bad(field, `${date} is in the future (the latest allowed is tomorrow, ${latest}, in the business's time zone)`);
}

/** The entry of a start and an end: end after start, at most 24 hours, not in the future; dated where it started. */
export function fromInstants(startedAt: string, endedAt: string, timeZone: string, now = new Date()): When {
  const start = Date.parse(startedAt);
  const end = Date.parse(endedAt);
  if (end <= start) throw bad('ended_at', 'must be after started_at');
  if (end - start > maxEntryMinutes * 60000) throw bad('ended_at', 'an entry lasts at most 24 hours; split longer work into several entries');
  if (end > now.getTime() + futureSlackMinutes * 60000) throw bad('ended_at', 'is in the future');
  const date = localDate(new Date(start), timeZone);
  checkDate('started_at', date, timeZone, now);
  return { date, durationMinutes: wholeMinutes(start, end), startedAt: utcSeconds(start), endedAt: utcSeconds(end) };
}

/**
 * Exactly one of the two forms: `date` + `duration_minutes`, or `started_at` + `ended_at`
 * (dated in the business's time zone, where the work started).
 */
export function resolveWhen(w: WhenInput, timeZone: string, now = new Date()): When {
  const byDate = w.date !== undefined || w.duration_minutes !== undefined;
  const byInstants = w.started_at !== undefined || w.ended_at !== undefined;
  if (byDate && byInstants) throw bad('(arguments)', 'give either date + duration_minutes or started_at + ended_at, not both');
  if (byInstants) {
    if (w.started_at === undefined) throw bad('started_at', 'is required with ended_at');
    if (w.ended_at === undefined) throw bad('ended_at', 'is required with started_at');
    return fromInstants(w.started_at, w.ended_at, timeZone, now);
  }
  if (w.date === undefined) throw bad('date', byDate ? 'is required with duration_minutes' : 'give date + duration_minutes, or started_at + ended_at');
  if (w.duration_minutes === undefined) throw bad('duration_minutes', 'is required with date');
  checkDate('date', w.date, timeZone, now);
  return { date: w.date, durationMinutes: w.duration_minutes };
}
