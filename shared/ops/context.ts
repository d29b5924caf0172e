import type { EntityItem } from 'electrodb';
import type { db } from '../db/service.js';
import type { IdempotencyScope } from './idempotency.js';

export const roleNames = ['owner', 'admin', 'member'] as const;
export type Role = (typeof roleNames)[number];
export type Scope = 'clerq:read' | 'clerq:write';

/** Who is calling, for which business, through which door. Built by the door; trusted by operations. */
export type BusinessRecord = EntityItem<typeof db.entities.business>;

export interface OpContext {
  businessId: string;
  businessName: string;
  /** The business's settings (time zone, currency, rates, invoice terms), read with the auth check. */
  business: BusinessRecord;
  userId: string;
  userName: string;
  role: Role;
  scopes: ReadonlySet<string>;
  /** 'mcp' for a connected assistant, 'web' for the web app. */
  via: 'mcp' | 'web';
  grantId?: string;
  clientName?: string;
  requestId: string;
  /** When the caller's access token expires (epoch seconds), for whoami. */
  tokenExpiresAt?: number;
  userEmail?: string;
  /** Set by runOperation for a keyed request; commit() stores the result under it. */
  idempotency?: IdempotencyScope;
}
