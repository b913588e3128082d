/**
 * The simulated payment provider's own records (development only): a separate SQLite file in the
 * data folder, as a real provider keeps its payments in its own service. It is written before the
 * provider answers (synchronous=FULL), so what the provider charged survives the Outmerge process
 * being killed, and reconciliation after a crash asks a provider that remembers. It lives in the
 * storage module because only the storage module speaks SQL; its schema is the stand-in's own.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type SimulatedChargeStatus = 'succeeded' | 'declined' | 'requires_action';

export interface SimulatedChargeRow {
  reference: string;
  idempotencyKey: string;
  /** What the request asked for, compared on a retry with the same key (as Stripe compares parameters). */
  fingerprint: string;
  status: SimulatedChargeStatus;
  reason: string | null;
  createdAt: number;
  amountMinor: number;
  currency: string;
  paymentMethodToken: string;
  offSession: boolean;
}

const COLUMNS =
  'reference, idempotency_key AS idempotencyKey, fingerprint, status, reason, created_at AS createdAt, amount_minor AS amountMinor, currency, payment_method_token AS paymentMethodToken, off_session AS offSession';

/** SQLite has no boolean: off_session is 0 or 1. */
function rowOf(raw: unknown): SimulatedChargeRow | undefined {
  if (!raw) return undefined;
  const row = raw as Omit<SimulatedChargeRow, 'offSession'> & { offSession: number };
  return { ...row, offSession: row.offSession === 1 };
}

export class SimulatedPaymentStorage {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SimulatedPaymentStorage {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS charges (
        reference TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('succeeded', 'declined', 'requires_action')),
        reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        payment_method_token TEXT NOT NULL,
        off_session INTEGER NOT NULL CHECK (off_session IN (0, 1))
      );
      CREATE INDEX IF NOT EXISTS charges_idempotency_key ON charges (idempotency_key, created_at);
      CREATE TABLE IF NOT EXISTS payment_methods (
        token TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL
      );
      -- Refunds of succeeded charges; one per idempotency key (as Stripe's Refunds take the Idempotency-Key).
      CREATE TABLE IF NOT EXISTS refunds (
        reference TEXT PRIMARY KEY,
        charge_reference TEXT NOT NULL REFERENCES charges(reference),
        idempotency_key TEXT NOT NULL UNIQUE,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        created_at INTEGER NOT NULL
      );
    `);
    return new SimulatedPaymentStorage(db);
  }

  close(): void {
    this.db.close();
  }

  /** The newest charge requested with this key at or after `since`, or any time when `since` is omitted. */
  findByKey(idempotencyKey: string, since = 0): SimulatedChargeRow | undefined {
    return rowOf(
      this.db
        .prepare(
          `SELECT ${COLUMNS} FROM charges WHERE idempotency_key = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 1`,
        )
        .get(idempotencyKey, since),
    );
  }

  findByReference(reference: string): SimulatedChargeRow | undefined {
    return rowOf(this.db.prepare(`SELECT ${COLUMNS} FROM charges WHERE reference = ?`).get(reference));
  }

  /** Records a new charge unless one with this key was made since `since` (two retries racing): returns the one that stands. */
  insert(row: SimulatedChargeRow, since: number): SimulatedChargeRow {
    return this.db
      .transaction(() => {
        const existing = this.findByKey(row.idempotencyKey, since);
        if (existing) return existing;
        this.db
          .prepare(
            'INSERT INTO charges (reference, idempotency_key, fingerprint, status, reason, created_at, updated_at, amount_minor, currency, payment_method_token, off_session) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            row.reference,
            row.idempotencyKey,
            row.fingerprint,
            row.status,
            row.reason,
            row.createdAt,
            row.createdAt,
            row.amountMinor,
            row.currency,
            row.paymentMethodToken,
            row.offSession ? 1 : 0,
          );
        return row;
      })
      .immediate();
  }

  /** The bank's answer to a charge waiting for authentication; false when it was no longer waiting. */
  settle(reference: string, status: 'succeeded' | 'declined', reason: string | null, at: number): boolean {
    return (
      this.db
        .prepare(
          "UPDATE charges SET status = ?, reason = ?, updated_at = ? WHERE reference = ? AND status = 'requires_action'",
        )
        .run(status, reason, at, reference).changes === 1
    );
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM charges').get() as { n: number }).n;
  }

  /** Every charge, oldest first (tests compare them with what Outmerge recorded). */
  all(): SimulatedChargeRow[] {
    return this.db
      .prepare(`SELECT ${COLUMNS} FROM charges ORDER BY rowid`)
      .all()
      .map((raw) => rowOf(raw)!);
  }

  /** A payment method made (again, for a retried request: recorded once). */
  rememberPaymentMethod(token: string, at: number): void {
    this.db.prepare('INSERT OR IGNORE INTO payment_methods (token, created_at) VALUES (?, ?)').run(token, at);
  }

  /** Refunds a part of a succeeded charge once per key; null when it would give back more than was paid. */
  refund(input: {
    reference: string;
    chargeReference: string;
    idempotencyKey: string;
    amountMinor: number;
    at: number;
  }): { reference: string; amountMinor: number; chargeReference: string } | null {
    return this.db
      .transaction(() => {
        const existing = this.db
          .prepare(
            'SELECT reference, amount_minor AS amountMinor, charge_reference AS chargeReference FROM refunds WHERE idempotency_key = ?',
          )
          .get(input.idempotencyKey) as { reference: string; amountMinor: number; chargeReference: string } | undefined;
        if (existing) return existing;
        const charge = this.findByReference(input.chargeReference);
        const refunded = (
          this.db
            .prepare('SELECT COALESCE(SUM(amount_minor), 0) AS n FROM refunds WHERE charge_reference = ?')
            .get(input.chargeReference) as { n: number }
        ).n;
        if (!charge || charge.status !== 'succeeded' || refunded + input.amountMinor > charge.amountMinor) return null;
        this.db
          .prepare(
            'INSERT INTO refunds (reference, charge_reference, idempotency_key, amount_minor, created_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(input.reference, input.chargeReference, input.idempotencyKey, input.amountMinor, input.at);
        return { reference: input.reference, amountMinor: input.amountMinor, chargeReference: input.chargeReference };
      })
      .immediate();
  }

  refunds(): Array<{ reference: string; chargeReference: string; amountMinor: number }> {
    return this.db
      .prepare(
        'SELECT reference, charge_reference AS chargeReference, amount_minor AS amountMinor FROM refunds ORDER BY rowid',
      )
      .all() as Array<{ reference: string; chargeReference: string; amountMinor: number }>;
  }

  paymentMethods(): string[] {
    return (this.db.prepare('SELECT token FROM payment_methods ORDER BY rowid').all() as Array<{ token: string }>).map(
      (row) => row.token,
    );
  }
}
