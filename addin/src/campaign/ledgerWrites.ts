/**
 * The ledger's writes while a campaign runs, batched: a change is recorded at once (the row's
 * number), and written BATCH_MS later (or once the write under way is stored) with every other
 * change made until then, in one transaction. Four rows in flight change their states at about the
 * same moments, so a write carries several rows; a row that changed twice meanwhile (drafted, then
 * sending) is written once, as it is then. A write costs the pane about as much as a request to
 * Graph; waiting a frame's time for it is nothing beside Graph's own latency and the send pacing.
 *
 * `record` answers the write that will carry the change: the runner waits for it before its next
 * request (write-ahead). Writes go one after the other, in order; once one fails (another pane
 * holds the campaign now) every later one fails the same way, and nothing more is written.
 */
const BATCH_MS = 16;

export class LedgerWrites {
  private readonly rows = new Set<number>();
  /** The write that will carry the changes recorded now; null once it has started. */
  private queued: Promise<void> | null = null;
  /** The last write started or queued. */
  private last: Promise<void> = Promise.resolve();

  /** `write(rows)`: one transaction with the ledger's fields as they are now and those rows' states as they are now. */
  constructor(private readonly write: (rows: number[]) => Promise<void>) {}

  /** A change of `row` (none: of the ledger's own fields); resolves once it is stored. */
  record(row?: number): Promise<void> {
    if (row !== undefined) this.rows.add(row);
    if (!this.queued) {
      const queued = this.last.then(async () => {
        // The changes the other rows in flight make meanwhile go in the same write.
        await new Promise((resolve) => setTimeout(resolve, BATCH_MS));
        this.queued = null;
        const rows = [...this.rows];
        this.rows.clear();
        return this.write(rows);
      });
      queued.catch(() => undefined);
      this.queued = queued;
      this.last = queued;
    }
    return this.queued;
  }

  /** Resolves once everything recorded so far is stored (or rejects with the failure). */
  settled(): Promise<void> {
    return this.last;
  }
}
