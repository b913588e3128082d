/**
 * The unit of work: the one way the server reads and writes its database. A change is one
 * transaction, `await uow.transaction(async (tx) => …)`, in which `tx` holds one repository per
 * aggregate, all on that transaction; it commits when the function returns and rolls back when it
 * throws. Reads that need no transaction use `uow.read` (each statement on its own).
 *
 * Rules the repositories cannot enforce alone:
 * - No transaction spans a call to another service (payment provider, email, DNS, HTTP): the
 *   flows that need one (../billing/idempotentCharge.ts, ../email/outbox.ts,
 *   ../organisations/domainService.ts) claim in one transaction, call outside, record in another.
 * - Every check-then-write locks what it checks first (`tx.subscriptions.lock`, `tx.partners.lock`,
 *   `tx.locks.name`, …): PostgreSQL runs transactions side by side (READ COMMITTED), so no
 *   invariant may rest on SQLite's single writer.
 * - Inside a transaction only `tx` is used: starting another transaction, or reading through
 *   `uow.read`, there is refused at once (on SQLite it would wait for the connection the
 *   transaction itself holds; on PostgreSQL it would not see the transaction's own writes).
 *
 * PostgreSQL may end a transaction with a deadlock or serialization failure that only means "run
 * it again": such a transaction is run again, up to three times (its work is database-only, so
 * running it again is safe).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely } from 'kysely';
import {
  isRetryableConflict,
  openPostgres,
  openSqlite,
  type EngineName,
  type EngineSql,
  type OpenDatabase,
} from './engine.js';
import { migrate, schemaVersion } from './migrate.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import { POSTGRES_MIGRATIONS } from './postgresMigrations.js';
import type { Schema } from './schema.js';
import { BillingProfileRepository } from './repositories/billingProfiles.js';
import { ClaimRepository } from './repositories/claims.js';
import { CreditNoteRepository } from './repositories/creditNotes.js';
import { ConsolidationInvitationRepository } from './repositories/consolidationInvitations.js';
import { DelegationRepository } from './repositories/delegation.js';
import { GroupRepository } from './repositories/groups.js';
import { InvoiceRepository } from './repositories/invoices.js';
import { JobRepository } from './repositories/jobs.js';
import { JournalRepository } from './repositories/journal.js';
import { OfferRepository } from './repositories/offers.js';
import { OrganisationRepository } from './repositories/organisations.js';
import { OutboxRepository } from './repositories/outbox.js';
import { PartnerRepository } from './repositories/partners.js';
import { ProductKeyRepository } from './repositories/productKeys.js';
import { RateLimitRepository } from './repositories/rateLimits.js';
import { SigningKeyRepository } from './repositories/signingKeys.js';
import { SubscriptionRepository } from './repositories/subscriptions.js';

export type { EngineName };
export type { InvoiceParty, InvoicePartiesRow } from './repositories/billingProfiles.js';
export type { ClaimRow } from './repositories/claims.js';
export type { CreditNoteRow } from './repositories/creditNotes.js';
export type {
  ConsolidationInvitationRow,
  ConsolidationInvitationStatus,
} from './repositories/consolidationInvitations.js';
export type { DelegateRow, InvitationRow, InvitationStatus } from './repositories/delegation.js';
export type { BillingState, SeatForCheck, SubscriptionRow } from './repositories/subscriptions.js';
export type {
  GroupLinkKind,
  GroupLinkRow,
  GroupMemberRow,
  GroupSyncRow,
  LinkedMemberRow,
  MembershipWrite,
  SyncSeatRow,
} from './repositories/groups.js';
export type {
  CreditRow,
  InvoiceKind,
  InvoiceLineRow,
  InvoiceRow,
  InvoiceStatus,
  PartnerInvoiceRow,
  PaymentActionRow,
  PaymentMethodRow,
} from './repositories/invoices.js';
export type { JournalQuery, JournalRow, StoredJournalRow } from './repositories/journal.js';
export type { OfferRow, TrialRow } from './repositories/offers.js';
export type { DomainRow, OrganisationAdministratorRow, OrganisationRow } from './repositories/organisations.js';
export type { ClaimedEmailRow, NewEmailRow, OutboxStatusRow, SentEmailRow } from './repositories/outbox.js';
export type {
  CustomerQuery,
  CustomerRelationshipFilter,
  CustomerRow,
  NotificationRow,
  PartnerRow,
  PartnerStaffRow,
  RelationshipRow,
  RelationshipStatus,
} from './repositories/partners.js';
export type { KeyGrantRow, ProductKeyRow } from './repositories/productKeys.js';
export type { SeatCursor, SeatPage, SeatQuery, SeatRow, SeatSort } from './repositories/seatPages.js';
export type { SigningKeyRow } from './repositories/signingKeys.js';

/** Named locks held until the transaction ends, where there is no row to lock. */
export interface NamedLocks {
  /** `pg_advisory_xact_lock` on PostgreSQL; SQLite's BEGIN IMMEDIATE already holds the database. */
  lock(name: string): Promise<void>;
}

/** One repository per aggregate, all on the same connection or transaction. */
export interface Repositories {
  readonly engine: EngineName;
  readonly organisations: OrganisationRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly delegation: DelegationRepository;
  readonly partners: PartnerRepository;
  readonly offers: OfferRepository;
  readonly keys: ProductKeyRepository;
  readonly invoices: InvoiceRepository;
  /** Who invoices name, and each invoice's parties as issued (the invoices aggregate). */
  readonly billingProfiles: BillingProfileRepository;
  /** Refunds and credits against invoices, with their own gap-free numbers (the invoices aggregate). */
  readonly creditNotes: CreditNoteRepository;
  /** A colleague asked to merge their individual subscription into another (consolidation). */
  readonly consolidationInvitations: ConsolidationInvitationRepository;
  readonly claims: ClaimRepository;
  readonly journal: JournalRepository;
  readonly outbox: OutboxRepository;
  readonly jobs: JobRepository;
  /** Linked Microsoft 365 groups, their members, the seats a sync gave and each subscription's last sync. */
  readonly groups: GroupRepository;
  /** PostgreSQL only: the license signing keys the instances share, and their shared rate-limit counts. */
  readonly signingKeys: SigningKeyRepository;
  readonly rateLimits: RateLimitRepository;
  readonly locks: NamedLocks;
  /** The query builder itself (schema introspection in tests). */
  readonly db: Kysely<Schema>;
}

function repositoriesOver(db: Kysely<Schema>, engine: EngineSql): Repositories {
  return {
    engine: engine.name,
    organisations: new OrganisationRepository(db, engine),
    subscriptions: new SubscriptionRepository(db),
    delegation: new DelegationRepository(db),
    partners: new PartnerRepository(db),
    offers: new OfferRepository(db),
    keys: new ProductKeyRepository(db),
    invoices: new InvoiceRepository(db),
    billingProfiles: new BillingProfileRepository(db),
    creditNotes: new CreditNoteRepository(db),
    consolidationInvitations: new ConsolidationInvitationRepository(db),
    claims: new ClaimRepository(db),
    journal: new JournalRepository(db),
    outbox: new OutboxRepository(db),
    jobs: new JobRepository(db),
    groups: new GroupRepository(db),
    signingKeys: new SigningKeyRepository(db),
    rateLimits: new RateLimitRepository(db),
    locks: { lock: (name) => engine.lockName(db, name) },
    db,
  };
}

export interface StorageOptions {
  /** PostgreSQL's connection string (`DATABASE_URL`); without it, SQLite in `sqliteFile`. */
  databaseUrl?: string | null;
  sqliteFile?: string;
  poolSize?: number;
  /** The schema to reach; every migration of the engine by default (tests pass a prefix). */
  migrations?: readonly Migration[];
}

const MAX_ATTEMPTS = 3;

export class UnitOfWork {
  /**
   * Which async work runs inside a transaction, for the two guards below. On Node 20 an enabled
   * AsyncLocalStorage puts a hook on every promise the process makes, about a tenth of a license
   * check's CPU: it is enabled while a transaction is open and disabled once none is
   * (`openTransactions`), so that reads outside transactions — most requests — run without it.
   */
  private readonly context = new AsyncLocalStorage<{ open: boolean }>();
  private openTransactions = 0;
  private readonly reader: Repositories;

  private constructor(private readonly database: OpenDatabase) {
    this.reader = repositoriesOver(database.db, database.engine);
  }

  /** Opens the database (PostgreSQL with a URL, SQLite otherwise) and brings its schema up to date. */
  static async open(options: StorageOptions): Promise<UnitOfWork> {
    const database = options.databaseUrl
      ? openPostgres(options.databaseUrl, { poolSize: options.poolSize })
      : openSqlite(options.sqliteFile ?? ':memory:');
    try {
      await migrate(
        database,
        options.migrations ?? (database.engine.name === 'postgres' ? POSTGRES_MIGRATIONS : MIGRATIONS),
      );
    } catch (error) {
      await database.close();
      throw error;
    }
    return new UnitOfWork(database);
  }

  get engine(): EngineName {
    return this.database.engine.name;
  }

  /** Repositories outside any transaction. Refused inside one: use its `tx`. */
  get read(): Repositories {
    if (this.context.getStore()?.open)
      throw new Error(
        'Read through the open transaction (tx), not uow.read: on SQLite this waits for the transaction itself, on PostgreSQL it misses its writes.',
      );
    return this.reader;
  }

  /** Runs `work` as one transaction; it commits when `work` resolves and rolls back when it throws. */
  async transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    if (this.context.getStore()?.open)
      throw new Error('A transaction cannot start inside another: pass the open one (tx) down.');
    for (let attempt = 1; ; attempt++) {
      const scope = { open: true };
      this.openTransactions++;
      try {
        return await this.context.run(scope, () =>
          this.database.db.transaction().execute((trx) => work(repositoriesOver(trx, this.database.engine))),
        );
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && isRetryableConflict(error)) continue;
        throw error;
      } finally {
        // Work a transaction started but did not await (never intended) is outside it from here on.
        scope.open = false;
        // No transaction open: every context of the store is over, and its promise hook can go.
        if (--this.openTransactions === 0) this.context.disable();
      }
    }
  }

  schemaVersion(): Promise<number> {
    return schemaVersion(this.database);
  }

  /** SQLite's own consistency check ('ok'); PostgreSQL checks itself. */
  integrityCheck(): string {
    return this.database.sqlite ? (this.database.sqlite.pragma('integrity_check', { simple: true }) as string) : 'ok';
  }

  /**
   * PostgreSQL: ANALYZE, the planner's statistics brought up to date now. Autovacuum does it by
   * itself about a minute after large changes (its naptime); until then a table that grew from
   * nothing is planned as nearly empty: a seat page of a 100,000-seat subscription read by a
   * bitmap scan and sorted on disk, 300 ms, instead of walking its index, 25 ms. For data written
   * in bulk outside the product's routes (the seeding of benches and tests), which must be measured
   * as a production database would have it. SQLite: nothing (no plan here reads sqlite_stat1).
   */
  async updatePlannerStatistics(): Promise<void> {
    if (this.engine === 'postgres') await sql`ANALYZE`.execute(this.database.db);
  }

  /** Whether the database answers (the readiness endpoint). */
  async ping(): Promise<void> {
    await this.database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
  }

  close(): Promise<void> {
    return this.database.close();
  }
}
