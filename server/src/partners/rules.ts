/**
 * Partner rules (P1–P5), pure: secrets and their formats, what partner staff may do in their own
 * partner organisation, the state of a relationship or request at a given time, offer checks and
 * which journal actions the partner of record hears about.
 */
import { randomInt } from 'node:crypto';
import { sha256 } from '../secrets/linkTokens.js';
import type { PartnerStaffRole } from '#shared/permissions/permissions.js';

export const DAY_MS = 86_400_000;
/** A delegated-administration request not answered in 90 days expires (as GDAP requests do). */
export const REQUEST_LIFETIME_MS = 90 * DAY_MS;
/** A relationship lasts from 1 day to 2 years (GDAP's P1D–P2Y). */
export const MIN_RELATIONSHIP_DAYS = 1;
export const MAX_RELATIONSHIP_DAYS = 730;
/** An unredeemed product key stops working a year after its purchase. */
export const PRODUCT_KEY_LIFETIME_MS = 365 * DAY_MS;

/** No 0/O, 1/I/L, 5/S, A/E/U (no words), Z/N: the unambiguous alphabet of product keys (24 symbols). */
export const KEY_ALPHABET = 'BCDFGHJKMPQRTVWXY2346789';
const KEY_GROUP = 5;
/** 6 groups of 5 symbols: 30 × log2(24) ≈ 137.5 random bits, above the 128 a secret that buys seats needs. */
const KEY_GROUPS = 6;
/** Keys sold before keys had 6 groups (5 groups, about 114 bits): still redeemable, never made again. */
const LEGACY_KEY_GROUPS = 5;
/** Dashes as word processors and mail clients write them (hyphen, en and em dash, minus…): all read as the group separator. */
const DASHES = /[\p{Pd}\u2212]/gu;
/** Spaces of every kind, and the invisible characters a copy from an email can carry. */
const BLANKS = /[\s\u200b-\u200d\u2060\ufeff]/gu;

function randomSymbols(count: number): string {
  // randomInt draws uniformly (rejection sampling), so each symbol carries log2(24) bits.
  return Array.from({ length: count }, () => KEY_ALPHABET[randomInt(KEY_ALPHABET.length)]).join('');
}

/** XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX: 30 symbols, about 137 random bits. */
export function newProductKey(): string {
  return Array.from({ length: KEY_GROUPS }, () => randomSymbols(KEY_GROUP)).join('-');
}

/** How a key is shown once only its last group is kept. */
export function maskedProductKey(hint: string): string {
  return `${Array.from({ length: KEY_GROUPS - 1 }, () => 'XXXXX').join('-')}-${hint}`;
}

/**
 * What a typed key is: its canonical form; or, when it cannot be a key, why — `shape` (not 25 or
 * 30 letters and digits: the format is what to fix) or `characters` (the right shape, but with
 * characters keys never contain, such as O or 0: the key itself is wrong, not its format).
 * Case, spaces, every kind of dash and invisible characters from a copy are forgiven.
 */
export type ProductKeyReading =
  | { ok: true; key: string }
  | { ok: false; problem: 'shape' }
  | { ok: false; problem: 'characters'; characters: string[] };

export function readProductKey(input: string): ProductKeyReading {
  const compact = input.normalize('NFKC').toUpperCase().replace(DASHES, '').replace(BLANKS, '');
  const groups = compact.length / KEY_GROUP;
  if (!/^[A-Z0-9]+$/.test(compact) || (groups !== KEY_GROUPS && groups !== LEGACY_KEY_GROUPS))
    return { ok: false, problem: 'shape' };
  const foreign = [...new Set([...compact].filter((ch) => !KEY_ALPHABET.includes(ch)))];
  if (foreign.length > 0) return { ok: false, problem: 'characters', characters: foreign };
  return { ok: true, key: compact.match(/.{5}/g)?.join('-') ?? '' };
}

/** The canonical form of a key as typed, or null when it cannot be one. */
export function canonicalProductKey(input: string): string | null {
  const reading = readProductKey(input);
  return reading.ok ? reading.key : null;
}

export function productKeyHash(canonicalKey: string): string {
  return sha256(`product-key:${canonicalKey}`);
}

/** The advisor code carried by a partner's links: public, short, readable ("P" and 9 symbols). */
export function newAdvisorCode(): string {
  return `P${randomSymbols(9)}`;
}

export const ADVISOR_CODE_PATTERN = `^P[${KEY_ALPHABET}]{9}$`;

/** What partner staff may do in their own partner organisation. */
export type PartnerAction =
  'partner.view' | 'customers.view' | 'offers.manage' | 'requests.manage' | 'keys.buy' | 'staff.manage';

const PARTNER_RULES: Record<PartnerAction, readonly PartnerStaffRole[]> = {
  'partner.view': ['owner', 'full', 'limited'],
  'customers.view': ['owner', 'full', 'limited'],
  'offers.manage': ['owner', 'full'],
  'requests.manage': ['owner', 'full'],
  'keys.buy': ['owner', 'full'],
  'staff.manage': ['owner'],
};

export function partnerCan(role: PartnerStaffRole, action: PartnerAction): boolean {
  return PARTNER_RULES[action].includes(role);
}

export function partnerActions(role: PartnerStaffRole): PartnerAction[] {
  return (Object.keys(PARTNER_RULES) as PartnerAction[]).filter((action) => partnerCan(role, action));
}

/** A relationship or request as the portal shows it at `now`. */
export type RelationshipState =
  'pending' | 'request_expired' | 'active' | 'expired' | 'declined' | 'withdrawn' | 'ended';

export function relationshipState(
  row: {
    status: 'pending' | 'active' | 'declined' | 'withdrawn' | 'ended';
    requestExpiresAt: number;
    expiresAt: number | null;
  },
  now: number,
): RelationshipState {
  if (row.status === 'pending') return row.requestExpiresAt <= now ? 'request_expired' : 'pending';
  if (row.status === 'active') return row.expiresAt !== null && row.expiresAt > now ? 'active' : 'expired';
  return row.status;
}

export function validRelationshipDays(days: number): boolean {
  return Number.isInteger(days) && days >= MIN_RELATIONSHIP_DAYS && days <= MAX_RELATIONSHIP_DAYS;
}

/** Why an offer link cannot be used now, or null when it can. */
export type OfferRefusal = 'OFFER_DISABLED' | 'OFFER_EXPIRED' | 'OFFER_USED';

export function offerRefusal(
  offer: { disabled: boolean; expiresAt: number; maxCustomers: number | null; customers: number },
  now: number,
): OfferRefusal | null {
  if (offer.disabled) return 'OFFER_DISABLED';
  if (offer.expiresAt <= now) return 'OFFER_EXPIRED';
  if (offer.maxCustomers !== null && offer.customers >= offer.maxCustomers) return 'OFFER_USED';
  return null;
}
