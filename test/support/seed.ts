import { db } from '../../shared/db/service.js';
import { newId } from '../../shared/ids.js';
import { signAccessToken } from '../../shared/auth/access-token.js';
import { mcpResource } from '../../shared/config/index.js';
import type { Role } from '../../shared/ops/context.js';

/**
 * Writes a business member and an active connection (grant) straight into DynamoDB and mints
 * its access token. The end-to-end tests get tokens through the real OAuth flow; this is for
 * tests and the bench that need many businesses, roles and scopes quickly.
 */
export interface SeededMember {
  businessId: string;
  businessName: string;
  userId: string;
  grantId: string;
  token: string;
  role: Role;
}

export interface BusinessSettings {
  currency?: string;
  timeZone?: string;
  defaultHourlyRate?: number;
}

export async function seedBusiness(name: string, settings: BusinessSettings = {}): Promise<{ businessId: string; businessName: string }> {
  const businessId = newId('business');
  const { currency = 'USD', timeZone = 'UTC', defaultHourlyRate } = settings;
  await db.entities.business.put({ businessId, name, currency, timeZone, defaultHourlyRate, createdAt: new Date().toISOString(), createdBy: 'seed' }).go();
  return { businessId, businessName: name };
}

export async function seedMember(businessId: string, businessName: string, role: Role, scope: string, userName: string): Promise<SeededMember> {
  const userId = newId('user');
  const now = new Date().toISOString();
  await db.entities.membership.put({ businessId, userId, role, businessName, userName, userEmail: `${userId.toLowerCase()}@example.test`, joinedAt: now }).go();
  return seedGrant({ businessId, businessName, userId, role }, scope);
}

/** Another connection (grant) of an existing member, with its own scope: the same person connected twice. */
export async function seedGrant(m: Pick<SeededMember, 'businessId' | 'businessName' | 'userId' | 'role'>, scope: string): Promise<SeededMember> {
  const { businessId, businessName, userId, role } = m;
  const grantId = newId('grant');
  const now = new Date().toISOString();
  await db.entities.grant
    .put({ businessId, grantId, userId, clientId: 'ocl_seed', clientName: 'Seeded assistant', scope, resource: mcpResource(), status: 'active', createdAt: now, lastUsedAt: now })
    .go();
  const { token } = await signAccessToken({ userId, businessId, grantId, clientId: 'ocl_seed', scope, resource: mcpResource() });
  return { businessId, businessName, userId, grantId, token, role };
}
