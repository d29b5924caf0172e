import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invitationTokenHash } from '../../shared/auth/invitation-token.js';
import { db } from '../../shared/db/service.js';
import { activityCount } from '../support/db-state.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';

// Mail goes to a throw-away outbox, never the developer's .data/.
const outbox = join(mkdtempSync(join(tmpdir(), 'clerq-outbox-')), 'outbox.jsonl');
process.env.OUTBOX_PATH = outbox;

interface Invitation {
  id: string;
  email: string;
  role: string;
  status: string;
  expires_at: string;
  invited_by: { user_id: string; name: string };
}
interface Invited {
  invitation: Invitation;
  accept_link: string;
  replaced_invitation_id: string | null;
  acted_on: { business_id: string };
}
interface Team {
  members: { user_id: string; name: string; email: string; role: string; joined_at: string }[];
  pending_invitations: Invitation[] | null;
  pending_invitation_count: number;
}

const unique = (who: string) => `${who}.${Math.random().toString(36).slice(2, 8)}@Example.test`;
const invite = async (m: Member, email: string, role = 'member') => structured<Invited>(await m.call('invite_team_member', { email, role }));
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';
const outboxLines = () => readFileSync(outbox, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);

describe('invite_team_member', () => {
  let owner: Member;
  let admin: Member;
  let member: Member;
  beforeAll(async () => {
    owner = await createBusiness('Team Co');
    admin = await addMember(owner, 'admin');
    member = await addMember(owner, 'member');
  });

  it('invites by normalized email with a 7-day accept link whose token is stored only hashed, and mails it', async () => {
    const email = unique('Ada');
    const before = Date.now();
    const r = await invite(owner, email, 'member');
    expect(r.invitation).toMatchObject({ email: email.toLowerCase(), role: 'member', status: 'pending', invited_by: { user_id: owner.userId, name: 'Owner of Team Co' } });
    expect(r.invitation.id).toMatch(/^invt_[0-9A-Z]{26}$/);
    const expires = Date.parse(r.invitation.expires_at) - before;
    expect(expires).toBeGreaterThan(7 * 86400_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7 * 86400_000 + 60_000);
    expect(r.accept_link).toMatch(/^http:\/\/localhost:3000\/oauth\/invitation\?token=[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(r.accept_link);
    const { data } = await db.entities.invitation.get({ tokenHash: invitationTokenHash(token) }).go();
    expect(data?.invitationId).toBe(r.invitation.id);
    expect(JSON.stringify(data)).not.toContain(token);
    const mail = outboxLines().find((l) => l.link === r.accept_link);
    expect(mail).toMatchObject({ to: email.toLowerCase(), subject: expect.stringContaining('Team Co') });
    expect(mail?.text).toContain(r.accept_link);
  });

  it('an outbox that cannot be written does not fail the invitation: the result still carries the link', async () => {
    process.env.OUTBOX_PATH = join(outbox, 'not-a-dir', 'outbox.jsonl');
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const r = await invite(owner, unique('nomail'));
      expect(r.accept_link).toContain('/oauth/invitation?token=');
      expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).toContain(r.invitation.id);
      expect(errors.mock.calls.map((c) => String(c[0])).join('\n')).not.toContain(tokenOf(r.accept_link));
    } finally {
      errors.mockRestore();
      process.env.OUTBOX_PATH = outbox;
    }
  });

  it('an admin may invite a member but not an admin; a member may invite nobody; nothing is written', async () => {
    expect((await invite(admin, unique('m'))).invitation.role).toBe('member');
    const count = await activityCount(owner.businessId);
    const asAdmin = await admin.call('invite_team_member', { email: unique('a'), role: 'admin' });
    expect(errorCode(asAdmin)).toBe('forbidden');
    expect(JSON.stringify(asAdmin.content)).toMatch(/Only an owner may invite an admin/);
    expect(errorCode(await member.call('invite_team_member', { email: unique('b'), role: 'member' }))).toBe('forbidden');
    expect(await activityCount(owner.businessId)).toBe(count);
    expect((await invite(owner, unique('boss'), 'admin')).invitation.role).toBe('admin');
  });

  it('inviting an existing member is a conflict', async () => {
    const { data } = await db.entities.membership.get({ businessId: owner.businessId, userId: member.userId }).go();
    const count = await activityCount(owner.businessId);
    const r = await owner.call('invite_team_member', { email: data?.userEmail.toUpperCase(), role: 'member' });
    expect(errorCode(r)).toBe('conflict');
    expect(await activityCount(owner.businessId)).toBe(count);
  });

  it('a second invitation of the same address replaces the pending one: one pending, the old link dead', async () => {
    const email = unique('twice');
    const first = await invite(owner, email, 'member');
    const second = await invite(owner, email.toUpperCase(), 'admin');
    expect(second.replaced_invitation_id).toBe(first.invitation.id);
    expect(second.invitation.role).toBe('admin');
    const old = await db.entities.invitation.get({ tokenHash: invitationTokenHash(tokenOf(first.accept_link)) }).go();
    expect(old.data?.status).toBe('revoked');
    const team = structured<Team>(await owner.call('list_team_members'));
    expect(team.pending_invitations?.filter((i) => i.email === email.toLowerCase()).map((i) => i.id)).toEqual([second.invitation.id]);
  });

  it('racing invitations of one address leave exactly one pending; the losers are conflicts', async () => {
    const email = unique('race');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => owner.call('invite_team_member', { email, role: i % 2 ? 'admin' : 'member' })));
    const won = results.filter((r) => !r.isError);
    expect(won.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.isError)) expect(errorCode(r)).toBe('conflict');
    const team = structured<Team>(await owner.call('list_team_members'));
    expect(team.pending_invitations?.filter((i) => i.email === email.toLowerCase())).toHaveLength(1);
  });

  it('honours idempotency_key: the same key returns the first invitation and writes nothing more', async () => {
    const args = { email: unique('keyed'), role: 'member', idempotency_key: `team-${Math.random()}` };
    const a = structured<Invited>(await owner.call('invite_team_member', args));
    const count = await activityCount(owner.businessId);
    const b = structured<Invited>(await owner.call('invite_team_member', args));
    expect(b).toEqual(a);
    expect(await activityCount(owner.businessId)).toBe(count);
  });
});

describe('list_team_members', () => {
  let owner: Member;
  let admin: Member;
  let member: Member;
  let invited: Invited;
  beforeAll(async () => {
    owner = await createBusiness('List Team Co');
    admin = await addMember(owner, 'admin');
    member = await addMember(owner, 'member');
    invited = await invite(owner, unique('pending'));
  });

  it('owners and admins see the members and each pending invitation', async () => {
    for (const who of [owner, admin]) {
      const team = structured<Team>(await who.call('list_team_members'));
      expect(team.members.map((m) => [m.user_id, m.role])).toEqual([
        [owner.userId, 'owner'],
        [admin.userId, 'admin'],
        [member.userId, 'member'],
      ]);
      expect(team.members[0]?.joined_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(team.pending_invitations).toEqual([invited.invitation]);
      expect(team.pending_invitation_count).toBe(1);
    }
  });

  it('a member sees the members and only the count of pending invitations', async () => {
    const r = await member.call('list_team_members');
    const team = structured<Team>(r);
    expect(team.members).toHaveLength(3);
    expect(team.pending_invitations).toBeNull();
    expect(team.pending_invitation_count).toBe(1);
    expect(JSON.stringify(r)).not.toContain(invited.invitation.email);
  });

  it('an expired invitation is not pending', async () => {
    const stale = await invite(owner, unique('stale'));
    await db.entities.invitation.patch({ tokenHash: invitationTokenHash(tokenOf(stale.accept_link)) }).set({ expiresAt: Date.now() - 1000 }).go();
    const team = structured<Team>(await owner.call('list_team_members'));
    expect(team.pending_invitations?.map((i) => i.id)).toEqual([invited.invitation.id]);
  });
});

describe('revoke_invitation', () => {
  let owner: Member;
  let admin: Member;
  let member: Member;
  beforeAll(async () => {
    owner = await createBusiness('Revoke Co');
    admin = await addMember(owner, 'admin');
    member = await addMember(owner, 'member');
  });

  it('an admin revokes a pending invitation at once; a second revoke is a conflict', async () => {
    const inv = await invite(owner, unique('gone'));
    const r = structured<{ invitation: Invitation }>(await admin.call('revoke_invitation', { invitation_id: inv.invitation.id }));
    expect(r.invitation).toMatchObject({ id: inv.invitation.id, status: 'revoked' });
    const { data } = await db.entities.invitation.get({ tokenHash: invitationTokenHash(tokenOf(inv.accept_link)) }).go();
    expect(data).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(structured<Team>(await owner.call('list_team_members')).pending_invitation_count).toBe(0);
    const count = await activityCount(owner.businessId);
    expect(errorCode(await admin.call('revoke_invitation', { invitation_id: inv.invitation.id }))).toBe('conflict');
    expect(await activityCount(owner.businessId)).toBe(count);
  });

  it('a member may not revoke', async () => {
    const inv = await invite(owner, unique('stays'));
    expect(errorCode(await member.call('revoke_invitation', { invitation_id: inv.invitation.id }))).toBe('forbidden');
    const { data } = await db.entities.invitation.get({ tokenHash: invitationTokenHash(tokenOf(inv.accept_link)) }).go();
    expect(data?.status).toBe('pending');
  });

  it('another business’s invitation id is not_found and reveals nothing of it', async () => {
    const other = await createBusiness('Elsewhere Ltd');
    const foreign = await invite(other, unique('foreign'));
    const r = await owner.call('revoke_invitation', { invitation_id: foreign.invitation.id });
    expect(errorCode(r)).toBe('not_found');
    expect(JSON.stringify(r)).not.toMatch(/Elsewhere|foreign\./);
    const { data } = await db.entities.invitation.get({ tokenHash: invitationTokenHash(tokenOf(foreign.accept_link)) }).go();
    expect(data?.status).toBe('pending');
  });
});

describe('a read-only connection and bad input', () => {
  let owner: Member;
  let reader: Member;
  beforeAll(async () => {
    owner = await createBusiness('Read Only Team');
    reader = await addMember(owner, 'owner', 'clerq:read');
  });

  it('lists the team but may not invite or revoke', async () => {
    const inv = await invite(owner, unique('ro'));
    expect(structured<Team>(await reader.call('list_team_members')).pending_invitation_count).toBe(1);
    const count = await activityCount(owner.businessId);
    expect(errorCode(await reader.call('invite_team_member', { email: unique('x'), role: 'member' }))).toBe('read_only');
    expect(errorCode(await reader.call('revoke_invitation', { invitation_id: inv.invitation.id }))).toBe('read_only');
    expect(await activityCount(owner.businessId)).toBe(count);
  });

  it.each([
    ['invite_team_member', { email: 'not an email', role: 'member' }],
    ['invite_team_member', { email: 'a@b.test', role: 'owner' }],
    ['invite_team_member', { email: 'a@b.test' }],
    ['revoke_invitation', { invitation_id: 'cli_01JAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['list_team_members', { extra: 1 }],
  ] as [string, Record<string, unknown>][])('%s %j is invalid_input and writes nothing', async (tool, args) => {
    const count = await activityCount(owner.businessId);
    expect(errorCode(await owner.call(tool, args))).toBe('invalid_input');
    expect(await activityCount(owner.businessId)).toBe(count);
  });

  it('the tool list marks list_team_members read-only, revoke destructive, invite keyed', async () => {
    const { body } = await reader.rpc('tools/list');
    const tools = new Map((body.result as { tools: { name: string; annotations?: Record<string, unknown>; inputSchema: { properties?: object } }[] }).tools.map((t) => [t.name, t]));
    expect(tools.get('list_team_members')?.annotations).toMatchObject({ readOnlyHint: true });
    expect(tools.get('revoke_invitation')?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(tools.get('invite_team_member')?.inputSchema.properties).toHaveProperty('idempotency_key');
  });
});
