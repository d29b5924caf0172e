import { z } from 'zod';
import { revokeGrant } from '../auth/grants.js';
import type { MembershipRecord } from '../db/invitations.js';
import { activeGrantsOf, type GrantRecord } from '../db/members.js';
import type { TxEntities } from '../db/service.js';
import { lookup } from '../db/time-lookup.js';
import { roleInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import type { OpContext } from './context.js';
import { conflict, forbidden } from './errors.js';
import { defineOperation } from './operation.js';
import { ruleAllows } from './permissions.js';
import { actedOn as actedOnSchema, idOf } from './schemas.js';
import { memberOut, toMember } from './team.js';
import { anotherOwnerStays, teamAndMember, teamChangedMeanwhile } from './team-owners.js';

/** Grants revoked inside the departure's transaction (DynamoDB allows 100 items); any beyond follow it at once. */
const grantsInTransaction = 90;

const departureOut = {
  revoked_connections: z.number().int().describe("The person's assistant connections to this business, revoked"),
  discarded_timer: z.boolean().describe('Whether their running timer was dropped (a running timer is not yet recorded time)'),
  acted_on: actedOnSchema,
};

/**
 * A person leaves a business, by removal or by leaving: the membership goes (only from the role
 * read), their connections are revoked and their running timer dropped, in one transaction with
 * the activity record. Their time entries, expenses and notes stay with the business. The
 * membership is what each request checks, so every token of theirs stops working at commit.
 */
async function depart(ctx: OpContext, members: MembershipRecord[], leaving: MembershipRecord, what: string, activity: { operation: 'remove_member' | 'leave_business'; summary: string }) {
  const keepOwner = anotherOwnerStays(members, leaving, what);
  const [grants, { timer }] = await Promise.all([activeGrantsOf(ctx.businessId, leaving.userId), lookup(ctx.businessId, { timer: leaving.userId })]);
  const now = new Date().toISOString();
  const reason = activity.operation === 'leave_business' ? `${leaving.userName} left the business` : `${leaving.userName} was removed from the business`;
  const revoke = (e: TxEntities, g: GrantRecord) =>
    e.grant.patch({ businessId: g.businessId, grantId: g.grantId }).set({ status: 'revoked', revokedAt: now, revokedReason: reason }).commit();
  const result = await commit(ctx, {
    writes: (e) => [
      e.membership.delete({ businessId: leaving.businessId, userId: leaving.userId }).where((a, op) => op.eq(a.role, leaving.role)).commit(),
      ...keepOwner.map((w) => w(e)),
      ...grants.slice(0, grantsInTransaction).map((g) => revoke(e, g)),
      ...(timer ? [e.timer.delete({ businessId: ctx.businessId, userId: leaving.userId }).commit()] : []),
    ],
    activity: { ...activity, targetId: leaving.userId },
    result: { revoked_connections: grants.length, discarded_timer: timer !== null, acted_on: actedOn(ctx) },
    onConflict: teamChangedMeanwhile,
  });
  for (const g of grants.slice(grantsInTransaction)) await revokeGrant(g.businessId, g.grantId, reason);
  return result;
}

export const removeMemberOp = defineOperation({
  name: 'remove_member',
  title: 'Remove member',
  description:
    'Remove a member from this business. Their assistant connections are revoked at once and a running timer is dropped; their time entries, expenses and notes stay. Only an owner may remove an owner or an admin; to go yourself, leave the business.',
  input: z.strictObject({ member_id: idOf('user') }),
  output: z.object({ member: memberOut, ...departureOut }),
  destructive: true,
  async handler(ctx, input) {
    if (input.member_id === ctx.userId) throw conflict('To remove yourself, leave the business instead.');
    const { members, member } = await teamAndMember(ctx, input.member_id);
    if (member.role !== 'member' && !ruleAllows(ctx, 'remove_member', 'remove_owner_or_admin')) {
      throw forbidden(`${member.userName} is ${member.role === 'owner' ? 'an owner' : 'an admin'}; only an owner can remove an owner or an admin.`);
    }
    const out = await depart(ctx, members, member, 'be removed', {
      operation: 'remove_member',
      summary: `Removed ${member.userName}, ${roleInWords(member.role)}, from ${ctx.businessName}`,
    });
    return { member: toMember(member), ...out };
  },
  summarize: (o) =>
    `Removed ${o.member.name} from ${o.acted_on.business_name}; ${o.revoked_connections} connection(s) revoked${o.discarded_timer ? ', their running timer dropped' : ''}.`,
});

export const leaveBusinessOp = defineOperation({
  name: 'leave_business',
  title: 'Leave business',
  description: 'Leave this business. Your assistant connections to it are revoked and a running timer is dropped. The last owner cannot leave; transfer ownership first.',
  input: z.strictObject({}),
  output: z.object({ business_id: z.string(), business_name: z.string(), ...departureOut }),
  destructive: true,
  async handler(ctx) {
    const { members, member } = await teamAndMember(ctx, ctx.userId);
    const out = await depart(ctx, members, member, 'leave', { operation: 'leave_business', summary: `${ctx.userName} left ${ctx.businessName}` });
    return { business_id: ctx.businessId, business_name: ctx.businessName, ...out };
  },
  summarize: (o) => `You left ${o.business_name}; ${o.revoked_connections} connection(s) revoked${o.discarded_timer ? ', your running timer dropped' : ''}.`,
});
