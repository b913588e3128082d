/**
 * The journal (who changed what, when, from where): the one way entries are written. An entry's
 * category and whether the subscription's partner of record hears of it come from the action
 * (shared/src/journal/journalActions.ts); the notification is written in the same transaction as
 * the entry. Storage only keeps the rows (../storage/repositories/journal.ts).
 */
import type { JournalEntryView } from '#shared/api/views.js';
import { categoryOf, isActorRole, notificationKind, type JournalAction } from '#shared/journal/journalActions.js';
import type { PartnerStaffRole } from '#shared/permissions/permissions.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { Repositories, StoredJournalRow } from '../storage/unitOfWork.js';

/** A person acting, in the role they acted in. */
export interface PersonActor {
  role: 'owner' | 'delegate' | 'organisation_admin' | 'seat_holder' | 'customer';
  tenantId: string;
  objectId: string;
  email: string;
}

/** Partner staff, in their own partner organisation or for a customer ("partner X for customer Y"). */
export interface PartnerActor {
  role: 'partner';
  tenantId: string;
  objectId: string;
  email: string;
  /** Absent only in payment claims written before the partner was recorded with the actor. */
  partner?: { id: string; staffRole: PartnerStaffRole };
  onBehalfOf: string | null;
}

/** Who acted: a person, partner staff, a job of the server (`system`, `group_sync`) or the vendor's command on its host. */
export type JournalActor =
  PersonActor | PartnerActor | { role: 'system' } | { role: 'vendor' } | { role: 'group_sync' };

export interface JournalRecord {
  organisationId: string;
  subscriptionId: string | null;
  actor: JournalActor;
  action: JournalAction;
  target: string | null;
  detail?: unknown;
  ip: string | null;
  at: number;
}

/** A signed-in person (a caller, a buyer) in a role. */
export function person(
  who: Pick<CallerIdentity, 'tenantId' | 'objectId'> & { email?: string | null },
  role: PersonActor['role'],
  email: string = who.email ?? '',
): PersonActor {
  return { role, tenantId: who.tenantId, objectId: who.objectId, email };
}

export const Journal = {
  /** Writes the entry and, for a change its partner of record hears of, the partner's notification. In the caller's transaction. */
  async record(tx: Repositories, entry: JournalRecord): Promise<void> {
    const { actor } = entry;
    const detail = entry.detail === undefined || entry.detail === null ? null : JSON.stringify(entry.detail);
    const somebody = 'tenantId' in actor ? actor : null;
    const partner = actor.role === 'partner' ? actor : null;
    await tx.journal.append({
      organisationId: entry.organisationId,
      subscriptionId: entry.subscriptionId,
      actorTenantId: somebody?.tenantId ?? null,
      actorObjectId: somebody?.objectId ?? null,
      actorEmail: somebody?.email ?? null,
      actorRole: actor.role,
      actorPartnerId: partner?.partner?.id ?? null,
      actorStaffRole: partner?.partner?.staffRole ?? null,
      onBehalfOf: partner?.onBehalfOf ?? null,
      category: categoryOf(entry.action),
      action: entry.action,
      target: entry.target,
      detail,
      ip: entry.ip,
      at: entry.at,
    });
    const kind = notificationKind(entry.action);
    if (kind && entry.subscriptionId !== null)
      await tx.partners.notifyPartnerOfRecord(entry.subscriptionId, kind, entry.action, detail, entry.at);
  },
};

/** An entry as the API answers it (subscription journals and the partner's own). */
export function journalEntryView(row: StoredJournalRow): JournalEntryView {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actorEmail,
    actorRole: row.actorRole !== null && isActorRole(row.actorRole) ? row.actorRole : null,
    partner: row.actorPartnerName,
    onBehalfOf: row.onBehalfOf,
    action: row.action as JournalAction,
    target: row.target,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
    ip: row.ip,
  };
}
