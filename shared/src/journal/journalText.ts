/** How the pages name a journal entry's action and actor, in the reader's language. */
import type { JournalEntryView } from '../api/views.js';
import type { Translator } from '../i18n/translate.js';
import { isJournalAction } from './journalActions.js';

/** The action's label; the compiler refuses an action without one (`journal.action.<name>` must be a message key). */
export function journalActionText(action: string, t: Translator): string {
  return isJournalAction(action) ? t(`journal.action.${action}`) : action;
}

/** Who acted, as who they are: the partner's name for partner staff, "Outmerge (automatic)" for jobs. */
export function journalActorText(
  entry: Pick<JournalEntryView, 'actor' | 'actorRole' | 'partner'>,
  t: Translator,
): string {
  const who = entry.actor ?? '—';
  switch (entry.actorRole) {
    case null:
      return who;
    case 'system':
    case 'vendor':
    case 'group_sync':
      return t(`journal.role.${entry.actorRole}`);
    case 'partner':
      return `${who} (${t('journal.role.partner', { partner: entry.partner ?? '' })})`;
    default:
      return `${who} (${t(`journal.role.${entry.actorRole}`)})`;
  }
}
