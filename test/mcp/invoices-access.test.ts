import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { activityCount } from '../support/db-state.js';
import { addMember, createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { draftWithLine, getInvoice, invoicesInEveryState, issue, message, newClient, type Invoice } from '../support/invoices.js';

const invoiceTools = [
  'list_invoices',
  'get_invoice',
  'create_draft_invoice',
  'update_draft_invoice',
  'add_invoice_line',
  'remove_invoice_line',
  'delete_draft_invoice',
  'issue_invoice',
  'mark_invoice_paid',
  'void_invoice',
];
const readTools = new Set(['list_invoices', 'get_invoice']);

/** Arguments that would succeed for each tool on `inv` (a draft with one line, or an issued invoice for payments and voiding). */
function argsFor(tool: string, ids: { clientId: string; draft: Invoice; issued: Invoice }): Record<string, unknown> {
  const { clientId, draft, issued } = ids;
  switch (tool) {
    case 'list_invoices':
      return { client_id: clientId };
    case 'get_invoice':
    case 'delete_draft_invoice':
    case 'issue_invoice':
      return { invoice_id: draft.id };
    case 'create_draft_invoice':
      return { client_id: clientId };
    case 'update_draft_invoice':
      return { invoice_id: draft.id, notes: 'x' };
    case 'add_invoice_line':
      return { invoice_id: draft.id, description: 'x', quantity: 1, unit_amount: 1 };
    case 'remove_invoice_line':
      return { invoice_id: draft.id, line_id: draft.lines[0]!.id };
    case 'mark_invoice_paid':
      return { invoice_id: issued.id };
    case 'void_invoice':
      return { invoice_id: issued.id, reason: 'x' };
    default:
      throw new Error(tool);
  }
}

describe('invoicing: tenancy', () => {
  let mine: Member;
  let theirs: Member;
  let their: { clientId: string; draft: Invoice; issued: Invoice };
  const secrets = ['Globex Secret Client', 'globex-po-secret', 'Globex Invoicing'];

  beforeAll(async () => {
    mine = await createBusiness('Initech Invoicing');
    theirs = await createBusiness('Globex Invoicing');
    const clientId = await newClient(theirs, { name: 'Globex Secret Client' });
    const draft = await draftWithLine(theirs, clientId);
    structured(await theirs.call('update_draft_invoice', { invoice_id: draft.id, po_number: 'globex-po-secret' }));
    const issued = await issue(theirs, (await draftWithLine(theirs, clientId)).id);
    their = { clientId, draft: await getInvoice(theirs, draft.id), issued };
  });

  it.each(invoiceTools)('%s with the other business’s ids is not_found, reveals nothing and writes nothing', async (tool) => {
    const before = await activityCount(mine.businessId);
    const theirsBefore = await activityCount(theirs.businessId);
    const r = await mine.call(tool, argsFor(tool, their));
    expect(errorCode(r)).toBe('not_found');
    const raw = JSON.stringify(r);
    for (const s of [...secrets, theirs.businessId, theirs.userId]) expect(raw).not.toContain(s);
    expect(await activityCount(mine.businessId)).toBe(before);
    expect(await activityCount(theirs.businessId)).toBe(theirsBefore);
  });

  it('an invoice id of one business and a client id of another are not mixed up', async () => {
    const mineClient = await newClient(mine);
    const mineDraft = await draftWithLine(mine, mineClient);
    expect(errorCode(await mine.call('remove_invoice_line', { invoice_id: mineDraft.id, line_id: their.draft.lines[0]!.id }))).toBe('not_found');
    expect(errorCode(await mine.call('list_invoices', { client_id: their.clientId }))).toBe('not_found');
  });

  it('list_invoices never shows the other business’s invoices', async () => {
    for (const status of ['all', 'draft', 'issued', 'paid', 'void', 'overdue']) {
      const raw = JSON.stringify(await mine.call('list_invoices', { status, limit: 100 }));
      expect(raw).not.toContain(their.draft.id);
      expect(raw).not.toContain(their.issued.id);
    }
  });

  it('the other business’s invoices are unchanged', async () => {
    expect(await getInvoice(theirs, their.draft.id)).toMatchObject({ status: 'draft', po_number: 'globex-po-secret', revision: their.draft.revision, line_count: 1 });
    expect(await getInvoice(theirs, their.issued.id)).toMatchObject({ status: 'issued', totals: { paid_amount: 0 } });
  });
});

describe('invoicing: roles and scopes', () => {
  let owner: Member;
  let admin: Member;
  let member: Member;
  let readOnly: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Roles Invoicing');
    admin = await addMember(owner, 'admin');
    member = await addMember(owner, 'member');
    readOnly = await addMember(owner, 'admin', 'clerq:read');
    clientId = await newClient(owner, { name: 'Role Client' });
  });

  it.each(invoiceTools)('a member cannot %s: members cannot see invoices', async (tool) => {
    const draft = await draftWithLine(owner, clientId);
    const issued = await issue(owner, (await draftWithLine(owner, clientId)).id);
    const before = await activityCount(owner.businessId);
    const r = await member.call(tool, argsFor(tool, { clientId, draft, issued }));
    expect(errorCode(r)).toBe('forbidden');
    expect(message(r)).toMatch(/Members cannot see invoices/);
    expect(JSON.stringify(r)).not.toContain(draft.id);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it.each(invoiceTools)('an admin can %s', async (tool) => {
    const draft = await draftWithLine(owner, clientId);
    const issued = await issue(owner, (await draftWithLine(owner, clientId)).id);
    const r = await admin.call(tool, argsFor(tool, { clientId, draft, issued }));
    expect(r.isError).toBeFalsy();
    if (!readTools.has(tool)) expect((r.structuredContent as { acted_on: { user_id: string } }).acted_on.user_id).toBe(admin.userId);
  });

  it('a read-only connection reads invoices, and every write tool says how to reconnect, writing nothing', async () => {
    const all = await invoicesInEveryState(owner, clientId);
    const draft = await draftWithLine(owner, clientId);
    const ids = { clientId, draft, issued: all.issued };
    for (const tool of readTools) expect((await readOnly.call(tool, argsFor(tool, ids))).isError).toBeFalsy();
    const before = await activityCount(owner.businessId);
    for (const tool of invoiceTools.filter((t) => !readTools.has(t))) {
      const r = await readOnly.call(tool, argsFor(tool, ids));
      expect(errorCode(r)).toBe('read_only');
      expect(message(r)).toMatch(/connect again/);
    }
    expect(await activityCount(owner.businessId)).toBe(before);
    expect((await getInvoice(owner, draft.id)).revision).toBe(draft.revision);
  });

  it('the tools carry annotations: reads are read-only, removing, deleting and voiding are destructive', async () => {
    const { body } = await owner.rpc('tools/list');
    const tools = new Map((body.result as { tools: Tool[] }).tools.map((t) => [t.name, t]));
    for (const name of invoiceTools) {
      expect(tools.get(name)?.annotations?.readOnlyHint).toBe(readTools.has(name));
      expect(tools.get(name)?.annotations?.destructiveHint).toBe(['remove_invoice_line', 'delete_draft_invoice', 'void_invoice'].includes(name));
    }
    for (const name of ['create_draft_invoice', 'add_invoice_line', 'issue_invoice', 'mark_invoice_paid']) {
      expect(JSON.stringify(tools.get(name)?.inputSchema)).toContain('idempotency_key');
    }
  });
});

describe('invoicing: bad input is refused with the field named, and nothing is written', () => {
  let owner: Member;
  let ids: { clientId: string; draft: Invoice; issued: Invoice };
  beforeAll(async () => {
    owner = await createBusiness('Strict Invoicing');
    const clientId = await newClient(owner);
    ids = { clientId, draft: await draftWithLine(owner, clientId), issued: await issue(owner, (await draftWithLine(owner, clientId)).id) };
  });

  const long = (n: number) => 'x'.repeat(n);
  const cases: [string, string, () => Record<string, unknown>, string][] = [
    ['list_invoices', 'an unknown status', () => ({ status: 'late' }), 'status'],
    ['list_invoices', 'a limit above 100', () => ({ limit: 101 }), 'limit'],
    ['list_invoices', 'a date that does not exist', () => ({ from: '2025-02-30' }), 'from'],
    ['list_invoices', 'a forged cursor', () => ({ cursor: 'abc.def' }), 'cursor'],
    ['get_invoice', 'a client id for an invoice id', () => ({ invoice_id: ids.clientId }), 'invoice_id'],
    ['get_invoice', 'no id', () => ({}), 'invoice_id'],
    ['create_draft_invoice', 'no client', () => ({}), 'client_id'],
    ['create_draft_invoice', 'an unknown currency', () => ({ client_id: ids.clientId, currency: 'XYZ' }), 'currency'],
    ['create_draft_invoice', 'terms above 365 days', () => ({ client_id: ids.clientId, payment_terms_days: 366 }), 'payment_terms_days'],
    ['create_draft_invoice', 'oversized notes', () => ({ client_id: ids.clientId, notes: long(5001) }), 'notes'],
    ['create_draft_invoice', 'an oversized PO number', () => ({ client_id: ids.clientId, po_number: long(101) }), 'po_number'],
    ['create_draft_invoice', 'a misspelt field', () => ({ client_id: ids.clientId, dueDate: '2030-01-01' }), '(arguments)'],
    ['update_draft_invoice', 'a bad due date', () => ({ invoice_id: ids.draft.id, due_date: '2025-13-01' }), 'due_date'],
    ['update_draft_invoice', 'negative terms', () => ({ invoice_id: ids.draft.id, payment_terms_days: -1 }), 'payment_terms_days'],
    ['update_draft_invoice', 'a number', () => ({ invoice_id: ids.draft.id, number: 'INV-9999' }), '(arguments)'],
    ['add_invoice_line', 'no description', () => ({ invoice_id: ids.draft.id, quantity: 1, unit_amount: 1 }), 'description'],
    ['add_invoice_line', 'four decimals', () => ({ invoice_id: ids.draft.id, description: 'x', quantity: 0.0001, unit_amount: 1 }), 'quantity'],
    ['add_invoice_line', 'a fractional unit amount', () => ({ invoice_id: ids.draft.id, description: 'x', quantity: 1, unit_amount: 0.5 }), 'unit_amount'],
    ['add_invoice_line', 'a tax rate above 100%', () => ({ invoice_id: ids.draft.id, description: 'x', quantity: 1, unit_amount: 1, tax_rate_bps: 10001 }), 'tax_rate_bps'],
    ['add_invoice_line', 'a short idempotency key', () => ({ invoice_id: ids.draft.id, description: 'x', quantity: 1, unit_amount: 1, idempotency_key: 'k' }), 'idempotency_key'],
    ['remove_invoice_line', 'an invoice id for a line id', () => ({ invoice_id: ids.draft.id, line_id: ids.draft.id }), 'line_id'],
    ['delete_draft_invoice', 'an id of the wrong type', () => ({ invoice_id: 42 }), 'invoice_id'],
    ['issue_invoice', 'a fractional expected total', () => ({ invoice_id: ids.draft.id, expected_total_amount: 10.5 }), 'expected_total_amount'],
    ['issue_invoice', 'a bad issue date', () => ({ invoice_id: ids.draft.id, issue_date: 'today' }), 'issue_date'],
    ['mark_invoice_paid', 'a zero amount', () => ({ invoice_id: ids.issued.id, amount: 0 }), 'amount'],
    ['mark_invoice_paid', 'a bad date', () => ({ invoice_id: ids.issued.id, paid_on: '2025-02-29' }), 'paid_on'],
    ['void_invoice', 'no reason', () => ({ invoice_id: ids.issued.id }), 'reason'],
    ['void_invoice', 'a blank reason', () => ({ invoice_id: ids.issued.id, reason: '   ' }), 'reason'],
    ['void_invoice', 'an oversized reason', () => ({ invoice_id: ids.issued.id, reason: long(501) }), 'reason'],
  ];

  it.each(cases)('%s with %s', async (tool, _what, args, field) => {
    const before = await activityCount(owner.businessId);
    const r = await owner.call(tool, args());
    expect(errorCode(r)).toBe('invalid_input');
    expect(message(r)).toContain(`${field}:`);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('the invoices are unchanged after all of that', async () => {
    expect(await getInvoice(owner, ids.draft.id)).toMatchObject({ status: 'draft', revision: ids.draft.revision, line_count: 1 });
    expect(await getInvoice(owner, ids.issued.id)).toMatchObject({ status: 'issued', totals: { paid_amount: 0 } });
  });
});
