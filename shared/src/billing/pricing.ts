/**
 * Seat prices with the volume discount (B2). Pure; money is integer minor units. The server
 * charges with these functions and the portal shows prices with them, so both say the same amount.
 *
 * The rule is GRADUATED pricing: seats 1 to `fromQuantity − 1` cost the plan's unit price, every
 * seat from `fromQuantity` on (default the 10th) costs the discounted unit price
 * `floor(unit × (10000 − discountBp) / 10000)` (default 20 % off). Only the seats beyond the
 * threshold get the lower price, so each extra seat adds a positive amount and the total never
 * decreases when the quantity grows (the 9 → 10 trap of "volume" pricing, where the whole
 * quantity drops to the lower price, cannot happen).
 */

/** What pricing needs of a plan (the server's plan configuration has more). */
export interface PlanPrice {
  unitPriceMinor: number;
}

export interface VolumePricing {
  /** First seat that gets the discounted price. */
  fromQuantity: number;
  /** Discount on seats from `fromQuantity` on, in basis points (2000 = 20 %). */
  discountBp: number;
}

export interface PriceTier {
  /** Seats in this tier: from `from` to `to` inclusive (`to` null: no upper bound). */
  from: number;
  to: number | null;
  unitPriceMinor: number;
}

export interface TierLine {
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

export function safeMoney(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError('Amount out of range');
  return value;
}

export function discountedUnitPrice(unitPriceMinor: number, volume: VolumePricing): number {
  return safeMoney(Math.floor((unitPriceMinor * (10_000 - volume.discountBp)) / 10_000));
}

/** A plan's tiers: what `/api/v1/plans` publishes and what every price is computed from. */
export function priceTiers(plan: PlanPrice, volume: VolumePricing): PriceTier[] {
  if (volume.fromQuantity <= 1)
    return [{ from: 1, to: null, unitPriceMinor: discountedUnitPrice(plan.unitPriceMinor, volume) }];
  return [
    { from: 1, to: volume.fromQuantity - 1, unitPriceMinor: plan.unitPriceMinor },
    { from: volume.fromQuantity, to: null, unitPriceMinor: discountedUnitPrice(plan.unitPriceMinor, volume) },
  ];
}

/** The seats of `quantity` split over graduated tiers, one line per tier used. */
export function linesForTiers(tiers: readonly PriceTier[], quantity: number): TierLine[] {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('Quantity out of range');
  const lines: TierLine[] = [];
  for (const tier of tiers) {
    const upper = tier.to === null ? quantity : Math.min(quantity, tier.to);
    const count = upper - tier.from + 1;
    if (count <= 0) continue;
    lines.push({
      quantity: count,
      unitPriceMinor: tier.unitPriceMinor,
      amountMinor: safeMoney(count * tier.unitPriceMinor),
    });
  }
  return lines;
}

/** What `quantity` seats cost for one whole period under graduated tiers. */
export function tiersTotalMinor(tiers: readonly PriceTier[], quantity: number): number {
  return safeMoney(linesForTiers(tiers, quantity).reduce((sum, line) => sum + line.amountMinor, 0));
}

export function tierLines(plan: PlanPrice, volume: VolumePricing, quantity: number): TierLine[] {
  return linesForTiers(priceTiers(plan, volume), quantity);
}

/** What `quantity` seats of `plan` cost for one whole period. */
export function seatTotalMinor(plan: PlanPrice, volume: VolumePricing, quantity: number): number {
  return tiersTotalMinor(priceTiers(plan, volume), quantity);
}

/**
 * A batch of product keys before tax: each key is its seats' graduated price for one period
 * times its term; the batch is that times the number of keys.
 */
export function productKeysMinor(
  seatsPeriodMinor: number,
  purchase: { termPeriods: number; count: number },
): { perKeyMinor: number; subtotalMinor: number } {
  const perKeyMinor = safeMoney(seatsPeriodMinor * purchase.termPeriods);
  return { perKeyMinor, subtotalMinor: safeMoney(perKeyMinor * purchase.count) };
}
