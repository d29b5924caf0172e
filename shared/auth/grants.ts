import { activityWrite } from '../db/activity.js';
import { entities, db } from '../db/service.js';

/**
 * Revokes a connection: the grant turns 'revoked' (conditionally, so it happens once) with an
 * activity record in the same transaction. Every access token names its grant and the MCP
 * endpoint checks the grant on each request, and the refresh grant checks it too, so revoking
 * stops all of the connection's tokens at once. Answers whether this call revoked it.
 */
export async function revokeGrant(businessId: string, grantId: string, reason: string, now = Date.now()): Promise<boolean> {
  const { data: g } = await entities.grant.get({ businessId, grantId }).go();
  if (!g || g.status !== 'active') return false;
  const at = new Date(now).toISOString();
  const tx = await db.transaction
    .write((e) => [
      e.grant
        .patch({ businessId, grantId })
        .set({ status: 'revoked', revokedAt: at, revokedReason: reason })
        .where(({ status }, { eq }) => eq(status, 'active'))
        .commit(),
      activityWrite(e, {
        businessId,
        at,
        actorId: g.userId,
        via: 'mcp',
        grantId,
        clientName: g.clientName,
        operation: 'disconnect',
        targetId: grantId,
        summary: `${g.clientName} was disconnected: ${reason}`,
      }),
    ])
    .go();
  return !tx.canceled;
}
