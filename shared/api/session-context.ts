import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config/index.js';
import { documentClient } from '../db/client.js';
import { db } from '../db/service.js';
import { currentSession } from '../auth/sessions.js';
import type { HttpEvent } from '../http/types.js';
import type { OpContext } from '../ops/context.js';
import { idOf } from '../ops/schemas.js';

const businessIdShape = idOf('business');

export type SessionAuth = { ok: true; ctx: OpContext; sessionHash: string } | { ok: false; reason: 'unauthenticated' | 'not_found' };

/**
 * The web door's authentication: the session (by the keyed hash of its cookie), then in one
 * BatchGet the person's membership in the business the path names and the business itself, with
 * the role as it is now. A business that does not exist and one the person is not a member of
 * answer alike, so nothing reveals another business's existence.
 */
export async function authenticateSession(event: HttpEvent, businessId: string, requestId: string): Promise<SessionAuth> {
  const session = await currentSession(event);
  if (!session) return { ok: false, reason: 'unauthenticated' };
  if (!businessIdShape.safeParse(businessId).success) return { ok: false, reason: 'not_found' };
  const { membership, business } = db.entities;
  const memberKey = membership.get({ businessId, userId: session.userId }).params().Key as Record<string, string>;
  const businessKey = business.get({ businessId }).params().Key as Record<string, string>;
  const out = await documentClient().send(new BatchGetCommand({ RequestItems: { [config().tableName]: { Keys: [memberKey, businessKey] } } }));
  const items = out.Responses?.[config().tableName] ?? [];
  const find = (key: Record<string, string>) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
  const m = find(memberKey);
  const b = find(businessKey);
  const member = m ? membership.parse({ Item: m }).data : null;
  const biz = b ? business.parse({ Item: b }).data : null;
  if (!member || !biz) return { ok: false, reason: 'not_found' };
  return {
    ok: true,
    sessionHash: session.sessionHash,
    ctx: {
      businessId,
      businessName: biz.name,
      business: biz,
      userId: member.userId,
      userName: member.userName,
      userEmail: member.userEmail,
      role: member.role,
      // The person themselves, not a delegated connection: both scopes; roles still apply.
      scopes: new Set(['clerq:read', 'clerq:write']),
      via: 'web',
      requestId,
    },
  };
}
