import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Field } from '../forms/field';
import { opResolver, type OpInput } from '../forms/op-schema';
import { can, ruleAllows } from '../lib/contract';
import { formatDate, formatDateTime } from '../lib/format';
import { sessionKey, useBusiness, useOp, useOpMutation } from '../lib/hooks';
import type { Invitation, Member, Output } from '../lib/types';
import { usePageTitle } from '../shell/page-title';
import { ErrorNote, Loading } from '../ui/feedback';
import { Cell, Table, columns } from '../ui/table';

const cols = columns({
  member: { label: 'Member', kind: 'title' },
  role: { label: 'Role' },
  joined: { label: 'Joined' },
  actions: { label: 'Actions', kind: 'actions' },
});

/** The roles as the team screen names them: "owner" from the role list makes a co-owner, next to the others. */
const roleLabels = { owner: 'Owner (co-owner)', admin: 'Admin', member: 'Member' } as const;
type Role = keyof typeof roleLabels;
const roleWithArticle: Record<Role, string> = { owner: 'an owner (co-owner)', admin: 'an admin', member: 'a member' };

function InviteForm() {
  const business = useBusiness();
  const [sent, setSent] = useState<{ email: string; link: string } | null>(null);
  const invite = useOpMutation('invite_team_member', {
    onSuccess: (r) => {
      setSent({ email: r.invitation.email, link: r.accept_link });
      form.reset();
    },
  });
  const form = useForm<{ email: string; role: 'member' | 'admin' }, unknown, OpInput>({
    defaultValues: { email: '', role: 'member' },
    resolver: opResolver('invite_team_member', (v) => ({ email: v.email.trim(), role: v.role })),
  });
  const e = form.formState.errors;
  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite someone</h2>
      <form onSubmit={form.handleSubmit((i) => invite.mutate(i))} noValidate className="form">
        <div className="row">
          <Field label="Email" error={e.email}>
            {(p) => <input {...p} {...form.register('email')} type="email" autoComplete="off" />}
          </Field>
          <Field label="Role" error={e.role}>
            {(p) => (
              <select {...p} {...form.register('role')}>
                <option value="member">Member</option>
                {ruleAllows(business.role, 'invite_team_member', 'invite_admin') ? <option value="admin">Admin</option> : null}
              </select>
            )}
          </Field>
        </div>
        <ErrorNote error={invite.error} title="The invitation was not sent" />
        <div className="actions">
          <button type="submit" disabled={invite.isPending}>
            Send invitation
          </button>
        </div>
      </form>
      {sent ? (
        <div role="status" className="notice">
          <p>Invitation sent to {sent.email}. It works for 7 days. You can also give them this link yourself:</p>
          <code className="url" data-testid="invite-link">
            {sent.link}
          </code>
        </div>
      ) : null}
    </section>
  );
}

function MemberRow({ member, team }: { member: Member; team: Output<'list_team_members'> }) {
  const business = useBusiness();
  const client = useQueryClient();
  const navigate = useNavigate();
  const isMe = member.user_id === business.userId;
  const [saved, setSaved] = useState<string | null>(null);
  const changeRole = useOpMutation('change_member_role', { onSuccess: (_r, input: { member_id: string; role: Role }) => setSaved(`Saved: ${member.name} is now ${roleWithArticle[input.role]}.`) });
  const askRole = (role: Role): boolean => window.confirm(role === 'owner' ? `Make ${member.name} an owner (co-owner)? They get full control of ${business.name} beside you, with the same rights as you.` : `Make ${member.name} ${roleWithArticle[role]}?${role === 'admin' ? ' Admins manage clients, invoices, settings and members.' : ''}`);
  const remove = useOpMutation('remove_member');
  const transfer = useOpMutation('transfer_ownership', { onSuccess: () => client.invalidateQueries({ queryKey: sessionKey }) });
  const leave = useOpMutation('leave_business', {
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: sessionKey });
      navigate('/');
    },
  });
  const owners = team.members.filter((m) => m.role === 'owner').length;
  const mayChangeRole = can(business.role, 'change_member_role') && !isMe;
  const mayRemove = !isMe && can(business.role, 'remove_member') && (member.role === 'member' || ruleAllows(business.role, 'remove_member', 'remove_owner_or_admin'));
  const mayTransfer = !isMe && can(business.role, 'transfer_ownership') && member.role !== 'owner';
  const error = changeRole.error ?? remove.error ?? transfer.error ?? leave.error;
  return (
    <tr>
      <Cell col={cols.member}>
        {member.name}
        {isMe ? <span className="muted"> (you)</span> : null}
        <div className="small muted">{member.email}</div>
        <ErrorNote error={error} />
      </Cell>
      <Cell col={cols.role}>
        {mayChangeRole ? (
          <>
            <label className="visually-hidden" htmlFor={`role-${member.user_id}`}>
              Role of {member.name}
            </label>
            <select
              id={`role-${member.user_id}`}
              aria-describedby="role-hint"
              value={member.role}
              onChange={(e) => {
                const role = e.target.value as Role;
                setSaved(null);
                // Cancelled: the list goes back to the role the member has.
                if (!askRole(role)) {
                  e.target.value = member.role;
                  return;
                }
                changeRole.mutate({ member_id: member.user_id, role });
              }}
              disabled={changeRole.isPending}
            >
              {(['owner', 'admin', 'member'] as const).map((r) => (
                <option key={r} value={r}>
                  {roleLabels[r]}
                </option>
              ))}
            </select>
            {saved ? (
              <span className="small saved" role="status">
                {saved}
              </span>
            ) : null}
          </>
        ) : (
          member.role
        )}
      </Cell>
      <Cell col={cols.joined}>{formatDate(member.joined_at.slice(0, 10))}</Cell>
      <Cell col={cols.actions}>
        {mayTransfer ? (
          <button type="button" className="link" onClick={() => window.confirm(`Make ${member.name} the owner? You become an admin.`) && transfer.mutate({ member_id: member.user_id })}>
            Transfer ownership<span className="visually-hidden"> to {member.name}</span>
          </button>
        ) : null}
        {mayRemove ? (
          <button type="button" className="link danger" onClick={() => window.confirm(`Remove ${member.name}? Their assistants are disconnected and a running timer is discarded.`) && remove.mutate({ member_id: member.user_id })}>
            Remove<span className="visually-hidden"> {member.name}</span>
          </button>
        ) : null}
        {isMe && !(member.role === 'owner' && owners === 1) ? (
          <button type="button" className="link danger" onClick={() => window.confirm(`Leave ${business.name}?`) && leave.mutate({})}>
            Leave business
          </button>
        ) : null}
      </Cell>
    </tr>
  );
}

function Invitations({ invitations }: { invitations: Invitation[] }) {
  const business = useBusiness();
  const revoke = useOpMutation('revoke_invitation');
  if (invitations.length === 0) return null;
  return (
    <section className="card" aria-labelledby="pending-title">
      <h2 id="pending-title">Pending invitations</h2>
      <ErrorNote error={revoke.error} title="The invitation was not withdrawn" />
      <ul className="list">
        {invitations.map((i) => (
          <li key={i.id}>
            {i.email} as {i.role} <span className="muted">(by {i.invited_by.name}, expires {formatDateTime(i.expires_at, business.timeZone)})</span>{' '}
            <button type="button" className="link danger" onClick={() => revoke.mutate({ invitation_id: i.id })}>
              Withdraw<span className="visually-hidden"> invitation to {i.email}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Component() {
  const business = useBusiness();
  usePageTitle('Team');
  const q = useOp('list_team_members');
  if (q.isPending) return <Loading what="the team" />;
  if (q.error) return <ErrorNote error={q.error} title="The team could not load" />;
  return (
    <>
      <h1>Team</h1>
      <Table cols={Object.values(cols)}>
        {q.data.members.map((m) => (
          <MemberRow key={m.user_id} member={m} team={q.data} />
        ))}
      </Table>
      {can(business.role, 'change_member_role') && q.data.members.length > 1 ? (
        <p className="hint" id="role-hint">
          Choosing “Owner (co-owner)” adds an owner beside you, with the same rights; “Transfer ownership” makes them the owner and you an admin.
        </p>
      ) : null}
      {q.data.members.length === 1 ? <p className="muted">You are the only one here. Invite your team below; each person signs in with their own account.</p> : null}
      {q.data.pending_invitations ? <Invitations invitations={q.data.pending_invitations.filter((i) => i.status === 'pending')} /> : q.data.pending_invitation_count > 0 ? <p className="muted">{q.data.pending_invitation_count} invitations are pending.</p> : null}
      {can(business.role, 'invite_team_member') ? <InviteForm /> : null}
    </>
  );
}
