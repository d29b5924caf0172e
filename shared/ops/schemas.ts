import { z } from 'zod';
import { idPrefixes, type IdKind } from '../ids.js';
import { isCalendarDate } from '../time/zone.js';

/** An id of one kind: a task id passed where a client id belongs is invalid input, not a lookup. */
export function idOf(kind: IdKind) {
  const prefix = idPrefixes[kind];
  return z.string().regex(new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`), `must be a ${kind} id (${prefix}_…)`);
}

export const idempotencyKeyField = z
  .string()
  .min(8)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .optional()
  .describe('Optional. The same key with the same arguments within 24 hours returns the first result and changes nothing.');

const currencies = new Set(Intl.supportedValuesOf('currency'));
export const currencyCode = z.string().refine((c) => currencies.has(c), 'must be an ISO 4217 currency code in capitals, such as USD');

/** Money in integer minor units of its currency (cents for USD, yen for JPY). */
export const minorUnits = z.number().int().min(0).max(1_000_000_000_000);

export const listLimit = z.number().int().min(1).max(100).default(25).describe('1-100, default 25');
export const cursorField = z.string().max(2048).optional().describe('next_cursor from the previous page');

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next_cursor: z.string().nullable() });
}

/** Named in every write result so an assistant always sees where its change landed. */
export const actedOn = z.object({
  business_id: z.string(),
  business_name: z.string(),
  user_id: z.string(),
  user_name: z.string(),
});

/** Trimmed single-line text with a length limit. */
export function text(max: number, min = 1) {
  return z.string().trim().min(min).max(max);
}

/** A calendar date `YYYY-MM-DD` that exists (2025-02-30 does not); business-local by convention. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date');
