/**
 * Delegated administration of a subscription: its delegates (people by (tid, oid) with
 * permissions), the invitations that make them, and every token ever sent for an invitation
 * (hashed; a resend supersedes the earlier ones). Changes are made under the subscription's lock
 * (./subscriptions.ts `lock`), which serialises a subscription's invitations.
 */
import type { Kysely } from 'kysely';
import type { Permission } from '#shared/permissions/permissions.js';
import type { Schema } from '../schema.js';
import { parsePermissions } from './subscriptions.js';

export interface DelegateRow {
  id: string;
  subscriptionId: string;
  tenantId: string;
  objectId: string;
  email: string;
  permissions: Permission[];
  createdAt: number;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked';

export interface InvitationRow {
  id: string;
  subscriptionId: string;
  emailCanonical: string;
  emailDisplay: string;
  permissions: Permission[];
  language: string;
  status: InvitationStatus;
  invitedByEmail: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
}

const DELEGATE_COLUMNS = [
  'id',
  'subscription_id as subscriptionId',
  'tenant_id as tenantId',
  'object_id as objectId',
  'email',
  'permissions',
  'created_at as createdAt',
] as const;
const INVITATION_COLUMNS = [
  'id',
  'subscription_id as subscriptionId',
  'email_canonical as emailCanonical',
  'email_display as emailDisplay',
  'permissions',
  'language',
  'status',
  'invited_by_email as invitedByEmail',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'accepted_at as acceptedAt',
] as const;

function invitation(
  row: { permissions: string; status: string } & Omit<InvitationRow, 'permissions' | 'status'>,
): InvitationRow {
  return { ...row, status: row.status as InvitationStatus, permissions: parsePermissions(row.permissions) };
}

export class DelegationRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async listDelegates(subscriptionId: string): Promise<DelegateRow[]> {
    const rows = await this.db
      .selectFrom('delegates')
      .select(DELEGATE_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .orderBy('email')
      .execute();
    return rows.map((row) => ({ ...row, permissions: parsePermissions(row.permissions) }));
  }

  /** Inserts a delegate, or replaces the permissions of the same person in the subscription. */
  async upsertDelegate(row: DelegateRow): Promise<void> {
    await this.db
      .insertInto('delegates')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        tenant_id: row.tenantId,
        object_id: row.objectId,
        email: row.email,
        permissions: row.permissions.join(','),
        created_at: row.createdAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['subscription_id', 'tenant_id', 'object_id'])
          .doUpdateSet((eb) => ({ permissions: eb.ref('excluded.permissions'), email: eb.ref('excluded.email') })),
      )
      .execute();
  }

  async updateDelegatePermissions(delegateId: string, permissions: readonly Permission[]): Promise<void> {
    await this.db
      .updateTable('delegates')
      .set({ permissions: permissions.join(',') })
      .where('id', '=', delegateId)
      .execute();
  }

  async deleteDelegate(delegateId: string): Promise<void> {
    await this.db.deleteFrom('delegates').where('id', '=', delegateId).execute();
  }

  async insertInvitation(row: InvitationRow): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        id: row.id,
        subscription_id: row.subscriptionId,
        email_canonical: row.emailCanonical,
        email_display: row.emailDisplay,
        permissions: row.permissions.join(','),
        language: row.language,
        status: row.status,
        invited_by_email: row.invitedByEmail,
        created_at: row.createdAt,
        expires_at: row.expiresAt,
        accepted_at: row.acceptedAt,
      })
      .execute();
  }

  async findInvitation(id: string): Promise<InvitationRow | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .select(INVITATION_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && invitation(row);
  }

  async listPendingInvitations(subscriptionId: string): Promise<InvitationRow[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .select(INVITATION_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute();
    return rows.map(invitation);
  }

  async findPendingInvitationFor(subscriptionId: string, emailCanonical: string): Promise<InvitationRow | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .select(INVITATION_COLUMNS)
      .where('subscription_id', '=', subscriptionId)
      .where('email_canonical', '=', emailCanonical)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row && invitation(row);
  }

  /** Accepts or revokes a pending invitation; false when it was no longer pending (single use). */
  async setInvitationStatus(id: string, status: InvitationStatus, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ status, ...(status === 'accepted' ? { accepted_at: at } : {}) })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async setInvitationExpiry(id: string, expiresAt: number): Promise<void> {
    await this.db.updateTable('invitations').set({ expires_at: expiresAt }).where('id', '=', id).execute();
  }

  /** Records a new token for an invitation; every earlier one stops working. */
  async issueInvitationToken(invitationId: string, tokenHash: string, at: number): Promise<void> {
    await this.db
      .updateTable('invitation_tokens')
      .set({ superseded_at: at })
      .where('invitation_id', '=', invitationId)
      .where('superseded_at', 'is', null)
      .execute();
    await this.db
      .insertInto('invitation_tokens')
      .values({ token_hash: tokenHash, invitation_id: invitationId, created_at: at })
      .execute();
  }

  async findInvitationByTokenHash(
    tokenHash: string,
  ): Promise<{ invitation: InvitationRow; superseded: boolean } | undefined> {
    const token = await this.db
      .selectFrom('invitation_tokens')
      .select(['invitation_id as invitationId', 'superseded_at as supersededAt'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    const found = token && (await this.findInvitation(token.invitationId));
    return token && found ? { invitation: found, superseded: token.supersededAt !== null } : undefined;
  }
}
