import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '../auth/keys.js';
import { OpError } from '../ops/errors.js';

/**
 * ElectroDB's cursor is an unsigned encoding of the last key read. Clerq hands out a sealed
 * cursor bound to the business and the list, so a cursor can never steer a query elsewhere.
 */
function mac(businessId: string, list: string, cursor: string): Buffer {
  return createHmac('sha256', deriveKey('cursor')).update(`${businessId}\u0000${list}\u0000${cursor}`).digest().subarray(0, 16);
}

export function sealCursor(businessId: string, list: string, cursor: string | null | undefined): string | null {
  if (!cursor) return null;
  return `${cursor}.${mac(businessId, list, cursor).toString('base64url')}`;
}

export function openCursor(businessId: string, list: string, sealed: string | undefined): string | undefined {
  if (!sealed) return undefined;
  const dot = sealed.lastIndexOf('.');
  const cursor = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
  const expected = mac(businessId, list, cursor);
  if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new OpError('invalid_input', 'cursor: not a cursor from this list; pass next_cursor exactly as returned');
  }
  return cursor;
}
