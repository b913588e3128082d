/**
 * The suppression list (pure): addresses later campaigns leave out, and why. It is kept in the
 * sender's own mailbox (inbox/mailboxSuppressions.ts), never on the Outmerge server: one item per
 * address in a hidden folder, whose subject is the entry. One item per entry, not one list item
 * rewritten: two devices adding at once both keep theirs (Graph has no compare-and-set on a
 * message), and the list is the union of the items.
 */
import { canonicalEmail } from '#shared/email/normalizeEmail.js';

export type SuppressionReason = 'unsubscribed' | 'bounced';

export interface Suppression {
  /** Canonical address (shared/src/email/normalizeEmail.ts). */
  address: string;
  reason: SuppressionReason;
}

export const SUPPRESSION_FOLDER = 'Outmerge suppression list';

export function entrySubject(entry: Suppression): string {
  return `${entry.reason} ${entry.address}`;
}

export function parseEntry(subject: string): Suppression | null {
  const match = /^(unsubscribed|bounced) (\S+)$/.exec(subject.trim());
  const address = match ? canonicalEmail(match[2] ?? '') : null;
  return match && address ? { address, reason: match[1] as SuppressionReason } : null;
}

/** Address → reason; an unsubscribe outweighs a bounce (it is the person's own wish). */
export function suppressionMap(entries: Iterable<Suppression>): Map<string, SuppressionReason> {
  const map = new Map<string, SuppressionReason>();
  for (const entry of entries) if (map.get(entry.address) !== 'unsubscribed') map.set(entry.address, entry.reason);
  return map;
}

/** The entries of `wanted` not already on the list (by address): what there is to add. */
export function newEntries(list: ReadonlyMap<string, SuppressionReason>, wanted: Iterable<Suppression>): Suppression[] {
  const added = new Map<string, Suppression>();
  for (const entry of wanted)
    if (!list.has(entry.address) && !added.has(entry.address)) added.set(entry.address, entry);
  return [...added.values()];
}
