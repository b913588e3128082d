import { describe, expect, it } from 'vitest';
import { MemoryCampaignRecords } from './campaignRecords.js';
import { SendLog, TimeSeries } from './sendLog.js';

const HOUR = 3600_000;

describe('SendLog', () => {
  it('counts what Sent Items shows (other devices too) plus what this device sent since, which may still be in transit', async () => {
    const now = 100 * HOUR;
    const log = new SendLog(new MemoryCampaignRecords().sendLogRecords(), 10, async (since) => {
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

  it('keeps each send as a record of its own, which another pane of the device reads', async () => {
    const device = new MemoryCampaignRecords();
    const now = 100 * HOUR;
    const first = new SendLog(device.sendLogRecords(), 10);
    first.record(2, now - 25 * HOUR);
    first.record(3, now - 2 * HOUR);
    first.record(1, now - HOUR);
    // Once the first pane's records are written (load waits for them), the second reads them.
    await first.load(now);
    const second = new SendLog(device.sendLogRecords(), 10);
    await second.load(now);
    expect(second.usedInLastDay(now)).toBe(4);
    // One record per send, not the log written again each time.
    expect(device.sendLog.map((entry) => entry.recipients)).toEqual([2, 3, 1]);
    // The first pane reads the second's sends too, and still counts its own once.
    second.record(5, now);
    await first.load(now);
    expect(first.usedInLastDay(now)).toBe(9);
  });
});

describe('TimeSeries', () => {
  it('sums what came after a time, also when an entry comes out of order', () => {
    const series = new TimeSeries([
      [10, 1],
      [30, 4],
      [20, 2],
    ]);
    expect([series.sumAfter(0), series.sumAfter(10), series.sumAfter(15), series.sumAfter(30)]).toEqual([7, 6, 6, 0]);
    series.add(40, 8);
    series.add(5, 16);
    expect([series.sumAfter(0), series.sumAfter(5), series.sumAfter(20)]).toEqual([31, 15, 12]);
    expect(series.entries(15)).toEqual([
      [20, 2],
      [30, 4],
      [40, 8],
    ]);
  });
});
