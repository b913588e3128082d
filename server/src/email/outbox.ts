/**
 * Email after a change, one way (the transactional outbox): the service writes the email into the
 * outbox in the same transaction as the change (`Outbox.add`), so an email exists exactly when
 * its change committed; after the commit it asks for delivery (`Outbox.deliver`: the emails not
 * tried yet, so a change waits for its own, never for retries of others); the periodic sweep
 * (`Outbox.sweep`) sends everything due: retries, and rows a dead process left claimed.
 *
 * Both claim due rows with a token and a lease (../storage/repositories/outbox.ts: `FOR UPDATE
 * SKIP LOCKED` on PostgreSQL), so two jobs, also of two instances, never send one row; send each through the transport outside any transaction; and settle it: sent,
 * tried again later with exponential backoff, or given up after `MAX_ATTEMPTS` or a permanent
 * refusal (logged). A
 * process that dies between sending and settling leaves the row to be sent again once its lease
 * ran out: delivery is at least once, as with any outbox.
 */
import { randomUUID } from 'node:crypto';
import type { Repositories, UnitOfWork } from '../storage/unitOfWork.js';
import type { EmailTransport, OutgoingEmail } from './mailer.js';

export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3600_000;
/** Longer than the transport's slowest failure (mailer.ts timeouts), so a live sender keeps its rows. */
export const DELIVERY_LEASE_MS = 5 * 60_000;
const BATCH = 20;

/**
 * An SMTP reply of the 5yz class is a permanent refusal (RFC 5321, 4.2.1: the client should not
 * repeat the same request), such as an unknown mailbox; 4yz and failures to connect are transient.
 */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** How long after the `attempts`-th failed attempt the next one is made: 1 minute, doubling, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** One run at a time: callers during a run wait for it, and it makes one more pass for them. */
class SingleFlight {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly pass: () => Promise<void>) {}

  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.pass();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}

export class Outbox {
  private readonly fresh = new SingleFlight(() => this.sendDue(false));
  private readonly all = new SingleFlight(() => this.sendDue(true));

  constructor(
    private readonly uow: UnitOfWork,
    private readonly transport: EmailTransport,
    private readonly clock: () => number = Date.now,
    private readonly log: (error: unknown, message: string) => void = () => {},
    private readonly leaseMs: number = DELIVERY_LEASE_MS,
  ) {}

  /** Writes the email; inside the change's transaction. */
  async add(tx: Repositories, email: OutgoingEmail, now: number): Promise<void> {
    await tx.outbox.add({ ...email, createdAt: now });
  }

  /**
   * After a commit: sends the emails not tried yet (this change's among them), so a change waits
   * for its own emails only, never for retries of others to a mail server that is down. Never
   * throws: a mail server that is down must not undo or fail the change; the sweep retries.
   */
  deliver(): Promise<void> {
    return this.fresh.run().catch((error: unknown) => this.log(error, 'email delivery stopped; the sweep tries again'));
  }

  /** Periodically: every due email, retries and rows a dead process held included. */
  sweep(): Promise<void> {
    return this.all.run().catch((error: unknown) => this.log(error, 'the email sweep stopped; it runs again'));
  }

  /** Resolves when no delivery is under way in this process (the server waits for it before closing storage). */
  async settled(): Promise<void> {
    await Promise.all([this.fresh.settled(), this.all.settled()]).catch(() => undefined);
  }

  private async sendDue(retries: boolean): Promise<void> {
    for (;;) {
      const token = randomUUID();
      const now = this.clock();
      const batch = await this.uow.transaction((tx) => tx.outbox.claim(token, now, now + this.leaseMs, BATCH, retries));
      if (batch.length === 0) return;
      for (const row of batch) {
        try {
          const sent = await this.transport.send(row);
          await this.uow.transaction((tx) =>
            tx.outbox.markSent(row.id, token, { ...sent, at: this.clock(), keepBody: this.transport.keepsMessages }),
          );
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          if (row.attempts >= MAX_ATTEMPTS || isPermanent(error)) {
            this.log(error, `${row.kind} email ${row.id} to ${row.to} failed (attempt ${row.attempts}); given up`);
            await this.uow.transaction((tx) => tx.outbox.markFailed(row.id, token, reason));
          } else {
            const next = this.clock() + retryDelayMs(row.attempts);
            this.log(
              error,
              `${row.kind} email ${row.id} to ${row.to} failed (attempt ${row.attempts}); tried again at ${new Date(next).toISOString()}`,
            );
            await this.uow.transaction((tx) => tx.outbox.retryLater(row.id, token, next, reason));
          }
        }
      }
    }
  }
}
