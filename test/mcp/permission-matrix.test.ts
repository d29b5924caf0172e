import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { permissions, type Permission } from '../../shared/ops/permissions.js';
import type { Role } from '../../shared/ops/context.js';
import { addMember, connectAgain, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork } from '../support/time.js';
import { addLine, draft, draftWithLine, issue } from '../support/invoices.js';
import { createExpense } from '../support/expenses.js';
import { activityCount } from '../support/db-state.js';

/**
 * Issue 6, the matrix test: every one of the 43 tools × role (owner, admin, member) × scope
 * (read only, read and write) is called for real through the MCP function, and is allowed or
 * refused exactly as the permission matrix (shared/ops/permissions.ts) says. The matrix itself is
 * first checked against an independent table, transcribed here from TOOLS.md's "who" column.
 */

/** TOOLS.md, by hand: R/W, who ("all", "admin+", "own or admin+"), and whether members see only their own. */
const fromToolsMd: Record<string, string> = {
  whoami: 'R all',
  list_clients: 'R all',
  get_client: 'R all',
  create_client: 'W admin+',
  update_client: 'W admin+',
  add_client_note: 'W all',
  archive_client: 'W admin+',
  list_projects: 'R all',
  get_project: 'R all',
  create_project: 'W admin+',
  update_project: 'W admin+',
  list_tasks: 'R all',
  create_task: 'W all',
  update_task: 'W all',
  set_task_status: 'W all',
  start_timer: 'W all (self)',
  stop_timer: 'W all (self)',
  get_running_timer: 'R all, members own',
  log_time: 'W all, members own',
  list_task_time: 'R all, members own',
  list_time_entries: 'R all, members own',
  update_time_entry: 'W own or admin+',
  delete_time_entry: 'W own or admin+',
  list_invoices: 'R admin+',
  get_invoice: 'R admin+',
  create_draft_invoice: 'W admin+',
  update_draft_invoice: 'W admin+',
  generate_invoice_from_time: 'W admin+',
  add_invoice_line: 'W admin+',
  remove_invoice_line: 'W admin+',
  delete_draft_invoice: 'W admin+',
  issue_invoice: 'W admin+',
  mark_invoice_paid: 'W admin+',
  void_invoice: 'W admin+',
  get_invoice_pdf_link: 'R admin+',
  list_expenses: 'R all, members own',
  create_expense: 'W all',
  update_expense: 'W own or admin+',
  mark_expense_paid: 'W admin+',
  delete_expense: 'W own or admin+',
  list_team_members: 'R all',
  invite_team_member: 'W admin+',
  revoke_invitation: 'W admin+',
};

interface Expectation {
  access: 'read' | 'write';
  roles: Role[];
  memberOwnOnly: boolean;
}

function parse(line: string): Expectation {
  return {
    access: line.startsWith('R ') ? 'read' : 'write',
    roles: line.includes('admin+') && !line.includes('own or') ? ['owner', 'admin'] : ['owner', 'admin', 'member'],
    memberOwnOnly: line.includes('own'),
  };
}

const matrix = permissions as Record<string, Permission>;
const roles: Role[] = ['owner', 'admin', 'member'];
const scopes = ['clerq:read', 'clerq:read clerq:write'] as const;

/** What the matrix says one caller gets: allowed, or the code of the refusal. */
function outcome(p: Permission, role: Role, scope: string): 'allowed' | 'read_only' | 'forbidden' {
  if (p.access === 'write' && !scope.includes('clerq:write')) return 'read_only';
  return p.roles.includes(role) ? 'allowed' : 'forbidden';
}

/** The people of the test business: each role connected twice, read-only and read-write. */
interface People {
  boss: Member;
  as: Record<Role, Record<string, Member>>;
}

/**
 * Arguments that make each tool succeed for `me` (the read-write connection of the caller),
 * made fresh for every case so that archiving, deleting, issuing or voiding never disturbs the next.
 */
type Fixture = (me: Member, boss: Member) => Promise<Record<string, unknown>>;

let emails = 0;
const work = (boss: Member) => createWork(boss);
const ownEntry = async (me: Member, boss: Member) =>
  structured<{ entry: { id: string } }>(await me.call('log_time', { task_id: (await work(boss)).taskId, date: '2025-06-02', duration_minutes: 30 })).entry.id;
const noTimer = async (me: Member) => void (await me.call('stop_timer', { discard: true }));

const fixtures: Record<string, Fixture> = {
  whoami: async () => ({}),
  list_clients: async () => ({}),
  get_client: async (_, b) => ({ client_id: (await work(b)).clientId }),
  create_client: async () => ({ name: 'Matrix client' }),
  update_client: async (_, b) => ({ client_id: (await work(b)).clientId, name: 'Renamed' }),
  add_client_note: async (_, b) => ({ client_id: (await work(b)).clientId, body: 'A note' }),
  archive_client: async (_, b) => ({ client_id: (await work(b)).clientId }),
  list_projects: async () => ({}),
  get_project: async (_, b) => ({ project_id: (await work(b)).projectId }),
  create_project: async (_, b) => ({ client_id: (await work(b)).clientId, name: 'Matrix project' }),
  update_project: async (_, b) => ({ project_id: (await work(b)).projectId, name: 'Renamed' }),
  list_tasks: async () => ({}),
  create_task: async (_, b) => ({ project_id: (await work(b)).projectId, name: 'Matrix task' }),
  update_task: async (_, b) => ({ task_id: (await work(b)).taskId, name: 'Renamed' }),
  set_task_status: async (_, b) => ({ task_id: (await work(b)).taskId, status: 'done' }),
  start_timer: async (me, b) => {
    await noTimer(me);
    return { task_id: (await work(b)).taskId };
  },
  stop_timer: async (me, b) => {
    await noTimer(me);
    structured(await me.call('start_timer', { task_id: (await work(b)).taskId }));
    return {};
  },
  get_running_timer: async () => ({}),
  log_time: async (_, b) => ({ task_id: (await work(b)).taskId, date: '2025-06-03', duration_minutes: 45 }),
  list_task_time: async (_, b) => ({ task_id: (await work(b)).taskId }),
  list_time_entries: async () => ({ from: '2025-06-01', to: '2025-06-30' }),
  update_time_entry: async (me, b) => ({ entry_id: await ownEntry(me, b), note: 'Edited' }),
  delete_time_entry: async (me, b) => ({ entry_id: await ownEntry(me, b) }),
  list_invoices: async () => ({}),
  get_invoice: async (_, b) => ({ invoice_id: (await draftWithLine(b, (await work(b)).clientId)).id }),
  create_draft_invoice: async (_, b) => ({ client_id: (await work(b)).clientId }),
  update_draft_invoice: async (_, b) => ({ invoice_id: (await draft(b, (await work(b)).clientId)).id, notes: 'Thanks' }),
  generate_invoice_from_time: async (_, b) => {
    const w = await createWork(b, { clientRate: 12000 });
    structured(await b.call('log_time', { task_id: w.taskId, date: '2025-06-04', duration_minutes: 60 }));
    return { invoice_id: (await draft(b, w.clientId)).id, from: '2025-06-01', to: '2025-06-30' };
  },
  add_invoice_line: async (_, b) => ({ invoice_id: (await draft(b, (await work(b)).clientId)).id, description: 'Extra', quantity: 1, unit_amount: 500 }),
  remove_invoice_line: async (_, b) => {
    const { invoice, line } = await addLine(b, (await draft(b, (await work(b)).clientId)).id);
    return { invoice_id: invoice.id, line_id: line.id };
  },
  delete_draft_invoice: async (_, b) => ({ invoice_id: (await draft(b, (await work(b)).clientId)).id }),
  issue_invoice: async (_, b) => ({ invoice_id: (await draftWithLine(b, (await work(b)).clientId)).id }),
  mark_invoice_paid: async (_, b) => ({ invoice_id: (await issue(b, (await draftWithLine(b, (await work(b)).clientId)).id)).id, amount: 100, paid_on: '2025-06-10' }),
  void_invoice: async (_, b) => ({ invoice_id: (await issue(b, (await draftWithLine(b, (await work(b)).clientId)).id)).id, reason: 'Sent in error' }),
  get_invoice_pdf_link: async (_, b) => ({ invoice_id: (await issue(b, (await draftWithLine(b, (await work(b)).clientId)).id)).id }),
  list_expenses: async () => ({}),
  create_expense: async () => ({ date: '2025-06-05', amount: 900, category: 'Travel' }),
  update_expense: async (me) => ({ expense_id: (await createExpense(me)).id, description: 'Edited' }),
  mark_expense_paid: async (_, b) => ({ expense_id: (await createExpense(b)).id, paid_on: '2025-06-10' }),
  delete_expense: async (me) => ({ expense_id: (await createExpense(me)).id }),
  list_team_members: async () => ({}),
  invite_team_member: async () => ({ email: `matrix.${++emails}@example.test`, role: 'member' }),
  revoke_invitation: async (_, b) => ({
    invitation_id: structured<{ invitation: { id: string } }>(await b.call('invite_team_member', { email: `revoke.${++emails}@example.test`, role: 'member' })).invitation.id,
  }),
};

describe('the permission matrix over all 43 tools × 3 roles × 2 scopes', () => {
  let people: People;
  let toolNames: string[];
  const counts = { allowed: 0, read_only: 0, forbidden: 0 };

  beforeAll(async () => {
    const boss = await createBusiness('Matrix Works');
    const as = {} as People['as'];
    for (const role of roles) {
      const rw = role === 'owner' ? boss : await addMember(boss, role);
      as[role] = { 'clerq:read clerq:write': rw, 'clerq:read': await connectAgain(rw, 'clerq:read') };
    }
    people = { boss, as };
    const { body } = await boss.rpc('tools/list');
    toolNames = (body.result as { tools: Tool[] }).tools.map((t) => t.name);
  });

  afterAll(() => {
    const total = counts.allowed + counts.read_only + counts.forbidden;
    console.log(`permission matrix: ${total} calls over ${toolNames.length} tools: ${counts.allowed} allowed, ${counts.read_only} read_only, ${counts.forbidden} forbidden`);
  });

  it('covers exactly the 43 tools of tools/list, and every tool has a fixture', () => {
    expect(toolNames).toHaveLength(43);
    expect(Object.keys(fromToolsMd).sort()).toEqual([...toolNames].sort());
    expect(Object.keys(fixtures).sort()).toEqual([...toolNames].sort());
  });

  it('the matrix agrees with TOOLS.md for every tool (scope, roles, members’ own records)', () => {
    const mismatches = Object.entries(fromToolsMd)
      .map(([tool, line]) => {
        const p = matrix[tool];
        const want = parse(line);
        const got = p && { access: p.access, roles: [...p.roles], memberOwnOnly: p.own?.roles.includes('member') ?? false };
        return JSON.stringify(got) === JSON.stringify(want) ? null : `${tool}: matrix ${JSON.stringify(got)}, TOOLS.md ${JSON.stringify(want)}`;
      })
      .filter(Boolean);
    expect(mismatches).toEqual([]);
    // start_timer and stop_timer act on the caller's own timer for every role; the matrix says so in words.
    expect(matrix.start_timer?.note).toMatch(/own timer/);
  });

  const cases = Object.keys(fromToolsMd).flatMap((tool) => roles.flatMap((role) => scopes.map((scope) => [tool, role, scope] as const)));

  it.each(cases)('%s as %s with %s', async (tool, role, scope) => {
    const p = matrix[tool]!;
    const want = outcome(p, role, scope);
    // The independent table must predict the same outcome as the matrix.
    const fromDoc = parse(fromToolsMd[tool]!);
    expect(outcome({ ...p, access: fromDoc.access, roles: fromDoc.roles }, role, scope)).toBe(want);

    const caller = people.as[role][scope]!;
    const args = await fixtures[tool]!(people.as[role]['clerq:read clerq:write']!, people.boss);
    const before = await activityCount(people.boss.businessId);
    const r = await caller.call(tool, args);
    counts[want]++;
    if (want === 'allowed') {
      if (r.isError) throw new Error(`${tool} as ${role} (${scope}) should be allowed: ${JSON.stringify(r.content)}`);
      return;
    }
    expect(errorCode(r)).toBe(want);
    if (want === 'forbidden' && p.refusal) expect(JSON.stringify(r.content)).toContain(p.refusal);
    if (want === 'read_only') expect(JSON.stringify(r.content)).toMatch(/connect again/);
    expect(await activityCount(people.boss.businessId)).toBe(before);
  });
});
