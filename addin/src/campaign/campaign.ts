/**
 * A campaign's ledger (M7): one state per row, persisted after every change, so that a campaign
 * survives a closed pane and never sends a row twice. A row moves
 *
 *   pending → creating → drafted → sending → sent
 *
 * "creating" and "sending" are written *before* the request goes out: finding a row in one of
 * them after a reload means its outcome is unknown, and it is settled by looking the row's marker
 * up in Drafts and Sent Items, never by sending again blindly. A send refused outright (429, 503)
 * is "drafted" again at once, while the runner waits to retry it: nothing about it is unknown. A row found still in Drafts after
 * an ambiguous send may be in transit (Exchange moves it to Sent Items later): it ends
 * `unknown_outcome` for the sender to decide, and is never sent again automatically.
 */
import type { CampaignSchedule } from './schedule.js';

export type FailureReason =
  | 'rejected'
  | 'send_as_denied'
  | 'auth'
  | 'budget'
  | 'unknown_outcome'
  /** The message could not be built in Exchange after several attempts (e.g. an upload that keeps failing). */
  | 'attempts_exhausted'
  /** Exchange accepted it, then returned a non-delivery report: the 24-hour recipient limit (5.1.90). */
  | 'daily_limit'
  /** Exchange accepted it, then returned a non-delivery report: the sender is restricted (5.1.8). */
  | 'sender_restricted'
  /** Stop was pressed while the send was under way and Sent Items did not show it in time: check Sent Items. */
  | 'stopped_unconfirmed';

/** Why a whole campaign stopped before its end, and waits for IT rather than for time. */
export type BlockReason =
  /** ErrorSendAsDenied: the user has neither Send As nor Send on Behalf on the `from` mailbox. */
  | 'send_as_denied'
  /** ErrorAccessDenied: a Graph permission or mailbox right is missing. */
  | 'access_denied'
  /** Exchange restricted the sender (5.1.8) until an administrator releases them. */
  | 'sender_restricted'
  /**
   * The pane that was to carry on sits in a message without the campaign's files (another compose
   * window): its rows are left as they are, and the pane whose message holds them resumes it.
   */
  | 'files_missing';

export type RowState =
  /** `attempts`: how many times building its draft failed halfway; bounded. */
  | { status: 'pending'; attempts?: number }
  | { status: 'creating'; attempts?: number }
  | { status: 'drafted'; draftId: string }
  | { status: 'sending'; draftId: string }
  /**
   * Accepted by Exchange. `heldId`: a scheduled row's message, held in Drafts under this id until
   * `at` (its deferred send time); deleting it before then cancels it.
   */
  | { status: 'sent'; at: number; heldId?: string }
  /** `draftId`: the row's draft when it had one (a refused send leaves it in Drafts). */
  | { status: 'failed'; reason: FailureReason; message: string; draftId?: string }
  | { status: 'cancelled' };

export interface CampaignLedger {
  id: string;
  createdAt: number;
  /** Shared mailbox to send from, or null for the user's own. */
  mailbox: string | null;
  /** Spreadsheet row numbers, in sending order. */
  rows: number[];
  states: Record<number, RowState>;
  /**
   * "waiting": the mailbox's 24-hour budget is spent; the campaign goes on by itself at `resumeAt`.
   * "blocked": something only IT can fix (`blocked`); resuming tries again.
   */
  status: 'running' | 'paused' | 'waiting' | 'blocked' | 'finished' | 'cancelled';
  resumeAt?: number | null;
  /** `files`: for `files_missing`, the names of the files the pane's message lacked. */
  blocked?: { reason: BlockReason; message: string; files?: string[] } | null;
  /** Ids of the non-delivery reports already applied to the rows (each is applied once). */
  reportsSeen?: string[];
  /**
   * A scheduled campaign: what each row's deferred send time is computed from (schedule.ts), so a
   * pane that resumes it gives every row the same time. Its messages are held by Exchange.
   */
  schedule?: CampaignSchedule | null;
}

export function newLedger(id: string, rows: number[], mailbox: string | null, now: number): CampaignLedger {
  // A loop, not Object.fromEntries over pairs: 100,000 rows in a few milliseconds.
  const states: Record<number, RowState> = {};
  for (const row of rows) states[row] = { status: 'pending' };
  return { id, createdAt: now, mailbox, rows, states, status: 'running' };
}

/** The identity of a row's message in Exchange, stable across reloads and retries. */
export function rowMarker(ledger: Pick<CampaignLedger, 'id'>, row: number): string {
  return `${ledger.id}:${row}`;
}

export function isSettled(state: RowState): boolean {
  return state.status === 'sent' || state.status === 'failed' || state.status === 'cancelled';
}

/**
 * The state a failed row restarts from when the sender retries it, keeping its marker (its
 * identity in Exchange): the runner looks the marker up before it creates or sends anything, so a
 * row that in fact went out is never sent again. A row whose send may have reached Exchange
 * restarts as "sending" (settled from Sent Items and Drafts, never resent blindly); any other
 * as "creating" (a draft it left behind is found and reused).
 */
export function retryState(state: Extract<RowState, { status: 'failed' }>): RowState {
  return state.reason === 'unknown_outcome' || state.reason === 'stopped_unconfirmed'
    ? { status: 'sending', draftId: state.draftId ?? '' }
    : { status: 'creating' };
}

export interface LedgerTotals {
  total: number;
  sent: number;
  failed: number;
  cancelled: number;
  remaining: number;
}

export function totals(ledger: Pick<CampaignLedger, 'rows' | 'states'>): LedgerTotals {
  const counts = { total: ledger.rows.length, sent: 0, failed: 0, cancelled: 0, remaining: 0 };
  for (const row of ledger.rows) counts[tallyOf(ledger.states[row])]++;
  return counts;
}

function tallyOf(state: RowState | undefined): 'sent' | 'failed' | 'cancelled' | 'remaining' {
  const status = state?.status;
  return status === 'sent' || status === 'failed' || status === 'cancelled' ? status : 'remaining';
}

/**
 * Keeps `counts` right when a row goes from `before` to `after`: totals are counted once, then
 * kept (a recount per change is O(rows) per row, O(rows²) per campaign).
 */
export function retally(counts: LedgerTotals, before: RowState | undefined, after: RowState | undefined): void {
  const from = tallyOf(before);
  const to = tallyOf(after);
  if (from === to) return;
  counts[from]--;
  counts[to]++;
}
