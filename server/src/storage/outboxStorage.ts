/**
 * The transactional outbox's rows: an email is written in the transaction of the change it tells
 * about, then claimed, sent and settled by the delivery job (../email/outbox.ts). A claim is a
 * token and a lease, so that two jobs (two processes, later two instances) never hold the same
 * row; a job that dies leaves its rows to be claimed again once the lease ran out. PostgreSQL
 * will claim with `FOR UPDATE SKIP LOCKED`; SQLite's `BEGIN IMMEDIATE` serialises the claim.
 * Part of the storage module: reached through `Storage.outbox`, on the same connection and
 * transactions.
 */
import type Database from 'better-sqlite3';

export interface NewEmailRow {
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  createdAt: number;
}

/** A claimed row: what the job sends, and how many attempts it is (this one included). */
export interface ClaimedEmailRow extends NewEmailRow {
  id: number;
  attempts: number;
}

export interface SentEmailRow extends NewEmailRow {
  id: number;
  messageId: string | null;
  sentAt: number;
}

export interface OutboxStatusRow {
  id: number;
  kind: string;
  to: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
}

export class OutboxStorage {
  constructor(private readonly db: Database.Database) {}

  /** A new email, due at once (no next attempt time: whatever the clock of the change that wrote it). */
  add(row: NewEmailRow): number {
    return Number(
      this.db
        .prepare("INSERT INTO outbox (kind, to_address, subject, html, text, status, attempts, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?)")
        .run(row.kind, row.to, row.subject, row.html, row.text, row.createdAt).lastInsertRowid,
    );
  }

  /** Claims up to `limit` due rows nobody holds (or whose holder's lease ran out), counting the attempt; only rows never tried without `retries`. */
  claim(token: string, now: number, leaseUntil: number, limit: number, retries: boolean): ClaimedEmailRow[] {
    return this.db
      .prepare(
        `UPDATE outbox SET claim_token = ?, lease_until = ?, attempts = attempts + 1
         WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND (lease_until IS NULL OR lease_until <= ?) AND (? OR attempts = 0) ORDER BY id LIMIT ?)
         RETURNING id, kind, to_address AS "to", subject, html, text, attempts, created_at AS createdAt`,
      )
      .all(token, leaseUntil, now, now, retries ? 1 : 0, limit) as ClaimedEmailRow[];
  }

  /** Sent; the body is kept only where the transport keeps messages (the local outbox), never secrets sent elsewhere. */
  markSent(id: number, token: string, sent: { messageId: string; raw: string | null; at: number; keepBody: boolean }): boolean {
    return (
      this.db
        .prepare(
          `UPDATE outbox SET status = 'sent', sent_at = ?, message_id = ?, raw = ?, claim_token = NULL, lease_until = NULL, last_error = NULL,
             html = CASE WHEN ? THEN html ELSE '' END, text = CASE WHEN ? THEN text ELSE '' END
           WHERE id = ? AND claim_token = ?`,
        )
        .run(sent.at, sent.messageId, sent.raw, sent.keepBody ? 1 : 0, sent.keepBody ? 1 : 0, id, token).changes === 1
    );
  }

  /** Not sent this time: tried again from `nextAttemptAt`. */
  retryLater(id: number, token: string, nextAttemptAt: number, error: string): boolean {
    return this.db.prepare('UPDATE outbox SET next_attempt_at = ?, last_error = ?, claim_token = NULL, lease_until = NULL WHERE id = ? AND claim_token = ?').run(nextAttemptAt, error, id, token).changes === 1;
  }

  /** Given up: the error stays for the operator, the body (links with tokens, product keys) does not. */
  markFailed(id: number, token: string, error: string): boolean {
    return (
      this.db.prepare("UPDATE outbox SET status = 'failed', last_error = ?, html = '', text = '', claim_token = NULL, lease_until = NULL WHERE id = ? AND claim_token = ?").run(error, id, token).changes === 1
    );
  }

  /** What was sent, newest first (the local outbox page). */
  listSent(limit: number): SentEmailRow[] {
    return this.db
      .prepare(`SELECT id, kind, to_address AS "to", subject, html, text, message_id AS messageId, created_at AS createdAt, sent_at AS sentAt FROM outbox WHERE status = 'sent' ORDER BY id DESC LIMIT ?`)
      .all(limit) as SentEmailRow[];
  }

  /** What the outbox holds, newest first, with each row's delivery state (for operators). */
  statuses(limit: number): OutboxStatusRow[] {
    return this.db
      .prepare('SELECT id, kind, to_address AS "to", status, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError FROM outbox ORDER BY id DESC LIMIT ?')
      .all(limit) as OutboxStatusRow[];
  }
}
