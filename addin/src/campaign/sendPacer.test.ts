import { describe, expect, it } from 'vitest';
import { HOLD_MS, SendPacer, type PacerOptions } from './sendPacer.js';

const MINUTE = 60_000;

/**
 * A model of Exchange's message rate limit as the Graph stand-in plays it (mailboxStore.ts
 * `admit`): at most `limit(t)` sends counted in any sliding window of a minute; a refused send
 * gets 429 with Retry-After in whole seconds (at least 1), the time until the window has room
 * again. A request is counted halfway through its round trip.
 */
function mailboxLimit(limit: (t: number) => number) {
  const counted: number[] = [];
  return (at: number): { ok: true } | { ok: false; retryAfterMs: number } => {
    while (counted.length > 0 && counted[0]! <= at - MINUTE) counted.shift();
    const allowed = limit(at);
    if (counted.length >= allowed)
      return {
        ok: false,
        retryAfterMs: Math.max(1, Math.ceil((counted[counted.length - allowed]! + MINUTE - at) / 1000)) * 1000,
      };
    counted.push(at);
    return { ok: true };
  };
}

/** One sender after another through the pacer on virtual time, against the model; what was accepted and refused, when. */
function simulate(options: PacerOptions, limit: (t: number) => number, durationMs: number, latencyMs = 20) {
  const pacer = new SendPacer(options);
  const mailbox = mailboxLimit(limit);
  const accepted: number[] = [];
  const refused: number[] = [];
  for (let now = 0; now < durationMs;) {
    const slot = pacer.reserve(now);
    now = slot.at;
    if (!pacer.begin(slot, now)) continue;
    const answer = mailbox(now + latencyMs / 2);
    now += latencyMs;
    if (answer.ok) {
      accepted.push(now);
      pacer.accepted(slot, now);
    } else {
      refused.push(now);
      pacer.refused(slot, now, answer.retryAfterMs, 1000);
    }
  }
  /** Accepted ÷ what the limit allows between two times (it is constant there). */
  const efficiency = (from: number, to: number) =>
    accepted.filter((t) => t > from && t <= to).length / ((limit(to) * (to - from)) / MINUTE);
  return { pacer, accepted, refused, efficiency };
}

describe('SendPacer', () => {
  it('sends at the configured pace, 2 % wider, and no faster without a higher maximum', () => {
    const run = simulate({ ratePerMinute: 30 }, () => 10_000, 10 * MINUTE);
    const gaps = run.accepted.slice(1).map((t, i) => t - run.accepted[i]!);
    expect(new Set(gaps)).toEqual(new Set([2040]));
    expect(run.refused).toEqual([]);
    expect(run.pacer.ratePerMinute).toBe(30);
  });

  it('when the mailbox allows less than the pace: one refusal, then at least 0.95 of the limit from the first minute on', () => {
    const run = simulate({ ratePerMinute: 240, maxRatePerMinute: 480 }, () => 160, 5 * MINUTE);
    expect(run.refused).toHaveLength(1);
    expect(run.efficiency(MINUTE, 5 * MINUTE)).toBeGreaterThanOrEqual(0.95);
    expect(run.efficiency(MINUTE, 5 * MINUTE)).toBeLessThanOrEqual(1);
    expect(run.pacer.ratePerMinute).toBeGreaterThan(0.95 * 160);
    expect(run.pacer.ratePerMinute).toBeLessThanOrEqual(160);
  });

  it('when the mailbox allows more: grows towards it, never past the maximum, with one refusal', () => {
    const run = simulate({ ratePerMinute: 240, maxRatePerMinute: 480 }, () => 360, 5 * MINUTE);
    expect(run.refused).toHaveLength(1);
    expect(run.efficiency(MINUTE, 5 * MINUTE)).toBeGreaterThanOrEqual(0.95);
  });

  it('never goes above the configured maximum, however much the mailbox allows', () => {
    const run = simulate({ ratePerMinute: 240, maxRatePerMinute: 300 }, () => 100_000, 5 * MINUTE);
    expect(run.refused).toEqual([]);
    expect(run.pacer.ratePerMinute).toBe(300);
    const gaps = run.accepted.slice(1).map((t, i) => t - run.accepted[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual((MINUTE / 300) * 1.02 - 1e-9);
  });

  it('honours Retry-After exactly: nothing before it ends, the refused send again when it ends', () => {
    const pacer = new SendPacer({ ratePerMinute: 6000 });
    const first = pacer.reserve(0);
    expect(pacer.begin(first, 0)).toBe(true);
    pacer.refused(first, 30, 7000, 1000);
    expect(pacer.throttledUntil).toBe(7030);
    const again = pacer.reserve(100);
    expect(again.at).toBe(7030);
  });

  it('gives up slots reserved before a refusal, so that no one sends during the wait', () => {
    const pacer = new SendPacer({ ratePerMinute: 6000 });
    const a = pacer.reserve(0);
    const b = pacer.reserve(0);
    expect(pacer.begin(a, a.at)).toBe(true);
    pacer.refused(a, a.at + 20, 2000, 1000);
    expect(pacer.begin(b, b.at)).toBe(false);
    expect(pacer.reserve(b.at).at).toBe(a.at + 20 + 2000);
  });

  it('a limit that drops in the middle of a campaign costs one refusal; afterwards at least 0.95 of the new limit', () => {
    const run = simulate({ ratePerMinute: 240 }, (t) => (t < 3 * MINUTE ? 1000 : 160), 8 * MINUTE);
    expect(run.refused).toHaveLength(1);
    expect(run.refused[0]).toBeGreaterThan(3 * MINUTE);
    expect(run.efficiency(4 * MINUTE, 8 * MINUTE)).toBeGreaterThanOrEqual(0.95);
  });

  it('a limit that rises is found after the hold: one more refusal, then at least 0.95 of it', () => {
    const run = simulate(
      { ratePerMinute: 240, maxRatePerMinute: 480 },
      (t) => (t < 3 * MINUTE ? 160 : 360),
      20 * MINUTE,
    );
    expect(run.refused).toHaveLength(2);
    // Held for HOLD_MS after the first refusal, then probed by 1 % a minute until 5 % above it, then grown.
    expect(run.refused[1]).toBeGreaterThan(run.refused[0]! + HOLD_MS);
    expect(run.efficiency(16 * MINUTE, 20 * MINUTE)).toBeGreaterThanOrEqual(0.95);
  });

  it('a limit that stays where it is: probes are refused ever more rarely (the hold doubles)', () => {
    const run = simulate({ ratePerMinute: 240, maxRatePerMinute: 480 }, () => 160, 60 * MINUTE);
    const gaps = run.refused.slice(1).map((t, i) => t - run.refused[i]!);
    expect(run.refused.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]!);
    expect(run.efficiency(MINUTE, 60 * MINUTE)).toBeGreaterThanOrEqual(0.95);
  });

  it('learns nothing from a Retry-After longer than the window (another limit), but waits for it', () => {
    const pacer = new SendPacer({ ratePerMinute: 60 });
    const slot = pacer.reserve(0);
    pacer.begin(slot, 0);
    pacer.refused(slot, 10, 300_000, 1000);
    expect(pacer.ratePerMinute).toBe(60);
    expect(pacer.reserve(20).at).toBe(300_010);
  });

  it('without Retry-After waits the caller’s backoff and keeps the pace', () => {
    const pacer = new SendPacer({ ratePerMinute: 60 });
    const slot = pacer.reserve(0);
    pacer.begin(slot, 0);
    pacer.refused(slot, 10, null, 4000);
    expect(pacer.ratePerMinute).toBe(60);
    expect(pacer.throttledUntil).toBe(4010);
  });

  it('one refusal never cuts the pace below half of the starting pace or of what the last minute sent, and never raises it', () => {
    const pacer = new SendPacer({ ratePerMinute: 100 });
    let now = 0;
    for (let i = 0; i < 3; i++) {
      const slot = pacer.reserve(now);
      pacer.begin(slot, slot.at);
      now = slot.at + 10;
      pacer.accepted(slot, now);
    }
    // Another limit answers after three sends: alone, the refusal would say "four a minute".
    const refused = pacer.reserve(now);
    pacer.begin(refused, refused.at);
    pacer.refused(refused, refused.at + 10, 1000, 1000);
    expect(pacer.ratePerMinute).toBe(50);
    // A second one halves again (a limit that low is met once per halving).
    const again = pacer.reserve(refused.at + 1010);
    pacer.begin(again, again.at);
    pacer.refused(again, again.at + 10, 1000, 1000);
    expect(pacer.ratePerMinute).toBe(25);
  });

  it('learns nothing from a Retry-After of 0 (no wait, no window) and sends again at once', () => {
    const pacer = new SendPacer({ ratePerMinute: 60 });
    const slot = pacer.reserve(0);
    pacer.begin(slot, 0);
    pacer.refused(slot, 10, 0, 1000);
    expect(pacer.ratePerMinute).toBe(60);
    expect(pacer.reserve(10).at).toBe(10);
  });
});
