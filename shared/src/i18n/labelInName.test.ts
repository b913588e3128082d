/**
 * "Label in name" (WCAG 2.5.3) in every language: a button whose accessible name says more than
 * its visible text (which seat, which domain) must contain that text word for word, so that a
 * speech user saying what they see ("Remove") reaches it. axe-core checks the screens it is shown
 * (tests/e2e/accessibility.test.ts); this checks every pair the pages use, in all three catalogs,
 * the way axe does (`label-content-name-mismatch`: words in order, without punctuation or
 * parentheses, any case).
 */
import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import { fr } from './fr.js';
import type { MessageKey } from './translate.js';

/** [visible text, accessible name] as the pages pair them. */
const PAIRS: ReadonlyArray<[MessageKey, MessageKey]> = [
  ['dashboard.manageSeats', 'dashboard.manageSeatsLabel'],
  ['portal.manage', 'dashboard.manageLabel'],
  ['seats.transfer', 'seats.transferLabel'],
  ['seats.suspend', 'seats.suspendLabel'],
  ['seats.resume', 'seats.resumeLabel'],
  ['seats.remove', 'seats.removeLabel'],
  ['customerPartners.end', 'customerPartners.endLabel'],
  ['approve.decline', 'customerPartners.declineLabel'],
  ['partners.customers.open', 'partners.customers.openLabel'],
  ['partners.offers.enable', 'partners.offers.enableLabel'],
  ['partners.offers.disable', 'partners.offers.disableLabel'],
  ['domains.checkNow', 'domains.checkLabel'],
  ['domains.remove', 'domains.removeLabel'],
  ['delegates.makeOwner', 'delegates.makeOwnerLabel'],
  ['mySeats.leave', 'paneAdmin.leaveSeat'],
  ['partners.keys.print', 'partners.keys.printInvoice'],
  ['partners.requests.withdraw', 'partners.requests.withdrawLabel'],
  ['delegates.remove', 'partners.staff.removeLabel'],
  ['mergeInvite.withdraw', 'mergeInvite.withdrawLabel'],
  ['mergeRequests.accept', 'mergeRequests.acceptLabel'],
  ['mergeRequests.decline', 'mergeRequests.declineLabel'],
];

/** axe-core's reading of a text: NFKD, no parenthetical, letters and digits only, lower case, as words. */
function words(text: string): string[] {
  let stripped = text.normalize('NFKD');
  while (/\([^()]*\)/.test(stripped)) stripped = stripped.replace(/\([^()]*\)/g, '');
  return stripped
    .replace(/\{\w+\}/g, ' sample ')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
}

function containsInOrder(name: string[], label: string[]): boolean {
  for (let start = 0; start + label.length <= name.length; start++)
    if (label.every((word, i) => name[start + i] === word)) return true;
  return false;
}

describe('accessible names contain the visible text', () => {
  it.each([
    ['en', en],
    ['fr', fr],
    ['de', de],
  ] as const)('%s', (_, catalog) => {
    const mismatched = PAIRS.filter(
      ([visible, name]) => !containsInOrder(words(catalog[name]), words(catalog[visible])),
    ).map(([visible, name]) => `${catalog[visible]} ⊄ ${catalog[name]}`);
    expect(mismatched).toEqual([]);
  });

  it('finds a name that leaves the visible text out', () => {
    expect(containsInOrder(words('Open the {plan} subscription'), words('Manage seats'))).toBe(false);
    expect(containsInOrder(words('Lizenz von {email} entfernen'), words('Entfernen'))).toBe(true);
  });
});
