/**
 * Cancelling a scheduled campaign (issue 14, point 1) once nothing is being prepared any more:
 * Exchange holds each message in Drafts under the id it had when it was sent until its deferred
 * send time (MS-OXOMSG 2.2.3.4), and deleting it before then means it is never sent. So each row
 * held (`sent` with a `heldId`) whose time has not come is deleted and becomes `cancelled`; one
 * that is gone already (404: its time came, it went out) stays `sent`. Then the campaign's
 * messages still in Drafts with a deferred time to come (found by the campaign marker) are deleted
 * too: a row whose send was unclear may have left one there.
 */
import { GraphRequestError, type GraphMailClient } from '../graph/graphMailClient.js';
import type { CampaignLedger } from './campaign.js';

export interface CancelOptions {
  graph: Pick<GraphMailClient, 'deleteMessage'> & Partial<Pick<GraphMailClient, 'campaignDrafts'>>;
  /** Persists a row's change, or (without a row) the campaign's own fields. */
  save: (ledger: CampaignLedger, changedRow?: number) => void | Promise<void>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const RETRIES = 5;

/** Deletes the held messages whose time is still to come; returns how many were cancelled. */
export async function cancelHeld(ledger: CampaignLedger, options: CancelOptions): Promise<number> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const saves: Array<Promise<void> | void> = [];
  /** Deletes one message: true when deleted now, false when it was gone already. */
  const remove = async (id: string): Promise<boolean> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await options.graph.deleteMessage(id);
        return true;
      } catch (error) {
        if (error instanceof GraphRequestError && error.status === 404) return false;
        if (!(error instanceof GraphRequestError) || attempt >= RETRIES) throw error;
        if (error.kind === 'throttled') await sleep((error.retryAfterSeconds ?? 2 ** attempt) * 1000);
        else if (error.kind === 'transient' || error.kind === 'ambiguous') await sleep(500 * 2 ** attempt);
        else throw error;
      }
    }
  };
  let cancelled = 0;
  for (const row of ledger.rows) {
    const state = ledger.states[row];
    if (state?.status !== 'sent' || !state.heldId || state.at <= now()) continue;
    if (await remove(state.heldId)) {
      ledger.states[row] = { status: 'cancelled' };
      saves.push(options.save(ledger, row));
      cancelled++;
    }
  }
  // What the ledger could not name: held messages of rows whose send was unclear.
  for (const held of (await options.graph.campaignDrafts?.(ledger.id)) ?? []) {
    if (held.deferredUntil !== null && held.deferredUntil > now()) await remove(held.id);
  }
  ledger.status = 'cancelled';
  saves.push(options.save(ledger));
  await Promise.all(saves);
  return cancelled;
}
