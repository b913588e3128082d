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
  if (!Number.isSafeInteger(amountMinor) || !Number.isSafeInteger(remaining) || !Number.isSafeInteger(length) || length <= 0 || remaining < 0 || remaining > length) {
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

export function prorateChange(oldTotalMinor: number, newTotalMinor: number, period: Period, at: number): ProrationLines {
  const { remaining, length } = remainingSeconds(period, at);
  const creditMinor = -prorate(oldTotalMinor, remaining, length);
  const debitMinor = prorate(newTotalMinor, remaining, length);
  return { creditMinor, debitMinor, netMinor: creditMinor + debitMinor, remaining, length };
}
