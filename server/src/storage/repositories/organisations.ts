/**
 * Organisations and their domains: one aggregate. An organisation (one per Microsoft 365 tenant),
 * the domains it listed and how each is proven (its DNS record), the domains its tenant verified
 * (seen in signed tokens), its administrators, and the emails sent for it per day (the daily
 * limit). Proof rules live in ../../organisations/domainProof.ts; this only reads and writes rows.
 */
import { sql, type Kysely } from 'kysely';
import type { EngineSql } from '../engine.js';
import type { Schema } from '../schema.js';

export interface OrganisationRow {
  id: string;
  tenantId: string;
  name: string;
  createdAt: number;
}

export interface DomainRow {
  domain: string;
  source: 'tenant' | 'manual';
  createdAt: number;
  /** Proven by the organisation's TXT record, when. */
  dnsVerifiedAt: number | null;
  checkedAt: number | null;
  checkResult: string | null;
  /** Last seen as a verified domain of the organisation's tenant. */
  tenantSeenAt: number | null;
}

export interface OrganisationAdministratorRow {
  id: string;
  tenantId: string;
  objectId: string;
  email: string;
  createdAt: number;
}

const ORGANISATION_COLUMNS = ['id', 'tenant_id as tenantId', 'name', 'created_at as createdAt'] as const;

export class OrganisationRepository {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly engine: EngineSql,
  ) {}

  async findByTenant(tenantId: string): Promise<OrganisationRow | undefined> {
    return this.db
      .selectFrom('organisations')
      .select(ORGANISATION_COLUMNS)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
  }

  async find(id: string): Promise<OrganisationRow | undefined> {
    return this.db.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('id', '=', id).executeTakeFirst();
  }

  /**
   * The tenant's organisation, inserted unless another transaction did first (the tenant is
   * unique): two first purchases of one tenant on two instances make one organisation.
   */
  async findOrInsert(row: OrganisationRow): Promise<OrganisationRow> {
    await this.db
      .insertInto('organisations')
      .values({ id: row.id, tenant_id: row.tenantId, name: row.name, created_at: row.createdAt })
      .onConflict((oc) => oc.column('tenant_id').doNothing())
      .execute();
    const organisation = await this.findByTenant(row.tenantId);
    if (!organisation) throw new Error(`The organisation of tenant ${row.tenantId} was neither found nor made.`);
    return organisation;
  }

  async insert(row: OrganisationRow): Promise<void> {
    await this.db
      .insertInto('organisations')
      .values({ id: row.id, tenant_id: row.tenantId, name: row.name, created_at: row.createdAt })
      .execute();
  }

  /** The organisation's display name (organisations are named after the buyer's domain). */
  async name(organisationId: string): Promise<string> {
    return (
      (await this.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst())
        ?.name ?? ''
    );
  }

  /** Locks the organisation's row until the transaction ends: its administrators and its daily email count are checked, then written. */
  async lock(organisationId: string): Promise<void> {
    await this.db.selectFrom('organisations').select('id').where('id', '=', organisationId).forUpdate().execute();
  }

  // --- domains -----------------------------------------------------------------------------

  /** Adds a domain to the organisation's list; it is usable only once proven (`isDomainApproved`). False when listed already. */
  async approveDomain(
    organisationId: string,
    domain: string,
    at: number,
    source: 'tenant' | 'manual' = 'tenant',
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('approved_domains')
      .values({ organisation_id: organisationId, domain, created_at: at, source })
      .onConflict((oc) => oc.columns(['organisation_id', 'domain']).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  async removeDomain(organisationId: string, domain: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('approved_domains')
      .where('organisation_id', '=', organisationId)
      .where('domain', '=', domain)
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /**
   * The organisation's domains: those it listed, and those its own tenant verified (seen since
   * `tenantSince`), each with how it is proven.
   */
  async listDomains(organisationId: string, tenantSince = 0): Promise<DomainRow[]> {
    const result = await sql<DomainRow>`
      SELECT a.domain, a.source, a.created_at AS "createdAt", a.verified_at AS "dnsVerifiedAt", a.checked_at AS "checkedAt", a.check_result AS "checkResult", t.seen_at AS "tenantSeenAt"
      FROM approved_domains a JOIN organisations o ON o.id = a.organisation_id
      LEFT JOIN tenant_domains t ON t.tenant_id = o.tenant_id AND t.domain = a.domain AND t.seen_at >= ${tenantSince}
      WHERE a.organisation_id = ${organisationId}
      UNION ALL
      SELECT t.domain, 'tenant', t.seen_at, NULL, NULL, NULL, t.seen_at
      FROM tenant_domains t JOIN organisations o ON o.tenant_id = t.tenant_id
      WHERE o.id = ${organisationId} AND t.seen_at >= ${tenantSince} AND NOT EXISTS (SELECT 1 FROM approved_domains a WHERE a.organisation_id = o.id AND a.domain = t.domain)
      ORDER BY 1`.execute(this.db);
    return result.rows;
  }

  /** Whether seats may be assigned (and emails sent) at this domain: proven by DNS, or verified by the organisation's own tenant. */
  async isDomainApproved(organisationId: string, domain: string, tenantSince = 0): Promise<boolean> {
    const row = await this.db
      .selectFrom('organisations as o')
      .select('o.id')
      .where('o.id', '=', organisationId)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('approved_domains as a')
              .select('a.domain')
              .whereRef('a.organisation_id', '=', 'o.id')
              .where('a.domain', '=', domain)
              .where('a.verified_at', 'is not', null),
          ),
          eb.exists(
            eb
              .selectFrom('tenant_domains as t')
              .select('t.domain')
              .whereRef('t.tenant_id', '=', 'o.tenant_id')
              .where('t.domain', '=', domain)
              .where('t.seen_at', '>=', tenantSince),
          ),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Proven through the organisation's DNS record: the only proof that lets people of another tenant bind its seats. */
  async isDomainProvenByDns(organisationId: string, domain: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('approved_domains')
      .select('domain')
      .where('organisation_id', '=', organisationId)
      .where('domain', '=', domain)
      .where('verified_by', '=', 'dns')
      .where('verified_at', 'is not', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether the tenant verified the domain (seen since `since`). */
  async isTenantDomain(tenantId: string, domain: string, since = 0): Promise<boolean> {
    return (
      (await this.db
        .selectFrom('tenant_domains')
        .select('domain')
        .where('tenant_id', '=', tenantId)
        .where('domain', '=', domain)
        .where('seen_at', '>=', since)
        .executeTakeFirst()) !== undefined
    );
  }

  /** Records that a member of the tenant signed in with a UPN at `domain` (Entra allows only verified domains there). */
  async recordTenantDomain(tenantId: string, domain: string, at: number): Promise<void> {
    await this.db
      .insertInto('tenant_domains')
      .values({ tenant_id: tenantId, domain, seen_at: at })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'domain']).doUpdateSet({
          seen_at: (eb) => this.engine.greatest(eb.ref('tenant_domains.seen_at'), eb.ref('excluded.seen_at')),
        }),
      )
      .execute();
  }

  async recordDomainCheck(
    organisationId: string,
    domain: string,
    at: number,
    result: string,
    proven: boolean,
  ): Promise<void> {
    await this.db
      .updateTable('approved_domains')
      .set((eb) => ({
        checked_at: at,
        check_result: result,
        ...(proven ? { verified_at: eb.fn.coalesce('verified_at', eb.val(at)), verified_by: 'dns' } : {}),
      }))
      .where('organisation_id', '=', organisationId)
      .where('domain', '=', domain)
      .execute();
  }

  /** The organisation's TXT record value, made on first use (the first writer's stands). */
  async domainToken(organisationId: string, make: () => string): Promise<string> {
    await this.db
      .updateTable('organisations')
      .set({ domain_token: make() })
      .where('id', '=', organisationId)
      .where('domain_token', 'is', null)
      .execute();
    const row = await this.db
      .selectFrom('organisations')
      .select('domain_token')
      .where('id', '=', organisationId)
      .executeTakeFirstOrThrow();
    if (row.domain_token === null) throw new Error(`Organisation ${organisationId} has no domain token.`);
    return row.domain_token;
  }

  // --- administrators ----------------------------------------------------------------------

  async listAdministrators(organisationId: string): Promise<OrganisationAdministratorRow[]> {
    return this.db
      .selectFrom('organisation_administrators')
      .select(['id', 'tenant_id as tenantId', 'object_id as objectId', 'email', 'created_at as createdAt'])
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .orderBy('email')
      .execute();
  }

  /** False when the person administers the organisation already. */
  async insertAdministrator(
    row: OrganisationAdministratorRow & { organisationId: string; appointedBy: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .insertInto('organisation_administrators')
      .values({
        id: row.id,
        organisation_id: row.organisationId,
        tenant_id: row.tenantId,
        object_id: row.objectId,
        email: row.email,
        appointed_by: row.appointedBy,
        created_at: row.createdAt,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'tenant_id', 'object_id']).doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  async deleteAdministrator(organisationId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('organisation_administrators')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  /** Owners and delegates of the organisation's subscriptions in its own tenant: the people who can be appointed by address. */
  async people(organisationId: string): Promise<Array<{ tenantId: string; objectId: string; email: string }>> {
    const result = await sql<{ tenantId: string; objectId: string; email: string }>`
      SELECT s.owner_tenant_id AS "tenantId", s.owner_object_id AS "objectId", s.owner_email AS email FROM subscriptions s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.organisation_id = ${organisationId} AND s.owner_tenant_id = o.tenant_id
      UNION
      SELECT d.tenant_id, d.object_id, d.email FROM delegates d JOIN subscriptions s ON s.id = d.subscription_id JOIN organisations o ON o.id = s.organisation_id
        WHERE s.organisation_id = ${organisationId} AND d.tenant_id = o.tenant_id`.execute(this.db);
    return result.rows;
  }

  // --- daily email limit -------------------------------------------------------------------

  /**
   * Takes up to `wanted` emails from the organisation's allowance for `day`; answers how many
   * were granted. The day's row is made first and locked, so two transactions never both grant
   * the last emails of a day.
   */
  async reserveEmails(organisationId: string, day: string, wanted: number, limit: number): Promise<number> {
    await this.db
      .insertInto('organisation_email_days')
      .values({ organisation_id: organisationId, day, sent: 0 })
      .onConflict((oc) => oc.columns(['organisation_id', 'day']).doNothing())
      .execute();
    const { sent } = await this.db
      .selectFrom('organisation_email_days')
      .select('sent')
      .where('organisation_id', '=', organisationId)
      .where('day', '=', day)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const granted = Math.max(0, Math.min(wanted, limit - sent));
    if (granted > 0)
      await this.db
        .updateTable('organisation_email_days')
        .set({ sent: sent + granted })
        .where('organisation_id', '=', organisationId)
        .where('day', '=', day)
        .execute();
    return granted;
  }
}
