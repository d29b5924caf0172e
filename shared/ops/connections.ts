import { z } from 'zod';
import { listMembers } from '../db/invitations.js';
import { openCursor, sealCursor } from '../db/cursor.js';
import { grantOf, listGrants, type GrantRecord } from '../db/members.js';
import { actedOn, commit } from './commit.js';
import type { OpContext } from './context.js';
import { conflict, forbidden, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly } from './permissions.js';
import { actedOn as actedOnSchema, cursorField, idOf, listLimit, page } from './schemas.js';

const connectionOut = z.object({
  id: z.string(),
  client_name: z.string(),
  member: z.object({ user_id: z.string(), name: z.string().nullable().describe('null once the person left the business') }),
  access: z.enum(['read_only', 'read_write']),
  status: z.enum(['active', 'revoked']),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  revoked_reason: z.string().nullable(),
});

function toConnection(g: GrantRecord, names: ReadonlyMap<string, string>): z.output<typeof connectionOut> {
  return {
    id: g.grantId,
    client_name: g.clientName,
    member: { user_id: g.userId, name: names.get(g.userId) ?? null },
    access: g.scope.split(' ').includes('clerq:write') ? 'read_write' : 'read_only',
    status: g.status,
    created_at: g.createdAt,
    last_used_at: g.lastUsedAt ?? null,
    revoked_at: g.revokedAt ?? null,
    revoked_reason: g.revokedReason ?? null,
  };
}

async function memberNames(ctx: OpContext) {
  return new Map((await listMembers(ctx.businessId)).map((m) => [m.userId, m.userName]));
}

export const listConnectionsOp = defineOperation({
  name: 'list_connections',
  title: 'List connected assistants',
  description: 'The assistants (OAuth connections) with access to this business: client name, whose connection it is, access level, created and last used. Members see their own.',
  input: z.strictObject({ status: z.enum(['active', 'revoked', 'all']).default('active'), limit: listLimit, cursor: cursorField }),
  output: page(connectionOut),
  idempotent: true,
  async handler(ctx, input) {
    const userId = ownRecordsOnly(ctx, 'list_connections') ? ctx.userId : undefined;
    const filters = { userId, status: input.status === 'all' ? undefined : input.status };
    const listName = `connections:${JSON.stringify(filters)}`;
    const [found, names] = await Promise.all([listGrants(ctx.businessId, filters, { limit: input.limit, cursor: openCursor(ctx.businessId, listName, input.cursor) }), memberNames(ctx)]);
    return { items: found.items.map((g) => toConnection(g, names)), next_cursor: sealCursor(ctx.businessId, listName, found.cursor) };
  },
  summarize: (o) => `${o.items.length} connection(s)${o.next_cursor ? ', more with next_cursor' : ''}: ${o.items.map((c) => `${c.client_name} (${c.member.name ?? c.member.user_id}, ${c.access}, ${c.status})`).join('; ')}`,
});

/** "Disconnected Jane Doe's assistant Claude"; without the name when its person is no longer a member. */
const disconnected = (assistant: string, person: string | null | undefined) => `Disconnected ${person ? `${person}'s assistant` : 'the assistant'} ${assistant}`;

export const revokeConnectionOp = defineOperation({
  name: 'revoke_connection',
  title: 'Revoke connection',
  description: "Disconnect an assistant: its tokens stop working at its next request. Members revoke their own connections; owners and admins anyone's.",
  input: z.strictObject({ connection_id: idOf('grant') }),
  output: z.object({ connection: connectionOut, acted_on: actedOnSchema }),
  destructive: true,
  async handler(ctx, input) {
    const [g, names] = await Promise.all([grantOf(ctx.businessId, input.connection_id), memberNames(ctx)]);
    if (!g) throw notFound('connection', input.connection_id);
    if (ownRecordsOnly(ctx, 'revoke_connection') && g.userId !== ctx.userId) {
      throw forbidden(`Connection ${g.grantId} is another member's; a member can revoke only their own (an owner or admin can revoke it).`);
    }
    if (g.status !== 'active') throw conflict(`Connection ${g.grantId} (${g.clientName}) is already revoked.`);
    const revokedAt = new Date().toISOString();
    const revokedReason = `revoked by ${ctx.userName} in the web app`;
    return commit(ctx, {
      writes: (e) => [
        e.grant
          .patch({ businessId: g.businessId, grantId: g.grantId })
          .set({ status: 'revoked', revokedAt, revokedReason })
          .where((a, op) => op.eq(a.status, 'active'))
          .commit(),
      ],
      activity: { operation: 'revoke_connection', targetId: g.grantId, summary: disconnected(g.clientName, names.get(g.userId)) },
      result: { connection: toConnection({ ...g, status: 'revoked', revokedAt, revokedReason }, names), acted_on: actedOn(ctx) },
      onConflict: () => conflict(`Connection ${g.grantId} (${g.clientName}) was revoked meanwhile.`),
    });
  },
  summarize: (o) => `Disconnected ${o.connection.client_name}; its tokens no longer work.`,
});
