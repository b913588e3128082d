/**
 * Forward-only schema migrations for PostgreSQL: a separate list that reaches the same tables,
 * columns, keys, checks and indexes as SQLite's (./migrations.ts; compared by
 * tests/storage/schemaParity.test.ts). Each entry moves the database from `version - 1` to
 * `version` in one transaction (PostgreSQL's DDL is transactional); the `outmerge_schema` table
 * records where a database stands. Never edit a released migration: add a new one, and add the
 * same change to SQLite's list.
 *
 * Version 1 is the schema of SQLite's migrations 1–15 and 17 at once (no PostgreSQL database
 * existed before it); version 2 is SQLite's 16 (groups), which reached main beside it.
 * Differences from SQLite, and why:
 * - text is `COLLATE "C"` (byte order, as SQLite's BINARY): seat pages, cursors and customer lists
 *   sort identically on both engines, and `lower()` folds ASCII only, as SQLite's does;
 * - times (epoch milliseconds) and money (minor units) are BIGINT, read back as numbers
 *   (./engine.ts); autoincrement ids are identity columns;
 * - the check-in index sorts a seat never checked in first (`NULLS FIRST`), SQLite's order;
 * - two tables only several instances need: `signing_keys` (shared license signing keys) and
 *   `rate_limits` (UNLOGGED: counts that may be lost in a crash, written on every limited request
 *   without the write-ahead log's cost).
 */
import type { Migration } from './migrations.js';

export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description:
      "the schema of SQLite's migrations 1–15 and 17, and shared signing keys and rate limits for several instances",
    sql: `
      CREATE TABLE organisations (
        id TEXT COLLATE "C" PRIMARY KEY,
        tenant_id TEXT COLLATE "C" NOT NULL UNIQUE,
        name TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        domain_token TEXT COLLATE "C"
      );
      CREATE TABLE approved_domains (
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        domain TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        source TEXT COLLATE "C" NOT NULL DEFAULT 'tenant',
        verified_at BIGINT,
        verified_by TEXT COLLATE "C" CHECK (verified_by IN ('dns')),
        checked_at BIGINT,
        check_result TEXT COLLATE "C",
        PRIMARY KEY (organisation_id, domain)
      );
      CREATE TABLE tenant_domains (
        tenant_id TEXT COLLATE "C" NOT NULL,
        domain TEXT COLLATE "C" NOT NULL,
        seen_at BIGINT NOT NULL,
        PRIMARY KEY (tenant_id, domain)
      );
      CREATE TABLE organisation_administrators (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        tenant_id TEXT COLLATE "C" NOT NULL,
        object_id TEXT COLLATE "C" NOT NULL,
        email TEXT COLLATE "C" NOT NULL,
        appointed_by TEXT COLLATE "C",
        created_at BIGINT NOT NULL,
        UNIQUE (organisation_id, tenant_id, object_id)
      );
      CREATE TABLE organisation_email_days (
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        day TEXT COLLATE "C" NOT NULL,
        sent INTEGER NOT NULL CHECK (sent >= 0),
        PRIMARY KEY (organisation_id, day)
      );
      CREATE TABLE partners (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES organisations(id),
        advisor_code TEXT COLLATE "C" NOT NULL UNIQUE,
        name TEXT COLLATE "C" NOT NULL,
        contact_email TEXT COLLATE "C" NOT NULL,
        language TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        trial_seat_allowance INTEGER CHECK (trial_seat_allowance IS NULL OR trial_seat_allowance >= 0)
      );
      CREATE TABLE subscriptions (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        plan_id TEXT COLLATE "C" NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('trial', 'active', 'past_due', 'expired', 'cancelled')),
        period_start BIGINT NOT NULL,
        period_end BIGINT NOT NULL CHECK (period_end > period_start),
        owner_tenant_id TEXT COLLATE "C" NOT NULL,
        owner_object_id TEXT COLLATE "C" NOT NULL,
        owner_email TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        currency TEXT COLLATE "C" NOT NULL DEFAULT 'EUR',
        pending_quantity INTEGER CHECK (pending_quantity IS NULL OR pending_quantity > 0),
        grace_until BIGINT,
        ended_at BIGINT,
        billing_lock_until BIGINT,
        partner_id TEXT COLLATE "C" REFERENCES partners(id),
        live_seats INTEGER NOT NULL DEFAULT 0 CHECK (live_seats >= 0)
      );
      CREATE INDEX subscriptions_owner ON subscriptions (owner_tenant_id, owner_object_id);
      CREATE INDEX subscriptions_organisation ON subscriptions (organisation_id);
      CREATE INDEX subscriptions_partner ON subscriptions (partner_id) WHERE partner_id IS NOT NULL;
      CREATE INDEX subscriptions_due ON subscriptions (period_end) WHERE status IN ('active', 'trial', 'past_due');
      CREATE TABLE seats (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        email_canonical TEXT COLLATE "C" NOT NULL,
        email_display TEXT COLLATE "C" NOT NULL,
        language TEXT COLLATE "C" NOT NULL,
        bound_tenant_id TEXT COLLATE "C",
        bound_object_id TEXT COLLATE "C",
        assigned_at BIGINT NOT NULL,
        last_check_in_at BIGINT,
        removed_at BIGINT,
        suspended_at BIGINT,
        CHECK ((bound_tenant_id IS NULL) = (bound_object_id IS NULL))
      );
      CREATE UNIQUE INDEX seats_live_email ON seats (subscription_id, email_canonical) WHERE removed_at IS NULL;
      CREATE UNIQUE INDEX seats_live_binding ON seats (subscription_id, bound_tenant_id, bound_object_id) WHERE removed_at IS NULL AND bound_object_id IS NOT NULL;
      CREATE INDEX seats_binding ON seats (bound_tenant_id, bound_object_id);
      CREATE INDEX seats_email ON seats (email_canonical);
      CREATE INDEX seats_live_status ON seats (subscription_id, (CASE WHEN suspended_at IS NOT NULL THEN 3 WHEN bound_object_id IS NULL THEN 1 ELSE 2 END), email_canonical) WHERE removed_at IS NULL;
      CREATE INDEX seats_live_check_in ON seats (subscription_id, last_check_in_at NULLS FIRST, email_canonical) WHERE removed_at IS NULL;
      CREATE INDEX seats_live_assigned ON seats (subscription_id, assigned_at, email_canonical) WHERE removed_at IS NULL;
      CREATE TABLE payments (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" REFERENCES subscriptions(id),
        provider TEXT COLLATE "C" NOT NULL,
        provider_reference TEXT COLLATE "C" NOT NULL,
        amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
        currency TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('succeeded', 'declined')),
        description TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        invoice_id TEXT COLLATE "C"
      );
      CREATE INDEX payments_subscription ON payments (subscription_id);
      CREATE INDEX payments_reference ON payments (provider_reference);
      CREATE TABLE idempotency_keys (
        scope TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        request_hash TEXT COLLATE "C" NOT NULL,
        status_code INTEGER,
        response_body TEXT COLLATE "C",
        created_at BIGINT NOT NULL,
        kind TEXT COLLATE "C",
        pending TEXT COLLATE "C",
        claim_token TEXT COLLATE "C",
        lease_until BIGINT,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_keys_open ON idempotency_keys (lease_until) WHERE status_code IS NULL;
      CREATE TABLE outbox (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        kind TEXT COLLATE "C" NOT NULL,
        to_address TEXT COLLATE "C" NOT NULL,
        subject TEXT COLLATE "C" NOT NULL,
        html TEXT COLLATE "C" NOT NULL,
        text TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        next_attempt_at BIGINT,
        claim_token TEXT COLLATE "C",
        lease_until BIGINT,
        last_error TEXT COLLATE "C",
        message_id TEXT COLLATE "C",
        raw TEXT COLLATE "C",
        created_at BIGINT NOT NULL,
        sent_at BIGINT
      );
      CREATE INDEX outbox_due ON outbox (id) WHERE status = 'pending';
      CREATE TABLE journal (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        subscription_id TEXT COLLATE "C",
        actor_tenant_id TEXT COLLATE "C",
        actor_object_id TEXT COLLATE "C",
        actor_email TEXT COLLATE "C",
        action TEXT COLLATE "C" NOT NULL,
        target TEXT COLLATE "C",
        detail TEXT COLLATE "C",
        ip TEXT COLLATE "C",
        created_at BIGINT NOT NULL,
        actor_role TEXT COLLATE "C",
        on_behalf_of TEXT COLLATE "C",
        category TEXT COLLATE "C" NOT NULL DEFAULT 'seats',
        actor_partner_id TEXT COLLATE "C",
        actor_staff_role TEXT COLLATE "C" CHECK (actor_staff_role IN ('owner', 'full', 'limited'))
      );
      CREATE INDEX journal_organisation ON journal (organisation_id, created_at);
      CREATE TABLE delegates (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        tenant_id TEXT COLLATE "C" NOT NULL,
        object_id TEXT COLLATE "C" NOT NULL,
        email TEXT COLLATE "C" NOT NULL,
        permissions TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (subscription_id, tenant_id, object_id)
      );
      CREATE INDEX delegates_person ON delegates (tenant_id, object_id);
      CREATE TABLE invitations (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        email_canonical TEXT COLLATE "C" NOT NULL,
        email_display TEXT COLLATE "C" NOT NULL,
        permissions TEXT COLLATE "C" NOT NULL,
        language TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
        invited_by_email TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        accepted_at BIGINT
      );
      CREATE INDEX invitations_subscription ON invitations (subscription_id, status);
      CREATE TABLE invitation_tokens (
        token_hash TEXT COLLATE "C" PRIMARY KEY,
        invitation_id TEXT COLLATE "C" NOT NULL REFERENCES invitations(id),
        created_at BIGINT NOT NULL,
        superseded_at BIGINT
      );
      CREATE TABLE payment_methods (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        provider TEXT COLLATE "C" NOT NULL,
        token TEXT COLLATE "C" NOT NULL,
        brand TEXT COLLATE "C" NOT NULL,
        last4 TEXT COLLATE "C" NOT NULL CHECK (length(last4) = 4),
        created_at BIGINT NOT NULL,
        replaced_at BIGINT
      );
      CREATE UNIQUE INDEX payment_methods_current ON payment_methods (subscription_id) WHERE replaced_at IS NULL;
      CREATE TABLE invoice_sequences (
        year INTEGER PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      CREATE TABLE invoices (
        id TEXT COLLATE "C" PRIMARY KEY,
        number TEXT COLLATE "C" NOT NULL UNIQUE,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('purchase', 'quantity_change', 'renewal', 'consolidation')),
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('open', 'paid')),
        currency TEXT COLLATE "C" NOT NULL,
        subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
        tax_minor BIGINT NOT NULL CHECK (tax_minor >= 0),
        total_minor BIGINT NOT NULL CHECK (total_minor = subtotal_minor + tax_minor),
        period_start BIGINT NOT NULL,
        period_end BIGINT NOT NULL,
        bill_to TEXT COLLATE "C" NOT NULL,
        issued_at BIGINT NOT NULL,
        paid_at BIGINT
      );
      CREATE INDEX invoices_subscription ON invoices (subscription_id, issued_at);
      CREATE TABLE invoice_lines (
        invoice_id TEXT COLLATE "C" NOT NULL REFERENCES invoices(id),
        position INTEGER NOT NULL,
        description TEXT COLLATE "C" NOT NULL,
        quantity INTEGER,
        unit_amount_minor BIGINT,
        amount_minor BIGINT NOT NULL,
        PRIMARY KEY (invoice_id, position)
      );
      CREATE TABLE credits (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        description TEXT COLLATE "C" NOT NULL,
        amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
        remaining_minor BIGINT NOT NULL CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
        created_at BIGINT NOT NULL
      );
      CREATE INDEX credits_subscription ON credits (subscription_id, created_at);
      CREATE TABLE payment_actions (
        id TEXT COLLATE "C" PRIMARY KEY,
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('checkout', 'invoice', 'product_keys')),
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        tenant_id TEXT COLLATE "C" NOT NULL,
        object_id TEXT COLLATE "C" NOT NULL,
        idempotency_scope TEXT COLLATE "C" NOT NULL,
        idempotency_key TEXT COLLATE "C" NOT NULL,
        provider_reference TEXT COLLATE "C" NOT NULL UNIQUE,
        amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
        currency TEXT COLLATE "C" NOT NULL,
        request TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        completed_at BIGINT,
        response TEXT COLLATE "C"
      );
      CREATE TABLE webhook_events (
        id TEXT COLLATE "C" PRIMARY KEY,
        type TEXT COLLATE "C" NOT NULL,
        received_at BIGINT NOT NULL
      );
      CREATE TABLE partner_staff (
        id TEXT COLLATE "C" PRIMARY KEY,
        partner_id TEXT COLLATE "C" NOT NULL REFERENCES partners(id),
        email_canonical TEXT COLLATE "C" NOT NULL,
        email_display TEXT COLLATE "C" NOT NULL,
        role TEXT COLLATE "C" NOT NULL CHECK (role IN ('owner', 'full', 'limited')),
        tenant_id TEXT COLLATE "C" NOT NULL,
        object_id TEXT COLLATE "C",
        created_at BIGINT NOT NULL,
        UNIQUE (partner_id, email_canonical)
      );
      CREATE INDEX partner_staff_binding ON partner_staff (tenant_id, object_id);
      CREATE INDEX partner_staff_email ON partner_staff (tenant_id, email_canonical);
      CREATE TABLE partner_relationships (
        id TEXT COLLATE "C" PRIMARY KEY,
        partner_id TEXT COLLATE "C" NOT NULL REFERENCES partners(id),
        subscription_id TEXT COLLATE "C" REFERENCES subscriptions(id),
        customer_email_canonical TEXT COLLATE "C" NOT NULL,
        customer_email_display TEXT COLLATE "C" NOT NULL,
        permissions TEXT COLLATE "C" NOT NULL,
        duration_days INTEGER NOT NULL CHECK (duration_days BETWEEN 1 AND 730),
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'active', 'declined', 'withdrawn', 'ended')),
        token_hash TEXT COLLATE "C" UNIQUE,
        language TEXT COLLATE "C" NOT NULL,
        requested_by_email TEXT COLLATE "C" NOT NULL,
        requested_at BIGINT NOT NULL,
        request_expires_at BIGINT NOT NULL,
        approved_at BIGINT,
        approved_by_email TEXT COLLATE "C",
        expires_at BIGINT,
        ended_at BIGINT,
        ended_by_email TEXT COLLATE "C",
        CHECK (status <> 'active' OR (subscription_id IS NOT NULL AND expires_at IS NOT NULL))
      );
      CREATE INDEX partner_relationships_subscription ON partner_relationships (subscription_id, status);
      CREATE INDEX partner_relationships_partner ON partner_relationships (partner_id, subscription_id, requested_at);
      CREATE TABLE partner_offers (
        id TEXT COLLATE "C" PRIMARY KEY,
        partner_id TEXT COLLATE "C" NOT NULL REFERENCES partners(id),
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('trial', 'purchase')),
        name TEXT COLLATE "C" NOT NULL,
        plan_id TEXT COLLATE "C" NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        trial_days INTEGER CHECK (trial_days IS NULL OR trial_days BETWEEN 1 AND 90),
        price_minor BIGINT CHECK (price_minor IS NULL OR price_minor >= 0),
        currency TEXT COLLATE "C" NOT NULL,
        admin_permissions TEXT COLLATE "C" NOT NULL,
        admin_days INTEGER CHECK (admin_days IS NULL OR admin_days BETWEEN 1 AND 730),
        token_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        max_customers INTEGER CHECK (max_customers IS NULL OR max_customers > 0),
        disabled_at BIGINT,
        expires_at BIGINT NOT NULL,
        created_by_email TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX partner_offers_partner ON partner_offers (partner_id, created_at);
      CREATE TABLE partner_offer_redemptions (
        offer_id TEXT COLLATE "C" NOT NULL REFERENCES partner_offers(id),
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        email TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (offer_id, organisation_id)
      );
      CREATE TABLE partner_offer_claims (
        offer_id TEXT COLLATE "C" NOT NULL REFERENCES partner_offers(id),
        tenant_id TEXT COLLATE "C" NOT NULL,
        object_id TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (offer_id, tenant_id, object_id)
      );
      CREATE TABLE product_keys (
        id TEXT COLLATE "C" PRIMARY KEY,
        partner_id TEXT COLLATE "C" NOT NULL REFERENCES partners(id),
        batch_id TEXT COLLATE "C" NOT NULL,
        key_hash TEXT COLLATE "C" NOT NULL UNIQUE,
        key_hint TEXT COLLATE "C" NOT NULL,
        plan_id TEXT COLLATE "C" NOT NULL,
        seats INTEGER NOT NULL CHECK (seats > 0),
        term_periods INTEGER NOT NULL CHECK (term_periods > 0),
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('unused', 'redeemed')),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        redeemed_at BIGINT,
        redeemed_subscription_id TEXT COLLATE "C" REFERENCES subscriptions(id),
        redeemed_by_email TEXT COLLATE "C"
      );
      CREATE INDEX product_keys_partner ON product_keys (partner_id, created_at);
      CREATE TABLE partner_notifications (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        partner_id TEXT COLLATE "C" NOT NULL REFERENCES partners(id),
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        kind TEXT COLLATE "C" NOT NULL,
        action TEXT COLLATE "C" NOT NULL,
        detail TEXT COLLATE "C",
        created_at BIGINT NOT NULL,
        emailed_at BIGINT
      );
      CREATE INDEX partner_notifications_partner ON partner_notifications (partner_id, id);
      CREATE INDEX partner_notifications_unsent ON partner_notifications (partner_id) WHERE emailed_at IS NULL;
      CREATE TABLE partner_invoices (
        id TEXT COLLATE "C" PRIMARY KEY,
        number TEXT COLLATE "C" NOT NULL UNIQUE,
        partner_id TEXT COLLATE "C" NOT NULL REFERENCES partners(id),
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('paid')),
        currency TEXT COLLATE "C" NOT NULL,
        subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
        tax_minor BIGINT NOT NULL CHECK (tax_minor >= 0),
        total_minor BIGINT NOT NULL CHECK (total_minor = subtotal_minor + tax_minor),
        bill_to TEXT COLLATE "C" NOT NULL,
        issued_at BIGINT NOT NULL,
        paid_at BIGINT NOT NULL
      );
      CREATE INDEX partner_invoices_partner ON partner_invoices (partner_id, issued_at);
      CREATE TABLE partner_invoice_lines (
        invoice_id TEXT COLLATE "C" NOT NULL REFERENCES partner_invoices(id),
        position INTEGER NOT NULL,
        description TEXT COLLATE "C" NOT NULL,
        quantity INTEGER,
        unit_amount_minor BIGINT,
        amount_minor BIGINT NOT NULL,
        PRIMARY KEY (invoice_id, position)
      );
      CREATE TABLE trials (
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        plan_id TEXT COLLATE "C" NOT NULL,
        subscription_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES subscriptions(id),
        partner_id TEXT COLLATE "C" REFERENCES partners(id),
        seats INTEGER NOT NULL CHECK (seats > 0),
        starts_at BIGINT NOT NULL,
        ends_at BIGINT NOT NULL CHECK (ends_at > starts_at),
        PRIMARY KEY (organisation_id, plan_id)
      );
      CREATE INDEX trials_partner ON trials (partner_id);
      CREATE TABLE key_grants (
        product_key_id TEXT COLLATE "C" PRIMARY KEY REFERENCES product_keys(id),
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        seats INTEGER NOT NULL CHECK (seats > 0),
        periods INTEGER NOT NULL CHECK (periods > 0),
        periods_used INTEGER NOT NULL CHECK (periods_used >= 0 AND periods_used <= periods),
        created_at BIGINT NOT NULL
      );
      CREATE INDEX key_grants_subscription ON key_grants (subscription_id) WHERE periods_used < periods;
      CREATE TABLE billing_profiles (
        subscription_id TEXT COLLATE "C" PRIMARY KEY REFERENCES subscriptions(id),
        company_name TEXT COLLATE "C" NOT NULL,
        address TEXT COLLATE "C" NOT NULL,
        country TEXT COLLATE "C" NOT NULL CHECK (length(country) = 2),
        vat_id TEXT COLLATE "C",
        billing_email TEXT COLLATE "C" NOT NULL,
        language TEXT COLLATE "C" NOT NULL CHECK (language IN ('en', 'fr', 'de')),
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE invoice_parties (
        invoice_id TEXT COLLATE "C" PRIMARY KEY REFERENCES invoices(id),
        seller TEXT COLLATE "C" NOT NULL,
        buyer TEXT COLLATE "C" NOT NULL,
        tax_treatment TEXT COLLATE "C" NOT NULL,
        language TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE job_leases (
        name TEXT COLLATE "C" PRIMARY KEY,
        holder TEXT COLLATE "C",
        lease_until BIGINT,
        last_run_at BIGINT
      );
      CREATE TABLE signing_keys (
        kid TEXT COLLATE "C" PRIMARY KEY,
        private_jwk TEXT COLLATE "C" NOT NULL,
        created_at BIGINT NOT NULL,
        signs_from BIGINT NOT NULL,
        retired_at BIGINT
      );
      CREATE UNLOGGED TABLE rate_limits (
        key TEXT COLLATE "C" PRIMARY KEY,
        window_start BIGINT NOT NULL,
        count INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    description:
      "seats that follow Microsoft 365 groups (SQLite's migration 16): linked groups with their delta link and members, the seats a sync gave, each subscription's last sync",
    sql: `
      CREATE TABLE group_links (
        id TEXT COLLATE "C" PRIMARY KEY,
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        tenant_id TEXT COLLATE "C" NOT NULL,
        group_id TEXT COLLATE "C" NOT NULL,
        display_name TEXT COLLATE "C" NOT NULL,
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('security', 'microsoft365')),
        language TEXT COLLATE "C" NOT NULL,
        linked_by TEXT COLLATE "C" NOT NULL,
        linked_at BIGINT NOT NULL,
        delta_link TEXT COLLATE "C",
        version INTEGER NOT NULL DEFAULT 0,
        read_at BIGINT,
        read_error TEXT COLLATE "C",
        UNIQUE (subscription_id, group_id)
      );
      CREATE TABLE group_link_members (
        link_id TEXT COLLATE "C" NOT NULL REFERENCES group_links(id) ON DELETE CASCADE,
        user_id TEXT COLLATE "C" NOT NULL,
        upn TEXT COLLATE "C" NOT NULL,
        upn_display TEXT COLLATE "C" NOT NULL,
        mail TEXT COLLATE "C",
        display_name TEXT COLLATE "C",
        language TEXT COLLATE "C",
        guest INTEGER NOT NULL CHECK (guest IN (0, 1)),
        first_seen_at BIGINT NOT NULL,
        PRIMARY KEY (link_id, user_id)
      );
      CREATE TABLE group_seats (
        seat_id TEXT COLLATE "C" PRIMARY KEY REFERENCES seats(id),
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        user_id TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX group_seats_subscription ON group_seats (subscription_id);
      CREATE TABLE group_syncs (
        subscription_id TEXT COLLATE "C" PRIMARY KEY REFERENCES subscriptions(id),
        run_at BIGINT,
        result TEXT COLLATE "C",
        message TEXT COLLATE "C",
        added INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0),
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0),
        lease_token TEXT COLLATE "C",
        lease_until BIGINT
      );
    `,
  },
  {
    version: 3,
    description:
      "credit notes (SQLite's migration 18): refunds and credits against an invoice, numbered without gaps in their own yearly sequence",
    sql: `
      CREATE TABLE credit_note_sequences (
        year INTEGER PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      CREATE TABLE credit_notes (
        id TEXT COLLATE "C" PRIMARY KEY,
        number TEXT COLLATE "C" NOT NULL UNIQUE,
        invoice_id TEXT COLLATE "C" NOT NULL REFERENCES invoices(id),
        subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('refund', 'credit')),
        currency TEXT COLLATE "C" NOT NULL,
        subtotal_minor BIGINT NOT NULL CHECK (subtotal_minor >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
        tax_minor BIGINT NOT NULL CHECK (tax_minor >= 0),
        total_minor BIGINT NOT NULL CHECK (total_minor > 0 AND total_minor = subtotal_minor + tax_minor),
        description TEXT COLLATE "C" NOT NULL,
        provider_reference TEXT COLLATE "C" UNIQUE,
        ended_service INTEGER NOT NULL CHECK (ended_service IN (0, 1)),
        issued_at BIGINT NOT NULL
      );
      CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id);
      CREATE INDEX credit_notes_subscription ON credit_notes (subscription_id, issued_at);
    `,
  },
  {
    version: 4,
    description:
      "consolidation invitations (SQLite's migration 19): a colleague's individual subscription merged after the colleague accepts; which subscription each merged one went into",
    sql: `
      ALTER TABLE subscriptions ADD COLUMN merged_into TEXT COLLATE "C" REFERENCES subscriptions(id);
      CREATE INDEX subscriptions_merged_into ON subscriptions (merged_into) WHERE merged_into IS NOT NULL;
      CREATE TABLE consolidation_invitations (
        id TEXT COLLATE "C" PRIMARY KEY,
        organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id),
        target_subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        source_subscription_id TEXT COLLATE "C" NOT NULL REFERENCES subscriptions(id),
        inviter_tenant_id TEXT COLLATE "C" NOT NULL,
        inviter_object_id TEXT COLLATE "C" NOT NULL,
        inviter_email TEXT COLLATE "C" NOT NULL,
        invitee_tenant_id TEXT COLLATE "C" NOT NULL,
        invitee_object_id TEXT COLLATE "C" NOT NULL,
        invitee_email TEXT COLLATE "C" NOT NULL,
        language TEXT COLLATE "C" NOT NULL,
        target_terms TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        decided_at BIGINT,
        CHECK (target_subscription_id <> source_subscription_id)
      );
      CREATE UNIQUE INDEX consolidation_invitations_pending_source ON consolidation_invitations (source_subscription_id) WHERE status = 'pending';
      CREATE INDEX consolidation_invitations_invitee ON consolidation_invitations (invitee_tenant_id, invitee_object_id, status);
      CREATE INDEX consolidation_invitations_target ON consolidation_invitations (target_subscription_id, created_at);
    `,
  },
];
