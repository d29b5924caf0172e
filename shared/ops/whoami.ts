import { z } from 'zod';
import { roleNames } from './context.js';
import { defineOperation } from './operation.js';

export const whoami = defineOperation({
  name: 'whoami',
  title: 'Who am I',
  description:
    'The signed-in user, the business this connection is bound to, your role in it, the granted scopes, the connection (client) name and when the access token expires. Call this first to confirm where changes will land.',
  input: z.object({}),
  output: z.object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable() }),
    business: z.object({ id: z.string(), name: z.string(), currency: z.string(), time_zone: z.string() }),
    role: z.enum(roleNames),
    scopes: z.array(z.string()),
    read_only: z.boolean(),
    client_name: z.string().nullable(),
    token_expires_at: z.string().nullable(),
  }),
  idempotent: true,
  async handler(ctx) {
    const biz = ctx.business;
    return {
      user: { id: ctx.userId, name: ctx.userName, email: ctx.userEmail ?? null },
      business: {
        id: ctx.businessId,
        name: biz.name,
        currency: biz.currency,
        time_zone: biz.timeZone,
      },
      role: ctx.role,
      scopes: [...ctx.scopes].sort(),
      read_only: !ctx.scopes.has('clerq:write'),
      client_name: ctx.clientName ?? null,
      token_expires_at: ctx.tokenExpiresAt ? new Date(ctx.tokenExpiresAt * 1000).toISOString() : null,
    };
  },
  summarize: (o) =>
    `${o.user.name} is ${o.role} of ${o.business.name} (${o.business.id}) via ${o.client_name ?? 'the web app'}; access ${o.read_only ? 'read-only' : 'read and write'}.`,
});
