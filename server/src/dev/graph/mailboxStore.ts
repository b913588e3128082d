/**
 * The Graph stand-in's mailboxes in memory: drafts and sent items per mailbox, Send-As rights on
 * shared mailboxes, and the limits Exchange Online applies — at most 4 requests in flight per
 * mailbox, a per-window message rate, and a rolling 24-hour recipient budget.
 */
import { randomUUID } from 'node:crypto';

export class GraphError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface MessageContent {
  subject: string;
  contentType: 'html' | 'text';
  html: string;
  to: string[];
  cc: string[];
  bcc: string[];
  attachments: Array<{ name: string; contentType: string; size: number; isInline?: boolean; contentId?: string | null }>;
  marker: string | null;
}

export interface StoredMessage extends MessageContent {
  id: string;
  /** Canonical address of the mailbox that holds it. */
  mailbox: string;
  sentBy: string;
  folder: 'drafts' | 'sentitems';
  createdAt: number;
  sentAt: number | null;
}

export interface MailboxLimits {
  messagesPerWindow: number;
  windowMs: number;
  dailyRecipients: number;
  concurrency: number;
}

export interface Counters {
  throttled: number;
  concurrencyRejected: number;
  peakConcurrency: number;
}

const DAY_MS = 24 * 3600 * 1000;
const MAX_STORED = 50_000;

export class MailboxStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly sends = new Map<string, number[]>();
  private readonly recipients = new Map<string, Array<{ at: number; count: number }>>();
  private readonly inFlight = new Map<string, number>();
  readonly counters: Counters = { throttled: 0, concurrencyRejected: 0, peakConcurrency: 0 };

  constructor(
    private readonly limits: MailboxLimits,
    /** Shared mailbox → the users who may send as it (canonical addresses). */
    private readonly sendAs: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The mailbox a request acts on: the caller's own, or a shared one they may send as. */
  mailboxFor(caller: string, requested: string | null): string {
    if (requested === null || requested === caller) return caller;
    if (this.sendAs.get(requested)?.has(caller)) return requested;
    throw new GraphError(403, 'ErrorSendAsDenied', 'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.');
  }

  /** Holds one of the mailbox's concurrent request slots; Exchange allows 4. */
  acquire(mailbox: string): () => void {
    const current = this.inFlight.get(mailbox) ?? 0;
    if (current >= this.limits.concurrency) {
      this.counters.concurrencyRejected++;
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', 1);
    }
    this.inFlight.set(mailbox, current + 1);
    this.counters.peakConcurrency = Math.max(this.counters.peakConcurrency, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight.set(mailbox, (this.inFlight.get(mailbox) ?? 1) - 1);
    };
  }

  createDraft(mailbox: string, sentBy: string, content: MessageContent): StoredMessage {
    const message: StoredMessage = { ...content, id: randomUUID().replace(/-/g, ''), mailbox, sentBy, folder: 'drafts', createdAt: this.clock(), sentAt: null };
    this.store(message);
    return message;
  }

  /** A draft of the mailbox, or 404 like Graph. */
  draft(mailbox: string, id: string): StoredMessage {
    const message = this.messages.get(id);
    if (!message || message.mailbox !== mailbox || message.folder !== 'drafts') throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    return message;
  }

  /** Adds an attachment to a draft (the end of an upload session). */
  attach(mailbox: string, id: string, attachment: MessageContent['attachments'][number]): void {
    this.draft(mailbox, id).attachments.push(attachment);
  }

  sendDraft(mailbox: string, id: string): StoredMessage {
    const message = this.messages.get(id);
    if (!message || message.mailbox !== mailbox || message.folder !== 'drafts') throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    this.admit(mailbox, message.to.length + message.cc.length + message.bcc.length);
    message.folder = 'sentitems';
    message.sentAt = this.clock();
    return message;
  }

  sendMail(mailbox: string, sentBy: string, content: MessageContent): StoredMessage {
    this.admit(mailbox, content.to.length + content.cc.length + content.bcc.length);
    const now = this.clock();
    const message: StoredMessage = { ...content, id: randomUUID().replace(/-/g, ''), mailbox, sentBy, folder: 'sentitems', createdAt: now, sentAt: now };
    this.store(message);
    return message;
  }

  list(mailbox: string, folder: 'drafts' | 'sentitems', marker: string | null): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.mailbox === mailbox && m.folder === folder && (marker === null || m.marker === marker));
  }

  delete(mailbox: string, id: string): void {
    const message = this.messages.get(id);
    if (!message || message.mailbox !== mailbox) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
    this.messages.delete(id);
  }

  sent(): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.folder === 'sentitems').sort((a, b) => (a.sentAt ?? 0) - (b.sentAt ?? 0));
  }

  clear(): void {
    this.messages.clear();
    this.sends.clear();
    this.recipients.clear();
    Object.assign(this.counters, { throttled: 0, concurrencyRejected: 0, peakConcurrency: 0 });
  }

  /** Applies the per-window message rate and the rolling 24-hour recipient budget to one send. */
  private admit(mailbox: string, recipientCount: number): void {
    const now = this.clock();
    const window = (this.sends.get(mailbox) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (window.length >= this.limits.messagesPerWindow) {
      this.sends.set(mailbox, window);
      this.counters.throttled++;
      const retryAfter = Math.max(1, Math.ceil(((window[0] ?? now) + this.limits.windowMs - now) / 1000));
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxSendRate limit. Retry after the time in the Retry-After header.', retryAfter);
    }
    const day = (this.recipients.get(mailbox) ?? []).filter((r) => r.at > now - DAY_MS);
    const used = day.reduce((sum, r) => sum + r.count, 0);
    if (used + recipientCount > this.limits.dailyRecipients) {
      this.recipients.set(mailbox, day);
      throw new GraphError(403, 'ErrorMessageSubmissionBlocked', `The mailbox has reached its limit of ${this.limits.dailyRecipients} recipients in 24 hours.`);
    }
    window.push(now);
    day.push({ at: now, count: recipientCount });
    this.sends.set(mailbox, window);
    this.recipients.set(mailbox, day);
  }

  private store(message: StoredMessage): void {
    this.messages.set(message.id, message);
    if (this.messages.size > MAX_STORED) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
  }
}
