/**
 * The mailbox's rolling 24-hour recipient count (Exchange Online: 10,000 recipients a day, CC and
 * BCC counted, per sender). Two sources: what the mailbox's Sent Items show (everything the user
 * sent, from any device or app, also as a shared mailbox), read through Graph before planning and
 * while sending; and this device's own log (counts and times only, no addresses) for what went out
 * since, which Sent Items may not show yet: transport moves a message there some time after the
 * send was accepted.
 */
import type { SentItem } from '../graph/graphMailClient.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

const KEY = 'outmerge.sendLog';
const DAY_MS = 24 * 3600 * 1000;
export const DAILY_RECIPIENT_LIMIT = 10_000;
/** Local entries this long before a Sent Items reading still count: they may not have reached Sent Items yet. */
const IN_TRANSIT_MS = 15 * 60_000;

export class SendLog {
  private remote: { fetchedAt: number; items: SentItem[] } | null = null;

  /** `limit`: the mailbox's recipients per 24 hours (Exchange Online's default unless an admin lowered it). */
  constructor(
    private readonly store: KeyValueStore,
    readonly limit = DAILY_RECIPIENT_LIMIT,
    /** Reads the mailbox's Sent Items since a time (GraphMailClient.sentSince), when signed in. */
    private readonly sentItems?: (since: number) => Promise<SentItem[]>,
  ) {}

  private local(now: number): Array<[number, number]> {
    const raw = this.store.get(KEY);
    const all = raw ? (JSON.parse(raw) as Array<[number, number]>) : [];
    return all.filter(([at]) => at > now - DAY_MS);
  }

  /** Everything counted in the window: Sent Items as last read, plus this device's sends that may not show there yet. */
  private entries(now: number): Array<[number, number]> {
    const local = this.local(now);
    if (!this.remote) return local;
    const fetchedAt = this.remote.fetchedAt;
    const remote = this.remote.items.filter((i) => i.sentAt > now - DAY_MS).map((i): [number, number] => [i.sentAt, i.recipients]);
    return [...remote, ...local.filter(([at]) => at > fetchedAt - IN_TRANSIT_MS)];
  }

  /** Reads Sent Items again (before planning, and now and then while sending). */
  async refresh(now: number): Promise<void> {
    if (!this.sentItems) return;
    this.remote = { fetchedAt: now, items: await this.sentItems(now - DAY_MS) };
  }

  record(recipients: number, at: number): void {
    this.store.set(KEY, JSON.stringify([...this.local(at), [at, recipients]]));
  }

  usedInLastDay(now: number): number {
    return this.entries(now).reduce((sum, [, count]) => sum + count, 0);
  }

  /** When at least `needed` recipients will be available again. */
  availableAt(needed: number, now: number, limit = this.limit): number {
    let used = this.usedInLastDay(now);
    if (limit - used >= needed) return now;
    for (const [at, count] of this.entries(now).sort((a, b) => a[0] - b[0])) {
      used -= count;
      if (limit - used >= needed) return at + DAY_MS;
    }
    return now + DAY_MS;
  }
}
