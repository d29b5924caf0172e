import { beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addMonths, formatInstant, isCalendarDate, isTimeZone, lastDayOfMonth, localDate, offsetMinutes, todayIn } from '../../shared/time/zone.js';
import { rollupPlan } from '../../shared/db/time-totals.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork, type Work } from '../support/time.js';

interface Entry {
  id: string;
  date: string;
  started_at: string | null;
  ended_at: string | null;
  duration_minutes: number;
}
interface EntryList {
  items: Entry[];
  totals: { minutes: number; entries: number };
}

describe('the time-zone module', () => {
  it('gives the local date and the offset of an instant, across DST', () => {
    const instant = new Date('2025-12-01T07:30:00Z');
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2025-11-30');
    expect(localDate(instant, 'Australia/Brisbane')).toBe('2025-12-01');
    expect(localDate(instant, 'UTC')).toBe('2025-12-01');
    expect(formatInstant(instant, 'America/Los_Angeles')).toBe('2025-11-30T23:30:00-08:00');
    expect(formatInstant('2025-07-15T17:00:00.000Z', 'America/Los_Angeles')).toBe('2025-07-15T10:00:00-07:00');
    expect(formatInstant('2025-11-30T13:30:00Z', 'Australia/Brisbane')).toBe('2025-11-30T23:30:00+10:00');
    expect(formatInstant('2025-06-01T00:00:00Z', 'Asia/Kolkata')).toBe('2025-06-01T05:30:00+05:30');
    expect(formatInstant('2025-06-01T00:00:00Z', 'UTC')).toBe('2025-06-01T00:00:00+00:00');
    expect(offsetMinutes(new Date('2025-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2025-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(120);
    // The last instant before LA's DST ends (01:59:59 PDT) and the first after (01:00:00 PST).
    expect(formatInstant('2025-11-02T08:59:59Z', 'America/Los_Angeles')).toBe('2025-11-02T01:59:59-07:00');
    expect(formatInstant('2025-11-02T09:00:00Z', 'America/Los_Angeles')).toBe('2025-11-02T01:00:00-08:00');
  });

  it('knows real calendar dates, moves dates by days and knows zones', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01']) expect(isCalendarDate(d)).toBe(true);
    for (const d of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '20250101', '2025-01-01T00:00:00Z']) expect(isCalendarDate(d)).toBe(false);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Australia/Brisbane')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(todayIn('UTC')).toBe(new Date().toISOString().slice(0, 10));
    expect([addMonths('2025-12', 1), addMonths('2025-01', -1), addMonths('2025-06', -18)]).toEqual(['2026-01', '2024-12', '2023-12']);
    expect([lastDayOfMonth('2024-02'), lastDayOfMonth('2025-02'), lastDayOfMonth('2025-12')]).toEqual(['2024-02-29', '2025-02-28', '2025-12-31']);
  });

  it('splits a date range into whole months (monthly rollups) and partial months (daily rollups)', () => {
    expect(rollupPlan()).toEqual({ months: { from: undefined, to: undefined }, days: [] });
    expect(rollupPlan('2025-06-01', '2025-06-30')).toEqual({ months: { from: '2025-06', to: '2025-06' }, days: [] });
    expect(rollupPlan('2025-06-02', '2025-06-30')).toEqual({ days: [{ from: '2025-06-02', to: '2025-06-30' }] });
    expect(rollupPlan('2025-06-15', '2025-07-10')).toEqual({ days: [{ from: '2025-06-15', to: '2025-07-10' }] });
    expect(rollupPlan('2025-06-15', '2025-09-10')).toEqual({
      months: { from: '2025-07', to: '2025-08' },
      days: [
        { from: '2025-06-15', to: '2025-06-30' },
        { from: '2025-09-01', to: '2025-09-10' },
      ],
    });
    expect(rollupPlan('2025-02-01', undefined)).toEqual({ months: { from: '2025-02', to: undefined }, days: [] });
    expect(rollupPlan(undefined, '2024-02-28')).toEqual({ months: { from: undefined, to: '2024-01' }, days: [{ from: '2024-02-01', to: '2024-02-28' }] });
  });
});

/**
 * 23:30 local on the last day of a month is already the next month in UTC for a UTC-8 business
 * and still the same day for UTC+10: the entry must land in its business's month either way.
 */
describe.each([
  { zone: 'Australia/Brisbane', start: '2025-11-30T23:30:00+10:00', end: '2025-12-01T00:15:00+10:00', utcStart: '2025-11-30T13:30:00Z' },
  { zone: 'America/Los_Angeles', start: '2025-11-30T23:30:00-08:00', end: '2025-12-01T00:15:00-08:00', utcStart: '2025-12-01T07:30:00Z' },
])('a $zone business', ({ zone, start, end, utcStart }) => {
  let owner: Member;
  let work: Work;
  beforeAll(async () => {
    owner = await createBusiness(`Zone ${zone}`, { timeZone: zone });
    work = await createWork(owner);
  });

  it('dates an entry at 23:30 local on 30 November in November, with the business offset', async () => {
    const entry = structured<{ entry: Entry }>(await owner.call('log_time', { task_id: work.taskId, started_at: start, ended_at: end })).entry;
    expect(entry).toMatchObject({ date: '2025-11-30', started_at: start, ended_at: end, duration_minutes: 45 });

    const november = structured<EntryList>(await owner.call('list_time_entries', { from: '2025-11-01', to: '2025-11-30' }));
    expect(november.items.map((e) => e.id)).toEqual([entry.id]);
    expect(november.totals).toMatchObject({ minutes: 45, entries: 1 });
    const lastDay = structured<EntryList>(await owner.call('list_time_entries', { from: '2025-11-30', to: '2025-11-30' }));
    expect(lastDay.items.map((e) => e.id)).toEqual([entry.id]);
    const december = structured<EntryList>(await owner.call('list_time_entries', { from: '2025-12-01', to: '2025-12-31' }));
    expect(december.items).toEqual([]);
    expect(december.totals).toMatchObject({ minutes: 0, entries: 0 });

    // The same instant written in UTC is the same entry time.
    const again = structured<{ entry: Entry }>(
      await owner.call('log_time', { task_id: work.taskId, started_at: utcStart, ended_at: new Date(Date.parse(utcStart) + 45 * 60000).toISOString() }),
    ).entry;
    expect(again).toMatchObject({ date: '2025-11-30', started_at: start });
  });

  it('allows dates up to tomorrow in the business time zone', async () => {
    const tomorrow = addDays(todayIn(zone), 1);
    expect(structured<{ entry: Entry }>(await owner.call('log_time', { task_id: work.taskId, date: tomorrow, duration_minutes: 5 })).entry.date).toBe(tomorrow);
    expect(errorCode(await owner.call('log_time', { task_id: work.taskId, date: addDays(tomorrow, 1), duration_minutes: 5 }))).toBe('invalid_input');
  });
});

describe('"tomorrow" belongs to the business, not to the server', () => {
  it('a date that is tomorrow in Kiritimati (UTC+14) is too far ahead for Pago Pago (UTC-11)', async () => {
    const kiritimatiTomorrow = addDays(todayIn('Pacific/Kiritimati'), 1);
    const ahead = await createBusiness('Line Islands Co', { timeZone: 'Pacific/Kiritimati' });
    const behind = await createBusiness('Samoa Co', { timeZone: 'Pacific/Pago_Pago' });
    const w1 = await createWork(ahead);
    const w2 = await createWork(behind);
    expect(structured<{ entry: Entry }>(await ahead.call('log_time', { task_id: w1.taskId, date: kiritimatiTomorrow, duration_minutes: 5 })).entry.date).toBe(kiritimatiTomorrow);
    expect(errorCode(await behind.call('log_time', { task_id: w2.taskId, date: kiritimatiTomorrow, duration_minutes: 5 }))).toBe('invalid_input');
  });
});
