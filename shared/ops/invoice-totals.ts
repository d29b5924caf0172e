import { taxAmount } from '../money/rounding.js';

export interface PricedLine {
  amount: number;
  taxRateBps: number;
}

export interface InvoiceTotals {
  subtotal: number;
  taxGroups: { rateBps: number; net: number; tax: number }[];
  taxTotal: number;
  total: number;
}

/**
 * Subtotal, tax per rate group (summed, then rounded once per group) and total of a set of lines.
 * The one definition: every write that changes lines stores what this returns.
 */
export function computeTotals(lines: readonly PricedLine[]): InvoiceTotals {
  const byRate = new Map<number, number>();
  let subtotal = 0;
  for (const l of lines) {
    subtotal += l.amount;
    byRate.set(l.taxRateBps, (byRate.get(l.taxRateBps) ?? 0) + l.amount);
  }
  const taxGroups = [...byRate.entries()]
    .filter(([rateBps]) => rateBps > 0)
    .sort(([a], [b]) => a - b)
    .map(([rateBps, net]) => ({ rateBps, net, tax: taxAmount(net, rateBps) }));
  const taxTotal = taxGroups.reduce((t, g) => t + g.tax, 0);
  return { subtotal, taxGroups, taxTotal, total: subtotal + taxTotal };
}
