import { beforeAll, describe, expect, it } from '@jest/globals';
import { activityCount } from '../support/db-state.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { addLine, draft, getInvoice, issue, message, newClient, pay, type Invoice, type InvoiceSummary } from '../support/invoices.js';
import { db } from '../../shared/db/service.js';
import { addDays, todayIn } from '../../shared/time/zone.js';

const zone = 'Australia/Brisbane';

describe('drafts', () => {
  let owner: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Draft Works', { currency: 'EUR', timeZone: zone });
    clientId = await newClient(owner, {
      name: 'Fabrikam',
      currency: 'AUD',
      email: 'ap@fabrikam.test',
      tax_id: 'ABN 11 222 333 444',
      address: { line1: '1 Queen St', city: 'Brisbane', country: 'AU' },
    });
  });

  it('create_draft_invoice: no number, the client’s currency, the business’s terms, empty totals, who it bills', async () => {
    const r = structured<{ invoice: Invoice; acted_on: { business_id: string; user_id: string } }>(
      await owner.call('create_draft_invoice', { client_id: clientId, notes: 'Thanks for your business', po_number: 'PO-77' }),
    );
    expect(r.acted_on).toMatchObject({ business_id: owner.businessId, user_id: owner.userId });
    expect(r.invoice).toMatchObject({
      number: null,
      status: 'draft',
      overdue: false,
      client_id: clientId,
      client_name: 'Fabrikam',
      currency: 'AUD',
      issue_date: null,
      due_date: null,
      payment_terms_days: 30,
      notes: 'Thanks for your business',
      po_number: 'PO-77',
      line_count: 0,
      revision: 1,
      lines: [],
      payments: [],
      tax_groups: [],
      linked_time: { entries: 0, minutes: 0 },
      bill_to: { name: 'Fabrikam', email: 'ap@fabrikam.test', tax_id: 'ABN 11 222 333 444', address: { line1: '1 Queen St', city: 'Brisbane', country: 'AU' } },
      seller: null,
    });
    expect(r.invoice.id).toMatch(/^inv_/);
    expect(r.invoice.totals).toMatchObject({ subtotal_amount: 0, tax_amount: 0, total_amount: 0, paid_amount: 0, balance_amount: 0, total_formatted: 'A$0.00' });
  });

  it('create_draft_invoice refuses another currency than the client’s, both due_date and terms, and an archived client', async () => {
    const before = await activityCount(owner.businessId);
    const other = await owner.call('create_draft_invoice', { client_id: clientId, currency: 'USD' });
    expect(errorCode(other)).toBe('invalid_input');
    expect(message(other)).toContain('AUD');
    expect(errorCode(await owner.call('create_draft_invoice', { client_id: clientId, due_date: '2030-01-01', payment_terms_days: 10 }))).toBe('invalid_input');
    const archived = await newClient(owner, { name: 'Gone Ltd' });
    structured(await owner.call('archive_client', { client_id: archived }));
    const afterArchive = await activityCount(owner.businessId);
    const r = await owner.call('create_draft_invoice', { client_id: archived });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toMatch(/archived/);
    expect(before + 2).toBe(afterArchive);
    expect(await activityCount(owner.businessId)).toBe(afterArchive);
  });

  it('update_draft_invoice: due_date and terms replace each other, null clears notes, revision grows', async () => {
    const d = await draft(owner, clientId, { notes: 'n' });
    const u1 = structured<{ invoice: Invoice }>(await owner.call('update_draft_invoice', { invoice_id: d.id, due_date: '2031-05-01', po_number: 'PO-1' })).invoice;
    expect(u1).toMatchObject({ due_date: '2031-05-01', payment_terms_days: null, po_number: 'PO-1', notes: 'n', revision: 2 });
    const u2 = structured<{ invoice: Invoice }>(await owner.call('update_draft_invoice', { invoice_id: d.id, payment_terms_days: 14, notes: null })).invoice;
    expect(u2).toMatchObject({ due_date: null, payment_terms_days: 14, notes: null, po_number: 'PO-1', revision: 3 });
    expect(await getInvoice(owner, d.id)).toMatchObject({ due_date: null, payment_terms_days: 14, notes: null, revision: 3 });
    expect(errorCode(await owner.call('update_draft_invoice', { invoice_id: d.id }))).toBe('invalid_input');
  });

  it('create_draft_invoice with an idempotency_key creates one draft; other arguments with the key are a conflict', async () => {
    const args = { client_id: clientId, notes: 'once', idempotency_key: 'draft-once-0001' };
    const [a, b] = await Promise.all([owner.call('create_draft_invoice', args), owner.call('create_draft_invoice', args)]);
    const c = await owner.call('create_draft_invoice', args);
    const ids = [a, b, c].map((r) => structured<{ invoice: Invoice }>(r).invoice.id);
    expect(new Set(ids).size).toBe(1);
    expect(errorCode(await owner.call('create_draft_invoice', { ...args, notes: 'twice' }))).toBe('conflict');
  });
});

describe('lines and totals', () => {
  let owner: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Line Works', { currency: 'USD', timeZone: 'UTC' });
    clientId = await newClient(owner, { name: 'Line Client' });
  });

  it('add_invoice_line: amount = quantity × unit rounded half-up once, positions grow, totals follow, revision grows', async () => {
    const d = await draft(owner, clientId);
    const first = await addLine(owner, d.id, { description: 'Workshop', quantity: 2.5, unit_amount: 12345, tax_rate_bps: 1000 });
    expect(first.line).toMatchObject({ kind: 'manual', description: 'Workshop', quantity: 2.5, unit_amount: 12345, amount: 30863, amount_formatted: '$308.63', tax_rate_bps: 1000, position: 1, entry_count: 0 });
    const second = await addLine(owner, d.id, { description: 'Discount', quantity: 1, unit_amount: -863, tax_rate_bps: 1000 });
    expect(second.line).toMatchObject({ amount: -863, position: 2 });
    expect(second.invoice.totals).toMatchObject({ subtotal_amount: 30000, tax_amount: 3000, total_amount: 33000, balance_amount: 33000, total_formatted: '$330.00' });
    expect(second.invoice.tax_groups).toEqual([{ rate_bps: 1000, net_amount: 30000, net_formatted: '$300.00', tax_amount: 3000, tax_formatted: '$30.00' }]);
    expect(second.invoice).toMatchObject({ line_count: 2, revision: 3 });
    const got = await getInvoice(owner, d.id);
    expect(got.lines.map((l) => l.description)).toEqual(['Workshop', 'Discount']);
    expect(got.totals.total_amount).toBe(33000);
  });

  it('tax_rate_bps defaults to the business default rate, else 0', async () => {
    const d = await draft(owner, clientId);
    expect((await addLine(owner, d.id)).line.tax_rate_bps).toBe(0);
    await db.entities.business.patch({ businessId: owner.businessId }).set({ defaultTaxRateBps: 825 }).go();
    const r = await addLine(owner, d.id, { unit_amount: 10000 });
    expect(r.line.tax_rate_bps).toBe(825);
    expect(r.invoice.totals).toMatchObject({ subtotal_amount: 20000, tax_amount: 825, total_amount: 20825 });
    await db.entities.business.patch({ businessId: owner.businessId }).remove(['defaultTaxRateBps']).go();
  });

  it('concurrent add_invoice_line calls all land and the totals count every line', async () => {
    const d = await draft(owner, clientId);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => owner.call('add_invoice_line', { invoice_id: d.id, description: `L${i}`, quantity: 1, unit_amount: 100 + i })));
    for (const r of results) structured(r);
    const got = await getInvoice(owner, d.id);
    expect(got.lines).toHaveLength(8);
    expect(new Set(got.lines.map((l) => l.position)).size).toBe(8);
    expect(got.totals.total_amount).toBe(8 * 100 + 28);
    expect(got.line_count).toBe(8);
  });

  it('add_invoice_line with an idempotency_key adds one line', async () => {
    const d = await draft(owner, clientId);
    const args = { invoice_id: d.id, description: 'Keyed', quantity: 3, unit_amount: 500, idempotency_key: 'line-key-000001' };
    const a = structured<{ line: { id: string } }>(await owner.call('add_invoice_line', args));
    const b = structured<{ line: { id: string } }>(await owner.call('add_invoice_line', args));
    expect(b.line.id).toBe(a.line.id);
    expect((await getInvoice(owner, d.id)).lines).toHaveLength(1);
  });

  it('remove_invoice_line takes a manual line off and recomputes the totals', async () => {
    const d = await draft(owner, clientId);
    const a = await addLine(owner, d.id, { unit_amount: 1000 });
    await addLine(owner, d.id, { unit_amount: 2500 });
    const r = structured<{ invoice: Invoice; removed: { id: string }; released_entries: number }>(await owner.call('remove_invoice_line', { invoice_id: d.id, line_id: a.line.id }));
    expect(r.removed.id).toBe(a.line.id);
    expect(r.released_entries).toBe(0);
    expect(r.invoice.totals.total_amount).toBe(2500);
    expect(r.invoice.lines).toHaveLength(1);
    expect((await getInvoice(owner, d.id)).totals.total_amount).toBe(2500);
    const again = await owner.call('remove_invoice_line', { invoice_id: d.id, line_id: a.line.id });
    expect(errorCode(again)).toBe('not_found');
  });

  it('delete_draft_invoice removes the draft and its lines', async () => {
    const d = await draft(owner, clientId);
    await addLine(owner, d.id);
    await addLine(owner, d.id);
    const r = structured<{ deleted: { id: string; line_count: number } }>(await owner.call('delete_draft_invoice', { invoice_id: d.id }));
    expect(r.deleted).toMatchObject({ id: d.id, line_count: 2 });
    expect(errorCode(await owner.call('get_invoice', { invoice_id: d.id }))).toBe('not_found');
    const left = await db.entities.invoiceLine.query.byInvoice({ businessId: owner.businessId, invoiceId: d.id }).go();
    expect(left.data).toEqual([]);
  });
});

describe('issue_invoice', () => {
  let owner: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Issue Works', { currency: 'USD', timeZone: zone });
    clientId = await newClient(owner, { name: 'Contoso', email: 'pay@contoso.test' });
  });

  it('assigns INV-0001, then INV-0002; issue date today in the business zone, due from the terms; locks the invoice', async () => {
    const today = todayIn(zone);
    const d1 = await draft(owner, clientId, { payment_terms_days: 14 });
    await addLine(owner, d1.id, { unit_amount: 4200 });
    const i1 = await issue(owner, d1.id, { expected_total_amount: 4200 });
    expect(i1).toMatchObject({ number: 'INV-0001', status: 'issued', issue_date: today, due_date: addDays(today, 14), overdue: false });
    expect(i1.seller).toMatchObject({ name: 'Issue Works' });
    expect(i1.revision).toBeGreaterThan(2);
    const d2 = await draft(owner, clientId, { due_date: addDays(today, 3) });
    await addLine(owner, d2.id);
    expect(await issue(owner, d2.id)).toMatchObject({ number: 'INV-0002', due_date: addDays(today, 3) });
    const listed = structured<{ items: InvoiceSummary[] }>(await owner.call('list_invoices', { status: 'issued' })).items;
    expect(listed.map((i) => i.number)).toEqual(['INV-0002', 'INV-0001']);
  });

  it('the business prefix and an explicit issue date and due date are used', async () => {
    const biz = await createBusiness('Prefix Co', { currency: 'USD', timeZone: 'UTC' });
    await db.entities.business.patch({ businessId: biz.businessId }).set({ invoicePrefix: 'PC-', paymentTermsDays: 7 }).go();
    const c = await newClient(biz);
    const d = await draft(biz, c);
    expect(d.payment_terms_days).toBe(7);
    await addLine(biz, d.id);
    expect(await issue(biz, d.id, { issue_date: '2025-03-01', due_date: '2025-04-15' })).toMatchObject({ number: 'PC-0001', issue_date: '2025-03-01', due_date: '2025-04-15' });
  });

  it('refuses an empty draft, a changed total, a future issue date and a due date before the issue date, writing nothing', async () => {
    const empty = await draft(owner, clientId);
    const before = await activityCount(owner.businessId);
    const r = await owner.call('issue_invoice', { invoice_id: empty.id });
    expect(errorCode(r)).toBe('conflict');
    expect(message(r)).toMatch(/no lines/);
    await addLine(owner, empty.id, { unit_amount: 999 });
    const afterLine = await activityCount(owner.businessId);
    const wrong = await owner.call('issue_invoice', { invoice_id: empty.id, expected_total_amount: 1000 });
    expect(errorCode(wrong)).toBe('conflict');
    expect(message(wrong)).toContain('999');
    expect(message(wrong)).toContain('1000');
    const future = await owner.call('issue_invoice', { invoice_id: empty.id, issue_date: addDays(todayIn(zone), 2) });
    expect(errorCode(future)).toBe('invalid_input');
    const dueBefore = await owner.call('issue_invoice', { invoice_id: empty.id, issue_date: '2025-01-10', due_date: '2025-01-09' });
    expect(errorCode(dueBefore)).toBe('invalid_input');
    expect(afterLine).toBe(before + 1);
    expect(await activityCount(owner.businessId)).toBe(afterLine);
    expect((await getInvoice(owner, empty.id)).status).toBe('draft');
  });

  it('with an idempotency_key issues once and answers the same number again', async () => {
    const d = await draft(owner, clientId);
    await addLine(owner, d.id);
    const args = { invoice_id: d.id, idempotency_key: 'issue-key-00001' };
    const [a, b] = await Promise.all([owner.call('issue_invoice', args), owner.call('issue_invoice', args)]);
    const numbers = [a, b].map((r) => structured<{ invoice: Invoice }>(r).invoice.number);
    expect(numbers[0]).toBe(numbers[1]);
    const again = await owner.call('issue_invoice', { invoice_id: d.id });
    expect(errorCode(again)).toBe('conflict');
    expect(message(again)).toContain(numbers[0]!);
  });

  it('freezes who it bills: renaming the client later changes the draft’s future but not the issued invoice', async () => {
    const c = await newClient(owner, { name: 'Old Name Pty' });
    const d = await draft(owner, c);
    await addLine(owner, d.id);
    structured(await owner.call('update_client', { client_id: c, name: 'Renamed Before Issue' }));
    const issued = await issue(owner, d.id);
    expect(issued).toMatchObject({ client_name: 'Renamed Before Issue', bill_to: { name: 'Renamed Before Issue' } });
    structured(await owner.call('update_client', { client_id: c, name: 'Renamed After Issue', tax_id: 'NEW-TAX' }));
    expect(await getInvoice(owner, d.id)).toMatchObject({ client_name: 'Renamed Before Issue', bill_to: { name: 'Renamed Before Issue', tax_id: null } });
  });

  it('a total of zero is issued as paid; a negative total is refused', async () => {
    const d = await draft(owner, clientId);
    await addLine(owner, d.id, { unit_amount: 500 });
    await addLine(owner, d.id, { unit_amount: -500 });
    expect(await issue(owner, d.id)).toMatchObject({ status: 'paid', totals: { total_amount: 0, balance_amount: 0 } });
    const n = await draft(owner, clientId);
    await addLine(owner, n.id, { unit_amount: -1 });
    expect(errorCode(await owner.call('issue_invoice', { invoice_id: n.id }))).toBe('conflict');
  });

  it('overdue: issued, unpaid and past due in the business time zone; list_invoices filters it', async () => {
    const biz = await createBusiness('Overdue Co', { currency: 'USD', timeZone: zone });
    const c = await newClient(biz);
    const late = await draft(biz, c);
    await addLine(biz, late.id);
    const lateIssued = await issue(biz, late.id, { issue_date: '2025-01-01', due_date: '2025-01-31' });
    expect(lateIssued.overdue).toBe(true);
    expect(lateIssued.days_overdue).toBeGreaterThan(300);
    const onTime = await draft(biz, c);
    await addLine(biz, onTime.id);
    await issue(biz, onTime.id);
    const paidLate = await draft(biz, c);
    await addLine(biz, paidLate.id);
    await issue(biz, paidLate.id, { issue_date: '2025-01-01', due_date: '2025-01-02' });
    expect((await pay(biz, paidLate.id)).overdue).toBe(false);
    const overdue = structured<{ items: InvoiceSummary[] }>(await biz.call('list_invoices', { status: 'overdue' })).items;
    expect(overdue.map((i) => i.id)).toEqual([late.id]);
    const all = structured<{ items: InvoiceSummary[] }>(await biz.call('list_invoices', {})).items;
    expect(all).toHaveLength(3);
    expect(all.find((i) => i.id === late.id)?.overdue).toBe(true);
  });
});

describe('list_invoices', () => {
  let owner: Member;
  let a: string;
  let b: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    owner = await createBusiness('List Works', { currency: 'USD', timeZone: 'UTC' });
    a = await newClient(owner, { name: 'Alpha' });
    b = await newClient(owner, { name: 'Beta' });
    for (const [name, client, issueDate] of [
      ['a1', a, '2025-01-15'],
      ['a2', a, '2025-02-15'],
      ['b1', b, '2025-02-20'],
    ] as const) {
      const d = await draft(owner, client);
      await addLine(owner, d.id);
      await issue(owner, d.id, { issue_date: issueDate, due_date: '2099-01-01' });
      ids[name] = d.id;
    }
    await pay(owner, ids.a2!);
    ids.draftA = (await draft(owner, a)).id;
  });

  const list = async (args: Record<string, unknown>) => structured<{ items: InvoiceSummary[]; next_cursor: string | null }>(await owner.call('list_invoices', args));

  it('filters by status, client and issue dates, newest first', async () => {
    expect((await list({})).items.map((i) => i.id)).toEqual([ids.draftA, ids.b1, ids.a2, ids.a1]);
    expect((await list({ status: 'draft' })).items.map((i) => i.id)).toEqual([ids.draftA]);
    expect((await list({ status: 'paid' })).items.map((i) => i.id)).toEqual([ids.a2]);
    expect((await list({ status: 'issued' })).items.map((i) => i.id)).toEqual([ids.b1, ids.a1]);
    expect((await list({ client_id: a })).items.map((i) => i.id)).toEqual([ids.draftA, ids.a2, ids.a1]);
    expect((await list({ client_id: a, status: 'issued' })).items.map((i) => i.id)).toEqual([ids.a1]);
    expect((await list({ from: '2025-02-01', to: '2025-02-28' })).items.map((i) => i.id)).toEqual([ids.b1, ids.a2]);
    expect((await list({ to: '2025-01-15' })).items.map((i) => i.id)).toEqual([ids.a1]);
    expect((await list({ status: 'void' })).items).toEqual([]);
  });

  it('pages with sealed cursors', async () => {
    const first = await list({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await list({ limit: 2, cursor: first.next_cursor });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([ids.draftA, ids.b1, ids.a2, ids.a1]);
    expect(errorCode(await owner.call('list_invoices', { limit: 2, status: 'issued', cursor: first.next_cursor }))).toBe('invalid_input');
  });

  it('an unknown client is not_found; to before from is invalid', async () => {
    expect(errorCode(await owner.call('list_invoices', { client_id: 'cli_01JAAAAAAAAAAAAAAAAAAAAAAA' }))).toBe('not_found');
    expect(errorCode(await owner.call('list_invoices', { from: '2025-03-01', to: '2025-02-01' }))).toBe('invalid_input');
  });
});
