/**
 * Consolidation invitations (issue 15, point 4): the owner of a target subscription asks the owner
 * of an individual subscription of the same organisation to merge it in. The invitee is the
 * `(tid, oid)` the source's owner had when invited (an address only names them in emails); one
 * pending invitation per source at a time (a partial unique index); a decision moves a pending
 * invitation once (`decide` changes only a row still pending, so two acceptances cannot both win).
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';

export const CONSOLIDATION_INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export type ConsolidationInvitationStatus = (typeof CONSOLIDATION_INVITATION_STATUSES)[number];

export interface ConsolidationInvitationRow {
  id: string;
  organisationId: string;
  targetSubscriptionId: string;
  sourceSubscriptionId: string;
  inviterTenantId: string;
  inviterObjectId: string;
  inviterEmail: string;
  inviteeTenantId: string;
  inviteeObjectId: string;
  inviteeEmail: string;
  /** The language the invitee's emails are written in. */
  language: string;
  /** What the target was when the invitation was sent (billing/consolidationTerms.ts, `targetTerms`). */
  targetTerms: string;
  status: ConsolidationInvitationStatus;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
}

const COLUMNS = [
  'id',
  'organisation_id as organisationId',
  'target_subscription_id as targetSubscriptionId',
  'source_subscription_id as sourceSubscriptionId',
  'inviter_tenant_id as inviterTenantId',
  'inviter_object_id as inviterObjectId',
  'inviter_email as inviterEmail',
  'invitee_tenant_id as inviteeTenantId',
  'invitee_object_id as inviteeObjectId',
  'invitee_email as inviteeEmail',
  'language',
  'target_terms as targetTerms',
  'status',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'decided_at as decidedAt',
] as const;

export class ConsolidationInvitationRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: ConsolidationInvitationRow): Promise<void> {
    await this.db
      .insertInto('consolidation_invitations')
      .values({
        id: row.id,
        organisation_id: row.organisationId,
        target_subscription_id: row.targetSubscriptionId,
        source_subscription_id: row.sourceSubscriptionId,
        inviter_tenant_id: row.inviterTenantId,
        inviter_object_id: row.inviterObjectId,
        inviter_email: row.inviterEmail,
        invitee_tenant_id: row.inviteeTenantId,
        invitee_object_id: row.inviteeObjectId,
        invitee_email: row.inviteeEmail,
        language: row.language,
        target_terms: row.targetTerms,
        status: row.status,
        created_at: row.createdAt,
        expires_at: row.expiresAt,
        decided_at: row.decidedAt,
      })
      .execute();
  }

  async find(id: string): Promise<ConsolidationInvitationRow | undefined> {
    return (await this.db
      .selectFrom('consolidation_invitations')
      .select(COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst()) as ConsolidationInvitationRow | undefined;
  }

  /** The source's pending invitation, expired or not (at most one: the partial unique index). */
  async findPendingForSource(sourceSubscriptionId: string): Promise<ConsolidationInvitationRow | undefined> {
    return (await this.db
      .selectFrom('consolidation_invitations')
      .select(COLUMNS)
      .where('source_subscription_id', '=', sourceSubscriptionId)
      .where('status', '=', 'pending')
      .executeTakeFirst()) as ConsolidationInvitationRow | undefined;
  }

  /** The invitations addressed to one account (its Entra tid/oid), newest first. */
  async listForInvitee(
    tenantId: string,
    objectId: string,
    statuses: readonly ConsolidationInvitationStatus[],
  ): Promise<ConsolidationInvitationRow[]> {
    return (await this.db
      .selectFrom('consolidation_invitations')
      .select(COLUMNS)
      .where('invitee_tenant_id', '=', tenantId)
      .where('invitee_object_id', '=', objectId)
      .where('status', 'in', [...statuses])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()) as ConsolidationInvitationRow[];
  }

  /** The invitations a target sent, newest first. */
  async listForTarget(targetSubscriptionId: string): Promise<ConsolidationInvitationRow[]> {
    return (await this.db
      .selectFrom('consolidation_invitations')
      .select(COLUMNS)
      .where('target_subscription_id', '=', targetSubscriptionId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()) as ConsolidationInvitationRow[];
  }

  /** Moves a pending invitation to its decision; false when it was no longer pending (someone decided first). */
  async decide(id: string, status: Exclude<ConsolidationInvitationStatus, 'pending'>, at: number): Promise<boolean> {
    const changed = await this.db
      .updateTable('consolidation_invitations')
      .set({ status, decided_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .returning('id')
      .executeTakeFirst();
    return changed !== undefined;
  }
}
