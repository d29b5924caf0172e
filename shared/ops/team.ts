import { z } from 'zod';
import { normalizeEmail } from '../auth/accounts.js';
import { invitationLifetimeMs, invitationLink, newInvitationToken } from '../auth/invitation-token.js';
import { getInvitation, listInvitations, listMembers, latestInvitationFor, type InvitationRecord, type MembershipRecord } from '../db/invitations.js';
import { newId } from '../ids.js';
import { sendMail } from '../mail/outbox.js';
import { roleInWords } from './activity-words.js';
import { actedOn, commit } from './commit.js';
import { roleNames } from './context.js';
import { conflict, forbidden, notFound } from './errors.js';
import { defineOperation, type Operation } from './operation.js';
import { ruleAllows } from './permissions.js';
import { actedOn as actedOnSchema, idOf, idempotencyKeyField } from './schemas.js';

export const memberOut = z.object({
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roleNames),
  joined_at: z.string(),
});

const invitationOut = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(['admin', 'member']),
  status: z.enum(['pending', 'accepted', 'revoked']),
  expires_at: z.string(),
  invited_by: z.object({ user_id: z.string(), name: z.string() }),
  created_at: z.string(),
});

export function toMember(m: MembershipRecord): z.output<typeof memberOut> {
  return { user_id: m.userId, name: m.userName, email: m.userEmail, role: m.role, joined_at: m.joinedAt };
}

function toInvitation(i: InvitationRecord): z.output<typeof invitationOut> {
  return {
    id: i.invitationId,
    email: i.email,
    role: i.role,
    status: i.status,
    expires_at: new Date(i.expiresAt).toISOString(),
    invited_by: { user_id: i.invitedBy, name: i.invitedByName },
    created_at: i.createdAt,
  };
}

export const listTeamMembersOp = defineOperation({
  name: 'list_team_members',
  title: 'List team members',
  description:
    'Members of this business with their role and join date, plus pending invitations: owners and admins see each invitation (email, role, expires_at, invited_by); members see only how many are pending.',
  input: z.strictObject({}),
  output: z.object({
    members: z.array(memberOut),
    pending_invitations: z.array(invitationOut).nullable().describe('null for members, who see only the count'),
    pending_invitation_count: z.number().int(),
  }),
  idempotent: true,
  async handler(ctx) {
    const [members, invitations] = await Promise.all([listMembers(ctx.businessId), listInvitations(ctx.businessId)]);
    const now = Date.now();
    // An expired invitation no longer admits anyone, so it is not pending for the team either.
    const pending = invitations.filter((i) => i.status === 'pending' && i.expiresAt > now);
    return {
      members: members
        .map(toMember)
        .sort((a, b) => a.joined_at.localeCompare(b.joined_at) || a.user_id.localeCompare(b.user_id)),
      pending_invitations: ruleAllows(ctx, 'list_team_members', 'see_invitations') ? pending.map(toInvitation) : null,
      pending_invitation_count: pending.length,
    };
  },
  summarize: (o) =>
    `${o.members.length} member(s): ${o.members.map((m) => `${m.name} (${m.role})`).join(', ')}; ${o.pending_invitation_count} pending invitation(s)${o.pending_invitations?.length ? `: ${o.pending_invitations.map((i) => `${i.email} as ${i.role}`).join(', ')}` : ''}.`,
});

export const inviteTeamMemberOp = defineOperation({
  name: 'invite_team_member',
  title: 'Invite team member',
  description:
    'Invite a person by email as admin or member (only an owner may invite an admin). Returns the invitation and its accept link, valid 7 days; the link is also mailed. Inviting an address that already has a pending invitation replaces it: the old link stops working and the new one gets a fresh 7 days.',
  input: z.strictObject({
    email: z.email().max(254),
    role: z.enum(['admin', 'member']),
    idempotency_key: idempotencyKeyField,
  }),
  output: z.object({
    invitation: invitationOut,
    accept_link: z.string().describe('Give this to the invitee; it is shown only here and in the mail'),
    replaced_invitation_id: z.string().nullable(),
    acted_on: actedOnSchema,
  }),
  keyed: true,
  async handler(ctx, input) {
    if (input.role === 'admin' && !ruleAllows(ctx, 'invite_team_member', 'invite_admin')) throw forbidden('Only an owner may invite an admin; invite them as a member, or ask an owner.');
    const email = normalizeEmail(input.email);
    const [members, { guardHash, latest }] = await Promise.all([listMembers(ctx.businessId), latestInvitationFor(ctx.businessId, email)]);
    if (members.some((m) => m.userEmail === email)) throw conflict(`${email} is already a member of ${ctx.businessName}.`);

    const now = new Date();
    const { token, tokenHash } = newInvitationToken();
    const record: InvitationRecord = {
      tokenHash,
      businessId: ctx.businessId,
      invitationId: newId('invitation'),
      email,
      role: input.role,
      status: 'pending',
      invitedBy: ctx.userId,
      invitedByName: ctx.userName,
      businessName: ctx.businessName,
      createdAt: now.toISOString(),
      expiresAt: now.getTime() + invitationLifetimeMs,
    };
    const link = invitationLink(token);
    const replaced = latest?.status === 'pending' ? latest : undefined;
    const result = await commit(ctx, {
      writes: (e) => [
        e.invitation.create(record).commit(),
        // The guard moves only from the value read: of two racing invitations one is a conflict.
        e.invitationEmail
          .put({ businessId: ctx.businessId, email, tokenHash })
          .where((a, op) => (guardHash ? op.eq(a.tokenHash, guardHash) : op.notExists(a.tokenHash)))
          .commit(),
        // Replacing revokes the old one, conditional on it still being pending, so one link stays valid.
        ...(replaced
          ? [
              e.invitation
                .patch({ tokenHash: replaced.tokenHash })
                .set({ status: 'revoked', revokedAt: now.toISOString() })
                .where((a, op) => op.eq(a.status, 'pending'))
                .commit(),
            ]
          : []),
      ],
      activity: { operation: 'invite_team_member', targetId: record.invitationId, summary: `Invited ${email} as ${roleInWords(input.role)}${replaced ? ' (replacing the pending invitation)' : ''}` },
      result: { invitation: toInvitation(record), accept_link: link, replaced_invitation_id: replaced?.invitationId ?? null, acted_on: actedOn(ctx) },
      onConflict: () => conflict('Another invitation of this address was made or used at the same moment; list the team and retry.'),
    });
    // The invitation is committed and the result carries the link, so a mail that cannot be
    // written is logged (by id: the link is a credential) rather than failing the call.
    await sendMail({
      to: email,
      subject: `${ctx.userName} invited you to ${ctx.businessName} on Clerq`,
      text: `${ctx.userName} invited you to join ${ctx.businessName} as ${input.role}. Accept within 7 days: ${link}`,
      link,
    }).catch((error: unknown) => console.error(JSON.stringify({ event: 'invitation_mail_failed', invitation_id: record.invitationId, error: String(error) })));
    return result;
  },
  summarize: (o) => `Invited ${o.invitation.email} as ${o.invitation.role} to ${o.acted_on.business_name}; accept link (valid until ${o.invitation.expires_at}): ${o.accept_link}`,
});

export const revokeInvitationOp = defineOperation({
  name: 'revoke_invitation',
  title: 'Revoke invitation',
  description: 'Revoke a pending invitation; its link stops working at once.',
  input: z.strictObject({ invitation_id: idOf('invitation') }),
  output: z.object({ invitation: invitationOut, acted_on: actedOnSchema }),
  destructive: true,
  async handler(ctx, input) {
    const found = await getInvitation(ctx.businessId, input.invitation_id);
    if (!found) throw notFound('invitation', input.invitation_id);
    if (found.status !== 'pending') throw conflict(`Invitation ${found.invitationId} is already ${found.status}; only a pending invitation can be revoked.`);
    const revokedAt = new Date().toISOString();
    return commit(ctx, {
      writes: (e) => [
        e.invitation
          .patch({ tokenHash: found.tokenHash })
          .set({ status: 'revoked', revokedAt })
          .where((a, op) => op.eq(a.status, 'pending'))
          .commit(),
      ],
      activity: { operation: 'revoke_invitation', targetId: found.invitationId, summary: `Revoked the invitation of ${found.email}` },
      result: { invitation: toInvitation({ ...found, status: 'revoked', revokedAt }), acted_on: actedOn(ctx) },
      onConflict: () => conflict(`Invitation ${found.invitationId} was accepted or revoked meanwhile; only a pending invitation can be revoked.`),
    });
  },
  summarize: (o) => `Revoked the invitation of ${o.invitation.email} (${o.invitation.id}); its link no longer works.`,
});

/** The Team section of TOOLS.md, in catalogue order. */
export const teamOperations = [listTeamMembersOp, inviteTeamMemberOp, revokeInvitationOp] as unknown as Operation[];
