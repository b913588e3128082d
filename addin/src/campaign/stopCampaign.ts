/**
 * Stopping a campaign for good (M7), once its runner has stopped: nothing is sent any more, and
 * every row ends settled so that the campaign ends as stopped with a complete report.
 *
 * - pending: cancelled (nothing exists in Exchange);
 * - drafted: its draft is deleted, then cancelled (a draft is never sent without a `send`);
 * - creating: the marker is looked up; a draft that may have been created is deleted, cancelled;
 * - sending: the send may have reached Exchange, which answers 202 and moves the message from
 *   Drafts to Sent Items afterwards (Graph, "Things to know about sending mail"). The marker is
 *   looked up in Sent Items until it shows there (sent) or the window ends; a message that did
 *   not show is reported as not confirmed, never sent again and never called cancelled.
 *
 * Drafts and Sent Items are the signed-in user's own, also for a shared mailbox's campaign: drafts
 * are made there with `from` set (Microsoft's recipe), and sent from there.
 */
import { GraphRequestError } from '../graph/graphMailClient.js';
import { abortableSleep, type GraphOperations } from './campaignRunner.js';
import { rowMarker, type CampaignLedger, type RowState } from './campaign.js';
import { nextTask } from './slices.js';

export interface StopOptions {
  graph: Pick<GraphOperations, 'findByMarker' | 'deleteMessage'>;
  /** Persists a change: called after every row settles (with its row), and once the campaign ended (without). A returned promise is awaited before the end. */
  save: (ledger: CampaignLedger, changedRow?: number) => void | Promise<void>;
  /** How long a message whose send may have been accepted is looked for in Sent Items. */
  settleWindowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRIES = 5;
/** Graph allows 4 requests in flight per mailbox. */
const CONCURRENCY = 4;
/** Rows a worker settles without asking Graph (pending ones) before it gives the UI thread back and waits for them to be stored. */
const ROWS_PER_TASK = 250;

export async function settleStopped(ledger: CampaignLedger, options: StopOptions): Promise<CampaignLedger> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms));
  /** Writes under way: Stop ends once they are stored, and a failed one is its error. */
  let writes: Promise<unknown> = Promise.resolve();
  const persist = (row?: number) => {
    const written = options.save(ledger, row);
    if (!written) return;
    written.catch(() => undefined);
    writes = Promise.all([writes, written]);
    writes.catch(() => undefined);
  };
  const set = (row: number, state: RowState) => {
    ledger.states[row] = state;
    persist(row);
  };

  /** One Graph call: Retry-After on 429, backoff on transient or unclear failures, then give up. */
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof GraphRequestError) || attempt >= RETRIES) throw error;
        if (error.kind === 'throttled') await sleep((error.retryAfterSeconds ?? 2 ** attempt) * 1000);
        else if (error.kind === 'transient' || error.kind === 'ambiguous') await sleep(500 * 2 ** attempt);
        else throw error;
      }
    }
  };
  const find = (folder: 'drafts' | 'sentitems', row: number) =>
    call(() => options.graph.findByMarker(folder, rowMarker(ledger, row)));
  const remove = (id: string) =>
    call(() => options.graph.deleteMessage(id)).catch((error: unknown) => {
      // Already gone is what we want.
      if (!(error instanceof GraphRequestError && error.status === 404)) throw error;
    });

  const settleRow = async (row: number, deadline: number): Promise<void> => {
    const state = ledger.states[row] ?? { status: 'pending' };
    if (state.status === 'pending') return set(row, { status: 'cancelled' });
    if (state.status === 'drafted') {
      await remove(state.draftId);
      return set(row, { status: 'cancelled' });
    }
    if (state.status === 'creating') {
      if ((await find('sentitems', row)).length > 0) return set(row, { status: 'sent', at: now() });
      for (const id of await find('drafts', row)) await remove(id);
      return set(row, { status: 'cancelled' });
    }
    if (state.status === 'sending') {
      for (let wait = 1000; ; wait = Math.min(wait * 2, 15_000)) {
        if ((await find('sentitems', row)).length > 0) return set(row, { status: 'sent', at: now() });
        if (now() >= deadline) break;
        await sleep(Math.min(wait, deadline - now()));
      }
      return set(row, {
        status: 'failed',
        reason: 'stopped_unconfirmed',
        message: '',
        ...(state.draftId ? { draftId: state.draftId } : {}),
      });
    }
  };

  const deadline = now() + (options.settleWindowMs ?? 60_000);
  const rows = ledger.rows.filter((row) =>
    ['pending', 'creating', 'drafted', 'sending'].includes(ledger.states[row]?.status ?? 'pending'),
  );
  let next = 0;
  const worker = async () => {
    let settledAtOnce = 0;
    for (let row = rows[next++]; row !== undefined; row = rows[next++]) {
      const pending = (ledger.states[row]?.status ?? 'pending') === 'pending';
      await settleRow(row, deadline);
      // Cancelling 100,000 pending rows asks Graph nothing: without a pause it would hold the UI thread
      // throughout, and the writes would grow with it. Every so often, the rows cancelled wait to be stored.
      if (pending && ++settledAtOnce % ROWS_PER_TASK === 0) await Promise.all([nextTask(), writes]);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  ledger.status = 'cancelled';
  ledger.resumeAt = null;
  persist();
  await writes;
  return ledger;
}
