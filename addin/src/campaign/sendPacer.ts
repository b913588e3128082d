/**
 * How fast the campaign runner submits messages: a sliding-window limiter that mirrors the
 * mailbox's own limit and learns that limit from the mailbox's refusals. Pure (times are passed
 * in), so it is tested on virtual time against a model of the limit (sendPacer.test.ts).
 *
 * What it follows:
 * - Exchange Online counts messages per sender in a minute ("Exchange Online limits", Message
 *   rate limit: 30 messages a minute), a sliding window; the Graph stand-in does the same and
 *   answers a send beyond it with 429 and a Retry-After of whole seconds, the time until the
 *   oldest counted message leaves the window (server/src/dev/graph/mailboxStore.ts `admit`).
 * - "Microsoft Graph throttling guidance": on 429, wait the number of seconds in Retry-After,
 *   then retry; every request, refused ones included, counts against the limits, so immediate
 *   retries and repeated refusals only make it worse. Retry-After is honoured exactly: no request
 *   leaves before it ends, and the refused send goes again when it ends unless the pace (spacing
 *   from the last accepted send, the window) says later.
 *
 * The rule:
 * - Sends are spaced evenly at the believed limit (messages per window), 2 % wider so that timing
 *   jitter never lands a send just inside a full window, and no send starts while the window
 *   (accepted sends by the time their answer came, sends in flight by their start) already holds
 *   the believed limit: after a refusal the window is full, and it empties only as fast as it filled.
 * - The limit is learned from a refusal: when the next message will be accepted (Retry-After),
 *   the window holds the sends accepted since then, so the limit is one more than our accepted
 *   sends that started after `refusal + Retry-After - window`. Whole seconds round that time up,
 *   so the estimate errs low by at most the sends of one second. A refusal never raises the limit,
 *   and lowers it to no less than half of what was sent in the last window or of the starting pace
 *   (a refusal that another limit caused looks the same, and must not stall a campaign: a limit
 *   below half the pace is met again, one more refusal per halving); a Retry-After of 0 or longer
 *   than the window belongs to another limit (Graph's 10,000 requests in 10 minutes) and teaches
 *   nothing about this one.
 * - Upwards, never above the configured maximum: until the first refusal the limit grows by half
 *   of itself per window's worth of accepted sends (the configured pace is a guess, the maximum
 *   the most the deployment allows); after a refusal the learned limit is held for HOLD_MS, then
 *   probed by 1 % per window; a probe that is refused doubles the hold (up to MAX_HOLD_MS), one
 *   that gets 5 % above the learned limit shows that the limit rose, and growth starts again.
 *   So a campaign sees one refusal when the limit differs from the pace, and one more now and then
 *   over hours, each costing a second or so.
 */

/** Exchange Online's message rate limit is counted per minute. */
export const EXCHANGE_RATE_WINDOW_MS = 60_000;
/** Sends are spaced this much wider than the believed limit allows. */
export const PACING_MARGIN = 1.02;
/** Until the first refusal, the limit grows by this share of itself per window's worth of accepted sends. */
const GROWTH_PER_WINDOW = 0.5;
/** After a refusal the learned limit is held this long before it is probed. */
export const HOLD_MS = 5 * 60_000;
export const MAX_HOLD_MS = 60 * 60_000;
/** A probe adds this share of the learned limit per window (at least one message). */
const PROBE_STEP = 0.01;
/** A probe this far above the learned limit without a refusal means the limit rose. */
const PROBE_ESCAPE = 1.05;
/** A refusal lowers the limit to no less than this share of the last window's sends or of the starting pace (AIMD's halving). */
const LOWEST_CUT = 0.5;

export interface PacerOptions {
  /** The pace to start at, in messages per minute (SEND_RATE_PER_MINUTE). */
  ratePerMinute: number;
  /** Never faster than this, in messages per minute (SEND_RATE_MAX_PER_MINUTE); the starting pace unless set. */
  maxRatePerMinute?: number;
  /** The limit's window (a minute for Exchange Online). */
  windowMs?: number;
}

/**
 * A send's place in the pacing: reserved by `reserve`, begun by `begin` once its time came, then
 * settled once by `accepted`, `refused`, `unclear` or `cancel`.
 */
export interface SendSlot {
  readonly at: number;
}

interface Pending extends SendSlot {
  /** When the request really left (after the slot's wait), or null while it waits. */
  start: number | null;
}

export class SendPacer {
  readonly windowMs: number;
  /** The most messages per window the deployment allows, and the configured pace's. */
  private readonly maxPerWindow: number;
  private readonly startLimit: number;
  /** The believed limit, in messages per window (fractional while it grows). */
  private limit: number;
  /** The limit learned from the last refusal, while it is trusted; null before any refusal or once it proved too low. */
  private learned: number | null = null;
  private holdMs = HOLD_MS;
  private heldUntil = 0;
  /** Time of the last refusal the limit was learned from: answers to sends that left before it teach nothing new. */
  private lastLearnedAt = Number.NEGATIVE_INFINITY;
  /** Accepted (or possibly accepted) sends of the last window: when they left and when their answer came, in answer order. */
  private readonly counted: Array<{ start: number; end: number }> = [];
  private readonly pending = new Set<Pending>();
  private lastSlot = Number.NEGATIVE_INFINITY;
  /** When the latest send that counts (accepted, or maybe accepted) left. */
  private lastCounted = Number.NEGATIVE_INFINITY;
  private pausedUntil = 0;

  constructor(options: PacerOptions) {
    this.windowMs = options.windowMs ?? EXCHANGE_RATE_WINDOW_MS;
    if (!(options.ratePerMinute > 0)) throw new Error('The send rate must be above 0.');
    const perWindow = (perMinute: number) => (perMinute * this.windowMs) / 60_000;
    this.limit = perWindow(options.ratePerMinute);
    this.startLimit = this.limit;
    this.maxPerWindow = Math.max(this.limit, perWindow(options.maxRatePerMinute ?? options.ratePerMinute));
  }

  /** Until when every request waits (a Retry-After), or 0. */
  get throttledUntil(): number {
    return this.pausedUntil;
  }

  /** The believed limit as a pace, in messages per minute. */
  get ratePerMinute(): number {
    return (this.limit * 60_000) / this.windowMs;
  }

  /** The time between two sends at the current pace. */
  intervalMs(): number {
    return (this.windowMs / this.limit) * PACING_MARGIN;
  }

  /**
   * The next send's slot: the earliest time, not before `now`, after the previous slot's interval
   * and any Retry-After, at which the window will hold fewer sends than the believed limit.
   */
  reserve(now: number): SendSlot {
    this.forget(now);
    let at = Math.max(now, this.lastSlot + this.intervalMs(), this.pausedUntil);
    // The window as it will stand at `at`: answers of accepted sends, slots of the others. It may
    // hold `room` more; if it holds more than that, the send waits until enough have left.
    const room = Math.max(1, Math.floor(this.limit)) - 1;
    const excess = this.counted.length + this.pending.size - room;
    if (excess > 0) at = Math.max(at, this.leavingTime(excess - 1) + this.windowMs);
    const slot: Pending = { at, start: null };
    this.pending.add(slot);
    this.lastSlot = at;
    return slot;
  }

  /**
   * The slot's time came: true when its request may leave now; false when a refusal came while
   * it waited (the slot was given up: reserve another one).
   */
  begin(slot: SendSlot, at: number): boolean {
    const pending = this.pendingOf(slot);
    if (!pending) return false;
    pending.start = at;
    return true;
  }

  /** The slot was not used (the run stopped while it waited): it frees its place. */
  cancel(slot: SendSlot): void {
    this.pending.delete(slot as Pending);
  }

  /** The send was accepted: it counts in the window from its answer, and the limit may grow. */
  accepted(slot: SendSlot, end: number): void {
    this.count(slot, end);
    this.grow(end);
  }

  /**
   * The send's answer was lost (a dropped connection, a timeout, a 5xx): the mailbox may have
   * counted it, so the window does too; it teaches nothing about the limit.
   */
  unclear(slot: SendSlot, end: number): void {
    this.count(slot, end);
  }

  private count(slot: SendSlot, end: number): void {
    const start = this.settle(slot) ?? end;
    // In answer order (answers arrive in time order; kept sorted whatever the caller's clock does).
    let at = this.counted.length;
    while (at > 0 && this.counted[at - 1]!.end > end) at--;
    this.counted.splice(at, 0, { start, end });
    this.lastCounted = Math.max(this.lastCounted, start);
  }

  /**
   * The send was refused with 429 at `end`. Every request waits until Retry-After has passed
   * (exactly); without one, `fallbackMs` (the caller's backoff). A Retry-After within the window
   * also tells the limit.
   */
  refused(slot: SendSlot, end: number, retryAfterMs: number | null, fallbackMs: number): void {
    const start = this.settle(slot) ?? end;
    this.pause(end + (retryAfterMs ?? fallbackMs));
    const probing = this.learned !== null && this.limit > this.learned;
    // No wait, or longer than the window: not this limit's answer. Sent before the last lesson: already accounted for.
    if (retryAfterMs === null || retryAfterMs <= 0 || retryAfterMs > this.windowMs || start < this.lastLearnedAt)
      return;
    const freesAt = end + retryAfterMs;
    let stillCounted = 0;
    let inWindow = 0;
    for (const send of this.counted) {
      if (send.start > freesAt - this.windowMs && send.start <= end) stillCounted++;
      if (send.start > end - this.windowMs && send.start <= end) inWindow++;
    }
    const estimate = stillCounted + 1;
    // Never below half of what was just sent, nor of the starting pace: one refusal that another
    // limit caused (it looks the same) cannot stall a campaign; a limit that low is met again.
    const floor = Math.floor(Math.max(inWindow, Math.min(this.limit, this.startLimit)) * LOWEST_CUT);
    this.limit = Math.max(1, Math.min(this.limit, Math.max(estimate, floor)));
    this.learned = this.limit;
    // A probe that found the limit where it was: wait longer before the next one.
    this.holdMs = probing ? Math.min(this.holdMs * 2, MAX_HOLD_MS) : HOLD_MS;
    this.heldUntil = end + this.holdMs;
    this.lastLearnedAt = end;
  }

  /**
   * A request was refused with 429: every request waits until `until` (its Retry-After). Slots
   * reserved before are given up, and the first send after the wait goes when it ends.
   */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
    // Spacing goes on from the last send that left and was not refused.
    this.lastSlot = this.lastCounted;
    for (const slot of this.pending) {
      if (slot.start === null) this.pending.delete(slot);
      else this.lastSlot = Math.max(this.lastSlot, slot.start);
    }
  }

  private grow(now: number): void {
    if (this.limit >= this.maxPerWindow) return;
    if (this.learned === null) this.limit += GROWTH_PER_WINDOW;
    else if (now >= this.heldUntil) {
      this.limit += Math.max(1, this.learned * PROBE_STEP) / this.limit;
      // Well above what the last refusal taught, and never refused: the limit rose.
      if (this.limit >= this.learned * PROBE_ESCAPE) this.learned = null;
    }
    this.limit = Math.min(this.limit, this.maxPerWindow);
  }

  private settle(slot: SendSlot): number | null {
    const pending = this.pendingOf(slot);
    this.pending.delete(slot as Pending);
    return pending?.start ?? null;
  }

  private pendingOf(slot: SendSlot): Pending | undefined {
    return this.pending.has(slot as Pending) ? (slot as Pending) : undefined;
  }

  /** The entry time of the window's `index`-th oldest entry (answers of accepted sends, in order, merged with the few pending slots). */
  private leavingTime(index: number): number {
    const pending = [...this.pending].map((p) => p.start ?? p.at).sort((a, b) => a - b);
    let c = 0;
    let p = 0;
    for (let i = 0; ; i++) {
      const fromCounted = c < this.counted.length && (p >= pending.length || this.counted[c]!.end <= pending[p]!);
      const value = fromCounted ? this.counted[c++]!.end : pending[p++]!;
      if (i === index) return value;
    }
  }

  /** Sends whose answer came a window ago or more have left the window for good. */
  private forget(now: number): void {
    let gone = 0;
    while (gone < this.counted.length && this.counted[gone]!.end <= now - this.windowMs) gone++;
    if (gone > 0) this.counted.splice(0, gone);
  }
}
