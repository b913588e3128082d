/**
 * When each message of a scheduled campaign goes out (issue 14, point 1). Exchange holds a message
 * sent with PidTagDeferredSendTime until that time (MS-OXOMSG 2.2.3.4) and sends it then, also
 * with Outlook closed; it counts the mailbox's 24-hour recipient limit when the message goes out.
 * So the deferred times themselves must keep every rolling 24 hours within the limit, and keep
 * the configured message rate: a campaign bigger than a day's budget is spread over days, each
 * message placed at the first moment its recipients fit.
 *
 * Pure: the runner gives each row the time `deferredTimes` computed for it, from inputs kept in
 * the ledger (`CampaignSchedule`), so a pane that resumes the campaign computes the same times.
 */
import { TimeSeries } from './sendLog.js';

const DAY_MS = 24 * 3600_000;
/**
 * A message placed when an earlier one leaves the window is placed this much later: transport
 * takes a held message a little after its time, and the property keeps whole seconds.
 */
export const WINDOW_MARGIN_MS = 5 * 60_000;

/** What a scheduled campaign's times are computed from, kept with its ledger. */
export interface CampaignSchedule {
  /** The time the sender chose (UTC milliseconds). */
  startAt: number;
  /** The mailbox's recipients per rolling 24 hours. */
  limit: number;
  /** Messages per minute (the configured sending rate). */
  ratePerMinute: number;
  /**
   * Recipients already counted around the start, as [time, recipients]: what the mailbox sent in
   * the 24 hours before it (Sent Items, this device's log) and other scheduled campaigns' times.
   */
  counted: Array<[number, number]>;
}

/**
 * Each message's deferred send time, in sending order. A message is placed at the next send slot
 * (one every 60 s / rate) where every 24-hour window it falls in keeps within the limit, counting
 * `counted` and the messages placed before it. A message with more recipients than the limit
 * could never go; it is placed at its slot and Exchange will refuse it (pre-flight allows 500).
 */
export function deferredTimes(recipients: readonly number[], schedule: CampaignSchedule): number[] {
  const fixed = new TimeSeries(schedule.counted);
  const fixedTimes = schedule.counted.map(([at]) => at).sort((a, b) => a - b);
  const placed = new TimeSeries();
  const placedTimes: number[] = [];
  const interval = 60_000 / Math.max(1, schedule.ratePerMinute);
  // Counted in the window (end - 24 h, end].
  const inWindow = (end: number) =>
    fixed.sumAfter(end - DAY_MS) - fixed.sumAfter(end) + placed.sumAfter(end - DAY_MS) - placed.sumAfter(end);
  /** The oldest entry, counted or placed, in (end - 24 h, end]. */
  const oldestIn = (end: number): number => {
    const a = fixedTimes[firstAfter(fixedTimes, end - DAY_MS)];
    const b = placedTimes[firstAfter(placedTimes, end - DAY_MS)];
    const candidates = [a, b].filter((x): x is number => x !== undefined && x <= end);
    return Math.min(...candidates);
  };
  const times: number[] = [];
  let slot = schedule.startAt;
  for (const count of recipients) {
    let at = slot;
    if (count <= schedule.limit) {
      for (;;) {
        if (inWindow(at) + count > schedule.limit) {
          // Wait until the oldest entry of this window has left it.
          at = Math.max(at + 1, oldestIn(at) + DAY_MS + WINDOW_MARGIN_MS);
          continue;
        }
        // Windows ending later hold entries already counted after `at` (another scheduled campaign).
        const later = laterViolation(at, count);
        if (later === null) break;
        at = later + 1;
      }
    }
    times.push(at);
    placed.add(at, count);
    placedTimes.push(at);
    slot = at + interval;
  }
  return times;

  /** The first counted entry after `at` whose window would go over the limit with `count` more at `at`. */
  function laterViolation(at: number, count: number): number | null {
    for (let i = firstAfter(fixedTimes, at); i < fixedTimes.length && fixedTimes[i]! < at + DAY_MS; i++) {
      if (inWindow(fixedTimes[i]!) + count > schedule.limit) return fixedTimes[i]!;
    }
    return null;
  }
}

/** Index of the first time strictly after `time` in a sorted list. */
function firstAfter(times: readonly number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A stretch of sending the pane shows: from the first to the last message of a day's part. */
export interface SchedulePart {
  startsAt: number;
  endsAt: number;
  messages: number;
  recipients: number;
}

/**
 * The parts a scheduled campaign goes out in: messages in a row belong to one part until a pause
 * of more than an hour (the budget's wait for the next day).
 */
export function scheduleParts(times: readonly number[], recipients: readonly number[]): SchedulePart[] {
  const parts: SchedulePart[] = [];
  let current: SchedulePart | null = null;
  times.forEach((at, index) => {
    if (!current || at - current.endsAt > 3600_000) {
      current = { startsAt: at, endsAt: at, messages: 0, recipients: 0 };
      parts.push(current);
    }
    current.endsAt = at;
    current.messages++;
    current.recipients += recipients[index] ?? 0;
  });
  return parts;
}

/**
 * Whether the sender's choice can be scheduled: a time at least a minute ahead (a time already
 * past would send at once, MS-OXOMSG) and at most a year ahead.
 */
export function scheduleProblem(startAt: number, now: number): 'invalid' | 'past' | 'too_far' | null {
  if (!Number.isFinite(startAt)) return 'invalid';
  if (startAt < now + 60_000) return 'past';
  if (startAt > now + 365 * DAY_MS) return 'too_far';
  return null;
}

/** A `datetime-local` value ("2026-03-12T09:30") read as a time in the user's own time zone. */
export function localDateTime(value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi);
  // Out-of-range parts (a 31st of February) roll over in Date: refuse them instead.
  if (
    date.getFullYear() !== y ||
    date.getMonth() !== mo - 1 ||
    date.getDate() !== d ||
    date.getHours() !== h ||
    date.getMinutes() !== mi
  )
    return Number.NaN;
  return date.getTime();
}
