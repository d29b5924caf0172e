import { describe, it, expect } from '@jest/globals';
import { formatMoney, minorDigits } from '../../shared/money/currency.js';
import { lineAmount, quantityToThousandths, roundHalfUpDiv, taxAmount, timeAmount } from '../../shared/money/rounding.js';

describe('currencies', () => {
  it.each([
    ['JPY', 0, 123456, '¥123,456'],
    ['USD', 2, 123456, '$1,234.56'],
    ['EUR', 2, 5, '€0.05'],
    ['BHD', 3, 1234567, 'BHD 1,234.567'],
  ])('%s has %i minor digits and formats %i as %s', (currency, digits, amount, shown) => {
    expect(minorDigits(currency)).toBe(digits);
    expect(formatMoney(amount, currency).replace(/\u00a0/g, ' ')).toBe(shown);
  });
});

describe('rounding half-up, once', () => {
  it.each([
    [1n, 2n, 1n],
    [3n, 2n, 2n],
    [5n, 2n, 3n],
    [149n, 100n, 1n],
    [150n, 100n, 2n],
    [-150n, 100n, -2n],
    [-149n, 100n, -1n],
    [0n, 7n, 0n],
  ])('%s / %s → %s', (n, d, r) => {
    expect(roundHalfUpDiv(n, d)).toBe(r);
  });

  it.each([
    // minutes, hourly rate (minor units), expected amount
    [60, 10000, 10000],
    [1, 10000, 167], // 166.666… → 167
    [1, 9000, 150], // exactly 150
    [7, 1, 0], // 0.1166… → 0
    [30, 1, 1], // 0.5 → 1 (half-up)
    [90, 12345, 18518], // 18517.5 → 18518
    [45, 5000, 3750],
    [1, 1500, 25], // JPY-like rate 1,500 yen/hour → 25 yen/minute
  ])('time line: %i min at %i/h = %i', (minutes, rate, amount) => {
    expect(timeAmount(minutes, rate)).toBe(amount);
  });

  it('manual lines: quantity with up to 3 decimals times the unit amount, rounded once', () => {
    expect(lineAmount(quantityToThousandths(1.5), 333)).toBe(500); // 499.5 → 500
    expect(lineAmount(quantityToThousandths(0.001), 499)).toBe(0); // 0.499 → 0
    expect(lineAmount(quantityToThousandths(0.001), 500)).toBe(1); // 0.5 → 1
    expect(lineAmount(quantityToThousandths(2.125), 1000)).toBe(2125);
    expect(() => quantityToThousandths(1.0005)).toThrow(/3 decimals/);
  });

  it('tax is rounded once per rate group, not per line', () => {
    // Three lines of 1.05 at 10%: per line 0.105 → 0.11 each (0.33 in all); per group 0.315 → 0.32.
    const lines = [105, 105, 105];
    const perLine = lines.reduce((t, l) => t + taxAmount(l, 1000), 0);
    const perGroup = taxAmount(lines.reduce((a, b) => a + b, 0), 1000);
    expect(perLine).toBe(33);
    expect(perGroup).toBe(32);
  });
});

describe('invoice totals', () => {
  it('sums lines, groups tax per rate and rounds each group once', async () => {
    const { computeTotals } = await import('../../shared/ops/invoice-totals.js');
    const t = computeTotals([
      { amount: 105, taxRateBps: 1000 },
      { amount: 105, taxRateBps: 1000 },
      { amount: 105, taxRateBps: 1000 },
      { amount: 1000, taxRateBps: 2000 },
      { amount: 999, taxRateBps: 0 },
    ]);
    expect(t.taxGroups).toEqual([
      { rateBps: 1000, net: 315, tax: 32 },
      { rateBps: 2000, net: 1000, tax: 200 },
    ]);
    expect(t).toMatchObject({ subtotal: 2314, taxTotal: 232, total: 2546 });
  });
});
