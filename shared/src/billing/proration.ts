/**
 * Proration (B3) to the second, Stripe's model. Pure; integer minor units, exact arithmetic in
 * BigInt, one rounding per line.
 *
 * A period [start, end) is measured in whole seconds. A change at second `t` leaves
 * `remaining = end − t` of `length = end − start` seconds. A quantity change from q0 to q1 is two
 * invoice lines, each rounded half away from zero to the minor unit:
 *   credit "unused time on q0"    = −round(total(q0) × remaining / length)
 *   debit  "remaining time on q1" = +round(total(q1) × remaining / length)
 * Rounding rule: each line is off by at most half a minor unit; a credit is exactly the negated
 * debit of the same total at the same second, so changes at one instant telescope (q0→q1→q2 costs
 * exactly what q0→q2 costs, and q0→q1→q0 costs exactly zero).
 */
export interface Period {
  start: number;
  end: number;
}

/** Whole seconds of a period that remain at `at` (ms), between 0 and the period's length. */
export function remainingSeconds(period: Period, at: number): { remaining: number; length: number } {
  const start = Math.floor(period.start / 1000);
  const end = Math.floor(period.end / 1000);
  const length = end - start;
  if (length <= 0) throw new RangeError('Empty period');
  const t = Math.floor(at / 1000);
  return { remaining: Math.min(length, Math.max(0, end - t)), length };
}

/** round(amount × remaining / length), half away from zero, exact. */
export function prorate(amountMinor: number, remaining: number, length: number): number {
  if (
    !Number.isSafeInteger(amountMinor) ||
    !Number.isSafeInteger(remaining) ||
    !Number.isSafeInteger(length) ||
    length <= 0 ||
    remaining < 0 ||
    remaining > length
  ) {
    throw new RangeError('Proration out of range');
  }
  const negative = amountMinor < 0;
  const numerator = BigInt(Math.abs(amountMinor)) * BigInt(remaining);
  const denominator = BigInt(length);
  const quotient = numerator / denominator;
  const rest = numerator % denominator;
  const rounded = Number(rest * 2n >= denominator ? quotient + 1n : quotient);
  return negative ? -rounded : rounded;
}

export interface ProrationLines {
  /** Negative or zero: the unused time of the old quantity. */
  creditMinor: number;
  /** Positive or zero: the remaining time of the new quantity. */
  debitMinor: number;
  netMinor: number;
  remaining: number;
  length: number;
}

export function prorateChange(
  oldTotalMinor: number,
  newTotalMinor: number,
  period: Period,
  at: number,
): ProrationLines {
  const { remaining, length } = remainingSeconds(period, at);
  const creditMinor = -prorate(oldTotalMinor, remaining, length);
  const debitMinor = prorate(newTotalMinor, remaining, length);
  return { creditMinor, debitMinor, netMinor: creditMinor + debitMinor, remaining, length };
}

/** One price tier's share of a prorated amount: what an invoice line shows of it. */
export interface ProratedTierLine {
  /** The tier's seats in this line, `from` to `to` inclusive. */
  from: number;
  to: number;
  quantity: number;
  /** The full-period price of one seat in this tier. */
  unitPriceMinor: number;
  amountMinor: number;
}

/**
 * `prorate(total, remaining, length)` for the seats of `quantity`, split into one line per price
 * tier, so a reader checks each line as unit price × quantity × remaining / length.
 *
 * The rounding rule of an invoice line: the amount charged stays the one rounding of the whole
 * (`prorate` of the tiers' total, as `prorateChange` charges); each tier line is its exact share
 * rounded down, and the minor units this leaves go one each to the lines with the largest
 * remainders (earlier tier first on a tie). So the lines add up to exactly what is charged, each
 * is within one minor unit of its exact value, and whenever rounding each line half away from
 * zero already adds up (always for a single tier), each line is exactly that rounding.
 */
export function prorateTiers(
  tiers: readonly { quantity: number; unitPriceMinor: number }[],
  remaining: number,
  length: number,
): ProratedTierLine[] {
  const total = tiers.reduce((sum, tier) => sum + tier.quantity * tier.unitPriceMinor, 0);
  const target = prorate(total, remaining, length);
  const denominator = BigInt(length);
  let from = 1;
  const shares = tiers.map((tier, index) => {
    const exact = BigInt(tier.quantity) * BigInt(tier.unitPriceMinor) * BigInt(remaining);
    const line = {
      index,
      from,
      to: from + tier.quantity - 1,
      quantity: tier.quantity,
      unitPriceMinor: tier.unitPriceMinor,
      floor: exact / denominator,
      rest: exact % denominator,
    };
    from += tier.quantity;
    return line;
  });
  let left = BigInt(target) - shares.reduce((sum, share) => sum + share.floor, 0n);
  const byRest = [...shares].sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  const up = new Set<number>();
  for (const share of byRest) {
    if (left <= 0n) break;
    up.add(share.index);
    left -= 1n;
  }
  return shares.map((share) => ({
    from: share.from,
    to: share.to,
    quantity: share.quantity,
    unitPriceMinor: share.unitPriceMinor,
    amountMinor: Number(share.floor) + (up.has(share.index) ? 1 : 0),
  }));
}
