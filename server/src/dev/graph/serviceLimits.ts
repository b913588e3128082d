/**
 * Outlook service limits per app ID and mailbox (learn.microsoft.com/graph/throttling-limits,
 * "Outlook service limits"): 10,000 API requests in a 10-minute period, and 150 MB of uploads
 * (PATCH, POST, PUT bodies) in a 5-minute period. Beyond them Graph answers 429 with Retry-After.
 * Sliding windows, so Retry-After says when the oldest counted request leaves the window.
 */
import { GraphError } from './graphErrors.js';

const TEN_MINUTES = 10 * 60_000;
const FIVE_MINUTES = 5 * 60_000;

export class ServiceLimits {
  private readonly requests = new Map<string, number[]>();
  private readonly uploads = new Map<string, Array<{ at: number; bytes: number }>>();

  constructor(
    private readonly limits: { requestsPer10Minutes: number; uploadBytesPer5Minutes: number },
    private readonly clock: () => number,
  ) {}

  /** Counts one request of `app` on `mailbox`, with the bytes of its body; 429 when over a limit. */
  admit(app: string, mailbox: string, bodyBytes: number): void {
    const key = `${app}|${mailbox}`;
    const now = this.clock();
    const requests = (this.requests.get(key) ?? []).filter((t) => t > now - TEN_MINUTES);
    if (requests.length >= this.limits.requestsPer10Minutes) {
      this.requests.set(key, requests);
      // Microsoft documents the limit, not this message; the code is the one every Outlook limit uses.
      throw new GraphError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxRequests limit.',
        retryAfter(requests[0] ?? now, TEN_MINUTES, now),
      );
    }
    const uploads = (this.uploads.get(key) ?? []).filter((u) => u.at > now - FIVE_MINUTES);
    const used = uploads.reduce((sum, u) => sum + u.bytes, 0);
    if (bodyBytes > 0 && used + bodyBytes > this.limits.uploadBytesPer5Minutes) {
      this.uploads.set(key, uploads);
      throw new GraphError(
        429,
        'ApplicationThrottled',
        'Application is over its IncomingBytes limit.',
        retryAfter(uploads[0]?.at ?? now, FIVE_MINUTES, now),
      );
    }
    requests.push(now);
    if (bodyBytes > 0) uploads.push({ at: now, bytes: bodyBytes });
    this.requests.set(key, requests);
    this.uploads.set(key, uploads);
  }

  clear(): void {
    this.requests.clear();
    this.uploads.clear();
  }
}

function retryAfter(oldest: number, window: number, now: number): number {
  return Math.max(1, Math.ceil((oldest + window - now) / 1000));
}
