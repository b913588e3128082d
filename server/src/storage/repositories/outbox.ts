/**
 * The transactional outbox's rows: an email is written in the transaction of the change it tells
 * about, then claimed, sent and settled by the delivery job (../../email/outbox.ts). A claim is a
 * token and a lease, taken with `FOR UPDATE SKIP LOCKED` on PostgreSQL (two instances claiming at
 * once each take other rows, neither waits) and under SQLite's BEGIN IMMEDIATE; a job that dies
 * leaves its rows to be claimed again once the lease ran out.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../schema.js';

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

export class OutboxRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** A new email, due at once (no next attempt time: whatever the clock of the change that wrote it). */
  async add(row: NewEmailRow): Promise<number> {
    const inserted = await this.db
      .insertInto('outbox')
      .values({
        kind: row.kind,
        to_address: row.to,
        subject: row.subject,
        html: row.html,
        text: row.text,
        status: 'pending',
        attempts: 0,
        created_at: row.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  /** Claims up to `limit` due rows nobody holds (or whose holder's lease ran out), counting the attempt; only rows never tried without `retries`. */
  async claim(
    token: string,
    now: number,
    leaseUntil: number,
    limit: number,
    retries: boolean,
  ): Promise<ClaimedEmailRow[]> {
    const due = this.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .$if(!retries, (qb) => qb.where('attempts', '=', 0))
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked();
    const rows = await this.db
      .updateTable('outbox')
      .set({ claim_token: token, lease_until: leaseUntil, attempts: sql`attempts + 1` })
      .where('id', 'in', due)
      .returning(['id', 'kind', 'to_address as to', 'subject', 'html', 'text', 'attempts', 'created_at as createdAt'])
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Sent; the body is kept only where the transport keeps messages (the local outbox), never secrets sent elsewhere. */
  async markSent(
    id: number,
    token: string,
    sent: { messageId: string; raw: string | null; at: number; keepBody: boolean },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({
        status: 'sent',
        sent_at: sent.at,
        message_id: sent.messageId,
        raw: sent.raw,
        claim_token: null,
        lease_until: null,
        last_error: null,
        ...(sent.keepBody ? {} : { html: '', text: '' }),
      })
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Not sent this time: tried again from `nextAttemptAt`. */
  async retryLater(id: number, token: string, nextAttemptAt: number, error: string): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ next_attempt_at: nextAttemptAt, last_error: error, claim_token: null, lease_until: null })
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Given up: the error stays for the operator, the body (links with tokens, product keys) does not. */
  async markFailed(id: number, token: string, error: string): Promise<boolean> {
    const result = await this.db
      .updateTable('outbox')
      .set({ status: 'failed', last_error: error, html: '', text: '', claim_token: null, lease_until: null })
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** What was sent, newest first (the local outbox page). */
  async listSent(limit: number): Promise<SentEmailRow[]> {
    return (await this.db
      .selectFrom('outbox')
      .select([
        'id',
        'kind',
        'to_address as to',
        'subject',
        'html',
        'text',
        'message_id as messageId',
        'created_at as createdAt',
        'sent_at as sentAt',
      ])
      .where('status', '=', 'sent')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()) as SentEmailRow[];
  }

  /** What the outbox holds, newest first, with each row's delivery state (for operators). */
  async statuses(limit: number): Promise<OutboxStatusRow[]> {
    return (await this.db
      .selectFrom('outbox')
      .select([
        'id',
        'kind',
        'to_address as to',
        'status',
        'attempts',
        'next_attempt_at as nextAttemptAt',
        'last_error as lastError',
      ])
      .orderBy('id', 'desc')
      .limit(limit)
      .execute()) as OutboxStatusRow[];
  }
}
