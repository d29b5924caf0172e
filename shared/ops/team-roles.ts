import { z } from 'zod';
import { actedOn, commit } from './commit.js';
import { roleNames } from './context.js';
import { conflict } from './errors.js';
import { defineOperation } from './operation.js';
import { actedOn as actedOnSchema, idOf } from './schemas.js';
import { memberOut, toMember } from './team.js';
import { anotherOwnerStays, roleWrite, teamAndMember, teamChangedMeanwhile } from './team-owners.js';

export const changeMemberRoleOp = defineOperation({
  name: 'change_member_role',
  title: 'Change member role',
  description: "Change a member's role (owner, admin or member). A business always keeps an owner. The new role applies to the member's next request, including their assistants'.",
  input: z.strictObject({ member_id: idOf('user'), role: z.enum(roleNames) }),
  output: z.object({ member: memberOut, previous_role: z.enum(roleNames), acted_on: actedOnSchema }),
  idempotent: true,
  async handler(ctx, input) {
    const { members, member } = await teamAndMember(ctx, input.member_id);
    const result = { member: toMember({ ...member, role: input.role }), previous_role: member.role, acted_on: actedOn(ctx) };
    if (member.role === input.role) return result;
    const keepOwner = input.role === 'owner' ? [] : anotherOwnerStays(members, member, `become ${input.role}`);
    return commit(ctx, {
      writes: (e) => [roleWrite(e, member, input.role), ...keepOwner.map((w) => w(e))],
      activity: { operation: 'change_member_role', targetId: member.userId, summary: `Changed ${member.userName}'s role from ${member.role} to ${input.role}` },
      result,
      onConflict: teamChangedMeanwhile,
    });
  },
  summarize: (o) =>
    o.previous_role === o.member.role ? `${o.member.name} is already ${o.member.role}; nothing changed.` : `${o.member.name} is now ${o.member.role} (was ${o.previous_role}).`,
});

export const transferOwnershipOp = defineOperation({
  name: 'transfer_ownership',
  title: 'Transfer ownership',
  description: 'Make another member the owner; you become an admin. Both changes happen together or not at all.',
  input: z.strictObject({ member_id: idOf('user') }),
  output: z.object({ new_owner: memberOut, your_role: z.literal('admin'), acted_on: actedOnSchema }),
  async handler(ctx, input) {
    if (input.member_id === ctx.userId) throw conflict('You are already an owner; choose another member to transfer ownership to.');
    const { members, member } = await teamAndMember(ctx, input.member_id);
    if (member.role === 'owner') throw conflict(`${member.userName} is already an owner; to step down yourself, change your own role instead.`);
    const me = members.find((m) => m.userId === ctx.userId);
    if (!me) throw teamChangedMeanwhile();
    return commit(ctx, {
      writes: (e) => [roleWrite(e, member, 'owner'), roleWrite(e, me, 'admin')],
      activity: { operation: 'transfer_ownership', targetId: member.userId, summary: `Transferred ownership to ${member.userName}; ${ctx.userName} is now an admin` },
      result: { new_owner: toMember({ ...member, role: 'owner' }), your_role: 'admin' as const, acted_on: actedOn(ctx) },
      onConflict: teamChangedMeanwhile,
    });
  },
  summarize: (o) => `${o.new_owner.name} now owns ${o.acted_on.business_name}; you are an admin.`,
});
