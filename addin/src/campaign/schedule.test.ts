import { describe, expect, it } from 'vitest';
import {
  deferredTimes,
  localDateTime,
  scheduleParts,
  scheduleProblem,
  WINDOW_MARGIN_MS,
  type CampaignSchedule,
} from './schedule.js';

const DAY = 24 * 3600_000;
const START = Date.UTC(2026, 2, 12, 8, 0, 0);

/** Every rolling 24 hours, brute force: the largest count in any window (end - 24 h, end]. */
function busiestWindow(entries: Array<[number, number]>): number {
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  let best = 0;
  for (const [end] of sorted)
    best = Math.max(
      best,
      sorted.filter(([at]) => at > end - DAY && at <= end).reduce((sum, [, count]) => sum + count, 0),
    );
  return best;
}

const schedule = (extra: Partial<CampaignSchedule> = {}): CampaignSchedule => ({
  startAt: START,
  limit: 10_000,
  ratePerMinute: 30,
  counted: [],
  ...extra,
});

describe('deferredTimes', () => {
  it('places a campaign that fits at the chosen time, one message per slot of the sending rate', () => {
    expect(deferredTimes([1, 1, 3], schedule())).toEqual([START, START + 2000, START + 4000]);
  });

  it('spreads 12,000 messages at the daily limit over two days: the 10,001st waits until the first has left the window', () => {
    const times = deferredTimes(Array(12_000).fill(1), schedule());
    expect(times[9_999]).toBe(START + 9_999 * 2000);
    expect(times[10_000]).toBe(START + DAY + WINDOW_MARGIN_MS);
    expect(times[10_001]).toBe(Math.max(START + DAY + WINDOW_MARGIN_MS + 2000, START + 2000 + DAY + WINDOW_MARGIN_MS));
    expect(scheduleParts(times, Array(12_000).fill(1)).map((p) => [p.startsAt, p.messages])).toEqual([
      [START, 10_000],
      [START + DAY + WINDOW_MARGIN_MS, 2_000],
    ]);
    // Sorted, and no rolling 24 hours holds more than the limit (two pointers over every window).
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    let first = 0;
    let busiest = 0;
    for (let last = 0; last < times.length; last++) {
      while (times[first]! <= times[last]! - DAY) first++;
      busiest = Math.max(busiest, last - first + 1);
    }
    expect(busiest).toBe(10_000);
  });

  it('counts what the mailbox sent in the 24 hours before the start', () => {
    const counted: Array<[number, number]> = [[START - 3600_000, 9_998]];
    const times = deferredTimes([1, 1, 1], schedule({ counted }));
    expect(times.slice(0, 2)).toEqual([START, START + 2000]);
    expect(times[2]).toBe(START - 3600_000 + DAY + WINDOW_MARGIN_MS);
  });

  it('leaves room for another scheduled campaign later: no window that holds it goes over the limit', () => {
    // Another campaign holds 8 recipients 10 hours after the start; the limit is 10.
    const counted: Array<[number, number]> = [[START + 10 * 3600_000, 8]];
    const recipients = [1, 1, 1, 1];
    const times = deferredTimes(recipients, schedule({ limit: 10, counted }));
    expect(times.slice(0, 2)).toEqual([START, START + 2000]);
    expect(times[2]).toBeGreaterThan(START + 10 * 3600_000);
    expect(
      busiestWindow([...counted, ...times.map((at, i): [number, number] => [at, recipients[i]!])]),
    ).toBeLessThanOrEqual(10);
  });

  it('keeps every window within the limit for random campaigns, CC and BCC counted (property)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 20; run++) {
      const limit = 20 + Math.floor(random() * 30);
      const recipients = Array.from({ length: 40 + Math.floor(random() * 60) }, () => 1 + Math.floor(random() * 5));
      const counted = Array.from({ length: Math.floor(random() * 6) }, (): [number, number] => [
        START + Math.floor((random() * 2 - 1) * DAY),
        1 + Math.floor(random() * 8),
      ]);
      const usedBefore = busiestWindow(counted);
      if (usedBefore > limit) continue;
      const times = deferredTimes(
        recipients,
        schedule({ limit, ratePerMinute: 1 + Math.floor(random() * 60), counted }),
      );
      expect(
        busiestWindow([...counted, ...times.map((at, i): [number, number] => [at, recipients[i]!])]),
      ).toBeLessThanOrEqual(limit);
      expect(times[0]).toBeGreaterThanOrEqual(START);
    }
  });

  it('gives the same times when a reloaded pane computes them again from the kept schedule', () => {
    const kept = schedule({ counted: [[START - 1000, 40]], limit: 100 });
    const recipients = Array.from({ length: 300 }, (_, i) => 1 + (i % 3));
    expect(deferredTimes(recipients, structuredClone(kept))).toEqual(deferredTimes(recipients, kept));
  });
});

describe('scheduleProblem and localDateTime', () => {
  it('refuses a time in the past (it would go at once), less than a minute ahead, more than a year ahead, or unreadable', () => {
    expect(scheduleProblem(START + 3600_000, START)).toBeNull();
    expect(scheduleProblem(START - 1, START)).toBe('past');
    expect(scheduleProblem(START + 30_000, START)).toBe('past');
    expect(scheduleProblem(START + 400 * DAY, START)).toBe('too_far');
    expect(scheduleProblem(Number.NaN, START)).toBe('invalid');
  });

  it("reads a datetime-local value in the user's own time zone, and refuses dates that do not exist", () => {
    expect(localDateTime('2026-03-12T09:30')).toBe(new Date(2026, 2, 12, 9, 30).getTime());
    expect(localDateTime('2026-02-31T09:30')).toBeNaN();
    expect(localDateTime('tomorrow')).toBeNaN();
    expect(localDateTime('')).toBeNaN();
  });
});
