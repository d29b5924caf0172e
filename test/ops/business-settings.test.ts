import { describe, it, expect } from '@jest/globals';
import { db } from '../../shared/db/service.js';
import { addMember, createBusiness, structured } from '../support/tenant.js';
import { activityCount } from '../support/db-state.js';
import { draftWithLine, issue } from '../support/invoices.js';
import { newClient } from '../support/invoices.js';
import { webCall, webOut } from '../support/web-door.js';

interface Settings {
  name: string;
  currency: string;
  time_zone: string;
  default_hourly_rate: number | null;
  invoice_prefix: string;
  payment_terms_days: number;
  default_tax_rate_bps: number;
  address: string | null;
  tax_id: string | null;
  expense_categories: string[];
}

describe('business settings (web only)', () => {
  it('shows the defaults of a new business', async () => {
    const owner = await createBusiness('Settings Co', { currency: 'EUR', timeZone: 'Europe/Berlin' });
    const { business } = webOut<{ business: Settings }>(await webCall(owner, 'get_business_settings'));
    expect(business).toMatchObject({ name: 'Settings Co', currency: 'EUR', time_zone: 'Europe/Berlin', invoice_prefix: 'INV-', payment_terms_days: 30, default_tax_rate_bps: 0, address: null });
    expect(business.expense_categories).toContain('Travel');
  });

  it('changes what is given, applies it to what comes next, and leaves issued invoices alone', async () => {
    const owner = await createBusiness('Before Rename Ltd');
    const admin = await addMember(owner, 'admin');
    const issued = await issue(owner, (await draftWithLine(owner, await newClient(owner))).id);
    const out = webOut<{ business: Settings; changed: string[] }>(
      await webCall(admin, 'update_business_settings', { name: 'After Rename Ltd', invoice_prefix: 'AR-', payment_terms_days: 14, default_tax_rate_bps: 2000, address: '1 Main St' }),
    );
    expect(out.changed.sort()).toEqual(['address', 'default_tax_rate_bps', 'invoice_prefix', 'name', 'payment_terms_days']);
    expect(out.business).toMatchObject({ name: 'After Rename Ltd', invoice_prefix: 'AR-', payment_terms_days: 14, default_tax_rate_bps: 2000 });
    // The assistant sees the new name at once; the business picker's copy follows.
    expect(structured<{ business: { name: string } }>(await owner.call('whoami')).business.name).toBe('After Rename Ltd');
    const { data: membership } = await db.entities.membership.get({ businessId: owner.businessId, userId: admin.userId }).go();
    expect(membership?.businessName).toBe('After Rename Ltd');
    // The next invoice gets the new prefix and continues the sequence; the issued one keeps its seller and number.
    const next = await issue(owner, (await draftWithLine(owner, await newClient(owner))).id);
    expect([issued.number, next.number]).toEqual(['INV-0001', 'AR-0002']);
    const again = structured<{ invoice: { seller: { name: string } } }>(await owner.call('get_invoice', { invoice_id: issued.id }));
    expect(again.invoice.seller.name).toBe('Before Rename Ltd');
  });

  it('tells owners and admins the number the next issued invoice gets, and members nothing', async () => {
    const owner = await createBusiness('Numbering Co');
    const admin = await addMember(owner, 'admin');
    const member = await addMember(owner, 'member');
    const next = async (who: typeof owner) => webOut<{ next_invoice_number: string | null }>(await webCall(who, 'get_business_settings')).next_invoice_number;
    expect(await next(owner)).toBe('INV-0001');
    const draft = await draftWithLine(owner, await newClient(owner));
    expect(await next(admin)).toBe('INV-0001'); // a draft takes no number
    expect((await issue(owner, draft.id)).number).toBe('INV-0001');
    webOut(await webCall(owner, 'update_business_settings', { invoice_prefix: 'NC-' }));
    expect(await next(admin)).toBe('NC-0002');
    expect((await issue(owner, (await draftWithLine(owner, await newClient(owner))).id)).number).toBe('NC-0002');
    expect(await next(member)).toBeNull();
  });

  it('null clears an optional setting; the same values change nothing and write nothing', async () => {
    const owner = await createBusiness('Clearing Co', { defaultHourlyRate: 9000 });
    webOut(await webCall(owner, 'update_business_settings', { tax_id: 'DE123', default_hourly_rate: null }));
    const { business } = webOut<{ business: Settings }>(await webCall(owner, 'get_business_settings'));
    expect([business.default_hourly_rate, business.tax_id]).toEqual([null, 'DE123']);
    const before = await activityCount(owner.businessId);
    const same = webOut<{ changed: string[] }>(await webCall(owner, 'update_business_settings', { tax_id: 'DE123', currency: 'USD' }));
    expect(same.changed).toEqual([]);
    expect(await activityCount(owner.businessId)).toBe(before);
  });

  it('refuses bad values by name and members, changing nothing', async () => {
    const owner = await createBusiness('Strict Co');
    const member = await addMember(owner, 'member');
    const before = await activityCount(owner.businessId);
    const bad = await webCall(owner, 'update_business_settings', { currency: 'usd', time_zone: 'Mars/Base', invoice_prefix: 'a b', payment_terms_days: 400 });
    expect(bad).toMatchObject({ ok: false, code: 'invalid_input' });
    if (!bad.ok) for (const field of ['currency', 'time_zone', 'invoice_prefix', 'payment_terms_days']) expect(bad.message).toContain(`${field}:`);
    expect(await webCall(member, 'update_business_settings', { name: 'Mine now' })).toMatchObject({ ok: false, code: 'forbidden', message: 'Only an owner or admin can change the business settings.' });
    expect(await activityCount(owner.businessId)).toBe(before);
  });
});
