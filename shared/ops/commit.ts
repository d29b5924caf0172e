import type { TransactionItem } from 'electrodb';
import { db, type TxEntities } from '../db/service.js';
import { activityWrite } from '../db/activity.js';
import type { OpContext } from './context.js';
import { OpError } from './errors.js';
import { IdempotencyRace, idempotencyWindowSeconds } from './idempotency.js';

/** One committed write (`entity.create(…).commit()` and the like); ElectroDB does not export the type. */
export type TxItem = unknown;

export interface ActivityNote {
  operation: string;
  targetId?: string;
  /** One plain sentence for the activity log, naming things by their names (activity-words.ts), never by ids: targetId links. */
  summary: string;
}

export interface CommitOptions<R> {
  /** The writes of the mutation; their conditions guard the invariants. */
  writes: (e: TxEntities) => TxItem[];
  activity: ActivityNote;
  /** What the operation returns; stored as the idempotent answer when a key was given. */
  result: R;
  /** The message when one of `writes` fails its condition (index of the failed write). */
  onConflict?: (index: number) => OpError;
}

/**
 * Writes a mutation, its activity record and (for keyed requests) its idempotency record in one
 * transaction: either all of them land or none does.
 */
export async function commit<R>(ctx: OpContext, o: CommitOptions<R>): Promise<R> {
  const now = new Date();
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const idem = ctx.idempotency;
  const result = await db.transaction
    .write((e) => {
      const items = [
        ...o.writes(e),
        activityWrite(e, {
          businessId: ctx.businessId,
          at: now.toISOString(),
          actorId: ctx.userId,
          via: ctx.via,
          grantId: ctx.grantId,
          clientName: ctx.clientName,
          ...o.activity,
        }),
      ];
      if (idem) {
        items.push(
          e.idempotency
            .put({
              businessId: ctx.businessId,
              scopeKey: idem.scopeKey,
              requestHash: idem.requestHash,
              result: JSON.stringify(o.result),
              createdAt: now.toISOString(),
              ttl: nowSeconds + idempotencyWindowSeconds,
            })
            // An expired record not yet removed by TTL may be replaced.
            .where((a, op) => `${op.notExists(a.requestHash)} OR ${op.lt(a.ttl, nowSeconds)}`)
            .commit(),
        );
      }
      return items as never;
    })
    .go();
  if (!result.canceled) return o.result;
  const data = result.data as TransactionItem<unknown>[];
  const writeCount = data.length - (idem ? 2 : 1);
  const lost = (code: string | undefined) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict';
  if (idem && lost(data[data.length - 1]?.code)) throw new IdempotencyRace();
  const failed = data.findIndex((d, i) => i < writeCount && d.code === 'ConditionalCheckFailed');
  if (failed >= 0) throw o.onConflict?.(failed) ?? new OpError('conflict', 'The record changed while this request ran; read it again and retry.');
  if (data.some((d) => d.code === 'TransactionConflict')) throw new OpError('conflict', 'Another change to the same records ran at the same moment; retry.');
  throw new Error(`transaction canceled: ${data.map((d) => d.code).join(',')}`);
}

/** The business and user a write acted on, for every write result. */
export function actedOn(ctx: OpContext) {
  return { business_id: ctx.businessId, business_name: ctx.businessName, user_id: ctx.userId, user_name: ctx.userName };
}
