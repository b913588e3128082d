import { describe, expect, it } from 'vitest';
import { memoryStore } from '../storage/keyValueStore.js';
import { SendLog } from './sendLog.js';

const HOUR = 3600_000;

describe('SendLog', () => {
  it('counts what Sent Items shows (other devices too) plus what this device sent since, which may still be in transit', async () => {
    const now = 100 * HOUR;
    const log = new SendLog(memoryStore(), 10, async (since) => {
      expect(since).toBe(now - 24 * HOUR);
      return [
        { sentAt: now - 2 * HOUR, recipients: 4 },
        { sentAt: now - 30 * HOUR, recipients: 9 },
      ];
    });
    log.record(1, now - 3 * HOUR);
    expect(log.usedInLastDay(now)).toBe(1);
    await log.refresh(now);
    // The device's entry from before the reading is in Sent Items already; the old one is outside the window.
    expect(log.usedInLastDay(now)).toBe(4);
    log.record(2, now + 1000);
    expect(log.usedInLastDay(now + 1000)).toBe(6);
    expect(log.availableAt(5, now + 1000)).toBe(now - 2 * HOUR + 24 * HOUR);
  });
});
