/**
 * Exact integer arithmetic for money: every rounding is half-up on an exact rational, done once.
 * BigInt keeps products like minutes × rate or quantity × unit amount exact at any size.
 */
export function roundHalfUpDiv(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const sign = numerator < 0n ? -1n : 1n;
  const n = numerator * sign;
  // Half-up on the magnitude (half away from zero), so a credit rounds like its debit.
  return (sign * (2n * n + denominator)) / (2n * denominator);
}

function toSafeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('amount out of range');
  return Number(v);
}

/** A time line's amount: round_half_up(minutes × hourly rate / 60), in minor units. */
export function timeAmount(minutes: number, hourlyRateMinor: number): number {
  return toSafeNumber(roundHalfUpDiv(BigInt(minutes) * BigInt(hourlyRateMinor), 60n));
}

/** Quantity with up to 3 decimals, held as an integer number of thousandths. */
export function quantityToThousandths(quantity: number): number {
  const t = Math.round(quantity * 1000);
  if (Math.abs(quantity * 1000 - t) > 1e-6) throw new RangeError('quantity has more than 3 decimals');
  return t;
}

/** A manual line's amount: quantity × unit amount, rounded once. */
export function lineAmount(quantityThousandths: number, unitAmountMinor: number): number {
  return toSafeNumber(roundHalfUpDiv(BigInt(quantityThousandths) * BigInt(unitAmountMinor), 1000n));
}

/** Tax of a group of lines at one rate (basis points): summed first, rounded once. */
export function taxAmount(netMinor: number, rateBps: number): number {
  return toSafeNumber(roundHalfUpDiv(BigInt(netMinor) * BigInt(rateBps), 10000n));
}
