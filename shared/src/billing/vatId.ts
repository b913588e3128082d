/**
 * VAT identification numbers: their format per country, checked before an invoice names one.
 * A documented table rather than a library: `jsvat` (the well-kept one on npm) is not a dependency
 * of this project yet. The formats are the European Commission's (VIES, "VAT number validation":
 * the structure of VAT numbers per Member State; Greece is `EL`), and Switzerland's UID with its
 * VAT suffix (`CHE-123.456.789 MWST`, Federal Statistical Office, UID register). Only the shape is
 * checked: whether the number is registered is VIES's answer, not ours (see the README).
 */
const FORMATS: Readonly<Record<string, RegExp>> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  GR: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{12}$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)$/,
};

/** One number of the right shape per country, as people write them: what the portal's hint shows (vatId.test.ts checks each). */
export const VAT_ID_EXAMPLES: Readonly<Record<string, string>> = {
  AT: 'ATU12345678',
  BE: 'BE0123456789',
  BG: 'BG123456789',
  CY: 'CY12345678X',
  CZ: 'CZ12345678',
  DE: 'DE123456789',
  DK: 'DK12345678',
  EE: 'EE123456789',
  GR: 'EL123456789',
  ES: 'ESX1234567X',
  FI: 'FI12345678',
  FR: 'FR12345678901',
  HR: 'HR12345678901',
  HU: 'HU12345678',
  IE: 'IE1234567T',
  IT: 'IT12345678901',
  LT: 'LT123456789',
  LU: 'LU12345678',
  LV: 'LV12345678901',
  MT: 'MT12345678',
  NL: 'NL123456789B01',
  PL: 'PL1234567890',
  PT: 'PT123456789',
  RO: 'RO12345678',
  SE: 'SE123456789001',
  SI: 'SI12345678',
  SK: 'SK1234567890',
  CH: 'CHE-123.456.789 MWST',
};

/** Countries whose VAT numbers Outmerge can check. */
export const VAT_ID_COUNTRIES: readonly string[] = Object.keys(FORMATS);

/**
 * The VAT number in its canonical form (upper case, no spaces, dots or dashes), or null when it
 * does not have the shape of a VAT number of `country` (ISO 3166 alpha-2; Greece's prefix is EL).
 */
export function normalizeVatId(country: string, raw: string): string | null {
  const format = FORMATS[country.toUpperCase()];
  if (!format) return null;
  const compact = raw.toUpperCase().replace(/[\s.-]/g, '');
  return format.test(compact) ? compact : null;
}
