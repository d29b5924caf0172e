import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../db/client.js';
import { db } from '../db/service.js';
import { config, mcpResource } from '../config/index.js';
import { header } from '../http/request.js';
import type { HttpEvent, HttpResult } from '../http/types.js';
import { json } from '../http/response.js';
import type { OpContext } from '../ops/context.js';
import { verifyAccessToken } from './access-token.js';

/** How stale a grant's lastUsedAt may get before a request refreshes it (keeps most calls read-only). */
const lastUsedResolutionMs = 10 * 60 * 1000;

export function resourceMetadataUrl(): string {
  return `${config().publicUrl}/.well-known/oauth-protected-resource/api/mcp`;
}

/** 401 with the WWW-Authenticate challenge that points a client at discovery (RFC 9728 §5.1). */
export function unauthorized(tokenSent: boolean, description = 'The access token is missing, invalid, expired or revoked.'): HttpResult {
  const parts = [`Bearer resource_metadata="${resourceMetadataUrl()}"`, 'scope="clerq:read clerq:write"'];
  if (tokenSent) parts.push('error="invalid_token"', `error_description="${description}"`);
  return json(401, { error: tokenSent ? 'invalid_token' : 'unauthorized', error_description: description }, { 'www-authenticate': parts.join(', ') });
}

export type Authentication = { ok: true; ctx: OpContext } | { ok: false; response: HttpResult };

/**
 * Bearer authentication for the MCP endpoint: verifies the JWT, then in ONE round trip (BatchGet)
 * checks that the grant is still active and the user is still a member, with their current role,
 * and reads the business's settings (time zone, currency…) that most operations need.
 */
export async function authenticateBearer(event: HttpEvent, requestId: string): Promise<Authentication> {
  const auth = header(event, 'authorization');
  const match = auth?.match(/^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i);
  if (!auth) return { ok: false, response: unauthorized(false) };
  if (!match?.[1]) return { ok: false, response: unauthorized(true) };
  const claims = await verifyAccessToken(match[1], mcpResource());
  if (!claims) return { ok: false, response: unauthorized(true) };

  const { grant, membership, business } = db.entities;
  const keys = {
    grant: grant.get({ businessId: claims.businessId, grantId: claims.grantId }).params().Key,
    member: membership.get({ businessId: claims.businessId, userId: claims.userId }).params().Key,
    business: business.get({ businessId: claims.businessId }).params().Key,
  };
  const out = await documentClient().send(
    new BatchGetCommand({ RequestItems: { [config().tableName]: { Keys: Object.values(keys) } } }),
  );
  const items = out.Responses?.[config().tableName] ?? [];
  const item = (key: Record<string, unknown>) => items.find((i) => i.pk === key.pk && i.sk === key.sk);
  const g = item(keys.grant);
  const m = item(keys.member);
  const b = item(keys.business);
  const g2 = g ? grant.parse({ Item: g }).data : null;
  const m2 = m ? membership.parse({ Item: m }).data : null;
  const b2 = b ? business.parse({ Item: b }).data : null;
  if (!g2 || g2.status !== 'active' || g2.userId !== claims.userId || g2.clientId !== claims.clientId) {
    return { ok: false, response: unauthorized(true, 'This connection was revoked. Connect again.') };
  }
  if (!m2 || !b2) return { ok: false, response: unauthorized(true, 'You are no longer a member of this business.') };

  if (!g2.lastUsedAt || Date.now() - Date.parse(g2.lastUsedAt) > lastUsedResolutionMs) {
    await grant.patch({ businessId: g2.businessId, grantId: g2.grantId }).set({ lastUsedAt: new Date().toISOString() }).go();
  }
  const granted = new Set(g2.scope.split(' '));
  const scopes = new Set(claims.scope.split(' ').filter((s) => granted.has(s)));
  return {
    ok: true,
    ctx: {
      businessId: m2.businessId,
      businessName: b2.name,
      business: b2,
      userId: m2.userId,
      userName: m2.userName,
      userEmail: m2.userEmail,
      role: m2.role,
      scopes,
      via: 'mcp',
      grantId: g2.grantId,
      clientName: g2.clientName,
      requestId,
      tokenExpiresAt: claims.expiresAt,
    },
  };
}
