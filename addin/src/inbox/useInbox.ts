/**
 * The pane's inbox features for React: whether the sender turned them on (asked for Graph's
 * permission then, through the auth module: incremental consent), the unsubscribe line option,
 * the suppression list read from the mailbox (and the unsubscribe requests gathered into it), and
 * the check of a campaign's rows against Sent Items and the Inbox. Everything stays between the
 * pane and Microsoft 365.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { GRAPH_SCOPES_FOR } from '#shared/api/graphScopes.js';
import { AuthFailure, type AuthPort } from '../auth/authPort.js';
import type { GraphMailClient } from '../graph/graphMailClient.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';
import { MailboxSuppressions, type SuppressionList } from './mailboxSuppressions.js';
import { rowOutcomes, type RowOutcome } from './rowOutcomes.js';
import type { Suppression } from './suppressionList.js';

const ENABLED_KEY = 'outmerge.inbox.enabled';
const UNSUBSCRIBE_KEY = 'outmerge.inbox.unsubscribeLine';
const GATHERED_KEY = 'outmerge.inbox.gatheredUntil';
/** How far back the first gathering of unsubscribe requests looks. */
const FIRST_GATHER_DAYS = 90;

export interface InboxCheckInput {
  createdAt: number;
  sentRows: ReadonlyArray<{ row: number; to: string }>;
  markerOf(row: number): string;
}

export function useInbox(input: {
  storage: KeyValueStore;
  graph: GraphMailClient | null;
  auth: Pick<AuthPort, 'graphToken'> | null;
  onAuthFailure(failure: AuthFailure | null): void;
}) {
  const { storage, graph, auth, onAuthFailure } = input;
  const [enabled, setEnabled] = useState(() => storage.get(ENABLED_KEY) === '1');
  const [unsubscribeLine, setUnsubscribeLineState] = useState(() => storage.get(UNSUBSCRIBE_KEY) === '1');
  const [suppressions, setSuppressions] = useState<SuppressionList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mailbox = useMemo(() => (graph ? new MailboxSuppressions(graph) : null), [graph]);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof AuthFailure) onAuthFailure(e);
      else setError(e instanceof Error ? e.message : String(e));
    },
    [onAuthFailure],
  );

  const refresh = useCallback(async () => {
    if (!mailbox) return;
    setLoading(true);
    setError(null);
    try {
      const started = Date.now();
      const since = Number(storage.get(GATHERED_KEY) ?? started - FIRST_GATHER_DAYS * 24 * 3600_000);
      const { list } = await mailbox.gather(await mailbox.read(), since);
      storage.set(GATHERED_KEY, String(started));
      setSuppressions(list);
    } catch (e) {
      fail(e);
    } finally {
      setLoading(false);
    }
  }, [mailbox, storage, fail]);

  useEffect(() => {
    if (enabled && mailbox) void refresh();
    else setSuppressions(null);
  }, [enabled, mailbox, refresh]);

  const turn = useCallback(
    async (on: boolean) => {
      if (on) {
        if (!auth) return;
        // Incremental consent: the permission is asked for now, when the sender turns the features on.
        try {
          onAuthFailure(null);
          await auth.graphToken(GRAPH_SCOPES_FOR.inbox);
        } catch (e) {
          fail(e);
          return;
        }
      }
      storage.set(ENABLED_KEY, on ? '1' : '0');
      setEnabled(on);
    },
    [auth, storage, onAuthFailure, fail],
  );

  const setUnsubscribeLine = useCallback(
    (on: boolean) => {
      storage.set(UNSUBSCRIBE_KEY, on ? '1' : '0');
      setUnsubscribeLineState(on);
    },
    [storage],
  );

  const suppress = useCallback(
    async (entries: Suppression[]): Promise<number> => {
      if (!mailbox) return 0;
      try {
        const { list, added } = await mailbox.add(suppressions ?? (await mailbox.read()), entries);
        setSuppressions(list);
        return added;
      } catch (e) {
        fail(e);
        return 0;
      }
    },
    [mailbox, suppressions, fail],
  );

  /** Each sent row's delivery and reply, read from Sent Items and the Inbox since the campaign began. */
  const check = useCallback(
    async (campaign: InboxCheckInput): Promise<RowOutcome[] | null> => {
      if (!graph) return null;
      setError(null);
      try {
        const [sent, received] = await Promise.all([
          graph.sentMessagesSince(campaign.createdAt),
          graph.receivedMessagesSince(campaign.createdAt),
        ]);
        return rowOutcomes({ sentRows: campaign.sentRows, markerOf: campaign.markerOf, sent, received });
      } catch (e) {
        fail(e);
        return null;
      }
    },
    [graph, fail],
  );

  const active = enabled && graph !== null;
  return {
    enabled: active,
    turn,
    unsubscribeLine: active && unsubscribeLine,
    setUnsubscribeLine,
    suppressions: active ? suppressions : null,
    loading,
    error,
    refresh,
    suppress,
    check,
  };
}

export type InboxFeatures = ReturnType<typeof useInbox>;
