import { describe, it, expect, afterAll } from '@jest/globals';
import { permissions, type Permission } from '../../shared/ops/permissions.js';
import type { Role } from '../../shared/ops/context.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork } from '../support/time.js';
import { createExpense } from '../support/expenses.js';
import { webCall, webOut, type WebAnswer } from '../support/web-door.js';

/**
 * The rest of the permission matrix, observed through real calls: members' own-records limits, the
 * finer rules inside operations, and the web-only team operations by role. Each probe reports what
 * it saw; the matrix says what it should have seen.
 */

const matrix = permissions as Record<string, Permission>;
const roles: Role[] = ['owner', 'admin', 'member'];
let cases = 0;

afterAll(() => console.log(`permission rules: ${cases} cases`));

/** A business with a caller of the role, a boss (owner) and another member whose records the caller tries to reach. */
async function team(role: Role) {
  const boss = await createBusiness(`Rules ${role} ${Math.random().toString(36).slice(2, 6)}`);
  const caller = role === 'owner' ? boss : await addMember(boss, role);
  const other = await addMember(boss, 'member');
  const work = await createWork(boss, { clientRate: 10000 });
  return { boss, caller, other, work };
}

type Team = Awaited<ReturnType<typeof team>>;
const entryOf = async (m: Member, t: Team) =>
  structured<{ entry: { id: string } }>(await m.call('log_time', { task_id: t.work.taskId, date: '2025-06-02', duration_minutes: 30 })).entry.id;
/** 'limited' when the caller was refused another member's record or saw only their own; 'reaches' otherwise. */
const refusedOrReached = (r: Awaited<ReturnType<Member['call']>>) => {
  if (errorCode(r) === 'forbidden') return 'limited';
  if (r.isError) throw new Error(`unexpected error: ${JSON.stringify(r.content)}`);
  return 'reaches';
};
/** A web answer in the shape refusedOrReached reads. */
const asToolResult = (a: WebAnswer) => (a.ok ? { content: [] } : { isError: true, content: [], _meta: { 'clerq/error': { code: a.code } } });
const onlyOwn = (items: { member_id: string }[], t: Team) => {
  if (!items.some((i) => i.member_id === t.caller.userId)) throw new Error('the caller’s own record is missing from the list');
  return items.every((i) => i.member_id === t.caller.userId) ? 'limited' : 'reaches';
};

/** One probe per operation whose matrix row limits some role to its own records. */
const ownProbes: Record<string, (t: Team) => Promise<'limited' | 'reaches'>> = {
  get_running_timer: async (t) => refusedOrReached(await t.caller.call('get_running_timer', { member_id: t.other.userId })),
  log_time: async (t) => refusedOrReached(await t.caller.call('log_time', { task_id: t.work.taskId, date: '2025-06-03', duration_minutes: 15, member_id: t.other.userId })),
  list_task_time: async (t) => {
    await Promise.all([entryOf(t.caller, t), entryOf(t.other, t)]);
    return onlyOwn(structured<{ items: { member_id: string }[] }>(await t.caller.call('list_task_time', { task_id: t.work.taskId })).items, t);
  },
  list_time_entries: async (t) => {
    await Promise.all([entryOf(t.caller, t), entryOf(t.other, t)]);
    const listed = onlyOwn(structured<{ items: { member_id: string }[] }>(await t.caller.call('list_time_entries', { from: '2025-06-01', to: '2025-06-30' })).items, t);
    const filtered = refusedOrReached(await t.caller.call('list_time_entries', { member_id: t.other.userId }));
    if (listed !== filtered) throw new Error(`list_time_entries: unfiltered ${listed}, filtered by member ${filtered}`);
    return listed;
  },
  update_time_entry: async (t) => refusedOrReached(await t.caller.call('update_time_entry', { entry_id: await entryOf(t.other, t), note: 'Not mine' })),
  delete_time_entry: async (t) => refusedOrReached(await t.caller.call('delete_time_entry', { entry_id: await entryOf(t.other, t) })),
  list_expenses: async (t) => {
    await Promise.all([createExpense(t.caller), createExpense(t.other)]);
    return onlyOwn(structured<{ items: { member_id: string }[] }>(await t.caller.call('list_expenses', { limit: 100 })).items, t);
  },
  update_expense: async (t) => refusedOrReached(await t.caller.call('update_expense', { expense_id: (await createExpense(t.other)).id, description: 'Not mine' })),
  delete_expense: async (t) => refusedOrReached(await t.caller.call('delete_expense', { expense_id: (await createExpense(t.other)).id })),
  list_connections: async (t) => {
    const out = webOut<{ items: { member: { user_id: string } }[] }>(await webCall(t.caller, 'list_connections'));
    return onlyOwn(out.items.map((c) => ({ member_id: c.member.user_id })), t);
  },
  revoke_connection: async (t) => refusedOrReached(asToolResult(await webCall(t.caller, 'revoke_connection', { connection_id: t.other.grantId }))),
  list_activity: async (t) => {
    await Promise.all([entryOf(t.caller, t), entryOf(t.other, t)]);
    const out = webOut<{ items: { actor_id: string }[] }>(await webCall(t.caller, 'list_activity', { limit: 100 }));
    return onlyOwn(out.items.map((a) => ({ member_id: a.actor_id })), t);
  },
};

/** Independent expectation: TOOLS.md says members, and only members, reach only their own records in these. */
const memberOnlyOwn = [
  'get_running_timer',
  'log_time',
  'list_task_time',
  'list_time_entries',
  'update_time_entry',
  'delete_time_entry',
  'list_expenses',
  'update_expense',
  'delete_expense',
  'list_connections',
  'revoke_connection',
  'list_activity',
];

const paidExpense = async (t: Team) => {
  const e = await createExpense(t.caller);
  structured(await t.boss.call('mark_expense_paid', { expense_id: e.id, paid_on: '2025-06-10' }));
  return e.id;
};
const allowedOrRefused = (r: { ok: boolean; code?: string } | Awaited<ReturnType<Member['call']>>) => {
  const code = 'ok' in r ? (r.ok ? undefined : r.code) : errorCode(r);
  if (code === 'forbidden') return 'refused';
  if (code) throw new Error(`unexpected ${code}`);
  return 'allowed';
};

/** One probe per rule of the matrix: what the caller was allowed. */
const ruleProbes: Record<string, (t: Team) => Promise<'allowed' | 'refused'>> = {
  'update_expense.change_paid_amount': async (t) => allowedOrRefused(await t.caller.call('update_expense', { expense_id: await paidExpense(t), amount: 99 })),
  'delete_expense.delete_paid': async (t) => allowedOrRefused(await t.caller.call('delete_expense', { expense_id: await paidExpense(t) })),
  'list_team_members.see_invitations': async (t) => {
    structured(await t.boss.call('invite_team_member', { email: `seen.${t.boss.userId.toLowerCase()}@example.test`, role: 'member' }));
    const out = structured<{ pending_invitations: unknown[] | null; pending_invitation_count: number }>(await t.caller.call('list_team_members'));
    expect(out.pending_invitation_count).toBe(1);
    return out.pending_invitations === null ? 'refused' : 'allowed';
  },
  'invite_team_member.invite_admin': async (t) => allowedOrRefused(await t.caller.call('invite_team_member', { email: `admin.${t.caller.userId.toLowerCase()}@example.test`, role: 'admin' })),
  'remove_member.remove_owner_or_admin': async (t) => allowedOrRefused(await webCall(t.caller, 'remove_member', { member_id: (await addMember(t.boss, 'admin')).userId })),
  'get_business_settings.see_next_invoice_number': async (t) => {
    const out = webOut<{ next_invoice_number: string | null }>(await webCall(t.caller, 'get_business_settings'));
    return out.next_invoice_number === null ? 'refused' : 'allowed';
  },
};

/** Independent expectation, from TOOLS.md and the issue: who may do each of these. */
const ruleHolders: Record<string, Role[]> = {
  'update_expense.change_paid_amount': ['owner', 'admin'],
  'delete_expense.delete_paid': ['owner', 'admin'],
  'list_team_members.see_invitations': ['owner', 'admin'],
  'invite_team_member.invite_admin': ['owner'],
  'remove_member.remove_owner_or_admin': ['owner'],
  'get_business_settings.see_next_invoice_number': ['owner', 'admin'],
};

/** The web-only operations: a fresh business per case, where the call would succeed for a role the matrix allows. */
const webProbes: Record<string, (t: Team) => Promise<'allowed' | 'refused'>> = {
  change_member_role: async (t) => allowedOrRefused(await webCall(t.caller, 'change_member_role', { member_id: t.other.userId, role: 'admin' })),
  remove_member: async (t) => allowedOrRefused(await webCall(t.caller, 'remove_member', { member_id: t.other.userId })),
  leave_business: async (t) => {
    if (t.caller.role === 'owner') await addMember(t.boss, 'owner');
    return allowedOrRefused(await webCall(t.caller, 'leave_business'));
  },
  transfer_ownership: async (t) => allowedOrRefused(await webCall(t.caller, 'transfer_ownership', { member_id: t.other.userId })),
  get_business_settings: async (t) => allowedOrRefused(await webCall(t.caller, 'get_business_settings')),
  update_business_settings: async (t) => allowedOrRefused(await webCall(t.caller, 'update_business_settings', { payment_terms_days: 14 })),
  list_connections: async (t) => allowedOrRefused(await webCall(t.caller, 'list_connections')),
  revoke_connection: async (t) => allowedOrRefused(await webCall(t.caller, 'revoke_connection', { connection_id: t.caller.grantId })),
  list_activity: async (t) => allowedOrRefused(await webCall(t.caller, 'list_activity')),
};

const webOnlyHolders: Record<string, Role[]> = {
  change_member_role: ['owner'],
  remove_member: ['owner', 'admin'],
  leave_business: ['owner', 'admin', 'member'],
  transfer_ownership: ['owner'],
  get_business_settings: ['owner', 'admin', 'member'],
  update_business_settings: ['owner', 'admin'],
  list_connections: ['owner', 'admin', 'member'],
  revoke_connection: ['owner', 'admin', 'member'],
  list_activity: ['owner', 'admin', 'member'],
};

describe('members’ own records', () => {
  it('the probes cover exactly the operations whose matrix row has an own-records limit, and TOOLS.md agrees', () => {
    const limited = Object.entries(matrix).filter(([, p]) => p.own).map(([name]) => name);
    expect(limited.sort()).toEqual(Object.keys(ownProbes).sort());
    expect(limited.filter((n) => matrix[n]!.own!.roles.join() === 'member').sort()).toEqual([...memberOnlyOwn].sort());
  });

  it.each(Object.keys(ownProbes).flatMap((op) => roles.map((role) => [op, role] as const)))('%s as %s', async (op, role) => {
    cases++;
    const want = matrix[op]!.own!.roles.includes(role) ? 'limited' : 'reaches';
    expect(await ownProbes[op]!(await team(role))).toBe(want);
  });
});

describe('rules inside operations', () => {
  const ruleNames = Object.entries(matrix).flatMap(([op, p]) => Object.keys(p.rules ?? {}).map((r) => `${op}.${r}`));

  it('the probes cover exactly the rules of the matrix, and name the same holders', () => {
    expect(ruleNames.sort()).toEqual(Object.keys(ruleProbes).sort());
    for (const name of ruleNames) {
      const [op, rule] = name.split('.') as [string, string];
      expect([name, [...matrix[op]!.rules![rule]!.roles]]).toEqual([name, ruleHolders[name]]);
    }
  });

  // A rule narrows an operation for the roles that may call it at all.
  it.each(Object.keys(ruleProbes).flatMap((name) => roles.filter((r) => matrix[name.split('.')[0]!]!.roles.includes(r)).map((role) => [name, role] as const)))(
    '%s as %s',
    async (name, role) => {
      cases++;
      const [op, rule] = name.split('.') as [string, string];
      const want = matrix[op]!.rules![rule]!.roles.includes(role) ? 'allowed' : 'refused';
      expect(await ruleProbes[name]!(await team(role))).toBe(want);
    },
  );
});

describe('web-only team operations by role', () => {
  it('the probes cover exactly the web-only operations of the matrix, and name the same holders', () => {
    const webOnly = Object.entries(matrix).filter(([, p]) => p.door === 'web');
    expect(webOnly.map(([n]) => n).sort()).toEqual(Object.keys(webProbes).sort());
    for (const [name, p] of webOnly) expect([name, [...p.roles]]).toEqual([name, webOnlyHolders[name]]);
  });

  it.each(Object.keys(webProbes).flatMap((op) => roles.map((role) => [op, role] as const)))('%s as %s', async (op, role) => {
    cases++;
    const want = matrix[op]!.roles.includes(role) ? 'allowed' : 'refused';
    expect(await webProbes[op]!(await team(role))).toBe(want);
  });
});
