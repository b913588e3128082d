/**
 * A partner's offers: one aggregate. Trial invitations and purchase offers (their link token
 * stored as SHA-256), the organisations that used each, the places buyers hold on a limited offer
 * while paying, and the trials offers gave (one per organisation and plan, ever: the primary key
 * says so). The rules are ../../partners/trialRules.ts and ../../partners/rules.ts.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { parsePermissions } from './subscriptions.js';
import type { Permission } from '#shared/permissions/permissions.js';

export interface OfferRow {
  id: string;
  partnerId: string;
  kind: 'trial' | 'purchase';
  name: string;
  planId: string;
  quantity: number;
  trialDays: number | null;
  priceMinor: number | null;
  currency: string;
  adminPermissions: Permission[];
  adminDays: number | null;
  maxCustomers: number | null;
  disabledAt: number | null;
  expiresAt: number;
  createdByEmail: string;
  createdAt: number;
}

export interface TrialRow {
  organisationId: string;
  planId: string;
  subscriptionId: string;
  partnerId: string | null;
  seats: number;
  startsAt: number;
  endsAt: number;
}

const OFFER_COLUMNS = [
  'id',
  'partner_id as partnerId',
  'kind',
  'name',
  'plan_id as planId',
  'quantity',
  'trial_days as trialDays',
  'price_minor as priceMinor',
  'currency',
  'admin_permissions as adminPermissions',
  'admin_days as adminDays',
  'max_customers as maxCustomers',
  'disabled_at as disabledAt',
  'expires_at as expiresAt',
  'created_by_email as createdByEmail',
  'created_at as createdAt',
] as const;

type RawOffer = Omit<OfferRow, 'adminPermissions' | 'kind'> & { adminPermissions: string; kind: string };

function offer(row: RawOffer): OfferRow {
  return { ...row, kind: row.kind as OfferRow['kind'], adminPermissions: parsePermissions(row.adminPermissions) };
}

export class OfferRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insertOffer(row: OfferRow, tokenHash: string): Promise<void> {
    await this.db
      .insertInto('partner_offers')
      .values({
        id: row.id,
        partner_id: row.partnerId,
        kind: row.kind,
        name: row.name,
        plan_id: row.planId,
        quantity: row.quantity,
        trial_days: row.trialDays,
        price_minor: row.priceMinor,
        currency: row.currency,
        admin_permissions: row.adminPermissions.join(','),
        admin_days: row.adminDays,
        token_hash: tokenHash,
        max_customers: row.maxCustomers,
        disabled_at: row.disabledAt,
        expires_at: row.expiresAt,
        created_by_email: row.createdByEmail,
        created_at: row.createdAt,
      })
      .execute();
  }

  async findOffer(partnerId: string, id: string): Promise<OfferRow | undefined> {
    const row = await this.db
      .selectFrom('partner_offers')
      .select(OFFER_COLUMNS)
      .where('partner_id', '=', partnerId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && offer(row);
  }

  async findOfferById(id: string): Promise<OfferRow | undefined> {
    const row = await this.db
      .selectFrom('partner_offers')
      .select(OFFER_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && offer(row);
  }

  /**
   * Locks the offer until the transaction ends: its places (customers and buyers holding one)
   * are counted and one is taken by one transaction at a time.
   */
  async lockOffer(id: string): Promise<void> {
    await this.db.selectFrom('partner_offers').select('id').where('id', '=', id).forUpdate().execute();
  }

  async findOfferByTokenHash(tokenHash: string): Promise<OfferRow | undefined> {
    const row = await this.db
      .selectFrom('partner_offers')
      .select(OFFER_COLUMNS)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row && offer(row);
  }

  async listOffers(partnerId: string): Promise<Array<OfferRow & { customers: number }>> {
    const rows = await this.db
      .selectFrom('partner_offers')
      .select(OFFER_COLUMNS)
      .select((eb) =>
        eb
          .selectFrom('partner_offer_redemptions as r')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('r.offer_id', '=', 'partner_offers.id')
          .as('customers'),
      )
      .where('partner_id', '=', partnerId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((row) => ({ ...offer(row), customers: Number(row.customers ?? 0) }));
  }

  async setOfferDisabled(id: string, disabledAt: number | null): Promise<void> {
    await this.db.updateTable('partner_offers').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
  }

  async offerCustomers(offerId: string): Promise<number> {
    return Number(
      (
        await this.db
          .selectFrom('partner_offer_redemptions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('offer_id', '=', offerId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  }

  /** Places of a limited offer held by buyers other than this one whose payment is under way. */
  async otherOfferClaims(
    offerId: string,
    buyer: { tenantId: string; objectId: string },
    since: number,
  ): Promise<number> {
    const row = await this.db
      .selectFrom('partner_offer_claims')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('offer_id', '=', offerId)
      .where('created_at', '>', since)
      .where((eb) => eb.not(eb.and([eb('tenant_id', '=', buyer.tenantId), eb('object_id', '=', buyer.objectId)])))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async claimOffer(offerId: string, buyer: { tenantId: string; objectId: string }, now: number): Promise<void> {
    await this.db
      .insertInto('partner_offer_claims')
      .values({ offer_id: offerId, tenant_id: buyer.tenantId, object_id: buyer.objectId, created_at: now })
      .onConflict((oc) =>
        oc
          .columns(['offer_id', 'tenant_id', 'object_id'])
          .doUpdateSet((eb) => ({ created_at: eb.ref('excluded.created_at') })),
      )
      .execute();
  }

  async releaseOfferClaim(offerId: string, buyer: { tenantId: string; objectId: string }): Promise<void> {
    await this.db
      .deleteFrom('partner_offer_claims')
      .where('offer_id', '=', offerId)
      .where('tenant_id', '=', buyer.tenantId)
      .where('object_id', '=', buyer.objectId)
      .execute();
  }

  async hasRedeemedOffer(offerId: string, organisationId: string): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('partner_offer_redemptions')
        .select('offer_id')
        .where('offer_id', '=', offerId)
        .where('organisation_id', '=', organisationId)
        .executeTakeFirst()) !== undefined
    );
  }

  /** Records a customer's use of an offer; false when this organisation used it before. */
  async insertOfferRedemption(row: {
    offerId: string;
    organisationId: string;
    subscriptionId: string;
    email: string;
    createdAt: number;
  }): Promise<boolean> {
    const result = await this.db
      .insertInto('partner_offer_redemptions')
      .values({
        offer_id: row.offerId,
        organisation_id: row.organisationId,
        subscription_id: row.subscriptionId,
        email: row.email,
        created_at: row.createdAt,
      })
      .onConflict((oc) => oc.columns(['offer_id', 'organisation_id']).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  // --- trials ------------------------------------------------------------------------------

  /** False when the organisation already had a trial of this plan (the primary key refuses a second). */
  async insertTrial(row: TrialRow): Promise<boolean> {
    const result = await this.db
      .insertInto('trials')
      .values({
        organisation_id: row.organisationId,
        plan_id: row.planId,
        subscription_id: row.subscriptionId,
        partner_id: row.partnerId,
        seats: row.seats,
        starts_at: row.startsAt,
        ends_at: row.endsAt,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'plan_id']).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  async hadTrial(organisationId: string, planId: string): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('trials')
        .select('subscription_id')
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .executeTakeFirst()) !== undefined
    );
  }

  async hasLiveTrial(organisationId: string): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('subscriptions')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('status', '=', 'trial')
        .executeTakeFirst()) !== undefined
    );
  }

  /** The organisation has or had a subscription of the plan that did not start as a trial (bought, or made from a key). */
  async paidForPlan(organisationId: string, planId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('subscriptions as s')
      .select('s.id')
      .where('s.organisation_id', '=', organisationId)
      .where('s.plan_id', '=', planId)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('trials as t').select('t.subscription_id').whereRef('t.subscription_id', '=', 's.id'),
          ),
        ),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Trial seats given through the partner's offers so far. */
  async trialSeatsGiven(partnerId: string): Promise<number> {
    const row = await this.db
      .selectFrom('trials')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('seats'), eb.lit(0)).as('n'))
      .where('partner_id', '=', partnerId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
