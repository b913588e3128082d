/**
 * Sends a campaign exactly once per row (M6, M7). Up to 4 rows are worked on at a time (Exchange
 * allows 4 requests in flight per mailbox); sends are paced by SendPacer (sendPacer.ts: the
 * configured pace at first, then the mailbox's limit as its refusals show it, never above the
 * configured maximum); a 429 pauses every worker until its Retry-After; transient errors back off. Each row's message is created as
 * a draft in the user's own mailbox carrying the row's marker (and, for a shared mailbox, `from`
 * set to it: Microsoft's recipe), then the draft is sent. Every change of a row is saved, and no
 * request leaves before the saves made ahead of it are stored (write-ahead), so a run stopped at any
 * point (pause, closed pane, crash) resumes correctly. A change costs the same whatever the size of
 * the campaign: only the changed row is saved, and the totals are kept, not recounted.
 *
 * What Exchange does that the runner must live with (docs/microsoft-behaviour.md):
 * - a send answered 202 is moved from Drafts to Sent Items later, by transport. After an ambiguous
 *   answer (dropped connection, timeout, 5xx) the runner polls Sent Items with backoff; a message
 *   still in Drafts then may be in transit, so it is never sent again: the row ends
 *   `unknown_outcome` for the sender to decide;
 * - any failure that repeats ends the row (`attempts_exhausted`) or the run, never a loop;
 * - a shared mailbox's first row goes alone: Graph cannot say in advance whether the user holds
 *   Send As or Send on Behalf, so ErrorSendAsDenied on that row blocks the campaign with every
 *   other row untouched, and names what IT must grant;
 * - the 24-hour recipient limit comes back as non-delivery reports in the Inbox, not as errors:
 *   the runner reads them between rows, marks the rows they name, waits for a day (5.1.90) or
 *   blocks until IT releases the sender (5.1.8);
 * - the budget counts what Sent Items show (other devices, other apps), read before and during the run;
 * - a scheduled campaign's messages carry PidTagDeferredSendTime (`deferredAt`): Exchange accepts
 *   the send (202) and keeps the message in Drafts under the same id until then, so the row is
 *   `sent` with that time and its `heldId` (what a cancel deletes), and takes nothing from today's
 *   budget (schedule.ts placed the times within it); a row whose time has already passed goes at
 *   once and takes from the budget like any other.
 */
import {
  CAMPAIGN_MARKER_PROPERTY_ID,
  DEFERRED_SEND_TIME_PROPERTY_ID,
  deferredSendTimeValue,
  ROW_MARKER_PROPERTY_ID,
} from '#shared/api/graphMarker.js';
import {
  GraphRequestError,
  type GraphFileAttachment,
  type GraphMailClient,
  type GraphMessage,
} from '../graph/graphMailClient.js';
import { base64ToBytes, deliveryPlan, needsFollowUpRequests, type DeliveryPlan } from './attachmentDelivery.js';
import {
  isSettled,
  retally,
  rowMarker,
  totals,
  type BlockReason,
  type CampaignLedger,
  type FailureReason,
  type LedgerTotals,
  type RowState,
} from './campaign.js';
import type { DeliveryReport, MailboxHealth } from './deliveryReports.js';
import { recipientsOf, type MessageSource, type OutgoingMessage } from './outgoingMessage.js';
import { SendPacer, type SendSlot } from './sendPacer.js';

export type GraphOperations = Pick<
  GraphMailClient,
  'createDraft' | 'sendDraft' | 'findByMarker' | 'deleteMessage' | 'addAttachment' | 'uploadAttachment'
>;

export interface RunProgress extends LedgerTotals {
  /** Set while every worker waits because Graph asked to slow down. */
  throttledUntil: number | null;
  estimatedRemainingMs: number;
}

/** The mailbox's rolling 24-hour recipient budget (SendLog: Sent Items and this device's log). */
export interface RecipientBudget {
  /** When `needed` more recipients fit in the budget (now, or later). */
  availableAt(needed: number, now: number): number;
  /** Reads what the mailbox really sent (Sent Items) again. */
  refresh?(now: number): Promise<void>;
}

export interface RunOptions {
  graph: GraphOperations;
  /** The pace sends start at, messages per minute (SEND_RATE_PER_MINUTE). */
  ratePerMinute: number;
  /** The fastest the runner may go when the mailbox allows more (SEND_RATE_MAX_PER_MINUTE); `ratePerMinute` unless set. */
  maxRatePerMinute?: number;
  /** The window of the mailbox's message rate limit (a minute in Exchange Online). */
  rateWindowMs?: number;
  /**
   * Called after every change, with the row whose state changed (none: the campaign's own fields,
   * status, wait, block, reports seen); must persist that change. A returned promise is a write
   * under way: no Graph request leaves before it is stored, and its failure stops the run.
   */
  save: (ledger: CampaignLedger, changedRow?: number) => void | Promise<void>;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  onSent?: (recipients: number, at: number) => void;
  /**
   * A scheduled campaign: each row's deferred send time (PidTagDeferredSendTime). Exchange holds
   * the message until then; the times already keep the 24-hour budget (schedule.ts), so a row
   * held for later takes nothing from `budget`; a row whose time has passed takes from it.
   */
  deferredAt?: (row: number) => number | null;
  /** With a budget, a campaign that needs more than is left goes out over days (status "waiting"). */
  budget?: RecipientBudget;
  /** The mailbox's non-delivery reports, read between rows. */
  health?: MailboxHealth;
  /** How often the budget and the reports are read again while sending. */
  checkEveryMs?: number;
  concurrency?: number;
  /** The bytes of a draft attachment by name (read from the Outlook draft, once per campaign). */
  attachment?: (name: string) => Promise<GraphFileAttachment>;
  /** An inline image of the draft by content id, with `isInline` and its `contentId` set. */
  inlineImage?: (contentId: string) => Promise<GraphFileAttachment>;
  /** After an ambiguous send, Sent Items is polled after this delay, then doubling, `settleChecks` times. */
  settleDelayMs?: number;
  settleChecks?: number;
  /** First backoff after a transient error; it doubles with each retry. */
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_TRANSIENT_RETRIES = 5;
/** 429s in a row on one call before the run stops (paused) rather than waiting on. */
const MAX_THROTTLED_RETRIES = 20;
/** Times a row's draft may be built and thrown away (half-made) before the row fails. */
const MAX_BUILD_ATTEMPTS = 3;
/** Waits shorter than this are slept through; longer ones end the run and schedule the rest. */
const LONGEST_BUDGET_SLEEP_MS = 60_000;
const DAY_MS = 24 * 3600_000;
/** When a consumer mailbox refuses more mail although the budget showed room, look again after this. */
const BLOCKED_RETRY_MS = 3600_000;

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

/** Something only IT can fix: the campaign stops, the rows not yet sent stay as they are. */
class Blocked extends Interrupted {
  constructor(
    readonly reason: BlockReason,
    message: string,
  ) {
    super(message);
  }
}

/** A row back to the start, carrying how often building its draft failed halfway. */
function pending(attempts: number): RowState {
  return attempts > 0 ? { status: 'pending', attempts } : { status: 'pending' };
}

/** Graph operations that first wait for `written()`: the ledger's state goes ahead of every request. */
function writeAhead(graph: GraphOperations, written: () => Promise<unknown>): GraphOperations {
  return {
    createDraft: async (...args) => (await written(), graph.createDraft(...args)),
    sendDraft: async (...args) => (await written(), graph.sendDraft(...args)),
    findByMarker: async (...args) => (await written(), graph.findByMarker(...args)),
    deleteMessage: async (...args) => (await written(), graph.deleteMessage(...args)),
    addAttachment: async (...args) => (await written(), graph.addAttachment(...args)),
    uploadAttachment: async (...args) => (await written(), graph.uploadAttachment(...args)),
  };
}

export async function runCampaign(
  ledger: CampaignLedger,
  messages: MessageSource,
  runOptions: RunOptions,
): Promise<CampaignLedger> {
  /** Saves still being written; a failed one stays failed, and so stops every request after it. */
  let writes: Promise<unknown> = Promise.resolve();
  const options: RunOptions = { ...runOptions, graph: writeAhead(runOptions.graph, () => writes) };
  const persist = (row?: number) => {
    const written = options.save(ledger, row);
    if (!written) return;
    written.catch(() => undefined);
    writes = Promise.all([writes, written]);
    writes.catch(() => undefined);
  };
  const counts = totals(ledger);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const pacer = new SendPacer({
    ratePerMinute: options.ratePerMinute,
    ...(options.maxRatePerMinute === undefined ? {} : { maxRatePerMinute: options.maxRatePerMinute }),
    ...(options.rateWindowMs === undefined ? {} : { windowMs: options.rateWindowMs }),
  });
  const backoff = options.backoffMs ?? 500;
  const sendAs = ledger.mailbox;
  let cursor = 0;
  let halted = false;
  /** Recipients of rows taken from the budget but not yet in the send log. */
  let reserved = 0;
  let waitUntil = 0;
  let waitNeeded = 0;
  let blocked: Blocked | null = null;
  let lastCheck = Number.NEGATIVE_INFINITY;

  const report = () => {
    const throttledUntil = pacer.throttledUntil;
    options.onProgress?.({
      ...counts,
      throttledUntil: throttledUntil > now() ? throttledUntil : null,
      estimatedRemainingMs: counts.remaining * pacer.intervalMs(),
    });
  };
  const set = (row: number, state: RowState) => {
    retally(counts, ledger.states[row], state);
    ledger.states[row] = state;
    persist(row);
    report();
  };
  const stopped = () => halted || blocked !== null || options.signal?.aborted === true;

  /** Waits for the next send slot the pacer gives; a slot given up while waiting (a 429 came) is taken again. */
  const sendSlot = async (): Promise<SendSlot> => {
    for (;;) {
      const slot = pacer.reserve(now());
      await sleep(slot.at - now(), options.signal);
      if (stopped()) {
        pacer.cancel(slot);
        throw new Interrupted();
      }
      if (pacer.begin(slot, now())) return slot;
    }
  };

  /**
   * One Graph call with the shared throttle gate, backoff for transient errors, and the abort
   * signal. A paced call (a send) also takes a send slot from the pacer, on every attempt, and
   * tells it how the mailbox answered: that is how the pace follows the mailbox's limit.
   */
  const call = async <T>(
    work: () => Promise<T>,
    paced = false,
    beforeRequest?: () => void,
    /** A refusal that will be tried again (throttled, transient): what the request changed goes back, as nothing happened. */
    afterRefusal?: () => void,
  ): Promise<T> => {
    for (let attempt = 0, throttled = 0; ; attempt++) {
      let slot: SendSlot | null = null;
      if (paced) slot = await sendSlot();
      else if (pacer.throttledUntil > now()) await sleep(pacer.throttledUntil - now(), options.signal);
      if (stopped()) throw new Interrupted();
      try {
        // Written only once the request really goes out: a run stopped while waiting for its slot left nothing unclear.
        beforeRequest?.();
      } catch (error) {
        if (slot) pacer.cancel(slot);
        throw error;
      }
      try {
        const result = await work();
        if (slot) pacer.accepted(slot, now());
        return result;
      } catch (error) {
        if (!(error instanceof GraphRequestError)) {
          if (slot) pacer.unclear(slot, now());
          throw error;
        }
        if (error.kind === 'throttled') {
          afterRefusal?.();
          const retryAfterMs = error.retryAfterSeconds === null ? null : error.retryAfterSeconds * 1000;
          const fallbackMs = 2 ** Math.min(attempt, 6) * 1000;
          if (slot) pacer.refused(slot, now(), retryAfterMs, fallbackMs);
          else pacer.pause(now() + (retryAfterMs ?? fallbackMs));
          // Graph asks for patience; endless patience is a loop: after many, the run pauses.
          if (++throttled > MAX_THROTTLED_RETRIES) throw new Interrupted();
          report();
          continue;
        }
        // A send whose answer was lost may have been counted by the mailbox; one refused otherwise was not.
        if (slot) {
          if (error.kind === 'ambiguous') pacer.unclear(slot, now());
          else pacer.cancel(slot);
        }
        if (error.kind === 'transient' && attempt < MAX_TRANSIENT_RETRIES) {
          afterRefusal?.();
          await sleep(backoff * 2 ** attempt, options.signal);
          continue;
        }
        throw error;
      }
    }
  };

  /** Where the row's message is, in the user's own Drafts and Sent Items; retried until it can tell. */
  const locate = async (
    row: number,
    folders: Array<'sentitems' | 'drafts'> = ['sentitems', 'drafts'],
  ): Promise<{ sent: boolean; drafts: string[] }> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const marker = rowMarker(ledger, row);
        if (
          folders.includes('sentitems') &&
          (await call(() => options.graph.findByMarker('sentitems', marker))).length > 0
        )
          return { sent: true, drafts: [] };
        return {
          sent: false,
          drafts: folders.includes('drafts') ? await call(() => options.graph.findByMarker('drafts', marker)) : [],
        };
      } catch (error) {
        if (error instanceof Interrupted) throw error;
        if (!(error instanceof GraphRequestError) || error.kind !== 'ambiguous' || attempt >= MAX_TRANSIENT_RETRIES)
          throw new Interrupted();
        await sleep(backoff * 2 ** attempt, options.signal);
      }
    }
  };

  /** A refusal that every row would meet the same way stops the campaign instead of failing each row. */
  const blockFor = (error: unknown): Blocked | null => {
    if (!(error instanceof GraphRequestError)) return null;
    if (error.code === 'ErrorSendAsDenied') return new Blocked('send_as_denied', error.message);
    if (error.kind === 'forbidden' && error.code === 'ErrorAccessDenied')
      return new Blocked('access_denied', error.message);
    return null;
  };

  const fail = (row: number, error: unknown) => {
    const reason: FailureReason =
      error instanceof GraphRequestError
        ? error.kind === 'auth'
          ? 'auth'
          : error.kind === 'ambiguous'
            ? 'unknown_outcome'
            : 'rejected'
        : 'rejected';
    // A draft the row already had stays where it is, and a retry finds it by the row's marker.
    const previous = ledger.states[row];
    const draftId = previous && 'draftId' in previous ? previous.draftId : undefined;
    set(row, {
      status: 'failed',
      reason,
      message: error instanceof Error ? error.message : String(error),
      ...(draftId ? { draftId } : {}),
    });
    // Without a valid sign-in nothing else can go out now.
    if (reason === 'auth') throw new Interrupted();
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

  /**
   * Reads the mailbox again (Sent Items for the budget, the Inbox for non-delivery reports) when
   * the last reading is older than `checkEveryMs`. Reports mark the rows they name and stop the run.
   */
  const check = async (force = false): Promise<void> => {
    if (!force && now() - lastCheck < (options.checkEveryMs ?? 60_000)) return;
    lastCheck = now();
    const seen = new Set(ledger.reportsSeen ?? []);
    let reports: DeliveryReport[];
    try {
      await options.budget?.refresh?.(now());
      // Reports come back within minutes; a day back bounds what a long campaign reads from a busy Inbox.
      reports = options.health
        ? (await options.health.reportsSince(Math.max(ledger.createdAt, now() - DAY_MS))).filter((r) => !seen.has(r.id))
        : [];
    } catch (error) {
      // A reading that fails is tried again at the next check; an expired sign-in stops the run.
      if (!(error instanceof GraphRequestError) || error.kind === 'auth')
        throw error instanceof GraphRequestError ? new Interrupted(error.message) : error;
      return;
    }
    if (reports.length > 0) applyReports(reports);
  };

  const applyReports = (reports: DeliveryReport[]) => {
    for (const report of reports) {
      for (const row of ledger.rows) {
        const state = ledger.states[row];
        if (state?.status !== 'sent') continue;
        // The address only: no message is rendered to be compared.
        const message = messages.envelope ? messages.envelope(row) : messages.get(row);
        if (!message || !report.addresses.includes(message.to.toLowerCase())) continue;
        set(row, {
          status: 'failed',
          reason: report.kind,
          message:
            report.kind === 'daily_limit'
              ? 'Exchange returned it: the mailbox reached its 24-hour recipient limit (5.1.90).'
              : 'Exchange returned it: the sender is restricted from sending (5.1.8).',
        });
      }
    }
    ledger.reportsSeen = [...(ledger.reportsSeen ?? []), ...reports.map((r) => r.id)].slice(-500);
    persist();
    if (reports.some((r) => r.kind === 'sender_restricted'))
      throw new Blocked(
        'sender_restricted',
        'Exchange restricted this sender (5.1.8): an administrator must release them before more mail can go out.',
      );
    // Exchange restricts the sender "until the following day".
    throw new BudgetSpent(now() + DAY_MS, 0);
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
    return files.length === 0
      ? { inline: [], separate: [], upload: [] }
      : deliveryPlan(await Promise.all(files), message.html.length);
  };

  const graphMessage = (message: OutgoingMessage, files: DeliveryPlan): GraphMessage => ({
    subject: message.subject,
    body: { contentType: 'HTML', content: message.html },
    toRecipients: [{ emailAddress: { address: message.to } }],
    ccRecipients: message.cc.map((address) => ({ emailAddress: { address } })),
    bccRecipients: message.bcc.map((address) => ({ emailAddress: { address } })),
    // Microsoft's recipe for a shared mailbox: the draft stays in the user's mailbox, `from` names the shared one.
    ...(sendAs ? { from: { emailAddress: { address: sendAs } } } : {}),
    singleValueExtendedProperties: [
      { id: ROW_MARKER_PROPERTY_ID, value: rowMarker(ledger, message.row) },
      // Every message of the campaign under one value: a scheduled campaign's held messages are listed by it.
      { id: CAMPAIGN_MARKER_PROPERTY_ID, value: ledger.id },
      ...deferredProperty(message.row),
    ],
    ...(files.inline.length > 0 ? { attachments: files.inline } : {}),
  });

  const deferredProperty = (row: number) => {
    const at = options.deferredAt?.(row) ?? null;
    return at === null ? [] : [{ id: DEFERRED_SEND_TIME_PROPERTY_ID, value: deferredSendTimeValue(at) }];
  };

  /** The files that did not fit in the draft's own request. A failure leaves the draft half-made. */
  const completeDraft = async (draftId: string, files: DeliveryPlan): Promise<void> => {
    for (const file of files.separate) await call(() => options.graph.addAttachment(draftId, file));
    for (const file of files.upload) {
      const bytes = base64ToBytes(file.contentBytes);
      await call(() =>
        options.graph.uploadAttachment(draftId, { name: file.name, contentType: file.contentType, bytes }),
      );
    }
  };

  /** Removes half-made drafts of a row so that it starts again from nothing (nothing was sent). */
  const discard = async (drafts: readonly string[]): Promise<void> => {
    for (const id of drafts)
      await call(() => options.graph.deleteMessage(id)).catch((error: unknown) => {
        if (error instanceof Interrupted) throw error;
      });
  };

  /** A half-made draft was thrown away: the row starts again after a backoff, a bounded number of times. */
  const retryBuild = async (row: number, attempts: number, error: unknown): Promise<void> => {
    if (attempts >= MAX_BUILD_ATTEMPTS) {
      const detail = error instanceof Error ? ` Last error: ${error.message}` : '';
      set(row, {
        status: 'failed',
        reason: 'attempts_exhausted',
        message: `The message could not be prepared in Microsoft 365 after ${attempts} attempts.${detail}`,
      });
      return;
    }
    set(row, pending(attempts));
    await sleep(backoff * 2 ** attempts, options.signal);
    if (stopped()) throw new Interrupted();
  };

  /**
   * After an ambiguous send: Sent Items is polled with backoff. Transport moves a sent draft
   * there some time after the 202, so "still in Drafts" does not mean "not sent": a row not found
   * in Sent Items in time is left unknown, never sent again by the runner.
   */
  const settleSend = async (row: number, recipients: number): Promise<void> => {
    const first = options.settleDelayMs ?? 2000;
    const checks = options.settleChecks ?? 9;
    for (let i = 0; i < checks; i++) {
      await sleep(first * 2 ** i, options.signal);
      if (stopped()) throw new Interrupted();
      if ((await locate(row, ['sentitems'])).sent) {
        const at = now();
        set(row, { status: 'sent', at });
        options.onSent?.(recipients, at);
        return;
      }
    }
    const { drafts } = await locate(row, ['drafts']);
    set(row, {
      status: 'failed',
      reason: 'unknown_outcome',
      message:
        drafts.length > 0
          ? 'Microsoft 365 did not confirm the send and the message is still in Drafts: it may still be on its way. Look in Sent Items before sending it again.'
          : 'Microsoft 365 did not confirm the send and the message is neither in Drafts nor in Sent Items.',
    });
  };

  const advance = async (row: number): Promise<void> => {
    const message = messages.get(row);
    if (!message)
      return set(row, {
        status: 'failed',
        reason: 'rejected',
        message: 'This row is no longer in the recipient list.',
      });
    if (isSettled(ledger.states[row] ?? { status: 'pending' })) return;
    const recipients = recipientsOf(message);
    // A row whose message may already be with Exchange needs no budget to be looked up.
    const state = ledger.states[row]?.status ?? 'pending';
    // A scheduled row Exchange will keep for later counts when it goes out (schedule.ts placed it);
    // one whose time has passed (the hand-over fell behind, or resumed late) goes at once, from today's budget.
    const deferred = options.deferredAt?.(row) ?? null;
    const heldLater = deferred !== null && Math.floor(deferred / 1000) * 1000 > now();
    const needsBudget = (state === 'pending' || state === 'creating' || state === 'drafted') && !heldLater;
    if (needsBudget) {
      await check();
      await reserve(recipients);
    }
    try {
      await work(row, message);
    } finally {
      if (needsBudget && options.budget) reserved -= recipients;
    }
  };

  const work = async (row: number, message: OutgoingMessage): Promise<void> => {
    const recipients = recipientsOf(message);
    for (;;) {
      const state = ledger.states[row] ?? { status: 'pending' };
      if (isSettled(state)) return;
      if (state.status === 'pending') {
        const attempts = state.attempts ?? 0;
        let files: DeliveryPlan;
        try {
          files = await delivery(message);
        } catch (error) {
          // The draft lost the attachment (removed, or the pane reopened elsewhere): this row cannot go.
          set(row, {
            status: 'failed',
            reason: 'rejected',
            message: error instanceof Error ? error.message : String(error),
          });
          return;
        }
        set(row, attempts ? { status: 'creating', attempts } : { status: 'creating' });
        let draftId: string;
        try {
          draftId = await call(() => options.graph.createDraft(graphMessage(message, files)));
        } catch (error) {
          if (error instanceof Interrupted) throw error;
          const block = blockFor(error);
          if (block) {
            set(row, pending(attempts));
            throw block;
          }
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
          const block = blockFor(error);
          if (block) {
            set(row, pending(attempts));
            throw block;
          }
          if (error instanceof GraphRequestError && error.kind === 'ambiguous')
            await retryBuild(row, attempts + 1, error);
          else fail(row, error);
        }
      } else if (state.status === 'creating') {
        const attempts = state.attempts ?? 0;
        const found = await locate(row);
        let files: DeliveryPlan | null = null;
        if (!found.sent && found.drafts.length > 0) {
          try {
            files = await delivery(message);
          } catch (error) {
            // Whether the draft is whole cannot be told without its files: it goes, and the row fails as one whose file cannot be read.
            await discard(found.drafts);
            set(row, {
              status: 'failed',
              reason: 'rejected',
              message: error instanceof Error ? error.message : String(error),
            });
            return;
          }
        }
        if (found.sent) set(row, { status: 'sent', at: now() });
        else if (files && needsFollowUpRequests(files)) {
          // A draft built in several requests may be incomplete: start it again.
          await discard(found.drafts);
          await retryBuild(row, attempts + 1, null);
        } else if (found.drafts[0]) {
          // A retried create may have left twins; keep one, remove the rest.
          for (const extra of found.drafts.slice(1))
            await call(() => options.graph.deleteMessage(extra)).catch(() => undefined);
          set(row, { status: 'drafted', draftId: found.drafts[0] });
        } else set(row, pending(attempts));
      } else if (state.status === 'drafted') {
        try {
          await call(
            () => options.graph.sendDraft(state.draftId, { sendAs }),
            true,
            () => set(row, { status: 'sending', draftId: state.draftId }),
            // Refused (429, 503): not sent. Saying so at once means a run stopped or a pane closed
            // during the wait resumes by sending the draft, not by searching Sent Items for it.
            () => set(row, { status: 'drafted', draftId: state.draftId }),
          );
          const at = now();
          // The property's whole seconds: what Exchange holds the message until.
          const deferred = options.deferredAt?.(row) ?? null;
          const held = deferred === null ? null : Math.floor(deferred / 1000) * 1000;
          if (held !== null && held > at) {
            // Held in Drafts under the same id until its time: kept so that a cancel can delete it.
            set(row, { status: 'sent', at: held, heldId: state.draftId });
          } else {
            set(row, { status: 'sent', at });
            options.onSent?.(recipients, at);
          }
        } catch (error) {
          if (error instanceof Interrupted) throw error;
          if (error instanceof GraphRequestError && error.code === 'ErrorMessageSubmissionBlocked') {
            // Consumer mailboxes (outlook.com) refuse before accepting anything: the draft waits.
            set(row, { status: 'drafted', draftId: state.draftId });
            throw new BudgetSpent(
              Math.max(options.budget?.availableAt(recipients, now()) ?? 0, now() + BLOCKED_RETRY_MS),
              recipients,
            );
          }
          const block = blockFor(error);
          if (block) {
            // Refused before anything was accepted: the row is untouched, its draft removed.
            await discard([state.draftId]);
            set(row, { status: 'pending' });
            throw block;
          }
          const unclear =
            error instanceof GraphRequestError && (error.kind === 'ambiguous' || error.code === 'ErrorItemNotFound');
          if (!unclear) {
            // The draft stays in Drafts, where the sender can look at what was refused.
            fail(row, error);
            return;
          }
          // Ambiguous: stay "sending"; the next turn polls Sent Items.
        }
      } else if (state.status === 'sending') {
        await settleSend(row, recipients);
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
      stop(error);
    }
  };

  const stop = (error: unknown) => {
    if (error instanceof BudgetSpent) {
      waitUntil = Math.max(waitUntil, error.until);
      waitNeeded = Math.max(waitNeeded, error.needed);
      return;
    }
    if (error instanceof Blocked) {
      blocked ??= error;
      return;
    }
    // One worker stopping (abort, expired sign-in, unreachable Graph) stops them all.
    halted = true;
    if (!(error instanceof Interrupted)) throw error;
  };

  ledger.status = 'running';
  ledger.resumeAt = null;
  ledger.blocked = null;
  persist();
  report();
  let crash: unknown = null;
  try {
    await check(true);
    // A shared mailbox: the first row goes alone, so a missing right stops the campaign after one try.
    const sent = ledger.rows.some((row) => ledger.states[row]?.status === 'sent');
    if (sendAs && !sent) {
      while (!stopped() && waitUntil === 0 && cursor < ledger.rows.length) {
        const row = ledger.rows[cursor++] as number;
        await advance(row);
        if (ledger.states[row]?.status === 'sent') break;
      }
    }
  } catch (error) {
    try {
      stop(error);
    } catch (unexpected) {
      crash = unexpected;
    }
  }
  if (crash === null) {
    const results = await Promise.allSettled(Array.from({ length: Math.min(options.concurrency ?? 4, 4) }, worker));
    crash = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason ?? null;
  }
  const finished = ledger.rows.every((row) => isSettled(ledger.states[row] ?? { status: 'pending' }));
  // Assigned by the workers: TypeScript cannot see it through the closures.
  const block = blocked as Blocked | null;
  // A pause asked for by the sender wins over waiting for the budget.
  const waiting = !finished && block === null && waitUntil > 0 && options.signal?.aborted !== true;
  ledger.status = finished ? 'finished' : block ? 'blocked' : waiting ? 'waiting' : 'paused';
  ledger.blocked = block && !finished ? { reason: block.reason, message: block.message } : null;
  // Rows that were under way when the budget ran out are in the log now: ask it again.
  ledger.resumeAt = waiting ? Math.max(waitUntil, options.budget?.availableAt(waitNeeded, now()) ?? 0) : null;
  persist();
  report();
  // The run ends once its writes are stored; one that could not be (another pane holds the campaign) is the run's error.
  await writes.catch((error: unknown) => {
    crash ??= error;
  });
  if (crash) throw crash;
  return ledger;
}
