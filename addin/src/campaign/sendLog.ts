/**
 * The mailbox's rolling 24-hour recipient count (Exchange Online: 10,000 recipients a day, CC and
 * BCC counted, per sender). Two sources: what the mailbox's Sent Items show (everything the user
 * sent, from any device or app, also as a shared mailbox), read through Graph before planning and
 * while sending; and this device's own log (counts and times only, no addresses) for what went out
 * since, which Sent Items may not show yet: transport moves a message there some time after the
 * send was accepted.
 *
 * The runner asks the count before every row, and records every send: both cost the same at the
 * 10,000th send of the day as at the first. The log is kept in memory, sorted by time with running
 * sums (a count is two binary searches), and each send is appended to the device's records (one
 * small record, never the whole log; the sends made while a write is under way go in the next
 * one); other panes' sends are read again with Sent Items.
 */
import type { SentItem } from '../graph/graphMailClient.js';

const DAY_MS = 24 * 3600 * 1000;
export const DAILY_RECIPIENT_LIMIT = 10_000;
/** Local entries this long before a Sent Items reading still count: they may not have reached Sent Items yet. */
const IN_TRANSIT_MS = 15 * 60_000;

/** One send of this device: when, how many recipients, and an id that tells this pane's records from another's. */
export interface SendLogEntry {
  at: number;
  recipients: number;
  id: string;
}

/** Where this device's log is kept (IndexedDB in the pane: `storage/paneDatabase.ts`). */
export interface SendLogRecords {
  /** The entries after `since`, every pane's. */
  read(since: number): Promise<SendLogEntry[]>;
  /** Adds entries, in one write. */
  append(entries: readonly SendLogEntry[]): Promise<void>;
}

/** Counts by time, sorted, with running sums: the sum after a time is a binary search. */
export class TimeSeries {
  private readonly times: number[] = [];
  /** `sums[i]`: the counts of the first `i` entries. */
  private readonly sums: number[] = [0];

  constructor(entries: Iterable<readonly [number, number]> = []) {
    for (const [at, count] of [...entries].sort((a, b) => a[0] - b[0])) this.push(at, count);
  }

  get length(): number {
    return this.times.length;
  }

  add(at: number, count: number): void {
    // Sends are recorded in time order; one that is not (another clock) costs a rebuild.
    if (this.times.length === 0 || at >= this.times[this.times.length - 1]!) return this.push(at, count);
    const entries = [...this.entries(Number.NEGATIVE_INFINITY), [at, count] as [number, number]];
    this.times.length = 0;
    this.sums.length = 1;
    for (const [t, c] of entries.sort((a, b) => a[0] - b[0])) this.push(t, c);
  }

  /** The counts of the entries strictly after `time`. */
  sumAfter(time: number): number {
    return this.sums[this.times.length]! - this.sums[this.firstAfter(time)]!;
  }

  /** The entries strictly after `time`, oldest first. */
  entries(time: number): Array<[number, number]> {
    const result: Array<[number, number]> = [];
    for (let i = this.firstAfter(time); i < this.times.length; i++)
      result.push([this.times[i]!, this.sums[i + 1]! - this.sums[i]!]);
    return result;
  }

  private push(at: number, count: number): void {
    this.times.push(at);
    this.sums.push(this.sums[this.sums.length - 1]! + count);
  }

  private firstAfter(time: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.times[middle]! <= time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

export class SendLog {
  private remote: { fetchedAt: number; items: TimeSeries } | null = null;
  private local = new TimeSeries();
  /** This pane's own entries, kept so that a reading of the records that missed one does not lose it. */
  private readonly mine = new Map<string, SendLogEntry>();
  /** Entries recorded since the write under way started, and that write. */
  private queued: SendLogEntry[] = [];
  private appending: Promise<void> | null = null;
  private readonly pane = randomId();
  private sequence = 0;

  /** `limit`: the mailbox's recipients per 24 hours (Exchange Online's default unless an admin lowered it). */
  constructor(
    /** This device's records; null keeps the log in memory only (a test send's own count, unit tests). */
    private readonly records: SendLogRecords | null,
    readonly limit = DAILY_RECIPIENT_LIMIT,
    /** Reads the mailbox's Sent Items since a time (GraphMailClient.sentSince), when signed in. */
    private readonly sentItems?: (since: number) => Promise<SentItem[]>,
  ) {}

  /** Reads this device's records again: every pane's sends of the last day. */
  async load(now: number): Promise<void> {
    if (!this.records) return;
    // This pane's appends under way are part of what is read.
    await this.appending;
    const stored = await this.records.read(now - DAY_MS);
    const ids = new Set(stored.map((entry) => entry.id));
    for (const [id, entry] of this.mine) if (entry.at <= now - DAY_MS) this.mine.delete(id);
    const own = [...this.mine.values()].filter((entry) => !ids.has(entry.id));
    this.local = new TimeSeries([...stored, ...own].map((entry): [number, number] => [entry.at, entry.recipients]));
  }

  /** Reads Sent Items again, and this device's records (before planning, and now and then while sending). */
  async refresh(now: number): Promise<void> {
    await this.load(now);
    if (!this.sentItems) return;
    const items = await this.sentItems(now - DAY_MS);
    this.remote = {
      fetchedAt: now,
      items: new TimeSeries(items.map((item): [number, number] => [item.sentAt, item.recipients])),
    };
  }

  record(recipients: number, at: number): void {
    this.local.add(at, recipients);
    if (!this.records) return;
    const entry = { at, recipients, id: `${this.pane}:${this.sequence++}` };
    this.mine.set(entry.id, entry);
    this.queued.push(entry);
    this.appending ??= this.append();
  }

  /** Writes what was recorded, a write at a time, until nothing is left. */
  private async append(): Promise<void> {
    while (this.queued.length > 0 && this.records) {
      const entries = this.queued;
      this.queued = [];
      // A record that could not be written still counts in this pane; Sent Items shows the send anyway.
      await this.records.append(entries).catch(() => undefined);
    }
    this.appending = null;
  }

  usedInLastDay(now: number): number {
    const windowStart = now - DAY_MS;
    if (!this.remote) return this.local.sumAfter(windowStart);
    return (
      this.remote.items.sumAfter(windowStart) +
      this.local.sumAfter(Math.max(windowStart, this.remote.fetchedAt - IN_TRANSIT_MS))
    );
  }

  /** What the last 24 hours count, as [time, recipients]: what a scheduled campaign's first day must leave room for. */
  counted(now: number): Array<[number, number]> {
    return this.entries(now);
  }

  /** Everything counted in the window, oldest first: only when the budget is short. */
  private entries(now: number): Array<[number, number]> {
    const windowStart = now - DAY_MS;
    if (!this.remote) return this.local.entries(windowStart);
    return [
      ...this.remote.items.entries(windowStart),
      ...this.local.entries(Math.max(windowStart, this.remote.fetchedAt - IN_TRANSIT_MS)),
    ].sort((a, b) => a[0] - b[0]);
  }

  /** When at least `needed` recipients will be available again. */
  availableAt(needed: number, now: number, limit = this.limit): number {
    let used = this.usedInLastDay(now);
    if (limit - used >= needed) return now;
    for (const [at, count] of this.entries(now)) {
      used -= count;
      if (limit - used >= needed) return at + DAY_MS;
    }
    return now + DAY_MS;
  }
}

function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : Math.random().toString(36).slice(2);
}
