/** Texts the partner screens share: permissions, durations, relationship states, notification kinds. */
import type { PartnerNotificationView, RelationshipStateView } from '../../../../shared/src/api/views.js';
import { en } from '../../../../shared/src/i18n/en.js';
import type { MessageKey, Translator } from '../../../../shared/src/i18n/translate.js';
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

/** A notification's change: the journal's name for the action when it has one, otherwise its kind. */
export function notificationText(notification: PartnerNotificationView, t: Translator): string {
  const key = `journal.action.${notification.action}`;
  return key in en ? t(key as MessageKey) : t(`partners.kind.${notification.kind}` as MessageKey);
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
