import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { createWork } from '../support/time.js';
import { addLine, draft, draftWithLine, issue } from '../support/invoices.js';
import { createExpense } from '../support/expenses.js';

/**
 * Issue 6, the tenancy test: for every tool that takes an id, every id argument filled with a real id
 * of another business is not_found, and the raw response contains nothing of the other business.
 */

/** The ids of one business's records, one of every kind that has an id. */
interface Records {
  client: string;
  project: string;
  task: string;
  entry: string;
  draft: string;
  issued: string;
  line: string;
  expense: string;
  invitation: string;
  user: string;
}

/** Arguments named like ids that are not record ids (a client's tax id is free text). */
const notRecordIds = new Set(['tax_id']);
const isIdArgument = (name: string) => name.endsWith('_id') && !notRecordIds.has(name);

/** One record of every kind, made through the tools. Every name of the other business contains "Globex". */
async function seedRecords(m: Member, label: string): Promise<Records> {
  const work = await createWork(m, { taskName: `${label} Task`, clientRate: 10000 });
  structured(await m.call('update_client', { client_id: work.clientId, name: `${label} Client` }));
  structured(await m.call('update_project', { project_id: work.projectId, name: `${label} Project` }));
  structured(await m.call('add_client_note', { client_id: work.clientId, body: `${label} private note` }));
  const entry = structured<{ entry: { id: string } }>(
    await m.call('log_time', { task_id: work.taskId, date: '2025-06-02', duration_minutes: 90, note: `${label} entry note` }),
  ).entry.id;
  const d = await draft(m, work.clientId, { notes: `${label} draft notes` });
  const { line } = await addLine(m, d.id, { description: `${label} line` });
  const issued = await issue(m, (await draftWithLine(m, work.clientId)).id);
  const expense = await createExpense(m, { vendor: `${label} Vendor`, description: `${label} expense`, client_id: work.clientId, project_id: work.projectId });
  const invitation = structured<{ invitation: { id: string } }>(
    await m.call('invite_team_member', { email: `${label.toLowerCase().replace(/\W+/g, '.')}@example.test`, role: 'member' }),
  ).invitation.id;
  return {
    client: work.clientId,
    project: work.projectId,
    task: work.taskId,
    entry,
    draft: d.id,
    issued: issued.id,
    line: line.id,
    expense: expense.id,
    invitation,
    user: m.userId,
  };
}

/** Which record an id argument names. invoice_id is resolved per tool (draft or issued). */
const kindOf: Record<string, keyof Records> = {
  client_id: 'client',
  project_id: 'project',
  task_id: 'task',
  entry_id: 'entry',
  line_id: 'line',
  expense_id: 'expense',
  invitation_id: 'invitation',
  member_id: 'user',
  assignee_id: 'user',
  user_id: 'user',
};

interface Row {
  tool: string;
  /** The arguments other than ids; every id argument of the tool's schema is filled with the caller's own record. */
  args: Record<string, unknown>;
  /** Which of the caller's invoices is valid for this tool. */
  invoice?: 'draft' | 'issued';
}

/** One row per tool that takes at least one id argument (generate_invoice_from_time twice: preview and real). */
const rows: Row[] = [
  { tool: 'get_client', args: {} },
  { tool: 'update_client', args: { name: 'Renamed from outside' } },
  { tool: 'add_client_note', args: { body: 'note from outside' } },
  { tool: 'archive_client', args: {} },
  { tool: 'list_projects', args: { status: 'all' } },
  { tool: 'get_project', args: {} },
  { tool: 'create_project', args: { name: 'Project from outside' } },
  { tool: 'update_project', args: { name: 'Project renamed from outside' } },
  { tool: 'list_tasks', args: { status: 'all' } },
  { tool: 'create_task', args: { name: 'Task from outside' } },
  { tool: 'update_task', args: { name: 'Task renamed from outside' } },
  { tool: 'set_task_status', args: { status: 'in_progress' } },
  { tool: 'start_timer', args: {} },
  { tool: 'get_running_timer', args: {} },
  { tool: 'log_time', args: { date: '2025-06-03', duration_minutes: 30 } },
  { tool: 'list_task_time', args: {} },
  { tool: 'list_time_entries', args: { from: '2025-06-01', to: '2025-06-30', billed: 'all' } },
  { tool: 'update_time_entry', args: { note: 'edited from outside' } },
  { tool: 'delete_time_entry', args: {} },
  { tool: 'list_invoices', args: { status: 'all' } },
  { tool: 'get_invoice', args: {}, invoice: 'issued' },
  { tool: 'create_draft_invoice', args: {} },
  { tool: 'update_draft_invoice', args: { notes: 'edited from outside' }, invoice: 'draft' },
  { tool: 'generate_invoice_from_time', args: { from: '2025-06-01', to: '2025-06-30', dry_run: true }, invoice: 'draft' },
  { tool: 'generate_invoice_from_time', args: { from: '2025-06-01', to: '2025-06-30' }, invoice: 'draft' },
  { tool: 'add_invoice_line', args: { description: 'line from outside', quantity: 1, unit_amount: 100 }, invoice: 'draft' },
  { tool: 'remove_invoice_line', args: {}, invoice: 'draft' },
  { tool: 'delete_draft_invoice', args: {}, invoice: 'draft' },
  { tool: 'issue_invoice', args: {}, invoice: 'draft' },
  { tool: 'mark_invoice_paid', args: { amount: 1, paid_on: '2025-06-10' }, invoice: 'issued' },
  { tool: 'void_invoice', args: { reason: 'voided from outside' }, invoice: 'issued' },
  { tool: 'get_invoice_pdf_link', args: {}, invoice: 'issued' },
  { tool: 'list_expenses', args: { status: 'all' } },
  { tool: 'create_expense', args: { date: '2025-06-04', amount: 500, category: 'Travel' } },
  { tool: 'update_expense', args: { description: 'edited from outside' } },
  { tool: 'mark_expense_paid', args: { paid_on: '2025-06-10' } },
  { tool: 'delete_expense', args: {} },
  { tool: 'revoke_invitation', args: {} },
];

describe('tenancy on every tool: a real id of another business is not_found and reveals nothing', () => {
  let mine: Member;
  let theirs: Member;
  let other: Records;
  let idArgs: Map<string, string[]>;
  let cases = 0;

  beforeAll(async () => {
    mine = await createBusiness('Initech');
    theirs = await createBusiness('Globex Secret Corporation');
    other = await seedRecords(theirs, 'Globex Secret');
    const { body } = await mine.rpc('tools/list');
    const tools = (body.result as { tools: Tool[] }).tools;
    idArgs = new Map(
      tools
        .map((t) => [t.name, Object.keys(t.inputSchema.properties ?? {}).filter(isIdArgument)] as [string, string[]])
        .filter(([, names]) => names.length > 0),
    );
  });

  afterAll(() => {
    const covered = [...idArgs].map(([tool, names]) => `${tool}(${names.join(', ')})`).join(' ');
    console.log(`tenancy: ${idArgs.size} tools with id arguments, ${cases} cases run: ${covered}`);
  });

  it('the table covers every tool of tools/list that has an id argument, and only those', () => {
    expect([...new Set(rows.map((r) => r.tool))].sort()).toEqual([...idArgs.keys()].sort());
  });

  /** Everything of the other business that must never show: its names (all contain "Globex") and all its ids. */
  function leaks(raw: string, passed: string): string[] {
    // The id that was passed in is known to the caller already, and an error message may echo it
    // ("task tsk_… is not in this business"): strip its occurrences before looking for the rest.
    const stripped = passed ? raw.split(passed).join('<passed id>') : raw;
    const secrets = [...new Set([...Object.values(other), theirs.businessId, theirs.grantId])].filter((s) => s !== passed);
    const found = secrets.filter((s) => stripped.includes(s));
    if (/globex/i.test(stripped)) found.push('globex (a name of the other business)');
    return found;
  }

  it('the leak check sees the other business when it is there', async () => {
    const raw = JSON.stringify(await theirs.call('get_client', { client_id: other.client }));
    expect(leaks(raw, '')).toEqual(expect.arrayContaining([other.client, 'globex (a name of the other business)']));
  });

  it.each(rows.map((r, i) => [`${r.tool}${r.tool === 'generate_invoice_from_time' ? (r.args.dry_run ? ' (dry run)' : ' (for real)') : ''}`, i] as const))(
    '%s',
    async (_label, i) => {
      const row = rows[i]!;
      // Fresh records of the caller's own business for every tool, so that the control call at the end
      // (which may archive, delete, issue or void) does not disturb the next tool.
      const own = await seedRecords(mine, 'Initech');
      const names = idArgs.get(row.tool) ?? [];
      expect(names.length).toBeGreaterThan(0);
      const ownId = (name: string, r: Records) => (name === 'invoice_id' ? r[row.invoice ?? 'draft'] : r[kindOf[name] ?? 'client']);
      for (const name of names) {
        if (name !== 'invoice_id') expect(kindOf).toHaveProperty(name);
      }
      const base = { ...row.args, ...Object.fromEntries(names.map((n) => [n, ownId(n, own)])) };
      const failures: string[] = [];
      for (const name of names) {
        // invoice_id is tried with both of the other business's invoices, the draft and the issued one.
        const foreign = name === 'invoice_id' ? [other.draft, other.issued] : [ownId(name, other)];
        for (const id of foreign) {
          cases++;
          const r = await mine.call(row.tool, { ...base, [name]: id });
          const raw = JSON.stringify(r);
          const code = errorCode(r);
          if (code !== 'not_found') failures.push(`${row.tool} ${name}=${id}: expected not_found, got ${code ?? 'success'}: ${raw.slice(0, 600)}`);
          const leaked = leaks(raw, id);
          if (leaked.length) failures.push(`${row.tool} ${name}=${id}: response contains ${leaked.join(', ')}`);
        }
      }
      // Control: the same call with the caller's own ids only succeeds, so the not_found above came from the foreign id.
      const control = await mine.call(row.tool, base);
      if (control.isError) failures.push(`${row.tool} control with own ids failed: ${JSON.stringify(control).slice(0, 600)}`);
      expect(failures).toEqual([]);
    },
  );
});
