/**
 * Forward-only schema migrations. Each entry moves the database from `version - 1` to `version`
 * inside one transaction; `PRAGMA user_version` records where a file stands. Never edit a
 * released migration: add a new one.
 */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'organisations, subscriptions, seats, payments, idempotency, outbox, journal',
    sql: `
      CREATE TABLE organisations (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE approved_domains (
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        domain TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (organisation_id, domain)
      );
      CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        plan_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        status TEXT NOT NULL CHECK (status IN ('trial', 'active', 'past_due', 'expired', 'cancelled')),
        period_start INTEGER NOT NULL,
        period_end INTEGER NOT NULL CHECK (period_end > period_start),
        owner_tenant_id TEXT NOT NULL,
        owner_object_id TEXT NOT NULL,
        owner_email TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX subscriptions_owner ON subscriptions (owner_tenant_id, owner_object_id);
      CREATE INDEX subscriptions_organisation ON subscriptions (organisation_id);
      CREATE TABLE seats (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        email_canonical TEXT NOT NULL,
        email_display TEXT NOT NULL,
        language TEXT NOT NULL,
        bound_tenant_id TEXT,
        bound_object_id TEXT,
        assigned_at INTEGER NOT NULL,
        last_check_in_at INTEGER,
        removed_at INTEGER,
        CHECK ((bound_tenant_id IS NULL) = (bound_object_id IS NULL))
      );
      -- One live seat per address and per person in a subscription; removed seats stay as history.
      CREATE UNIQUE INDEX seats_live_email ON seats (subscription_id, email_canonical) WHERE removed_at IS NULL;
      CREATE UNIQUE INDEX seats_live_binding ON seats (subscription_id, bound_tenant_id, bound_object_id)
        WHERE removed_at IS NULL AND bound_object_id IS NOT NULL;
      CREATE INDEX seats_binding ON seats (bound_tenant_id, bound_object_id);
      CREATE INDEX seats_email ON seats (email_canonical);
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        subscription_id TEXT REFERENCES subscriptions(id),
        provider TEXT NOT NULL,
        provider_reference TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('succeeded', 'declined')),
        description TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status_code INTEGER,
        response_body TEXT,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        to_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        html TEXT NOT NULL,
        text TEXT NOT NULL,
        raw TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE journal (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        subscription_id TEXT,
        actor_tenant_id TEXT,
        actor_object_id TEXT,
        actor_email TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        ip TEXT,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX journal_organisation ON journal (organisation_id, created_at);
    `,
  },
  {
    version: 2,
    description: 'delegated administrators, invitations, seat suspension, journal roles and categories',
    sql: `
      CREATE TABLE delegates (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        email TEXT NOT NULL,
        permissions TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (subscription_id, tenant_id, object_id)
      );
      CREATE INDEX delegates_person ON delegates (tenant_id, object_id);
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        email_canonical TEXT NOT NULL,
        email_display TEXT NOT NULL,
        permissions TEXT NOT NULL,
        language TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
        invited_by_email TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        accepted_at INTEGER
      );
      CREATE INDEX invitations_subscription ON invitations (subscription_id, status);
      -- Every token ever sent for an invitation, hashed; a resend supersedes the previous one.
      CREATE TABLE invitation_tokens (
        token_hash TEXT PRIMARY KEY,
        invitation_id TEXT NOT NULL REFERENCES invitations(id),
        created_at INTEGER NOT NULL,
        superseded_at INTEGER
      );
      ALTER TABLE seats ADD COLUMN suspended_at INTEGER;
      ALTER TABLE journal ADD COLUMN actor_role TEXT;
      ALTER TABLE journal ADD COLUMN on_behalf_of TEXT;
      ALTER TABLE journal ADD COLUMN category TEXT NOT NULL DEFAULT 'seats';
      UPDATE journal SET category = 'billing' WHERE action = 'subscription.purchased';
      ALTER TABLE approved_domains ADD COLUMN source TEXT NOT NULL DEFAULT 'tenant';
    `,
  },
  {
    version: 3,
    description:
      'billing: payment methods, invoices with gap-free numbers, credits, renewals and past due, payment actions, webhook events',
    sql: `
      ALTER TABLE subscriptions ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
      -- A decrease waits for the renewal; NULL when none is scheduled.
      ALTER TABLE subscriptions ADD COLUMN pending_quantity INTEGER CHECK (pending_quantity IS NULL OR pending_quantity > 0);
      ALTER TABLE subscriptions ADD COLUMN grace_until INTEGER;
      ALTER TABLE subscriptions ADD COLUMN ended_at INTEGER;
      -- Held while a charge for this subscription is with the provider (outside any transaction).
      ALTER TABLE subscriptions ADD COLUMN billing_lock_until INTEGER;
      ALTER TABLE payments ADD COLUMN invoice_id TEXT;
      CREATE TABLE payment_methods (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        provider TEXT NOT NULL,
        token TEXT NOT NULL,
        brand TEXT NOT NULL,
        last4 TEXT NOT NULL CHECK (length(last4) = 4),
        created_at INTEGER NOT NULL,
        replaced_at INTEGER
      );
      CREATE UNIQUE INDEX payment_methods_current ON payment_methods (subscription_id) WHERE replaced_at IS NULL;
      CREATE TABLE invoice_sequences (
        year INTEGER PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      CREATE TABLE invoices (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        kind TEXT NOT NULL CHECK (kind IN ('purchase', 'quantity_change', 'renewal', 'consolidation')),
        status TEXT NOT NULL CHECK (status IN ('open', 'paid')),
        currency TEXT NOT NULL,
        subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
        tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
        total_minor INTEGER NOT NULL CHECK (total_minor = subtotal_minor + tax_minor),
        period_start INTEGER NOT NULL,
        period_end INTEGER NOT NULL,
        bill_to TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        paid_at INTEGER
      );
      CREATE INDEX invoices_subscription ON invoices (subscription_id, issued_at);
      CREATE TABLE invoice_lines (
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        quantity INTEGER,
        unit_amount_minor INTEGER,
        amount_minor INTEGER NOT NULL,
        PRIMARY KEY (invoice_id, position)
      );
      -- Credits waiting for a subscription's next invoice (consolidation), consumed oldest first.
      CREATE TABLE credits (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        description TEXT NOT NULL,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        remaining_minor INTEGER NOT NULL CHECK (remaining_minor >= 0 AND remaining_minor <= amount_minor),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX credits_subscription ON credits (subscription_id, created_at);
      -- A payment waiting for the buyer's additional authentication (3-D Secure).
      CREATE TABLE payment_actions (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('checkout', 'invoice')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        idempotency_scope TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        provider_reference TEXT NOT NULL UNIQUE,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT NOT NULL,
        request TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        completed_at INTEGER,
        -- The final answer (status code and body), replayed when the action is completed again.
        response TEXT
      );
      CREATE TABLE webhook_events (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        received_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 4,
    description: 'seat list indexes: every sort of the portal walks an index (10,000 seats without a sort step)',
    sql: `
      -- Each ends with the address, the tie-breaker, so ORDER BY <term> <dir>, email <dir> reads the index in order.
      CREATE INDEX seats_live_status ON seats (subscription_id, (CASE WHEN suspended_at IS NOT NULL THEN 3 WHEN bound_object_id IS NULL THEN 1 ELSE 2 END), email_canonical) WHERE removed_at IS NULL;
      CREATE INDEX seats_live_check_in ON seats (subscription_id, last_check_in_at, email_canonical) WHERE removed_at IS NULL;
      CREATE INDEX seats_live_assigned ON seats (subscription_id, assigned_at, email_canonical) WHERE removed_at IS NULL;
    `,
  },
  {
    version: 5,
    description:
      'partners: staff, partner of record, delegated-administration relationships, offers, product keys, notifications',
    sql: `
      CREATE TABLE partners (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL UNIQUE REFERENCES organisations(id),
        advisor_code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        contact_email TEXT NOT NULL,
        language TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      -- Staff are added by address and bound to (tid, oid) at their first sign-in in the partner's tenant.
      CREATE TABLE partner_staff (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        email_canonical TEXT NOT NULL,
        email_display TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('owner', 'full', 'limited')),
        tenant_id TEXT NOT NULL,
        object_id TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (partner_id, email_canonical)
      );
      CREATE INDEX partner_staff_binding ON partner_staff (tenant_id, object_id);
      CREATE INDEX partner_staff_email ON partner_staff (tenant_id, email_canonical);
      -- The partner of record.
      ALTER TABLE subscriptions ADD COLUMN partner_id TEXT REFERENCES partners(id);
      CREATE INDEX subscriptions_partner ON subscriptions (partner_id) WHERE partner_id IS NOT NULL;
      -- A request (pending, with the SHA-256 of its single-use token) that the customer's owner turns into a relationship.
      CREATE TABLE partner_relationships (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        subscription_id TEXT REFERENCES subscriptions(id),
        customer_email_canonical TEXT NOT NULL,
        customer_email_display TEXT NOT NULL,
        permissions TEXT NOT NULL,
        duration_days INTEGER NOT NULL CHECK (duration_days BETWEEN 1 AND 730),
        status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'declined', 'withdrawn', 'ended')),
        token_hash TEXT UNIQUE,
        language TEXT NOT NULL,
        requested_by_email TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        request_expires_at INTEGER NOT NULL,
        approved_at INTEGER,
        approved_by_email TEXT,
        expires_at INTEGER,
        ended_at INTEGER,
        ended_by_email TEXT,
        CHECK (status <> 'active' OR (subscription_id IS NOT NULL AND expires_at IS NOT NULL))
      );
      CREATE INDEX partner_relationships_subscription ON partner_relationships (subscription_id, status);
      CREATE INDEX partner_relationships_partner ON partner_relationships (partner_id, subscription_id, requested_at);
      CREATE TABLE partner_offers (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        kind TEXT NOT NULL CHECK (kind IN ('trial', 'purchase')),
        name TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        trial_days INTEGER CHECK (trial_days IS NULL OR trial_days BETWEEN 1 AND 90),
        price_minor INTEGER CHECK (price_minor IS NULL OR price_minor >= 0),
        currency TEXT NOT NULL,
        admin_permissions TEXT NOT NULL,
        admin_days INTEGER CHECK (admin_days IS NULL OR admin_days BETWEEN 1 AND 730),
        token_hash TEXT NOT NULL UNIQUE,
        max_customers INTEGER CHECK (max_customers IS NULL OR max_customers > 0),
        disabled_at INTEGER,
        expires_at INTEGER NOT NULL,
        created_by_email TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX partner_offers_partner ON partner_offers (partner_id, created_at);
      CREATE TABLE partner_offer_redemptions (
        offer_id TEXT NOT NULL REFERENCES partner_offers(id),
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        email TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (offer_id, organisation_id)
      );
      CREATE TABLE product_keys (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        batch_id TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        key_hint TEXT NOT NULL,
        plan_id TEXT NOT NULL,
        seats INTEGER NOT NULL CHECK (seats > 0),
        term_periods INTEGER NOT NULL CHECK (term_periods > 0),
        status TEXT NOT NULL CHECK (status IN ('unused', 'redeemed')),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        redeemed_at INTEGER,
        redeemed_subscription_id TEXT REFERENCES subscriptions(id),
        redeemed_by_email TEXT
      );
      CREATE INDEX product_keys_partner ON product_keys (partner_id, created_at);
      CREATE TABLE partner_notifications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        kind TEXT NOT NULL,
        action TEXT NOT NULL,
        detail TEXT,
        created_at INTEGER NOT NULL,
        emailed_at INTEGER
      );
      CREATE INDEX partner_notifications_partner ON partner_notifications (partner_id, id);
      CREATE INDEX partner_notifications_unsent ON partner_notifications (partner_id) WHERE emailed_at IS NULL;
    `,
  },
  {
    version: 6,
    description: 'claims on limited partner offers while their purchase is being paid',
    sql: `
      -- A buyer paying for an offer limited to N customers holds one of its places until the purchase
      -- is recorded or fails (or the claim is 30 minutes old), so two buyers cannot both pay for the last one.
      CREATE TABLE partner_offer_claims (
        offer_id TEXT NOT NULL REFERENCES partner_offers(id),
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (offer_id, tenant_id, object_id)
      );
    `,
  },
  {
    version: 7,
    description:
      'invoices of partner purchases (product keys), numbered in the same yearly sequence as subscription invoices',
    sql: `
      CREATE TABLE partner_invoices (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        partner_id TEXT NOT NULL REFERENCES partners(id),
        status TEXT NOT NULL CHECK (status IN ('paid')),
        currency TEXT NOT NULL,
        subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
        tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
        total_minor INTEGER NOT NULL CHECK (total_minor = subtotal_minor + tax_minor),
        bill_to TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        paid_at INTEGER NOT NULL
      );
      CREATE INDEX partner_invoices_partner ON partner_invoices (partner_id, issued_at);
      CREATE TABLE partner_invoice_lines (
        invoice_id TEXT NOT NULL REFERENCES partner_invoices(id),
        position INTEGER NOT NULL,
        description TEXT NOT NULL,
        quantity INTEGER,
        unit_amount_minor INTEGER,
        amount_minor INTEGER NOT NULL,
        PRIMARY KEY (invoice_id, position)
      );
    `,
  },
  {
    version: 8,
    description:
      "payment actions for partners' product-key purchases (the bank's confirmation): the kind check widened",
    sql: `
      -- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
      CREATE TABLE payment_actions_new (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('checkout', 'invoice', 'product_keys')),
        status TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        idempotency_scope TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        provider_reference TEXT NOT NULL UNIQUE,
        amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
        currency TEXT NOT NULL,
        request TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        completed_at INTEGER,
        response TEXT
      );
      INSERT INTO payment_actions_new (id, kind, status, tenant_id, object_id, idempotency_scope, idempotency_key, provider_reference, amount_minor, currency, request, created_at, completed_at, response)
        SELECT id, kind, status, tenant_id, object_id, idempotency_scope, idempotency_key, provider_reference, amount_minor, currency, request, created_at, completed_at, response FROM payment_actions;
      DROP TABLE payment_actions;
      ALTER TABLE payment_actions_new RENAME TO payment_actions;
    `,
  },
  {
    version: 9,
    description:
      'value for money: trials per organisation and plan, partner trial allowances, product-key grants counted in periods',
    sql: `
      -- One trial per organisation and plan, ever (the primary key says so); the partner whose offer
      -- gave it, so that its allowance of trial seats is counted.
      CREATE TABLE trials (
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        plan_id TEXT NOT NULL,
        subscription_id TEXT NOT NULL UNIQUE REFERENCES subscriptions(id),
        partner_id TEXT REFERENCES partners(id),
        seats INTEGER NOT NULL CHECK (seats > 0),
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
        PRIMARY KEY (organisation_id, plan_id)
      );
      CREATE INDEX trials_partner ON trials (partner_id);
      INSERT OR IGNORE INTO trials (organisation_id, plan_id, subscription_id, partner_id, seats, starts_at, ends_at)
        SELECT r.organisation_id, o.plan_id, r.subscription_id, o.partner_id, o.quantity, s.period_start, s.period_end
          FROM partner_offer_redemptions r JOIN partner_offers o ON o.id = r.offer_id JOIN subscriptions s ON s.id = r.subscription_id
         WHERE o.kind = 'trial' ORDER BY r.created_at;
      -- Trial seats the vendor lets this partner hand out in total; NULL: the configured default.
      ALTER TABLE partners ADD COLUMN trial_seat_allowance INTEGER CHECK (trial_seat_allowance IS NULL OR trial_seat_allowance >= 0);
      -- What a redeemed key paid for: its seats in this many of the subscription's periods, and how many are used.
      CREATE TABLE key_grants (
        product_key_id TEXT PRIMARY KEY REFERENCES product_keys(id),
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        seats INTEGER NOT NULL CHECK (seats > 0),
        periods INTEGER NOT NULL CHECK (periods > 0),
        periods_used INTEGER NOT NULL CHECK (periods_used >= 0 AND periods_used <= periods),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX key_grants_subscription ON key_grants (subscription_id) WHERE periods_used < periods;
    `,
  },
  {
    version: 10,
    description:
      'proven domains (DNS or the own tenant), organisation administrators, daily email counts per organisation',
    sql: `
      -- A domain is usable once proven: verified_by 'dns' (the organisation's TXT record was found) or
      -- the organisation's tenant verified it (tenant_domains). Earlier approvals were not proofs: pending.
      ALTER TABLE approved_domains ADD COLUMN verified_at INTEGER;
      ALTER TABLE approved_domains ADD COLUMN verified_by TEXT CHECK (verified_by IN ('dns'));
      ALTER TABLE approved_domains ADD COLUMN checked_at INTEGER;
      ALTER TABLE approved_domains ADD COLUMN check_result TEXT;
      -- The random value of the organisation's TXT record (outmerge-verification=<token>).
      ALTER TABLE organisations ADD COLUMN domain_token TEXT;
      -- Domains a tenant verified, seen as a member's UPN domain in a signed access token.
      CREATE TABLE tenant_domains (
        tenant_id TEXT NOT NULL,
        domain TEXT NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (tenant_id, domain)
      );
      CREATE TABLE organisation_administrators (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        tenant_id TEXT NOT NULL,
        object_id TEXT NOT NULL,
        email TEXT NOT NULL,
        appointed_by TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (organisation_id, tenant_id, object_id)
      );
      -- The first buyer administers the organisation: for existing ones, the owner of its first subscription in its own tenant.
      INSERT INTO organisation_administrators (id, organisation_id, tenant_id, object_id, email, appointed_by, created_at)
        SELECT lower(hex(randomblob(16))), s.organisation_id, s.owner_tenant_id, s.owner_object_id, s.owner_email, NULL, s.created_at
        FROM subscriptions s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.owner_tenant_id = o.tenant_id AND o.tenant_id <> '9188040d-6c67-4c5b-b112-36a304b66dad'
          AND s.rowid = (SELECT x.rowid FROM subscriptions x WHERE x.organisation_id = s.organisation_id AND x.owner_tenant_id = o.tenant_id ORDER BY x.created_at, x.rowid LIMIT 1);
      -- ... and for new ones, whoever creates its first subscription (checkout, offer, product key) in its tenant, in the same transaction.
      CREATE TRIGGER organisation_first_administrator AFTER INSERT ON subscriptions
        WHEN NOT EXISTS (SELECT 1 FROM organisation_administrators WHERE organisation_id = NEW.organisation_id)
         AND NEW.owner_tenant_id = (SELECT tenant_id FROM organisations WHERE id = NEW.organisation_id)
         AND NEW.owner_tenant_id <> '9188040d-6c67-4c5b-b112-36a304b66dad'
      BEGIN
        INSERT INTO organisation_administrators (id, organisation_id, tenant_id, object_id, email, appointed_by, created_at)
          VALUES (lower(hex(randomblob(16))), NEW.organisation_id, NEW.owner_tenant_id, NEW.owner_object_id, NEW.owner_email, NULL, NEW.created_at);
      END;
      -- Emails sent for an organisation per UTC day (welcome, seat removed): the daily limit.
      CREATE TABLE organisation_email_days (
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        day TEXT NOT NULL,
        sent INTEGER NOT NULL CHECK (sent >= 0),
        PRIMARY KEY (organisation_id, day)
      );
    `,
  },
  {
    version: 11,
    description:
      'charge claims that recover: what recording a charge needs, who holds the claim and until when (a lease), so a claim cut by a crash is reconciled with the payment provider',
    sql: `
      -- kind: which flow recorded the claim (checkout, quantity, invoice, consolidation, product_keys, renewal);
      -- pending: what recording the provider's answer needs, written with the claim, before the charge.
      ALTER TABLE idempotency_keys ADD COLUMN kind TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN pending TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN claim_token TEXT;
      ALTER TABLE idempotency_keys ADD COLUMN lease_until INTEGER;
      CREATE INDEX idempotency_keys_open ON idempotency_keys (lease_until) WHERE status_code IS NULL;
    `,
  },
  {
    version: 12,
    description:
      'journal actors typed: partner staff keep their partner and staff role instead of free text; the first administrator is appointed by the service that creates the organisation, not a trigger',
    sql: `
      ALTER TABLE journal ADD COLUMN actor_partner_id TEXT;
      ALTER TABLE journal ADD COLUMN actor_staff_role TEXT CHECK (actor_staff_role IN ('owner', 'full', 'limited'));
      -- A partner's own entries were written with the role "partner <staff role>" in the partner's organisation.
      UPDATE journal SET
          actor_partner_id = (SELECT p.id FROM partners p WHERE p.organisation_id = journal.organisation_id),
          actor_staff_role = substr(actor_role, 9),
          actor_role = 'partner'
        WHERE actor_role IN ('partner owner', 'partner full', 'partner limited');
      -- Entries partner staff wrote for a customer named the partner only in on_behalf_of ("partner X for customer Y").
      UPDATE journal SET actor_partner_id = (
          SELECT s.partner_id FROM partner_staff s JOIN partners p ON p.id = s.partner_id
          WHERE s.tenant_id = journal.actor_tenant_id AND s.object_id = journal.actor_object_id AND journal.on_behalf_of LIKE 'partner ' || p.name || ' for customer %'
          LIMIT 1)
        WHERE actor_role = 'partner' AND actor_partner_id IS NULL;
      DROP TRIGGER IF EXISTS organisation_first_administrator;
    `,
  },
  {
    version: 13,
    description:
      'the transactional outbox: emails written with the change they tell about, delivered by a job with retries (status, attempts, next attempt, last error, a claim with a lease)',
    sql: `
      CREATE TABLE outbox_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        to_address TEXT NOT NULL,
        subject TEXT NOT NULL,
        html TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        -- NULL: due at once. Set when an attempt failed.
        next_attempt_at INTEGER,
        claim_token TEXT,
        lease_until INTEGER,
        last_error TEXT,
        message_id TEXT,
        -- The MIME message, kept by the local outbox only.
        raw TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      -- Rows of the development outbox were sent when written.
      INSERT INTO outbox_next (id, kind, to_address, subject, html, text, status, attempts, message_id, raw, created_at, sent_at)
        SELECT id, kind, to_address, subject, html, text, 'sent', 1, message_id, raw, created_at, created_at FROM outbox;
      DROP TABLE outbox;
      ALTER TABLE outbox_next RENAME TO outbox;
      CREATE INDEX outbox_due ON outbox (id) WHERE status = 'pending';
    `,
  },
  {
    version: 14,
    description:
      "each subscription's live seats, counted as seats change (in the same transaction, by triggers) instead of a COUNT over its seats on every request",
    sql: `
      ALTER TABLE subscriptions ADD COLUMN live_seats INTEGER NOT NULL DEFAULT 0 CHECK (live_seats >= 0);
      UPDATE subscriptions SET live_seats = (SELECT COUNT(*) FROM seats WHERE seats.subscription_id = subscriptions.id AND seats.removed_at IS NULL);
      -- Every way a seat becomes live or stops being live, or moves (consolidation), whoever writes it.
      CREATE TRIGGER seats_live_count_insert AFTER INSERT ON seats WHEN NEW.removed_at IS NULL
      BEGIN
        UPDATE subscriptions SET live_seats = live_seats + 1 WHERE id = NEW.subscription_id;
      END;
      CREATE TRIGGER seats_live_count_delete AFTER DELETE ON seats WHEN OLD.removed_at IS NULL
      BEGIN
        UPDATE subscriptions SET live_seats = live_seats - 1 WHERE id = OLD.subscription_id;
      END;
      CREATE TRIGGER seats_live_count_update AFTER UPDATE OF subscription_id, removed_at ON seats
        WHEN (OLD.removed_at IS NULL) <> (NEW.removed_at IS NULL) OR OLD.subscription_id IS NOT NEW.subscription_id
      BEGIN
        UPDATE subscriptions SET live_seats = live_seats - 1 WHERE id = OLD.subscription_id AND OLD.removed_at IS NULL;
        UPDATE subscriptions SET live_seats = live_seats + 1 WHERE id = NEW.subscription_id AND NEW.removed_at IS NULL;
      END;
    `,
  },
  {
    version: 15,
    description:
      'billing profiles (the buyer an invoice names, its country and VAT number) and the parties of each invoice as issued',
    sql: `
      -- Per subscription: who is billed. The VAT number is stored in its canonical form, its format checked per country.
      CREATE TABLE billing_profiles (
        subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(id),
        company_name TEXT NOT NULL,
        address TEXT NOT NULL,
        country TEXT NOT NULL CHECK (length(country) = 2),
        vat_id TEXT,
        billing_email TEXT NOT NULL,
        language TEXT NOT NULL CHECK (language IN ('en', 'fr', 'de')),
        updated_at INTEGER NOT NULL
      );
      -- Seller and buyer as they were when the invoice was issued (an invoice never changes), the tax treatment and language.
      CREATE TABLE invoice_parties (
        invoice_id TEXT PRIMARY KEY REFERENCES invoices(id),
        seller TEXT NOT NULL,
        buyer TEXT NOT NULL,
        tax_treatment TEXT NOT NULL,
        language TEXT NOT NULL
      );
    `,
  },
  {
    version: 16,
    description:
      "seats that follow Microsoft 365 groups: linked groups with their delta link and members, the seats a sync gave, each subscription's last sync",
    sql: `
      -- Entra groups a subscription follows: always groups of its organisation's own tenant.
      CREATE TABLE group_links (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        tenant_id TEXT NOT NULL,
        group_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('security', 'microsoft365')),
        -- Emails to members whose directory entry names no language.
        language TEXT NOT NULL,
        linked_by TEXT NOT NULL,
        linked_at INTEGER NOT NULL,
        -- Graph's @odata.deltaLink after the last complete round; NULL: the next read starts from the full state.
        delta_link TEXT,
        -- Raised by every write of the membership: a reader that started from an older one writes nothing.
        version INTEGER NOT NULL DEFAULT 0,
        read_at INTEGER,
        -- Why the last read of this group failed (a reason code), NULL when it worked.
        read_error TEXT,
        UNIQUE (subscription_id, group_id)
      );
      -- The direct user members of each linked group, as Graph last described them.
      CREATE TABLE group_link_members (
        link_id TEXT NOT NULL REFERENCES group_links(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        upn TEXT NOT NULL,
        upn_display TEXT NOT NULL,
        mail TEXT,
        display_name TEXT,
        language TEXT,
        guest INTEGER NOT NULL CHECK (guest IN (0, 1)),
        first_seen_at INTEGER NOT NULL,
        PRIMARY KEY (link_id, user_id)
      );
      -- Seats a sync gave, and to whom (the member's object id); a seat without a row was assigned by hand.
      CREATE TABLE group_seats (
        seat_id TEXT PRIMARY KEY REFERENCES seats(id),
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        user_id TEXT NOT NULL
      );
      CREATE INDEX group_seats_subscription ON group_seats (subscription_id);
      -- Each subscription's last sync, and the lease of a sync under way (one at a time across instances).
      CREATE TABLE group_syncs (
        subscription_id TEXT PRIMARY KEY REFERENCES subscriptions(id),
        run_at INTEGER,
        result TEXT,
        message TEXT,
        added INTEGER NOT NULL DEFAULT 0 CHECK (added >= 0),
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed >= 0),
        lease_token TEXT,
        lease_until INTEGER
      );
    `,
  },
  {
    version: 17,
    description:
      "several instances: the live-seat count kept by the subscription repository on both engines instead of SQLite triggers, periodic jobs' leases, indexes the payment and renewal look-ups read",
    sql: `
      -- The subscription repository (storage/repositories/subscriptions.ts), the only writer of seats,
      -- keeps live_seats in the transaction that changes a seat, identically on SQLite and PostgreSQL.
      DROP TRIGGER IF EXISTS seats_live_count_insert;
      DROP TRIGGER IF EXISTS seats_live_count_delete;
      DROP TRIGGER IF EXISTS seats_live_count_update;
      UPDATE subscriptions SET live_seats = (SELECT COUNT(*) FROM seats WHERE seats.subscription_id = subscriptions.id AND seats.removed_at IS NULL);
      -- Which instance runs a periodic job now (renewals, digests), and until when.
      CREATE TABLE job_leases (
        name TEXT PRIMARY KEY,
        holder TEXT,
        lease_until INTEGER,
        last_run_at INTEGER
      );
      CREATE INDEX payments_subscription ON payments (subscription_id);
      CREATE INDEX payments_reference ON payments (provider_reference);
      CREATE INDEX subscriptions_due ON subscriptions (period_end) WHERE status IN ('active', 'trial', 'past_due');
    `,
  },
  {
    version: 18,
    description:
      'credit notes: refunds and credits against an invoice, numbered without gaps in their own yearly sequence',
    sql: `
      CREATE TABLE credit_note_sequences (
        year INTEGER PRIMARY KEY,
        last_number INTEGER NOT NULL
      );
      -- A credit note corrects one invoice; its number is taken in the transaction that writes it. Amounts are what was given back.
      CREATE TABLE credit_notes (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        kind TEXT NOT NULL CHECK (kind IN ('refund', 'credit')),
        currency TEXT NOT NULL,
        subtotal_minor INTEGER NOT NULL CHECK (subtotal_minor >= 0),
        tax_rate_bp INTEGER NOT NULL CHECK (tax_rate_bp >= 0),
        tax_minor INTEGER NOT NULL CHECK (tax_minor >= 0),
        total_minor INTEGER NOT NULL CHECK (total_minor > 0 AND total_minor = subtotal_minor + tax_minor),
        description TEXT NOT NULL,
        provider_reference TEXT UNIQUE,
        ended_service INTEGER NOT NULL CHECK (ended_service IN (0, 1)),
        issued_at INTEGER NOT NULL
      );
      CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id);
      CREATE INDEX credit_notes_subscription ON credit_notes (subscription_id, issued_at);
    `,
  },
  {
    version: 19,
    description:
      "consolidation as users meet it: a colleague's individual subscription merged after the colleague accepts an invitation; which subscription each merged one went into",
    sql: `
      -- The subscription this one was merged into (consolidation): it ended there, and one merged into cannot be invited again.
      ALTER TABLE subscriptions ADD COLUMN merged_into TEXT REFERENCES subscriptions(id);
      CREATE INDEX subscriptions_merged_into ON subscriptions (merged_into) WHERE merged_into IS NOT NULL;
      -- The owner of a target asks the owner of an individual subscription of the same organisation to merge it.
      -- The invitee is bound to the (tid, oid) the source's owner had when invited, never to an address;
      -- target_terms: what the inviter's subscription was when the invitation was sent (a change refuses the acceptance).
      CREATE TABLE consolidation_invitations (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        target_subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        source_subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
        inviter_tenant_id TEXT NOT NULL,
        inviter_object_id TEXT NOT NULL,
        inviter_email TEXT NOT NULL,
        invitee_tenant_id TEXT NOT NULL,
        invitee_object_id TEXT NOT NULL,
        invitee_email TEXT NOT NULL,
        language TEXT NOT NULL,
        target_terms TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        decided_at INTEGER,
        CHECK (target_subscription_id <> source_subscription_id)
      );
      CREATE UNIQUE INDEX consolidation_invitations_pending_source ON consolidation_invitations (source_subscription_id) WHERE status = 'pending';
      CREATE INDEX consolidation_invitations_invitee ON consolidation_invitations (invitee_tenant_id, invitee_object_id, status);
      CREATE INDEX consolidation_invitations_target ON consolidation_invitations (target_subscription_id, created_at);
    `,
  },
];
