import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de.js';
import { en } from '../i18n/en.js';
import { fr } from '../i18n/fr.js';
import { registerCatalog, translator } from '../i18n/translate.js';
import {
  ACTOR_ROLES,
  JOURNAL_ACTION_NAMES,
  SUBSCRIPTION_JOURNAL_ACTIONS,
  categoryOf,
  notificationKind,
} from './journalActions.js';
import { journalActionText, journalActorText } from './journalText.js';

registerCatalog('fr', fr);
registerCatalog('de', de);

describe('the journal vocabulary', () => {
  it('labels every action and every actor role in every catalog', () => {
    for (const catalog of [en, fr, de] as Array<Record<string, string>>) {
      for (const action of JOURNAL_ACTION_NAMES) expect(catalog[`journal.action.${action}`], action).toMatch(/\S/);
      for (const role of ACTOR_ROLES) expect(catalog[`journal.role.${role}`], role).toMatch(/\S/);
    }
    // No label for an action that does not exist.
    const labelled = Object.keys(en)
      .filter((key) => key.startsWith('journal.action.'))
      .map((key) => key.slice('journal.action.'.length));
    expect(labelled.sort()).toEqual([...JOURNAL_ACTION_NAMES].sort());
  });

  it('shows actions in the reader language and unknown ones as they are', () => {
    expect(journalActionText('quantity.increased', translator('de'))).toBe('Lizenzen hinzugefügt');
    expect(journalActionText('invoice.paid', translator('fr'))).toBe('Facture payée');
    expect(journalActionText('something.new', translator('en'))).toBe('something.new');
  });

  it('names the actor as who they are', () => {
    const t = translator('en');
    expect(journalActorText({ actor: 'pia@partner.example', actorRole: 'partner', partner: 'Delta Partners' }, t)).toBe(
      'pia@partner.example (Partner Delta Partners)',
    );
    expect(journalActorText({ actor: null, actorRole: 'system', partner: null }, t)).toBe('Outmerge (automatic)');
    expect(journalActorText({ actor: 'olivia@contoso.com', actorRole: 'owner', partner: null }, t)).toBe(
      'olivia@contoso.com (Owner)',
    );
  });

  it('notifies the partner of record of seats, quantity, renewals and endings only, never of its own entries', () => {
    expect(notificationKind('seat.assigned')).toBe('seats');
    expect(notificationKind('quantity.increased')).toBe('quantity');
    expect(notificationKind('subscription.extended')).toBe('renewal');
    expect(notificationKind('subscription.merged_into')).toBe('cancellation');
    expect(notificationKind('domain.added')).toBeNull();
    expect(
      JOURNAL_ACTION_NAMES.filter((a) => categoryOf(a) === 'partner').every((a) => notificationKind(a) === null),
    ).toBe(true);
    expect(SUBSCRIPTION_JOURNAL_ACTIONS).not.toContain('offer.created');
    expect(SUBSCRIPTION_JOURNAL_ACTIONS).toContain('invoice.paid');
  });
});
