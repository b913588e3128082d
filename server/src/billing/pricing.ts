/**
 * Seat prices with the volume discount (B2). Pure; money is integer minor units.
 *
 * The rule is GRADUATED pricing: seats 1 to `fromQuantity − 1` cost the plan's unit price, every
 * seat from `fromQuantity` on (default the 10th) costs the discounted unit price
 * `floor(unit × (10000 − discountBp) / 10000)` (default 20 % off). Only the seats beyond the
 * threshold get the lower price, so each extra seat adds a positive amount and the total never
 * decreases when the quantity grows (the 9 → 10 trap of "volume" pricing, where the whole
 * quantity drops to the lower price, cannot happen).
 */
import type { PlanConfig } from '../config.js';

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

export function priceTiers(plan: PlanConfig, volume: VolumePricing): PriceTier[] {
  if (volume.fromQuantity <= 1) return [{ from: 1, to: null, unitPriceMinor: discountedUnitPrice(plan.unitPriceMinor, volume) }];
  return [
    { from: 1, to: volume.fromQuantity - 1, unitPriceMinor: plan.unitPriceMinor },
    { from: volume.fromQuantity, to: null, unitPriceMinor: discountedUnitPrice(plan.unitPriceMinor, volume) },
  ];
}

/** The seats of `quantity` split over the tiers, one line per tier used. */
export function tierLines(plan: PlanConfig, volume: VolumePricing, quantity: number): TierLine[] {
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('Quantity out of range');
  const lines: TierLine[] = [];
  for (const tier of priceTiers(plan, volume)) {
    const upper = tier.to === null ? quantity : Math.min(quantity, tier.to);
    const count = upper - tier.from + 1;
    if (count <= 0) continue;
    lines.push({ quantity: count, unitPriceMinor: tier.unitPriceMinor, amountMinor: safeMoney(count * tier.unitPriceMinor) });
  }
  return lines;
}

/** What `quantity` seats of `plan` cost for one whole period. */
export function seatTotalMinor(plan: PlanConfig, volume: VolumePricing, quantity: number): number {
  return safeMoney(tierLines(plan, volume, quantity).reduce((sum, line) => sum + line.amountMinor, 0));
}
