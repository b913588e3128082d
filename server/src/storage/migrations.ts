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
    version: 4,
    description: 'seat list indexes: every sort of the portal walks an index (10,000 seats without a sort step)',
    sql: `
      -- Each ends with the address, the tie-breaker, so ORDER BY <term> <dir>, email <dir> reads the index in order.
      CREATE INDEX seats_live_status ON seats (subscription_id, (CASE WHEN suspended_at IS NOT NULL THEN 3 WHEN bound_object_id IS NULL THEN 1 ELSE 2 END), email_canonical) WHERE removed_at IS NULL;
      CREATE INDEX seats_live_check_in ON seats (subscription_id, last_check_in_at, email_canonical) WHERE removed_at IS NULL;
      CREATE INDEX seats_live_assigned ON seats (subscription_id, assigned_at, email_canonical) WHERE removed_at IS NULL;
    `,
  },
];
