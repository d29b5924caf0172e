import { beforeAll, describe, expect, it } from '@jest/globals';
import { activityCount } from '../support/db-state.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { addLine, draftWithLine, getInvoice, invoicesInEveryState, issue, message, newClient, pay, type Invoice, type InvoiceSummary } from '../support/invoices.js';

type State = 'draft' | 'issued' | 'paid' | 'void';
const states: State[] = ['draft', 'issued', 'paid', 'void'];

/**
 * Every invoicing tool against an invoice in each state. A refusal is a conflict that says what
 * the invoice is, and writes nothing: the activity count and the invoice's revision stay.
 */
describe('the invoice state machine', () => {
  let owner: Member;
  let clientId: string;
  let fixed: Record<State, Invoice>;
  beforeAll(async () => {
    owner = await createBusiness('State Machine Co', { currency: 'USD', timeZone: 'UTC' });
    clientId = await newClient(owner, { name: 'Stately' });
    fixed = await invoicesInEveryState(owner, clientId);
  });

  const changes: [string, (inv: Invoice) => Record<string, unknown>][] = [
    ['update_draft_invoice', (inv) => ({ invoice_id: inv.id, notes: 'changed' })],
    ['add_invoice_line', (inv) => ({ invoice_id: inv.id, description: 'More', quantity: 1, unit_amount: 100 })],
    ['remove_invoice_line', (inv) => ({ invoice_id: inv.id, line_id: inv.lines[0]!.id })],
    ['delete_draft_invoice', (inv) => ({ invoice_id: inv.id })],
    ['issue_invoice', (inv) => ({ invoice_id: inv.id })],
  ];

  it('the fixtures are in the states they claim', () => {
    expect(states.map((s) => fixed[s].status)).toEqual(states);
    expect(fixed.void).toMatchObject({ void_reason: 'Sent to the wrong client', number: expect.stringMatching(/^INV-/) });
    expect(fixed.paid.totals.balance_amount).toBe(0);
  });

  it.each(states)('get_invoice and list_invoices show a %s invoice', async (state) => {
    const inv = fixed[state];
    expect(await getInvoice(owner, inv.id)).toMatchObject({ id: inv.id, status: state });
    const listed = structured<{ items: InvoiceSummary[] }>(await owner.call('list_invoices', { status: state, limit: 100 })).items;
    expect(listed.map((i) => i.id)).toContain(inv.id);
  });

  describe.each(changes)('%s', (tool, args) => {
    it('changes a draft', async () => {
      const d = await draftWithLine(owner, clientId);
      const r = await owner.call(tool, args(d));
      expect(r.isError).toBeFalsy();
    });

    it.each(['issued', 'paid', 'void'] as const)('refuses a %s invoice and writes nothing', async (state) => {
      const inv = fixed[state];
      const before = await activityCount(owner.businessId);
      const revision = (await getInvoice(owner, inv.id)).revision;
      const r = await owner.call(tool, args(inv));
      expect(errorCode(r)).toBe('conflict');
      expect(message(r)).toContain(inv.id);
      expect(message(r)).toContain(state);
      if (tool !== 'issue_invoice') expect(message(r)).toContain('only drafts can be edited');
      expect(await activityCount(owner.businessId)).toBe(before);
      expect((await getInvoice(owner, inv.id)).revision).toBe(revision);
    });
  });

  describe('mark_invoice_paid', () => {
    it('records a payment on an issued invoice', async () => {
      const inv = await issue(owner, (await draftWithLine(owner, clientId)).id);
      expect((await pay(owner, inv.id, { amount: 1 })).totals.paid_amount).toBe(1);
    });

    it.each(['draft', 'paid', 'void'] as const)('refuses a %s invoice and writes nothing', async (state) => {
      const inv = fixed[state];
      const before = await activityCount(owner.businessId);
      const r = await owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: 1 });
      expect(errorCode(r)).toBe('conflict');
      expect(message(r)).toContain(inv.id);
      expect(await activityCount(owner.businessId)).toBe(before);
    });
  });

  describe('void_invoice', () => {
    it('voids an issued invoice, keeping its number, lines and totals', async () => {
      const inv = await issue(owner, (await draftWithLine(owner, clientId, 4321)).id);
      const r = structured<{ invoice: Invoice; released_entries: number }>(await owner.call('void_invoice', { invoice_id: inv.id, reason: 'Duplicate' }));
      expect(r.invoice).toMatchObject({ status: 'void', number: inv.number, void_reason: 'Duplicate', overdue: false, totals: { total_amount: 4321 } });
      expect(r.invoice.lines).toHaveLength(1);
      expect(r.released_entries).toBe(0);
    });

    it('voids a partly paid invoice; its payments stay on record', async () => {
      const inv = await issue(owner, (await draftWithLine(owner, clientId, 1000)).id);
      await pay(owner, inv.id, { amount: 400, method: 'card' });
      const r = structured<{ invoice: Invoice }>(await owner.call('void_invoice', { invoice_id: inv.id, reason: 'Client disputes the rest' }));
      expect(r.invoice).toMatchObject({ status: 'void', totals: { paid_amount: 400, balance_amount: 600 } });
      expect(r.invoice.payments).toHaveLength(1);
    });

    it.each(['draft', 'paid', 'void'] as const)('refuses a %s invoice and writes nothing', async (state) => {
      const inv = fixed[state];
      const before = await activityCount(owner.businessId);
      const r = await owner.call('void_invoice', { invoice_id: inv.id, reason: 'Again' });
      expect(errorCode(r)).toBe('conflict');
      expect(message(r)).toContain(inv.id);
      expect(message(r)).toMatch(state === 'draft' ? /delete_draft_invoice/ : state === 'paid' ? /paid in full/ : /already void/);
      expect(await activityCount(owner.businessId)).toBe(before);
    });
  });

  it('a voided number is never reused: the next issue takes the following number', async () => {
    const biz = await createBusiness('Numbers Stay', { currency: 'USD', timeZone: 'UTC' });
    const c = await newClient(biz);
    const first = await issue(biz, (await draftWithLine(biz, c)).id);
    structured(await biz.call('void_invoice', { invoice_id: first.id, reason: 'Wrong amount' }));
    const second = await issue(biz, (await draftWithLine(biz, c)).id);
    expect([first.number, second.number]).toEqual(['INV-0001', 'INV-0002']);
  });

  it('a draft can be changed again and again until it is issued', async () => {
    const d = await draftWithLine(owner, clientId);
    await addLine(owner, d.id, { unit_amount: 50 });
    structured(await owner.call('update_draft_invoice', { invoice_id: d.id, po_number: 'PO-9' }));
    const issued = await issue(owner, d.id);
    expect(issued).toMatchObject({ po_number: 'PO-9', line_count: 2, status: 'issued' });
    expect(errorCode(await owner.call('update_draft_invoice', { invoice_id: d.id, po_number: 'PO-10' }))).toBe('conflict');
  });
});
