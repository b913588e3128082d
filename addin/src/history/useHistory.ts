/**
 * The campaign history for React: the list (read when the pane opens and after each change), the
 * campaign shown by the pane kept there each time it ends (again after a retry or a cancel), the
 * report of a past campaign (its definition planned again, in slices), and the cancel of a
 * scheduled campaign that is not the one the pane shows (the held messages deleted through Graph,
 * scheduleCancel.ts). Nothing is sent anywhere but the user's mailbox.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CampaignView } from '../campaign/campaignSession.js';
import { definitionPlanInSlices } from '../campaign/definitionMessages.js';
import { recipientsOf } from '../campaign/outgoingMessage.js';
import { cancelHeld, type CancelOptions } from '../campaign/scheduleCancel.js';
import {
  historyEntry,
  historyEntryInSlices,
  type CampaignHistory,
  type HistoryEntry,
  type HistoryRecord,
} from './campaignHistory.js';
import { idbCampaignHistory } from './idbCampaignHistory.js';

/** A past campaign opened from the list: what its report needs. */
export type OpenedCampaign = Pick<CampaignView, 'definition' | 'ledger' | 'messages' | 'excluded'>;

export function useHistory(
  campaign: CampaignView | null,
  graph: CancelOptions['graph'] | null,
  history: CampaignHistory = defaultHistory(),
) {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(
    () => history.list().then(setEntries, (e: unknown) => setError(e instanceof Error ? e.message : String(e))),
    [history],
  );
  useEffect(() => void reload(), [reload]);

  // The campaign the pane shows is kept each time it ends, and again when its outcome changes.
  const kept = useRef('');
  useEffect(() => {
    if (!campaign || campaign.running || campaign.stopping) return;
    const { definition, ledger, messages, progress } = campaign;
    if (ledger.status !== 'finished' && ledger.status !== 'cancelled') return;
    const key = `${definition.id}:${ledger.status}:${progress.sent}:${progress.failed}:${progress.cancelled}`;
    if (kept.current === key) return;
    kept.current = key;
    const envelope = (row: number) => messages.envelope(row);
    // Counted in slices: the rows of a 100,000-row campaign are not all gone through in the task that shows its end.
    historyEntryInSlices(definition, ledger, Date.now(), (row) => {
      const found = envelope(row);
      return found ? recipientsOf(found) : 1;
    })
      .then((entry) => history.put({ entry, definition, ledger }))
      .then(reload, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [campaign, history, reload]);

  /** A past campaign's record and its report's plan. */
  const open = useCallback(
    async (id: string): Promise<{ record: HistoryRecord; view: OpenedCampaign } | null> => {
      const record = await history.get(id);
      if (!record) return null;
      const plan = await definitionPlanInSlices(record.definition);
      return {
        record,
        view: {
          definition: record.definition,
          ledger: record.ledger,
          messages: plan.messages,
          excluded: plan.excluded,
        },
      };
    },
    [history],
  );

  /** Cancels a scheduled campaign kept here (not the pane's own): its held messages are deleted. */
  const cancel = useCallback(
    async (id: string): Promise<number> => {
      const record = await history.get(id);
      if (!record || !graph) return 0;
      const cancelled = await cancelHeld(record.ledger, { graph, save: () => undefined });
      await history.put({ ...record, entry: historyEntry(record.definition, record.ledger, Date.now()) });
      await reload();
      return cancelled;
    },
    [history, graph, reload],
  );

  const remove = useCallback(
    async (id: string) => {
      await history.remove(id);
      await reload();
    },
    [history, reload],
  );

  return useMemo(
    () => ({ entries, error, open, cancel, remove, reload }),
    [entries, error, open, cancel, remove, reload],
  );
}

let shared: CampaignHistory | null = null;
function defaultHistory(): CampaignHistory {
  return (shared ??= idbCampaignHistory());
}
