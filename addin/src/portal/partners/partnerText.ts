/** Texts the partner screens share: permissions, durations, relationship states, notification kinds. */
import type { PartnerNotificationView, RelationshipStateView } from '../../../../shared/src/api/views.js';
import type { MessageKey, Translator } from '../../../../shared/src/i18n/translate.js';
import { journalActionText } from '../../../../shared/src/journal/journalText.js';
import type { Permission } from '../../../../shared/src/permissions/permissions.js';

export function permissionsText(permissions: readonly Permission[], t: Translator): string {
  return permissions.map((p) => t(`permission.${p}`)).join(', ');
}

export function durationText(days: number, t: Translator): string {
  return t('partners.durationDays', { days });
}

export function stateText(state: RelationshipStateView, t: Translator): string {
  return t(`partners.state.${state}` as MessageKey);
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

/** A fresh Idempotency-Key per distinct request body: a resubmitted order reuses its key and is charged once. */
export function idempotencyKeys(): (body: object) => string {
  let last: { body: string; key: string } | null = null;
  return (body) => {
    const serialized = JSON.stringify(body);
    if (last?.body !== serialized) last = { body: serialized, key: crypto.randomUUID() };
    return last.key;
  };
}
