import { describe, expect, it } from 'vitest';
import { splitOverDays } from './dailySplit.js';
import { estimateCampaign, spokenDuration } from './estimate.js';

const HOUR = 3600_000;
const now = Date.UTC(2026, 2, 12, 9);

describe('estimateCampaign', () => {
  it('gives 12,000 messages at 30 a minute about 6.7 hours, in one day when the budget allows it', () => {
    const estimate = estimateCampaign({ messages: 12_000, ratePerMinute: 30, split: null, now });
    expect(estimate).toEqual({ sendingMs: 400 * 60_000, days: 1, finishesAt: now + 400 * 60_000 });
    expect(spokenDuration(estimate!.sendingMs)).toEqual({ unit: 'hours', value: 6.7 });
  });

  it('spreads a campaign over the days the 24-hour budget needs, and says when it should be done', () => {
    // 12,000 one-recipient messages against 10,000 recipients a day, nothing used yet: 10,000 now, 2,000 a day later.
    const parts = splitOverDays(new Array<number>(12_000).fill(1), {
      limit: 10_000,
      leftNow: 10_000,
      now,
      firstFreesAt: now,
    });
    const estimate = estimateCampaign({
      messages: 12_000,
      ratePerMinute: 30,
      split: { needed: 12_000, left: 10_000, limit: 10_000, now, parts },
      now,
    });
    expect(estimate?.days).toBe(2);
    expect(estimate?.sendingMs).toBe(400 * 60_000);
    // The second part starts 24 hours after the first and takes 2,000 / 30 minutes.
    expect(estimate?.finishesAt).toBe(now + 24 * HOUR + (2_000 / 30) * 60_000);
  });

  it('counts the days a slow pace needs even when the budget does not split the campaign', () => {
    const estimate = estimateCampaign({ messages: 9_000, ratePerMinute: 5, split: null, now });
    expect(estimate?.sendingMs).toBe(30 * HOUR);
    expect(estimate?.days).toBe(2);
  });

  it('waits for a part whose budget frees later, and for the part before when it is still sending', () => {
    const split = {
      needed: 3,
      left: 0,
      limit: 2,
      now,
      parts: [
        { messages: 2, recipients: 2, startsAt: now + 2 * HOUR },
        { messages: 1, recipients: 1, startsAt: now + 26 * HOUR },
      ],
    };
    expect(estimateCampaign({ messages: 3, ratePerMinute: 1, split, now })).toEqual({
      sendingMs: 3 * 60_000,
      days: 2,
      finishesAt: now + 26 * HOUR + 60_000,
    });
    const slow = {
      ...split,
      parts: [
        { messages: 2, recipients: 2, startsAt: now },
        { messages: 1, recipients: 1, startsAt: now + 60_000 },
      ],
    };
    expect(estimateCampaign({ messages: 3, ratePerMinute: 1, split: slow, now })?.finishesAt).toBe(now + 3 * 60_000);
  });

  it('has nothing to estimate without messages or pace', () => {
    expect(estimateCampaign({ messages: 0, ratePerMinute: 30, split: null, now })).toBeNull();
    expect(estimateCampaign({ messages: 5, ratePerMinute: 0, split: null, now })).toBeNull();
  });
});

describe('spokenDuration', () => {
  it('says under a minute, whole minutes rounded up, then hours to one decimal', () => {
    expect(spokenDuration(20_000)).toEqual({ unit: 'underMinute' });
    expect(spokenDuration(60_000)).toEqual({ unit: 'minutes', value: 1 });
    expect(spokenDuration(61_000)).toEqual({ unit: 'minutes', value: 2 });
    expect(spokenDuration(59 * 60_000)).toEqual({ unit: 'minutes', value: 59 });
    expect(spokenDuration(60 * 60_000)).toEqual({ unit: 'hours', value: 1 });
    expect(spokenDuration(100 * 60_000)).toEqual({ unit: 'hours', value: 1.7 });
  });
});
