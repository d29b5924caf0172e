import { beforeAll, describe, expect, it } from '@jest/globals';
import { activityCount } from '../support/db-state.js';
import { createBusiness, errorCode, structured, type Member } from '../support/tenant.js';
import { draftWithLine, getInvoice, issue, message, newClient, pay, type Invoice } from '../support/invoices.js';
import { addDays, todayIn } from '../../shared/time/zone.js';

const zone = 'Pacific/Auckland';

describe('mark_invoice_paid', () => {
  let owner: Member;
  let clientId: string;
  beforeAll(async () => {
    owner = await createBusiness('Payments Co', { currency: 'USD', timeZone: zone });
    clientId = await newClient(owner, { name: 'Payer' });
  });

  const issued = async (amount: number) => issue(owner, (await draftWithLine(owner, clientId, amount)).id);

  it('a partial payment leaves the invoice issued with the balance; the rest makes it paid', async () => {
    const inv = await issued(10000);
    const partial = structured<{ invoice: Invoice; payment: { id: string; amount: number; paid_on: string; method: string; reference: string; recorded_by: string } }>(
      await owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: 2500, method: 'bank transfer', reference: 'TX-1' }),
    );
    expect(partial.payment).toMatchObject({ amount: 2500, paid_on: todayIn(zone), method: 'bank transfer', reference: 'TX-1', recorded_by: owner.userId });
    expect(partial.invoice).toMatchObject({ status: 'issued', paid_at: null, totals: { paid_amount: 2500, balance_amount: 7500, balance_formatted: '$75.00' } });
    const full = await pay(owner, inv.id, { paid_on: addDays(todayIn(zone), -1) });
    expect(full).toMatchObject({ status: 'paid', totals: { paid_amount: 10000, balance_amount: 0 } });
    expect(full.paid_at).toEqual(expect.any(String));
    expect(full.payments.map((p) => p.amount).sort()).toEqual([2500, 7500]);
    expect((await getInvoice(owner, inv.id)).payments).toHaveLength(2);
  });

  it('the default amount is the whole balance', async () => {
    const inv = await issued(1234);
    expect(await pay(owner, inv.id)).toMatchObject({ status: 'paid', totals: { paid_amount: 1234, balance_amount: 0 } });
  });

  it('an overpayment is refused with the balance named, and nothing is written', async () => {
    const inv = await issued(5000);
    await pay(owner, inv.id, { amount: 4000 });
    const before = await activityCount(owner.businessId);
    const r = await owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: 1001 });
    expect(errorCode(r)).toBe('conflict');
    const number = (await getInvoice(owner, inv.id)).number;
    // Said for people: amounts in their currency and the invoice's number; the minor units are in the details.
    expect(message(r)).toBe(`A payment of $10.01 is more than the balance of invoice ${number}, $10.00; overpayments are refused.`);
    expect(await activityCount(owner.businessId)).toBe(before);
    expect((await getInvoice(owner, inv.id)).totals.paid_amount).toBe(4000);
  });

  it('a zero or negative amount, or a date in the future, is invalid input', async () => {
    const inv = await issued(5000);
    const before = await activityCount(owner.businessId);
    expect(errorCode(await owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: 0 }))).toBe('invalid_input');
    expect(errorCode(await owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: -5 }))).toBe('invalid_input');
    expect(errorCode(await owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: 1.5 }))).toBe('invalid_input');
    expect(errorCode(await owner.call('mark_invoice_paid', { invoice_id: inv.id, paid_on: addDays(todayIn(zone), 1) }))).toBe('invalid_input');
    expect(errorCode(await owner.call('mark_invoice_paid', { invoice_id: inv.id, method: 'x'.repeat(51) }))).toBe('invalid_input');
    expect(errorCode(await owner.call('mark_invoice_paid', { invoice_id: inv.id, reference: 'x'.repeat(201) }))).toBe('invalid_input');
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('the same idempotency_key records one payment, even sent concurrently', async () => {
    const inv = await issued(9000);
    const args = { invoice_id: inv.id, amount: 3000, idempotency_key: 'payment-key-0001' };
    const results = await Promise.all([owner.call('mark_invoice_paid', args), owner.call('mark_invoice_paid', args), owner.call('mark_invoice_paid', args)]);
    const ids = results.map((r) => structured<{ payment: { id: string } }>(r).payment.id);
    expect(new Set(ids).size).toBe(1);
    const again = structured<{ payment: { id: string } }>(await owner.call('mark_invoice_paid', args));
    expect(again.payment.id).toBe(ids[0]);
    expect((await getInvoice(owner, inv.id)).totals).toMatchObject({ paid_amount: 3000, balance_amount: 6000 });
    expect(errorCode(await owner.call('mark_invoice_paid', { ...args, amount: 3001 }))).toBe('conflict');
  });

  it('concurrent payments are applied one after the other: those that fit land, the rest are refused as overpayments', async () => {
    const inv = await issued(300);
    const results = await Promise.all(Array.from({ length: 5 }, () => owner.call('mark_invoice_paid', { invoice_id: inv.id, amount: 100 })));
    const landed = results.filter((r) => !r.isError);
    const refused = results.filter((r) => r.isError);
    expect(landed).toHaveLength(3);
    for (const r of refused) expect(errorCode(r)).toBe('conflict');
    const got = await getInvoice(owner, inv.id);
    expect(got).toMatchObject({ status: 'paid', totals: { paid_amount: 300, balance_amount: 0 } });
    expect(got.payments).toHaveLength(3);
  });
});
