import { describe, expect, it } from '@jest/globals';
import { createBusiness, errorCode } from '../support/tenant.js';
import { addLine, draft, getInvoice, issue, newClient, pay } from '../support/invoices.js';

/**
 * Totals through the tools, against figures worked out by hand: each line rounded half-up once,
 * tax summed per rate and rounded once per rate, total = subtotal + tax, in currencies with 0, 2
 * and 3 minor digits.
 */
interface LineArgs {
  quantity: number;
  unit_amount: number;
  tax_rate_bps: number;
}

const cases: {
  currency: string;
  lines: LineArgs[];
  amounts: number[];
  groups: { rate_bps: number; net_amount: number; tax_amount: number }[];
  subtotal: number;
  tax: number;
  total: number;
  formatted: { total: string; first: string };
}[] = [
  {
    // JPY: no minor digits. 1.5 × ¥333 = 499.5 → ¥500; 3 × ¥333 = ¥999 at 8% (79.92 → ¥80); ¥500 + ¥1,000 at 10% (150).
    currency: 'JPY',
    lines: [
      { quantity: 1.5, unit_amount: 333, tax_rate_bps: 1000 },
      { quantity: 3, unit_amount: 333, tax_rate_bps: 800 },
      { quantity: 1, unit_amount: 1000, tax_rate_bps: 1000 },
    ],
    amounts: [500, 999, 1000],
    groups: [
      { rate_bps: 800, net_amount: 999, tax_amount: 80 },
      { rate_bps: 1000, net_amount: 1500, tax_amount: 150 },
    ],
    subtotal: 2499,
    tax: 230,
    total: 2729,
    formatted: { total: '¥2,729', first: '¥500' },
  },
  {
    // USD: three lines of $3.33 at 10% are taxed on $9.99 once (99.9 → 100 cents), not 33 + 33 + 33.
    currency: 'USD',
    lines: [
      { quantity: 1, unit_amount: 333, tax_rate_bps: 1000 },
      { quantity: 1, unit_amount: 333, tax_rate_bps: 1000 },
      { quantity: 1, unit_amount: 333, tax_rate_bps: 1000 },
      { quantity: 0.125, unit_amount: 1999, tax_rate_bps: 0 },
    ],
    amounts: [333, 333, 333, 250],
    groups: [{ rate_bps: 1000, net_amount: 999, tax_amount: 100 }],
    subtotal: 1249,
    tax: 100,
    total: 1349,
    formatted: { total: '$13.49', first: '$3.33' },
  },
  {
    // BHD: three minor digits (fils). 2.345 × 1.005 BHD = 2.356725 → 2.357; 5% of 2.357 = 0.11785 → 0.118.
    currency: 'BHD',
    lines: [
      { quantity: 2.345, unit_amount: 1005, tax_rate_bps: 500 },
      { quantity: 1, unit_amount: 10, tax_rate_bps: 1500 },
    ],
    amounts: [2357, 10],
    groups: [
      { rate_bps: 500, net_amount: 2357, tax_amount: 118 },
      { rate_bps: 1500, net_amount: 10, tax_amount: 2 },
    ],
    subtotal: 2367,
    tax: 120,
    total: 2487,
    formatted: { total: 'BHD 2.487', first: 'BHD 2.357' },
  },
];

describe('invoice totals in currencies with 0, 2 and 3 minor digits', () => {
  it.each(cases)('$currency', async (c) => {
    const owner = await createBusiness(`Money ${c.currency}`, { currency: c.currency, timeZone: 'UTC' });
    const clientId = await newClient(owner, { currency: c.currency });
    const d = await draft(owner, clientId);
    expect(d.currency).toBe(c.currency);
    for (const l of c.lines) await addLine(owner, d.id, { ...l });
    const inv = await getInvoice(owner, d.id);
    expect(inv.lines.map((l) => l.amount)).toEqual(c.amounts);
    expect(inv.tax_groups.map(({ rate_bps, net_amount, tax_amount }) => ({ rate_bps, net_amount, tax_amount }))).toEqual(c.groups);
    expect(inv.totals).toMatchObject({ subtotal_amount: c.subtotal, tax_amount: c.tax, total_amount: c.total, balance_amount: c.total });
    expect(inv.totals.total_formatted.replace(/\u00a0/g, ' ')).toBe(c.formatted.total);
    expect(inv.lines[0]!.amount_formatted.replace(/\u00a0/g, ' ')).toBe(c.formatted.first);
    const issued = await issue(owner, d.id, { expected_total_amount: c.total });
    const paid = await pay(owner, issued.id, { amount: c.total - 1 });
    expect(paid.totals.balance_amount).toBe(1);
    expect((await pay(owner, issued.id)).status).toBe('paid');
  });

  it('rounds half-up once on the exact product, and half away from zero for discounts', async () => {
    const owner = await createBusiness('Rounding Co', { currency: 'USD', timeZone: 'UTC' });
    const d = await draft(owner, await newClient(owner));
    const amount = async (quantity: number, unit_amount: number) => (await addLine(owner, d.id, { quantity, unit_amount })).line.amount;
    expect(await amount(0.5, 1)).toBe(1);
    expect(await amount(0.499, 1)).toBe(0);
    expect(await amount(0.001, 499)).toBe(0);
    expect(await amount(0.001, 500)).toBe(1);
    expect(await amount(0.5, -1)).toBe(-1);
    expect(await amount(1.005, 100)).toBe(101);
    expect(await amount(999_999.999, 1_000_000)).toBe(999_999_999_000);
  });

  it('refuses a quantity with more than 3 decimals, zero or above 1,000,000, and a line above the amount bound', async () => {
    const owner = await createBusiness('Bounds Co', { currency: 'USD', timeZone: 'UTC' });
    const d = await draft(owner, await newClient(owner));
    for (const args of [
      { quantity: 1.0001, unit_amount: 1 },
      { quantity: 0, unit_amount: 1 },
      { quantity: 1_000_000.001, unit_amount: 1 },
      { quantity: 1, unit_amount: 1.5 },
      { quantity: 1_000_000, unit_amount: 1_000_000_000_000 },
    ]) {
      expect(errorCode(await owner.call('add_invoice_line', { invoice_id: d.id, description: 'x', ...args }))).toBe('invalid_input');
    }
    expect((await getInvoice(owner, d.id)).lines).toEqual([]);
  });
});
