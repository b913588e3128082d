/**
 * Splitting a campaign over days (M4): Exchange Online lets a mailbox reach 10,000 recipients in
 * any rolling 24 hours (CC and BCC counted). A campaign that needs more goes out in parts: what
 * fits in what is left now, then a part each time the window frees again. Pure: the runner
 * enforces the budget message by message; this only tells the sender what to expect.
 */
import { recipientsOf, type OutgoingMessage } from './outgoingMessage.js';

const DAY_MS = 24 * 3600 * 1000;

export interface DailyPart {
  /** Messages in this part. */
  messages: number;
  /** Recipients in this part (To, CC and BCC). */
  recipients: number;
  /** Earliest start, estimated: the window frees 24 hours after the previous part began. */
  startsAt: number;
}

/**
 * The parts a campaign will go out in, in sending order. The first part uses what is left of the
 * budget now (`leftNow`) and starts `now`; when not even the first message fits, it starts when
 * the window frees for it (`firstFreesAt`, from the send log) with the whole limit. Each later part
 * starts an estimated 24 hours after the one before, when that part's sends leave the window.
 * A message with more recipients than the whole limit can never go and is left out (pre-flight
 * refuses more than 500 recipients per message, far below any daily limit).
 */
export function splitOverDays(
  recipientsPerMessage: readonly number[],
  options: { limit: number; leftNow: number; now: number; firstFreesAt: number },
): DailyPart[] {
  const parts: DailyPart[] = [];
  let room = Math.max(0, options.leftNow);
  let current: DailyPart = { messages: 0, recipients: 0, startsAt: options.now };
  for (const recipients of recipientsPerMessage) {
    if (recipients > options.limit) continue;
    if (recipients > room) {
      if (current.messages > 0) {
        parts.push(current);
        current = { messages: 0, recipients: 0, startsAt: current.startsAt + DAY_MS };
      } else current.startsAt = Math.max(options.now, options.firstFreesAt);
      room = options.limit;
    }
    current.messages++;
    current.recipients += recipients;
    room -= recipients;
  }
  if (current.messages > 0) parts.push(current);
  return parts;
}

/** What the sender is told before a campaign that does not fit in what is left of the 24-hour budget. */
export interface BudgetSplit {
  needed: number;
  left: number;
  limit: number;
  /** When the split was worked out: a part starting then starts now. */
  now: number;
  parts: DailyPart[];
}

/** The mailbox's rolling 24-hour count (Sent Items plus this device's log, see sendLog.ts). */
export interface RecipientBudgetLog {
  readonly limit: number;
  usedInLastDay(now: number): number;
  availableAt(needed: number, now: number): number;
}

/** The split of a campaign over days, or null when it fits in what is left now. */
export function budgetSplit(
  messages: ReadonlyArray<Pick<OutgoingMessage, 'cc' | 'bcc'>>,
  log: RecipientBudgetLog,
  now: number,
): BudgetSplit | null {
  const counts = messages.map(recipientsOf);
  const needed = counts.reduce((sum, count) => sum + count, 0);
  const left = Math.max(0, log.limit - log.usedInLastDay(now));
  if (messages.length === 0 || needed <= left) return null;
  return {
    needed,
    left,
    limit: log.limit,
    now,
    parts: splitOverDays(counts, {
      limit: log.limit,
      leftNow: left,
      now,
      firstFreesAt: log.availableAt(counts[0] ?? 1, now),
    }),
  };
}
