import { createHash } from 'node:crypto';
import { db } from '../db/service.js';
import type { OpContext } from './context.js';
import { OpError } from './errors.js';

export const idempotencyWindowSeconds = 24 * 3600;

/** Where a keyed request's first result is kept, and the hash of the arguments it came with. */
export interface IdempotencyScope {
  scopeKey: string;
  requestHash: string;
}

/** Thrown by commit when another request with the same key won the race. */
export class IdempotencyRace extends Error {}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Keys are per operation and per user: two people never collide on a key. */
export function idempotencyScope(operation: string, ctx: OpContext, key: string, input: Record<string, unknown>): IdempotencyScope {
  const { idempotency_key: _ignored, ...args } = input;
  const requestHash = createHash('sha256').update(JSON.stringify(canonical(args))).digest('base64url');
  return { scopeKey: `${operation}#${ctx.userId}#${key}`, requestHash };
}

/** The stored first result, undefined if none; a conflict if the key came with other arguments. */
export async function findIdempotentResult(businessId: string, scope: IdempotencyScope): Promise<unknown> {
  const { data } = await db.entities.idempotency.get({ businessId, scopeKey: scope.scopeKey }).go();
  if (!data || (data.ttl ?? 0) * 1000 < Date.now()) return undefined;
  if (data.requestHash !== scope.requestHash) {
    throw new OpError('conflict', 'This idempotency_key was already used with different arguments; use a new key for a new request.');
  }
  return JSON.parse(data.result) as unknown;
}
