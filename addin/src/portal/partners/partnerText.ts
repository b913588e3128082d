/** Texts the partner screens share: permissions, durations, relationship states, notification kinds. */
import type { PartnerNotificationView, RelationshipStateView } from '#shared/api/views.js';
import { formatDate, type Locale, type MessageKey, type Translator } from '#shared/i18n/translate.js';
import { journalActionText } from '#shared/journal/journalText.js';
import type { Permission } from '#shared/permissions/permissions.js';

export function permissionsText(permissions: readonly Permission[], t: Translator): string {
  return permissions.map((p) => t(`permission.${p}`)).join(', ');
}

export function durationText(days: number, t: Translator): string {
  return t('partners.durationDays', { days });
}

export function stateText(state: RelationshipStateView, t: Translator): string {
  return t(`partners.state.${state}` as MessageKey);
}

/** The date that matters in a relationship's state: answer by (pending), until (active), expired on, closed on. */
export function relationshipDateText(
  r: { state: RelationshipStateView; expiresAt: string | null; requestExpiresAt?: string; endedAt?: string | null },
  t: Translator,
  locale: Locale,
): string {
  const date = (iso: string) => formatDate(Date.parse(iso), locale);
  if (r.state === 'pending' && r.requestExpiresAt)
    return t('partners.requests.answerBy', { date: date(r.requestExpiresAt) });
  if (r.state === 'active' && r.expiresAt) return t('partners.customers.until', { date: date(r.expiresAt) });
  if (r.state === 'expired' && r.expiresAt) return t('partners.customers.expiredOn', { date: date(r.expiresAt) });
  if (r.endedAt) return t('partners.requests.closedOn', { date: date(r.endedAt) });
  return '';
}

/** A notification's change: the journal's name for its action. */
export function notificationText(notification: PartnerNotificationView, t: Translator): string {
  return journalActionText(notification.action, t);
}

/** Copies text to the clipboard; false when the browser refuses (the text stays selectable on screen). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
