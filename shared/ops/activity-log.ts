import { z } from 'zod';
import { openCursor, sealCursor } from '../db/cursor.js';
import { listActivity } from '../db/activity.js';
import { grantOf, isMember } from '../db/members.js';
import { formatInstant, localDate } from '../time/zone.js';
import { forbidden, invalidInput, notFound } from './errors.js';
import { defineOperation } from './operation.js';
import { ownRecordsOnly } from './permissions.js';
import { calendarDate, cursorField, idOf, listLimit } from './schemas.js';

const activityOut = z.object({
  id: z.string(),
  at: z.string().describe('With the business’s offset'),
  actor_id: z.string(),
  via: z.enum(['mcp', 'web']),
  connection_id: z.string().nullable(),
  client_name: z.string().nullable().describe('The assistant, when done through a connection'),
  operation: z.string(),
  target_id: z.string().nullable(),
  summary: z.string(),
});

/** A day is at most 14 hours off UTC either way: the widened instant range the query filters on, before the exact local-date check. */
const dayMarginMs = 15 * 3600 * 1000;

export const listActivityOp = defineOperation({
  name: 'list_activity',
  title: 'List activity',
  description:
    'What happened in the business, newest first: who, through which connection (or the web app), which operation, on what. Filter by member, door, connection, operation and business-local dates. Members see their own.',
  input: z.strictObject({
    member_id: idOf('user').optional(),
    via: z.enum(['mcp', 'web']).optional(),
    connection_id: idOf('grant').optional(),
    operation: z.string().regex(/^[a-z_]{1,64}$/, 'must be an operation name such as create_client').optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    limit: listLimit,
    cursor: cursorField,
  }),
  output: z.object({ items: z.array(activityOut), next_cursor: z.string().nullable() }),
  idempotent: true,
  async handler(ctx, input) {
    if (input.from && input.to && input.from > input.to) throw invalidInput(`Invalid input: to: ${input.to} is before from ${input.from}`, { fields: [{ field: 'to', message: 'is before from' }] });
    const own = ownRecordsOnly(ctx, 'list_activity');
    if (own && input.member_id && input.member_id !== ctx.userId) throw forbidden('A member can see only their own activity; omit member_id. Owners and admins can see everyone’s.');
    const actor = own ? ctx.userId : input.member_id;
    const filters = { actor, via: input.via, grant: input.connection_id, operation: input.operation, from: input.from, to: input.to };
    const listName = `activity:${JSON.stringify(filters)}`;
    const zone = ctx.business.timeZone;
    const lo = input.from ? new Date(Date.parse(`${input.from}T00:00:00Z`) - dayMarginMs).toISOString() : undefined;
    const hi = input.to ? new Date(Date.parse(`${input.to}T24:00:00Z`) + dayMarginMs).toISOString() : undefined;
    // The page, and the records the filters name (a filter naming another business's id is not_found, like every list's).
    const [page, member, grant] = await Promise.all([
      listActivity(
        ctx.businessId,
        { actorId: actor, via: input.via, grantId: input.connection_id, operation: input.operation, from: lo, to: hi },
        { limit: input.limit, cursor: openCursor(ctx.businessId, listName, input.cursor) },
      ),
      input.member_id && !own ? isMember(ctx.businessId, input.member_id) : true,
      input.connection_id ? grantOf(ctx.businessId, input.connection_id) : true,
    ]);
    if (!member) throw notFound('member', input.member_id!);
    if (!grant) throw notFound('connection', input.connection_id!);
    if (own && grant !== true && grant.userId !== ctx.userId) throw forbidden('A member can see only their own activity; that connection is another member’s.');
    const inRange = (at: string) => {
      const day = localDate(new Date(at), zone);
      return (!input.from || day >= input.from) && (!input.to || day <= input.to);
    };
    return {
      items: page.items.filter((a) => inRange(a.at)).map((a) => ({
        id: a.activityId,
        at: formatInstant(a.at, zone),
        actor_id: a.actorId,
        via: a.via,
        connection_id: a.grantId ?? null,
        client_name: a.clientName ?? null,
        operation: a.operation,
        target_id: a.targetId ?? null,
        summary: a.summary,
      })),
      next_cursor: sealCursor(ctx.businessId, listName, page.cursor),
    };
  },
  summarize: (o) => `${o.items.length} activity record(s)${o.next_cursor ? ', more with next_cursor' : ''}.`,
});
