/**
 * What this device sent in the last 24 hours, for the rolling recipient budget of the mailbox
 * (Exchange Online: 10,000 recipients a day, CC and BCC counted). Kept in browser storage; only
 * counts and times, no addresses.
 */
import type { KeyValueStore } from '../storage/keyValueStore.js';

const KEY = 'outmerge.sendLog';
const DAY_MS = 24 * 3600 * 1000;
export const DAILY_RECIPIENT_LIMIT = 10_000;

export class SendLog {
  /** `limit`: the mailbox's recipients per 24 hours (Exchange Online's default unless an admin lowered it). */
  constructor(
    private readonly store: KeyValueStore,
    readonly limit = DAILY_RECIPIENT_LIMIT,
  ) {}

  private entries(now: number): Array<[number, number]> {
    const raw = this.store.get(KEY);
    const all = raw ? (JSON.parse(raw) as Array<[number, number]>) : [];
    return all.filter(([at]) => at > now - DAY_MS);
  }

  record(recipients: number, at: number): void {
    this.store.set(KEY, JSON.stringify([...this.entries(at), [at, recipients]]));
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
