/**
 * Sends a planned campaign through the Graph client (M6): one message at a time, paced at the
 * configured rate (Exchange Online accepts 30 messages a minute), honouring Retry-After on 429,
 * backing off on transient errors, and never resending a message whose fate is unknown (a 504 or
 * a dropped connection may still have been delivered). Cancellable through an AbortSignal.
 */
import { GraphRequestError, type GraphMailClient } from '../graph/graphMailClient.js';
import type { PlannedMessage } from './planCampaign.js';

export type RowOutcome =
  | { row: number; to: string; status: 'sent' }
  | { row: number; to: string; status: 'failed'; reason: 'unknown_outcome' | 'rejected' | 'send_as_denied' | 'auth'; message: string };

export interface CampaignProgress {
  total: number;
  sent: number;
  failed: number;
  remaining: number;
  outcomes: RowOutcome[];
  /** Set while waiting because Graph asked to slow down. */
  throttledUntil: number | null;
  /** Estimated time to finish at the current pace, in ms. */
  estimatedRemainingMs: number;
}

export interface SendOptions {
  client: Pick<GraphMailClient, 'sendMail'>;
  ratePerMinute: number;
  mailbox?: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: CampaignProgress) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const MAX_THROTTLE_WAITS = 8;
const MAX_TRANSIENT_RETRIES = 4;

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

export async function sendCampaign(messages: readonly PlannedMessage[], options: SendOptions): Promise<CampaignProgress> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const interval = 60_000 / options.ratePerMinute;
  const progress: CampaignProgress = { total: messages.length, sent: 0, failed: 0, remaining: messages.length, outcomes: [], throttledUntil: null, estimatedRemainingMs: messages.length * interval };
  const report = () => options.onProgress?.({ ...progress, outcomes: [...progress.outcomes] });
  report();
  let nextSlot = now();

  for (const message of messages) {
    if (options.signal?.aborted) break;
    let throttleWaits = 0;
    let transientRetries = 0;
    let outcome: RowOutcome | null = null;
    while (outcome === null && !options.signal?.aborted) {
      await sleep(nextSlot - now(), options.signal);
      if (options.signal?.aborted) break;
      nextSlot = Math.max(now(), nextSlot) + interval;
      try {
        await options.client.sendMail(
          { subject: message.subject, body: { contentType: 'HTML', content: message.html }, toRecipients: [{ emailAddress: { address: message.to } }] },
          { mailbox: options.mailbox ?? null },
        );
        outcome = { row: message.row, to: message.to, status: 'sent' };
      } catch (error) {
        if (!(error instanceof GraphRequestError)) throw error;
        if (error.kind === 'throttled' && throttleWaits < MAX_THROTTLE_WAITS) {
          throttleWaits++;
          const waitMs = (error.retryAfterSeconds ?? 2 ** throttleWaits) * 1000;
          progress.throttledUntil = now() + waitMs;
          report();
          await sleep(waitMs, options.signal);
          progress.throttledUntil = null;
          nextSlot = now();
        } else if (error.kind === 'transient' && transientRetries < MAX_TRANSIENT_RETRIES) {
          transientRetries++;
          await sleep(1000 * 2 ** transientRetries, options.signal);
        } else if (error.kind === 'auth') {
          outcome = { row: message.row, to: message.to, status: 'failed', reason: 'auth', message: error.message };
        } else {
          const reason = error.kind === 'forbidden' ? 'send_as_denied' : error.kind === 'ambiguous' ? 'unknown_outcome' : 'rejected';
          outcome = { row: message.row, to: message.to, status: 'failed', reason, message: error.message };
        }
      }
    }
    if (outcome === null) break;
    progress.outcomes.push(outcome);
    if (outcome.status === 'sent') progress.sent++;
    else progress.failed++;
    progress.remaining--;
    progress.estimatedRemainingMs = progress.remaining * interval;
    report();
    // Without a valid sign-in nothing else can be sent: stop and keep the rest for later.
    if (outcome.status === 'failed' && outcome.reason === 'auth') break;
  }
  return { ...progress, outcomes: [...progress.outcomes] };
}
