/**
 * The Graph stand-in's Exchange: mailboxes with Drafts, Sent Items and Inbox, the mailbox rights
 * of shared mailboxes, and transport. Each rule follows Microsoft's documentation:
 *
 * - Sending is not instant (concepts/outlook-things-to-know-about-send-mail.md): `send` answers
 *   202 once the message is submitted; transport later moves it from Drafts to Sent Items (here
 *   after a seeded random delay, evaluated lazily against the clock so tests can move time). An
 *   item's id changes when it moves folder (concepts/outlook-immutable-id.md).
 * - Submitting a draft again while it is still in Drafts is not documented as idempotent
 *   (microsoftgraph/microsoft-graph-docs-contrib#921 is open), so the stand-in takes the worst
 *   case: it is accepted and delivered twice. Once moved, the old id is gone (404).
 * - Sending from another mailbox (concepts/outlook-send-mail-from-other-user.md): the signed-in
 *   user needs Send As or Send on Behalf on the `from` mailbox (else 403 ErrorSendAsDenied); Send on
 *   Behalf shows `sender` ≠ `from`; anything under /users/{other} needs Full Access; the copy goes
 *   to the Sent Items of the mailbox the request went through.
 * - The 24-hour recipient limit of a business mailbox is not a synchronous error (Exchange Online
 *   limits, "Recipient rate limit"): the send is accepted, transport returns a non-delivery report
 *   with 5.1.90 to the sender's Inbox, and a sender who keeps sending is restricted: every later
 *   message comes back with 5.1.8 until an administrator releases them (Defender portal,
 *   "Restricted entities"). The limit is counted per signed-in sender, not per `from` address.
 * - Deferred delivery (PidTagDeferredSendTime, MS-OXOMSG 2.2.3.4): a message submitted with a
 *   deferred send time still in the future is accepted (202) and held in Drafts under the same id
 *   until that time; transport takes it then (the 24-hour limit and restriction are applied at
 *   that moment, not at submission). A time already past sends at once. Deleting a held message
 *   before its time cancels it: nothing is delivered.
 * - A recipient the stand-in's directory marks unknown (`GRAPH_STANDIN_UNKNOWN_RECIPIENTS`,
 *   `PUT /dev/graph/directory`) is not refused by Graph either: the others get the message and
 *   transport returns a report for that one ("Fix email delivery issues for error code 5.1.1
 *   through 5.1.20 in Exchange Online": 550 5.1.1 RESOLVER.ADR.RecipNotFound). Reports are items
 *   of class REPORT.IPM.Note.NDR (PidTagMessageClass; [MS-OXCMSG] 2.2.1.3, [MS-OXOMSG] 2.2.2.1 "Report"),
 *   in the original's conversation, with its headers (Message-ID included) quoted.
 * - Each message has an RFC 5322 `internetMessageId` and a `conversationId`; a reply whose
 *   In-Reply-To names a message of the mailbox joins that message's conversation (Exchange threads
 *   by the In-Reply-To / References headers).
 * - Mail folders created with `isHidden: true` are left out of folder lists unless
 *   `includeHiddenFolders=true` ("Hidden mail folders"; user-post-mailfolders).
 */
import { randomUUID } from 'node:crypto';
import type { MailboxRight } from '../../config.js';
import { GraphError } from './graphErrors.js';
import { prng } from './prng.js';
export { GraphError };

export interface MessageContent {
  subject: string;
  /** Custom internet headers the client set (Graph takes only `x-` names). */
  headers?: Array<{ name: string; value: string }>;
  contentType: 'html' | 'text';
  html: string;
  to: string[];
  cc: string[];
  bcc: string[];
  attachments: Array<{
    name: string;
    contentType: string;
    size: number;
    isInline?: boolean;
    contentId?: string | null;
  }>;
  marker: string | null;
  /** The campaign marker (a second named property), or null. */
  campaign: string | null;
  /** PidTagDeferredSendTime: when the client wants it sent, or null to send at once. */
  deferredUntil: number | null;
  /** The `from` the client set (another mailbox), or null for the mailbox's own address. */
  from: string | null;
}

/** A well-known folder, or the id of a folder the client created. */
export type Folder = 'drafts' | 'sentitems' | 'inbox' | (string & {});

export interface MailFolder {
  id: string;
  mailbox: string;
  displayName: string;
  isHidden: boolean;
}

/** PidTagMessageClass of a non-delivery report; every other item here is IPM.Note. */
export const NDR_MESSAGE_CLASS = 'REPORT.IPM.Note.NDR';

export interface StoredMessage extends MessageContent {
  id: string;
  /** Canonical address of the mailbox that holds it. */
  mailbox: string;
  folder: Folder;
  createdAt: number;
  sentAt: number | null;
  receivedAt: number | null;
  /** Who submitted it (the signed-in user), once sent. */
  submittedBy: string | null;
  /** The address recipients see as sender: the submitter with Send on Behalf, else `from`. */
  sender: string | null;
  /** When transport takes it (moves it to Sent Items); null while it is a plain draft. */
  transitAt: number | null;
  /** Further submissions of the same draft while it was in transit: each is delivered again. */
  resubmissions: number;
  saveToSentItems: boolean;
  fromName?: string;
  /** RFC 5322 Message-ID, with its angle brackets. */
  internetMessageId: string;
  conversationId: string;
  /** PidTagMessageClass. */
  messageClass: string;
}

/** What reached recipients (the mailbox page and the tests' view of the outside world). */
export interface Delivery extends MessageContent {
  id: string;
  mailbox: string;
  from: string;
  sender: string;
  submittedBy: string;
  sentAt: number;
}

export interface MailboxLimits {
  messagesPerWindow: number;
  windowMs: number;
  dailyRecipients: number;
  concurrency: number;
  restrictAfterOverLimitMessages: number;
}

export interface Counters {
  throttled: number;
  concurrencyRejected: number;
  peakConcurrency: number;
}

const DAY_MS = 24 * 3600 * 1000;
const MAX_STORED = 50_000;

export interface SendDelay {
  min: number;
  max: number;
  seed: number;
}

export class MailboxStore {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly deliveries: Delivery[] = [];
  private readonly sends = new Map<string, number[]>();
  private readonly recipients = new Map<string, Array<{ at: number; count: number }>>();
  private readonly inFlight = new Map<string, number>();
  /** Sender → messages submitted beyond the daily limit; past the threshold the sender is restricted. */
  private readonly overLimit = new Map<string, number>();
  private readonly restricted = new Set<string>();
  /** The directory's unknown recipients (canonical addresses): transport returns a 5.1.1 report for them. */
  private readonly unknownRecipients: Set<string>;
  private readonly folders = new Map<string, MailFolder>();
  private delay: SendDelay;
  private random: () => number;
  readonly counters: Counters = { throttled: 0, concurrencyRejected: 0, peakConcurrency: 0 };

  constructor(
    private readonly limits: MailboxLimits,
    /** Shared mailbox → user → rights (canonical addresses). */
    private readonly rights: Map<string, Map<string, Set<MailboxRight>>>,
    private readonly clock: () => number = Date.now,
    delay: SendDelay = { min: 0, max: 0, seed: 1 },
    unknownRecipients: Iterable<string> = [],
  ) {
    this.unknownRecipients = new Set(unknownRecipients);
    this.delay = delay;
    this.random = prng(delay.seed);
  }

  setDelay(delay: SendDelay): void {
    this.delay = delay;
    this.random = prng(delay.seed);
  }

  setRights(mailbox: string, user: string, rights: readonly MailboxRight[]): void {
    const users = this.rights.get(mailbox) ?? new Map<string, Set<MailboxRight>>();
    users.set(user, new Set(rights));
    this.rights.set(mailbox, users);
  }

  private has(mailbox: string, user: string, right: MailboxRight): boolean {
    return this.rights.get(mailbox)?.get(user)?.has(right) ?? false;
  }

  /** The mailbox a request acts on: the caller's own, or another one they hold Full Access to. */
  mailboxFor(caller: string, requested: string | null): string {
    if (requested === null || requested === caller) return caller;
    if (this.has(requested, caller, 'FullAccess')) return requested;
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }

  /**
   * Who the recipients see: sending as oneself, or with Send As / Send on Behalf on the `from`
   * mailbox. Without either: 403 ErrorSendAsDenied, the text of Microsoft's example.
   */
  senderFor(caller: string, from: string): string {
    if (from === caller || this.has(from, caller, 'SendAs')) return from;
    if (this.has(from, caller, 'SendOnBehalf')) return caller;
    throw new GraphError(
      403,
      'ErrorSendAsDenied',
      'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account. Cannot submit message.',
    );
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

  /** The directory: whether an address is a recipient transport cannot deliver to. */
  setUnknownRecipient(address: string, unknown: boolean): void {
    // What transport took before the change is handled under the directory as it was.
    this.settle();
    if (unknown) this.unknownRecipients.add(address);
    else this.unknownRecipients.delete(address);
  }

  /** POST …/mailFolders: a folder under the root; the name is unique among them (409 ErrorFolderExists). */
  createFolder(mailbox: string, displayName: string, isHidden: boolean): MailFolder {
    if (
      [...this.folders.values()].some(
        (f) => f.mailbox === mailbox && f.displayName.toLowerCase() === displayName.toLowerCase(),
      )
    )
      throw new GraphError(409, 'ErrorFolderExists', 'A folder with the specified name already exists.');
    const folder = { id: newId(), mailbox, displayName, isHidden };
    this.folders.set(folder.id, folder);
    return folder;
  }

  /** GET …/mailFolders: hidden folders only with includeHiddenFolders=true. */
  listFolders(mailbox: string, includeHidden: boolean): MailFolder[] {
    return [...this.folders.values()].filter((f) => f.mailbox === mailbox && (includeHidden || !f.isHidden));
  }

  /** A well-known folder name or a created folder's id, as the mailbox's folder; 404 otherwise. */
  folderOf(mailbox: string, idOrName: string): Folder {
    const known = idOrName.toLowerCase();
    if (known === 'drafts' || known === 'sentitems' || known === 'inbox') return known;
    const folder = this.folders.get(idOrName);
    if (!folder || folder.mailbox !== mailbox) throw notFound();
    return folder.id;
  }

  createDraft(mailbox: string, content: MessageContent, folder: Folder = 'drafts'): StoredMessage {
    this.settle();
    const message: StoredMessage = {
      ...content,
      id: newId(),
      mailbox,
      folder,
      internetMessageId: `<${randomUUID().replace(/-/g, '')}@${mailbox.split('@')[1] ?? 'localhost'}>`,
      conversationId: newId(),
      messageClass: 'IPM.Note',
      createdAt: this.clock(),
      sentAt: null,
      receivedAt: null,
      submittedBy: null,
      sender: null,
      transitAt: null,
      resubmissions: 0,
      saveToSentItems: true,
    };
    this.store(message);
    return message;
  }

  /** A draft of the mailbox (also one in transit), or 404 like Graph. */
  draft(mailbox: string, id: string): StoredMessage {
    this.settle();
    const message = this.messages.get(id);
    if (!message || message.mailbox !== mailbox || message.folder !== 'drafts') throw notFound();
    return message;
  }

  /** Adds an attachment to a draft (also the end of an upload session). */
  attach(mailbox: string, id: string, attachment: MessageContent['attachments'][number]): void {
    this.draft(mailbox, id).attachments.push(attachment);
  }

  /** POST …/messages/{id}/send: 202 once submitted; transport moves it later. */
  sendDraft(mailbox: string, id: string, caller: string): StoredMessage {
    const message = this.draft(mailbox, id);
    const sender = this.senderFor(caller, message.from ?? mailbox);
    if (message.transitAt !== null) {
      message.resubmissions++;
      return message;
    }
    this.admit(mailbox);
    message.submittedBy = caller;
    message.sender = sender;
    message.transitAt = this.transitTime(message);
    return message;
  }

  /** When transport takes a submitted message: after its delay, and not before its deferred send time. */
  private transitTime(message: MessageContent): number {
    return Math.max(this.clock() + this.nextDelay(), message.deferredUntil ?? 0);
  }

  /** Whether a submitted message is still held for its deferred send time (a delete cancels it). */
  isHeld(message: StoredMessage): boolean {
    return message.transitAt !== null && message.deferredUntil !== null && message.deferredUntil > this.clock();
  }

  /** POST …/sendMail: the message is created in Drafts and submitted in one call (step 1 of the send-mail page). */
  sendMail(mailbox: string, caller: string, content: MessageContent, saveToSentItems: boolean): StoredMessage {
    this.settle();
    const sender = this.senderFor(caller, content.from ?? mailbox);
    this.admit(mailbox);
    const message = this.createDraft(mailbox, content);
    message.submittedBy = caller;
    message.sender = sender;
    message.saveToSentItems = saveToSentItems;
    message.transitAt = this.transitTime(message);
    return message;
  }

  list(mailbox: string, folder: Folder): StoredMessage[] {
    this.settle();
    return [...this.messages.values()].filter((m) => m.mailbox === mailbox && m.folder === folder);
  }

  delete(mailbox: string, id: string): void {
    this.settle();
    const message = this.messages.get(id);
    if (!message || message.mailbox !== mailbox) throw notFound();
    // A held message is still the mailbox's: deleting it before its time cancels the send.
    if (this.isHeld(message)) {
      this.messages.delete(id);
      return;
    }
    // A message already handed to transport goes out even if its draft is deleted now.
    if (message.transitAt !== null) {
      message.folder = 'drafts';
      message.mailbox = `deleted:${message.mailbox}`;
      return;
    }
    this.messages.delete(id);
  }

  /** What reached recipients, oldest first. */
  delivered(): Delivery[] {
    this.settle();
    return [...this.deliveries];
  }

  isRestricted(user: string): boolean {
    this.settle();
    return this.restricted.has(user);
  }

  /** An administrator releases a restricted sender (Defender portal, Restricted entities). */
  release(user: string): void {
    this.settle();
    this.restricted.delete(user);
    this.overLimit.delete(user);
  }

  /**
   * A message arriving from outside (a recipient's reply, development and tests only): into the
   * Inbox, in the conversation of the mailbox's message its In-Reply-To names, if any.
   */
  receive(
    mailbox: string,
    message: { from: string; subject: string; html: string; inReplyTo?: string | null },
  ): StoredMessage {
    this.settle();
    const original = message.inReplyTo
      ? [...this.messages.values()].find((m) => m.mailbox === mailbox && m.internetMessageId === message.inReplyTo)
      : undefined;
    const at = this.clock();
    const item: StoredMessage = {
      id: newId(),
      mailbox,
      folder: 'inbox',
      subject: message.subject,
      contentType: 'html',
      html: message.html,
      to: [mailbox],
      cc: [],
      bcc: [],
      attachments: [],
      marker: null,
      campaign: null,
      deferredUntil: null,
      from: message.from,
      createdAt: at,
      sentAt: at,
      receivedAt: at,
      submittedBy: null,
      sender: message.from,
      transitAt: null,
      resubmissions: 0,
      saveToSentItems: true,
      internetMessageId: `<${randomUUID().replace(/-/g, '')}@${message.from.split('@')[1] ?? 'localhost'}>`,
      conversationId: original?.conversationId ?? newId(),
      messageClass: 'IPM.Note',
    };
    this.store(item);
    return item;
  }

  clear(): void {
    this.messages.clear();
    this.folders.clear();
    this.deliveries.length = 0;
    this.sends.clear();
    this.recipients.clear();
    this.overLimit.clear();
    this.restricted.clear();
    this.random = prng(this.delay.seed);
    Object.assign(this.counters, { throttled: 0, concurrencyRejected: 0, peakConcurrency: 0 });
  }

  /** Transport: every submitted message whose time has come is sent or bounced, and leaves Drafts. */
  settle(): void {
    const now = this.clock();
    const due = [...this.messages.values()]
      .filter((m) => m.transitAt !== null && m.transitAt <= now)
      .sort((a, b) => (a.transitAt ?? 0) - (b.transitAt ?? 0));
    for (const message of due) {
      const at = message.transitAt ?? now;
      this.messages.delete(message.id);
      for (let copy = 0; copy <= message.resubmissions; copy++) this.transport(message, at);
      const holder = message.mailbox.startsWith('deleted:') ? null : message.mailbox;
      if (holder !== null && message.saveToSentItems) {
        // The item gets a new id in Sent Items: the draft's id no longer finds it.
        this.store({ ...message, id: newId(), folder: 'sentitems', sentAt: at, transitAt: null, resubmissions: 0 });
      }
    }
  }

  private transport(message: StoredMessage, at: number): void {
    const sender = message.submittedBy ?? message.mailbox;
    const count = message.to.length + message.cc.length + message.bcc.length;
    if (this.restricted.has(sender)) return this.bounce(message, at, RESTRICTED);
    const day = (this.recipients.get(sender) ?? []).filter((r) => r.at > at - DAY_MS);
    const used = day.reduce((sum, r) => sum + r.count, 0);
    if (used + count > this.limits.dailyRecipients) {
      const over = (this.overLimit.get(sender) ?? 0) + 1;
      this.overLimit.set(sender, over);
      if (over > this.limits.restrictAfterOverLimitMessages) this.restricted.add(sender);
      return this.bounce(message, at, DAILY_LIMIT);
    }
    day.push({ at, count });
    this.recipients.set(sender, day);
    const all = [...message.to, ...message.cc, ...message.bcc];
    const unknown = all.filter((r) => this.unknownRecipients.has(r.toLowerCase()));
    if (unknown.length > 0) this.bounce(message, at, RECIPIENT_NOT_FOUND, unknown);
    if (unknown.length === all.length) return;
    const reached = (list: string[]) => list.filter((r) => !unknown.includes(r));
    this.deliveries.push({
      ...message,
      to: reached(message.to),
      cc: reached(message.cc),
      bcc: reached(message.bcc),
      id: newId(),
      from: message.from ?? message.mailbox.replace(/^deleted:/, ''),
      sender: message.sender ?? sender,
      submittedBy: sender,
      sentAt: at,
    });
    if (this.deliveries.length > MAX_STORED) this.deliveries.shift();
  }

  /** A non-delivery report in the sender's Inbox, in Exchange Online's format. */
  private bounce(
    message: StoredMessage,
    at: number,
    status: { code: string; text: string; explain: string },
    only?: string[],
  ): void {
    const sender = message.submittedBy ?? message.mailbox;
    const domain = sender.split('@')[1] ?? 'localhost';
    const recipients = only ?? [...message.to, ...message.cc, ...message.bcc];
    const html = [
      `<p>Your message to ${recipients.map(escapeHtml).join(', ')} couldn't be delivered.</p>`,
      `<p>${escapeHtml(status.explain)}</p>`,
      '<p>Diagnostic information for administrators:</p>',
      `<p>Generating server: ${escapeHtml(domain)}</p>`,
      ...recipients.map(
        (r) => `<p>${escapeHtml(r)}<br>Remote Server returned '${status.code} ${escapeHtml(status.text)}'</p>`,
      ),
      '<p>Original message headers:</p>',
      `<pre>From: ${escapeHtml(message.from ?? message.mailbox.replace(/^deleted:/, ''))}\nTo: ${message.to.map(escapeHtml).join(', ')}\nSubject: ${escapeHtml(message.subject)}\nMessage-ID: ${escapeHtml(message.internetMessageId)}\n${(message.headers ?? []).map((h) => `${escapeHtml(h.name)}: ${escapeHtml(h.value)}`).join('\n')}</pre>`,
    ].join('\n');
    this.store({
      id: newId(),
      mailbox: sender,
      folder: 'inbox',
      subject: `Undeliverable: ${message.subject}`,
      contentType: 'html',
      html,
      to: [sender],
      cc: [],
      bcc: [],
      attachments: [],
      marker: null,
      campaign: null,
      deferredUntil: null,
      from: `postmaster@${domain}`,
      fromName: 'Microsoft Outlook',
      createdAt: at,
      sentAt: at,
      receivedAt: at,
      submittedBy: null,
      sender: `postmaster@${domain}`,
      transitAt: null,
      resubmissions: 0,
      saveToSentItems: true,
      internetMessageId: `<${randomUUID().replace(/-/g, '')}@${domain}>`,
      // Outlook shows the report in the original's conversation: a reply check must tell it from a reply.
      conversationId: message.conversationId,
      messageClass: NDR_MESSAGE_CLASS,
    });
  }

  private nextDelay(): number {
    return this.delay.min + Math.floor(this.random() * (this.delay.max - this.delay.min + 1));
  }

  /** Applies the per-window message rate to one submission. */
  private admit(mailbox: string): void {
    const now = this.clock();
    const window = (this.sends.get(mailbox) ?? []).filter((t) => t > now - this.limits.windowMs);
    if (window.length >= this.limits.messagesPerWindow) {
      this.sends.set(mailbox, window);
      this.counters.throttled++;
      const retryAfter = Math.max(1, Math.ceil(((window[0] ?? now) + this.limits.windowMs - now) / 1000));
      throw new GraphError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxSendRate limit. Retry after the time in the Retry-After header.',
        retryAfter,
      );
    }
    window.push(now);
    this.sends.set(mailbox, window);
  }

  private store(message: StoredMessage): void {
    this.messages.set(message.id, message);
    if (this.messages.size > MAX_STORED) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
  }
}

/** NDR texts of Exchange Online's pages "Fix email delivery issues for error code 5.1.90" and "… 5.1.8". */
export const DAILY_LIMIT = {
  code: '550 5.1.90',
  text: "Your message can't be sent because you've reached your daily limit for message recipients.",
  explain:
    "Your message can't be sent because you've reached your daily limit for message recipients. Try again tomorrow.",
};
/** "Fix email delivery issues for error code 5.1.1 through 5.1.20 in Exchange Online" (the recipient's address doesn't exist). */
export const RECIPIENT_NOT_FOUND = {
  code: '550 5.1.1',
  text: 'RESOLVER.ADR.RecipNotFound; not found',
  explain:
    "The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.",
};
export const RESTRICTED = {
  code: '550 5.1.8',
  text: 'Access denied, bad outbound sender',
  explain:
    "Your message couldn't be delivered because you weren't recognized as a valid sender. The most common reason for this is that your email address is suspected of sending spam and it's no longer allowed to send email. Contact your email admin for assistance.",
};

function notFound(): GraphError {
  return new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
}

/** Exchange item ids are opaque base64-ish strings. */
function newId(): string {
  return `AAMkAD${Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url')}`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
