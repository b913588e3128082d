/**
 * Tax on Outmerge's invoices, in one place for the server (invoices, charges) and the portal
 * (what the checkout shows). Pure; money is integer minor units, rates are basis points.
 *
 * Which tax applies (Council Directive 2006/112/EC on the common system of VAT; electronically
 * supplied services):
 * - a buyer in the seller's own country pays the seller's VAT, business or consumer (domestic);
 * - a business in another EU country with a valid VAT number pays no VAT: the invoice says that
 *   the customer accounts for it (reverse charge, Article 196, with the mention Article 226(11a)
 *   requires, "Reverse charge");
 * - a consumer (no VAT number) in another EU country pays their country's VAT (place of supply is
 *   the customer's country, Article 58; declared through the One-Stop Shop);
 * - Switzerland: a business with a Swiss VAT number accounts for Swiss VAT itself (acquisition
 *   tax, reverse charge); a consumer pays Swiss VAT (8.1 %) when the seller is registered there;
 * - anywhere else: outside the scope of EU VAT.
 * The rates are a table the deployment configures (VAT_RATES_BP), with the standard rates below.
 */
import { safeMoney } from './pricing.js';

export const TAX_TREATMENTS = [
  'domestic',
  'eu_reverse_charge',
  'eu_consumer',
  'ch_reverse_charge',
  'ch_consumer',
  'outside_scope',
] as const;
export type TaxTreatment = (typeof TAX_TREATMENTS)[number];

export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

/** Standard VAT rates in basis points (European Commission, "VAT rates in the EU"; Swiss FTA: 8.1 % since 2024). */
export const STANDARD_VAT_RATES_BP: Readonly<Record<string, number>> = {
  AT: 2000,
  BE: 2100,
  BG: 2000,
  CY: 1900,
  CZ: 2100,
  DE: 1900,
  DK: 2500,
  EE: 2400,
  ES: 2100,
  FI: 2550,
  FR: 2000,
  GR: 2400,
  HR: 2500,
  HU: 2700,
  IE: 2300,
  IT: 2200,
  LT: 2100,
  LU: 1700,
  LV: 2100,
  MT: 1800,
  NL: 2100,
  PL: 2300,
  PT: 2300,
  RO: 2100,
  SE: 2500,
  SI: 2200,
  SK: 2300,
  CH: 810,
};

export interface TaxDecision {
  treatment: TaxTreatment;
  rateBp: number;
}

/**
 * The one rounding rule for tax, used by invoices, charges and every price the portal shows:
 * tax on an amount at a rate in basis points, rounded half up to the minor unit (half away from
 * zero for credits, so that a credit's tax mirrors the charge it cancels).
 */
export function taxFor(subtotalMinor: number, taxRateBp: number): number {
  const tax = safeMoney(Math.sign(subtotalMinor) * Math.floor((Math.abs(subtotalMinor) * taxRateBp + 5_000) / 10_000));
  return tax === 0 ? 0 : tax;
}

/**
 * The tax of a sale by a seller in `sellerCountry` to a buyer in `buyerCountry` with (or without)
 * a VAT number whose format was checked. `rates`: the configured table (basis points by country).
 */
export function decideTax(
  sellerCountry: string,
  buyer: { country: string; vatId: string | null },
  rates: Readonly<Record<string, number>>,
): TaxDecision {
  const rate = (country: string) => {
    const found = rates[country];
    if (found === undefined) throw new RangeError(`No VAT rate configured for ${country}`);
    return found;
  };
  if (buyer.country === sellerCountry) return { treatment: 'domestic', rateBp: rate(sellerCountry) };
  if (EU_COUNTRIES.has(buyer.country))
    return buyer.vatId
      ? { treatment: 'eu_reverse_charge', rateBp: 0 }
      : { treatment: 'eu_consumer', rateBp: rate(buyer.country) };
  if (buyer.country === 'CH')
    return buyer.vatId
      ? { treatment: 'ch_reverse_charge', rateBp: 0 }
      : { treatment: 'ch_consumer', rateBp: rate('CH') };
  return { treatment: 'outside_scope', rateBp: 0 };
}
