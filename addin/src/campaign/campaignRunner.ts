/**
 * Sends a campaign exactly once per row (M6, M7). Up to 4 rows are worked on at a time (Exchange
 * allows 4 requests in flight per mailbox); sends are paced at the configured rate; a 429 pauses
 * every worker until its Retry-After; transient errors back off. Each row's message is created as
 * a draft carrying the row's marker, then the draft is sent. When an answer is ambiguous (dropped
 * connection, timeout, 5xx after the request may have arrived), the runner looks the marker up in
 * Sent Items and Drafts and continues from what it finds. The ledger is saved before and after
 * every request, so a run stopped at any point (pause, closed pane, crash) resumes correctly.
 */
import { ROW_MARKER_PROPERTY_ID } from '../../../shared/src/api/graphMarker.js';
import { GraphRequestError, type GraphFileAttachment, type GraphMailClient, type GraphMessage } from '../graph/graphMailClient.js';
import { base64ToBytes, deliveryPlan, needsFollowUpRequests, type DeliveryPlan } from './attachmentDelivery.js';
import { isSettled, rowMarker, totals, type CampaignLedger, type FailureReason, type LedgerTotals, type RowState } from './campaign.js';

export interface OutgoingMessage {
  row: number;
  to: string;
  cc: string[];
  bcc: string[];
  /** Names of the draft's attachments this message carries. */
  attachments: string[];
  /** Content ids of the draft's inline images this message's body shows (`<img src="cid:…">`). */
  inline?: string[];
  subject: string;
  html: string;
}

export type GraphOperations = Pick<GraphMailClient, 'createDraft' | 'sendDraft' | 'findByMarker' | 'deleteMessage' | 'addAttachment' | 'uploadAttachment'>;

export interface RunProgress extends LedgerTotals {
  /** Set while every worker waits because Graph asked to slow down. */
  throttledUntil: number | null;
  estimatedRemainingMs: number;
}

/** The mailbox's rolling 24-hour recipient budget, as this device knows it (the send log). */
export interface RecipientBudget {
  /** When `needed` more recipients fit in the budget (now, or later). */
  availableAt(needed: number, now: number): number;
}

export interface RunOptions {
  graph: GraphOperations;
  ratePerMinute: number;
  /** Called after every state change; must persist the ledger. */
  save: (ledger: CampaignLedger) => void;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  onSent?: (recipients: number, at: number) => void;
  /** With a budget, a campaign that needs more than is left goes out over days (status "waiting"). */
  budget?: RecipientBudget;
  concurrency?: number;
  /** The bytes of a draft attachment by name (read from the Outlook draft, once per campaign). */
  attachment?: (name: string) => Promise<GraphFileAttachment>;
  /** An inline image of the draft by content id, with `isInline` and its `contentId` set. */
  inlineImage?: (contentId: string) => Promise<GraphFileAttachment>;
  /** How long to wait after an ambiguous send before looking in Sent Items (delivery is asynchronous). */
  settleDelayMs?: number;
  /** First backoff after a transient error; it doubles with each retry. */
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_TRANSIENT_RETRIES = 5;
/** Sends are spaced 2% wider than the configured rate, so that timing jitter never lands a send just inside a full window. */
const PACING_MARGIN = 1.02;

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The run stops without settling the row: the ledger keeps its state for the next run. */
class Interrupted extends Error {}

/** The budget is spent: the run stops and the campaign waits until `until`. */
class BudgetSpent extends Interrupted {
  constructor(
    readonly until: number,
    /** Recipients of the row that could not start. */
    readonly needed: number,
  ) {
    super('The 24-hour recipient budget is spent.');
  }
}

/** Waits shorter than this are slept through; longer ones end the run and schedule the rest. */
const LONGEST_BUDGET_SLEEP_MS = 60_000;
/** When Exchange refuses more mail although this device's log shows room (other devices sent too), look again after this. */
const BLOCKED_RETRY_MS = 3600_000;

export async function runCampaign(ledger: CampaignLedger, messages: ReadonlyMap<number, OutgoingMessage>, options: RunOptions): Promise<CampaignLedger> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const interval = (60_000 / options.ratePerMinute) * PACING_MARGIN;
  const backoff = options.backoffMs ?? 500;
  const mailbox = { mailbox: ledger.mailbox };
  let nextSendAt = now();
  let throttledUntil = 0;
  let cursor = 0;
  let halted = false;
  /** Recipients of rows taken from the budget but not yet in the send log. */
  let reserved = 0;
  let waitUntil = 0;
  let waitNeeded = 0;

  const report = () => {
    const counts = totals(ledger);
    options.onProgress?.({ ...counts, throttledUntil: throttledUntil > now() ? throttledUntil : null, estimatedRemainingMs: counts.remaining * interval });
  };
  const set = (row: number, state: RowState) => {
    ledger.states[row] = state;
    options.save(ledger);
    report();
  };
  const stopped = () => halted || options.signal?.aborted === true;

  /**
   * One Graph call with the shared throttle gate, backoff for transient errors, and the abort
   * signal. A paced call (a send) also takes the next send slot, on every attempt, so that
   * retries after a 429 are spread out instead of arriving together.
   */
  const call = async <T,>(work: () => Promise<T>, paced = false): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      if (paced) {
        const slot = Math.max(now(), nextSendAt, throttledUntil);
        nextSendAt = slot + interval;
        await sleep(slot - now(), options.signal);
      } else if (throttledUntil > now()) await sleep(throttledUntil - now(), options.signal);
      if (stopped()) throw new Interrupted();
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof GraphRequestError)) throw error;
        if (error.kind === 'throttled') {
          throttledUntil = Math.max(throttledUntil, now() + (error.retryAfterSeconds ?? 2 ** Math.min(attempt, 6)) * 1000);
          nextSendAt = Math.max(nextSendAt, throttledUntil);
          report();
          continue;
        }
        if (error.kind === 'transient' && attempt < MAX_TRANSIENT_RETRIES) {
          await sleep(backoff * 2 ** attempt, options.signal);
          continue;
        }
        throw error;
      }
    }
  };

  /** Looks, after an ambiguous answer, for where the row's message is; retried until it can tell. */
  const locate = async (row: number): Promise<{ sent: boolean; drafts: string[] }> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const marker = rowMarker(ledger, row);
        const sent = await call(() => options.graph.findByMarker('sentitems', marker, mailbox));
        if (sent.length > 0) return { sent: true, drafts: [] };
        return { sent: false, drafts: await call(() => options.graph.findByMarker('drafts', marker, mailbox)) };
      } catch (error) {
        if (error instanceof Interrupted) throw error;
        if (!(error instanceof GraphRequestError) || error.kind !== 'ambiguous' || attempt >= MAX_TRANSIENT_RETRIES) throw new Interrupted();
        await sleep(backoff * 2 ** attempt, options.signal);
      }
    }
  };

  const fail = (row: number, error: unknown) => {
    const reason: FailureReason =
      error instanceof GraphRequestError
        ? error.kind === 'auth'
          ? 'auth'
          : error.code === 'ErrorMessageSubmissionBlocked'
            ? 'budget'
            : error.kind === 'forbidden'
              ? 'send_as_denied'
              : error.kind === 'ambiguous'
                ? 'unknown_outcome'
                : 'rejected'
        : 'rejected';
    // A draft the row already had stays where it is, and a retry finds it by the row's marker.
    const previous = ledger.states[row];
    const draftId = previous && 'draftId' in previous ? previous.draftId : undefined;
    set(row, { status: 'failed', reason, message: error instanceof Error ? error.message : String(error), ...(draftId ? { draftId } : {}) });
    // Without a valid sign-in or with the daily budget spent, nothing else can go out now.
    if (reason === 'auth' || reason === 'budget') throw new Interrupted();
  };

  /** Takes the row's recipients from the budget, sleeping through a short wait; a long one ends the run. */
  const reserve = async (recipients: number): Promise<void> => {
    if (!options.budget) return;
    for (;;) {
      const at = options.budget.availableAt(recipients + reserved, now());
      if (at <= now()) {
        reserved += recipients;
        return;
      }
      if (at - now() > LONGEST_BUDGET_SLEEP_MS) throw new BudgetSpent(at, recipients);
      await sleep(at - now(), options.signal);
      if (stopped()) throw new Interrupted();
    }
  };

  const attachmentCache = new Map<string, Promise<GraphFileAttachment>>();
  const attachment = (name: string) => {
    if (!options.attachment) return Promise.reject(new Error(`The attachment ${name} cannot be read.`));
    let cached = attachmentCache.get(name);
    if (!cached) {
      cached = options.attachment(name);
      attachmentCache.set(name, cached);
    }
    return cached;
  };

  const imageCache = new Map<string, Promise<GraphFileAttachment>>();
  const inlineImage = (contentId: string) => {
    if (!options.inlineImage) return Promise.reject(new Error(`The picture ${contentId} cannot be read.`));
    let cached = imageCache.get(contentId);
    if (!cached) {
      cached = options.inlineImage(contentId);
      imageCache.set(contentId, cached);
    }
    return cached;
  };

  /** How the message's files reach its draft: in the draft's request, one request each, or by upload session. */
  const delivery = async (message: OutgoingMessage): Promise<DeliveryPlan> => {
    const files = [...message.attachments.map(attachment), ...(message.inline ?? []).map(inlineImage)];
    return files.length === 0 ? { inline: [], separate: [], upload: [] } : deliveryPlan(await Promise.all(files), message.html.length);
  };

  const graphMessage = (message: OutgoingMessage, files: DeliveryPlan): GraphMessage => ({
    subject: message.subject,
    body: { contentType: 'HTML', content: message.html },
    toRecipients: [{ emailAddress: { address: message.to } }],
    ccRecipients: message.cc.map((address) => ({ emailAddress: { address } })),
    bccRecipients: message.bcc.map((address) => ({ emailAddress: { address } })),
    singleValueExtendedProperties: [{ id: ROW_MARKER_PROPERTY_ID, value: rowMarker(ledger, message.row) }],
    ...(files.inline.length > 0 ? { attachments: files.inline } : {}),
  });

  /** The files that did not fit in the draft's own request. A failure leaves the draft half-made. */
  const completeDraft = async (draftId: string, files: DeliveryPlan): Promise<void> => {
    for (const file of files.separate) await call(() => options.graph.addAttachment(draftId, file, mailbox));
    for (const file of files.upload) {
      const bytes = base64ToBytes(file.contentBytes);
      await call(() => options.graph.uploadAttachment(draftId, { name: file.name, contentType: file.contentType, bytes }, mailbox));
    }
  };

  /** Removes half-made drafts of a row so that it starts again from nothing (nothing was sent). */
  const discard = async (drafts: readonly string[]): Promise<void> => {
    for (const id of drafts) await call(() => options.graph.deleteMessage(id, mailbox)).catch((error: unknown) => {
      if (error instanceof Interrupted) throw error;
    });
  };

  const advance = async (row: number): Promise<void> => {
    const message = messages.get(row);
    if (!message) return set(row, { status: 'failed', reason: 'rejected', message: 'This row is no longer in the recipient list.' });
    if (isSettled(ledger.states[row] ?? { status: 'pending' })) return;
    const recipients = 1 + message.cc.length + message.bcc.length;
    // A row whose message may already be with Exchange needs no budget to be looked up.
    const state = ledger.states[row]?.status ?? 'pending';
    const needsBudget = state === 'pending' || state === 'creating' || state === 'drafted';
    if (needsBudget) await reserve(recipients);
    try {
      await work(row, message);
    } finally {
      if (needsBudget && options.budget) reserved -= recipients;
    }
  };

  const work = async (row: number, message: OutgoingMessage): Promise<void> => {
    const recipients = 1 + message.cc.length + message.bcc.length;
    for (;;) {
      const state = ledger.states[row] ?? { status: 'pending' };
      if (isSettled(state)) return;
      if (state.status === 'pending') {
        let files: DeliveryPlan;
        try {
          files = await delivery(message);
        } catch (error) {
          // The draft lost the attachment (removed, or the pane reopened elsewhere): this row cannot go.
          set(row, { status: 'failed', reason: 'rejected', message: error instanceof Error ? error.message : String(error) });
          return;
        }
        set(row, { status: 'creating' });
        let draftId: string;
        try {
          draftId = await call(() => options.graph.createDraft(graphMessage(message, files), mailbox));
        } catch (error) {
          if (error instanceof Interrupted) throw error;
          if (!(error instanceof GraphRequestError && error.kind === 'ambiguous')) fail(row, error);
          // Ambiguous: stay "creating"; the next turn finds out.
          continue;
        }
        try {
          await completeDraft(draftId, files);
          set(row, { status: 'drafted', draftId });
        } catch (error) {
          if (error instanceof Interrupted) throw error;
          // Whether the last file went in is unclear, or it was refused: the half-made draft goes.
          await discard([draftId]);
          if (error instanceof GraphRequestError && error.kind === 'ambiguous') set(row, { status: 'pending' });
          else fail(row, error);
        }
      } else if (state.status === 'creating') {
        const found = await locate(row);
        if (found.sent) set(row, { status: 'sent', at: now() });
        else if (found.drafts.length > 0 && needsFollowUpRequests(await delivery(message).catch(() => ({ inline: [], separate: [], upload: [] }) as DeliveryPlan))) {
          // A draft built in several requests may be incomplete: start it again.
          await discard(found.drafts);
          set(row, { status: 'pending' });
        } else if (found.drafts[0]) {
          // A retried create may have left twins; keep one, remove the rest.
          for (const extra of found.drafts.slice(1)) await call(() => options.graph.deleteMessage(extra, mailbox)).catch(() => undefined);
          set(row, { status: 'drafted', draftId: found.drafts[0] });
        } else set(row, { status: 'pending' });
      } else if (state.status === 'drafted') {
        try {
          // "sending" is written just before the request, not while the row waits for its send slot:
          // a row stopped while it waited was never handed to Exchange, and Stop cancels it.
          await call(() => {
            set(row, { status: 'sending', draftId: state.draftId });
            return options.graph.sendDraft(state.draftId, mailbox);
          }, true);
          const at = now();
          set(row, { status: 'sent', at });
          options.onSent?.(recipients, at);
        } catch (error) {
          if (error instanceof Interrupted) throw error;
          if (error instanceof GraphRequestError && error.code === 'ErrorMessageSubmissionBlocked' && options.budget) {
            // Exchange refused before accepting anything: the draft waits for the budget to free.
            set(row, { status: 'drafted', draftId: state.draftId });
            throw new BudgetSpent(Math.max(options.budget.availableAt(recipients, now()), now() + BLOCKED_RETRY_MS), recipients);
          }
          const unclear = error instanceof GraphRequestError && (error.kind === 'ambiguous' || error.code === 'ErrorItemNotFound');
          if (!unclear) {
            // The draft stays in Drafts, where the sender can look at what was refused.
            fail(row, error);
            return;
          }
          // Ambiguous: stay "sending"; the next turn finds out.
        }
      } else if (state.status === 'sending') {
        await sleep(options.settleDelayMs ?? 2000, options.signal);
        const found = await locate(row);
        if (found.sent) {
          set(row, { status: 'sent', at: now() });
          options.onSent?.(recipients, now());
        } else if (found.drafts[0]) set(row, { status: 'drafted', draftId: found.drafts[0] });
        else set(row, { status: 'failed', reason: 'unknown_outcome', message: 'The message is neither in Drafts nor in Sent Items.' });
      }
    }
  };

  const worker = async () => {
    try {
      // Once the budget is spent no new row starts; rows already under way finish.
      while (!stopped() && waitUntil === 0) {
        const row = ledger.rows[cursor++];
        if (row === undefined) return;
        await advance(row);
      }
    } catch (error) {
      if (error instanceof BudgetSpent) {
        waitUntil = Math.max(waitUntil, error.until);
        waitNeeded = Math.max(waitNeeded, error.needed);
        return;
      }
      // One worker stopping (abort, expired sign-in, unreachable Graph) stops them all.
      halted = true;
      if (!(error instanceof Interrupted)) throw error;
    }
  };

  ledger.status = 'running';
  ledger.resumeAt = null;
  options.save(ledger);
  report();
  const results = await Promise.allSettled(Array.from({ length: Math.min(options.concurrency ?? 4, 4) }, worker));
  const crash = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const finished = ledger.rows.every((row) => isSettled(ledger.states[row] ?? { status: 'pending' }));
  // A pause asked for by the sender wins over waiting for the budget.
  const waiting = !finished && waitUntil > 0 && options.signal?.aborted !== true;
  ledger.status = finished ? 'finished' : waiting ? 'waiting' : 'paused';
  // Rows that were under way when the budget ran out are in the log now: ask it again.
  ledger.resumeAt = waiting ? Math.max(waitUntil, options.budget?.availableAt(waitNeeded, now()) ?? 0) : null;
  options.save(ledger);
  report();
  if (crash) throw crash.reason;
  return ledger;
}
