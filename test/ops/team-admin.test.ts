import { describe, it, expect } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { listMembers } from '../../shared/db/invitations.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork } from '../support/time.js';
import { activityCount } from '../support/db-state.js';
import { webCall, webOut, type WebAnswer } from '../support/web-door.js';

/** The web-only team operations: role changes, removal, leaving, ownership; a business always keeps an owner. */

const roleOf = async (m: Member) => (await db.entities.membership.get({ businessId: m.businessId, userId: m.userId }).go()).data?.role ?? null;
const owners = async (businessId: string) => (await listMembers(businessId)).filter((m) => m.role === 'owner').map((m) => m.userId);
const grantStatus = async (m: Member) => (await db.entities.grant.get({ businessId: m.businessId, grantId: m.grantId }).go()).data?.status;

/** A refused call: its code, and nothing written (the activity count is unchanged). */
async function refused(who: Member, name: string, args: Record<string, unknown>) {
  const before = await activityCount(who.businessId);
  const a = await webCall(who, name, args);
  expect(await activityCount(who.businessId)).toBe(before);
  if (a.ok) throw new Error(`${name} unexpectedly succeeded`);
  return a;
}

/** Two owners act against each other at the same moment, a few times over: exactly one wins each time, and an owner remains. */
async function ownersRace(label: string, rounds: number, act: (a: Member, b: Member) => [Promise<WebAnswer>, Promise<WebAnswer>]) {
  for (let round = 0; round < rounds; round++) {
    const a = await createBusiness(`${label} ${round}`);
    const b = await addMember(a, 'owner');
    const answers = await Promise.all(act(a, b));
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(await owners(a.businessId)).toHaveLength(1);
  }
}

describe('change_member_role', () => {
  it('an owner promotes a member to admin, and the member’s assistant sees the new role on its next call', async () => {
    const owner = await createBusiness('Roles Co');
    const member = await addMember(owner, 'member');
    expect(errorCode(await member.call('create_client', { name: 'Not yet' }))).toBe('forbidden');
    const out = webOut<{ member: { role: string }; previous_role: string }>(await webCall(owner, 'change_member_role', { member_id: member.userId, role: 'admin' }));
    expect(out).toMatchObject({ member: { role: 'admin' }, previous_role: 'member' });
    expect(structured<{ role: string }>(await member.call('whoami')).role).toBe('admin');
    structured(await member.call('create_client', { name: 'Now allowed' }));
  });

  it('admins and members cannot change roles, and say so', async () => {
    const owner = await createBusiness('Roles Refused Co');
    const admin = await addMember(owner, 'admin');
    const member = await addMember(owner, 'member');
    for (const who of [admin, member]) {
      const a = await refused(who, 'change_member_role', { member_id: member.userId, role: 'admin' });
      expect(a).toMatchObject({ code: 'forbidden', message: 'Only an owner can change roles in this business.' });
    }
    expect(await roleOf(member)).toBe('member');
  });

  it('the only owner cannot demote themselves; with a second owner they can', async () => {
    const owner = await createBusiness('Sole Owner Co');
    const a = await refused(owner, 'change_member_role', { member_id: owner.userId, role: 'admin' });
    expect(a.code).toBe('conflict');
    expect(a.message).toMatch(/only owner of Sole Owner Co/);
    const second = await addMember(owner, 'admin');
    webOut(await webCall(owner, 'change_member_role', { member_id: second.userId, role: 'owner' }));
    webOut(await webCall(owner, 'change_member_role', { member_id: owner.userId, role: 'member' }));
    expect(await owners(owner.businessId)).toEqual([second.userId]);
  });

  it('setting the role a member already has changes nothing', async () => {
    const owner = await createBusiness('Same Role Co');
    const member = await addMember(owner, 'member');
    const before = await activityCount(owner.businessId);
    const out = webOut<{ previous_role: string }>(await webCall(owner, 'change_member_role', { member_id: member.userId, role: 'member' }));
    expect(out.previous_role).toBe('member');
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('bad input and people outside the business are refused clearly', async () => {
    const owner = await createBusiness('Input Co');
    const outsider = await createBusiness('Elsewhere Ltd');
    expect(await refused(owner, 'change_member_role', { member_id: 'nobody', role: 'admin' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/member_id: must be a user id/) });
    expect(await refused(owner, 'change_member_role', { member_id: owner.userId, role: 'boss' })).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Invalid input: role/) });
    const a = await refused(owner, 'change_member_role', { member_id: outsider.userId, role: 'admin' });
    expect(a).toMatchObject({ code: 'not_found', message: `member ${outsider.userId} is not in this business` });
    expect(a.message).not.toMatch(/Elsewhere/);
  });

  it('two owners demoting each other at the same moment: one wins, an owner remains', async () => {
    await ownersRace('Race Co', 5, (a, b) => [
      webCall(a, 'change_member_role', { member_id: b.userId, role: 'admin' }),
      webCall(b, 'change_member_role', { member_id: a.userId, role: 'admin' }),
    ]);
  });
});

describe('remove_member', () => {
  it('removes a member: their connection stops at once, their timer is dropped, their time stays', async () => {
    const owner = await createBusiness('Removal Co');
    const admin = await addMember(owner, 'admin');
    const member = await addMember(owner, 'member');
    const work = await createWork(owner);
    const entry = structured<{ entry: { id: string } }>(await member.call('log_time', { task_id: work.taskId, date: '2025-06-02', duration_minutes: 45 })).entry.id;
    structured(await member.call('start_timer', { task_id: work.taskId }));

    const out = webOut<{ member: { user_id: string; role: string }; revoked_connections: number; discarded_timer: boolean }>(
      await webCall(admin, 'remove_member', { member_id: member.userId }),
    );
    expect(out).toMatchObject({ member: { user_id: member.userId, role: 'member' }, revoked_connections: 1, discarded_timer: true });

    const { status } = await member.rpc('tools/call', { name: 'whoami', arguments: {} });
    expect(status).toBe(401);
    expect(await grantStatus(member)).toBe('revoked');
    expect(await roleOf(member)).toBeNull();
    expect((await db.entities.timer.get({ businessId: owner.businessId, userId: member.userId }).go()).data).toBeNull();
    const entries = structured<{ items: { id: string }[] }>(await owner.call('list_time_entries', { from: '2025-06-01', to: '2025-06-30' }));
    expect(entries.items.map((e) => e.id)).toContain(entry);
    const team = structured<{ members: { user_id: string }[] }>(await owner.call('list_team_members'));
    expect(team.members.map((m) => m.user_id)).not.toContain(member.userId);
  });

  it('only an owner removes an owner or an admin; nobody removes themselves here', async () => {
    const owner = await createBusiness('Removal Rules Co');
    const admin = await addMember(owner, 'admin');
    const admin2 = await addMember(owner, 'admin');
    const member = await addMember(owner, 'member');
    expect(await refused(admin, 'remove_member', { member_id: admin2.userId })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/only an owner can remove an owner or an admin/) });
    expect(await refused(admin, 'remove_member', { member_id: owner.userId })).toMatchObject({ code: 'forbidden' });
    expect(await refused(member, 'remove_member', { member_id: admin.userId })).toMatchObject({ code: 'forbidden' });
    expect(await refused(admin, 'remove_member', { member_id: admin.userId })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/leave the business/) });
    webOut(await webCall(owner, 'remove_member', { member_id: admin2.userId }));
    expect(await roleOf(admin2)).toBeNull();
    expect(await grantStatus(admin)).toBe('active');
  });

  it('an owner removes another owner only while an owner remains; racing removals leave one', async () => {
    await ownersRace('Owner Removal', 3, (a, b) => [webCall(a, 'remove_member', { member_id: b.userId }), webCall(b, 'remove_member', { member_id: a.userId })]);
  });
});

describe('leave_business', () => {
  it('a member leaves: their connections stop; the last owner cannot leave', async () => {
    const owner = await createBusiness('Leaving Co');
    const member = await addMember(owner, 'member');
    const out = webOut<{ business_name: string; revoked_connections: number; discarded_timer: boolean }>(await webCall(member, 'leave_business'));
    expect(out).toMatchObject({ business_name: 'Leaving Co', revoked_connections: 1, discarded_timer: false });
    expect((await member.rpc('tools/call', { name: 'whoami', arguments: {} })).status).toBe(401);
    const a = await refused(owner, 'leave_business', {});
    expect(a).toMatchObject({ code: 'conflict', message: expect.stringMatching(/cannot leave; a business always keeps an owner/) });
    expect(await roleOf(owner)).toBe('owner');
  });

  it('two owners leaving at the same moment: one leaves, one stays', async () => {
    await ownersRace('Exodus', 3, (a, b) => [webCall(a, 'leave_business'), webCall(b, 'leave_business')]);
  });
});

describe('transfer_ownership', () => {
  it('makes another member the owner and the caller an admin, together', async () => {
    const owner = await createBusiness('Handover Co');
    const member = await addMember(owner, 'member');
    const out = webOut<{ new_owner: { user_id: string; role: string }; your_role: string }>(await webCall(owner, 'transfer_ownership', { member_id: member.userId }));
    expect(out).toMatchObject({ new_owner: { user_id: member.userId, role: 'owner' }, your_role: 'admin' });
    expect([await roleOf(owner), await roleOf(member)]).toEqual(['admin', 'owner']);
    expect(structured<{ role: string }>(await owner.call('whoami')).role).toBe('admin');
  });

  it('is refused to non-owners, to oneself, to an owner and to outsiders', async () => {
    const owner = await createBusiness('Handover Rules Co');
    const admin = await addMember(owner, 'admin');
    const coOwner = await addMember(owner, 'owner');
    const outsider = await createBusiness('Other Handover Ltd');
    expect(await refused(admin, 'transfer_ownership', { member_id: admin.userId })).toMatchObject({ code: 'forbidden', message: 'Only an owner can transfer ownership.' });
    expect(await refused(owner, 'transfer_ownership', { member_id: owner.userId })).toMatchObject({ code: 'conflict' });
    expect(await refused(owner, 'transfer_ownership', { member_id: coOwner.userId })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already an owner/) });
    expect(await refused(owner, 'transfer_ownership', { member_id: outsider.userId })).toMatchObject({ code: 'not_found' });
    expect([await roleOf(owner), await roleOf(admin)]).toEqual(['owner', 'admin']);
  });
});

describe('the web-only team operations are not MCP tools', () => {
  it.each(['change_member_role', 'remove_member', 'leave_business', 'transfer_ownership'])('%s is neither listed nor callable over MCP', async (name) => {
    const owner = await createBusiness('Doors Co');
    const { body } = await owner.rpc('tools/list');
    expect((body.result as { tools: { name: string }[] }).tools.map((t) => t.name)).not.toContain(name);
    const called = await owner.rpc('tools/call', { name, arguments: {} });
    expect(called.body.error).toMatchObject({ code: -32602 });
    expect(await roleOf(owner)).toBe('owner');
  });
});
