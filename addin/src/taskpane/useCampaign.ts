/**
 * The pane's campaign: starts one from a definition, runs it through the exactly-once runner,
 * pauses, resumes (also by itself when the pane reopens on a campaign that was running), cancels
 * and retries failed rows as a new run. A campaign bigger than the mailbox's 24-hour budget waits
 * and goes on by itself when the budget frees (while the pane is open, or when it reopens).
 * State lives in browser storage through CampaignStore.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isSettled, newLedger, totals, type CampaignLedger } from '../campaign/campaign.js';
import { runCampaign, type GraphOperations, type OutgoingMessage, type RunProgress } from '../campaign/campaignRunner.js';
import { mailboxHealth } from '../campaign/deliveryReports.js';
import type { GraphFileAttachment, GraphMailClient } from '../graph/graphMailClient.js';
import { CampaignStore, type CampaignDefinition } from '../campaign/campaignStore.js';
import { definitionMessages } from '../campaign/definitionMessages.js';
import { SendLog } from '../campaign/sendLog.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

export interface CampaignView {
  definition: CampaignDefinition;
  ledger: CampaignLedger;
  messages: Map<number, OutgoingMessage>;
  running: boolean;
  progress: RunProgress;
  error: string | null;
}

function initialProgress(ledger: CampaignLedger): RunProgress {
  return { ...totals(ledger), throttledUntil: null, estimatedRemainingMs: 0 };
}

export function useCampaign(options: {
  storage: KeyValueStore;
  graph: (GraphOperations & Partial<Pick<GraphMailClient, 'sentSince' | 'inboxSince'>>) | null;
  ratePerMinute: number;
  dailyRecipientLimit: number;
  attachment: (definition: CampaignDefinition, name: string) => Promise<GraphFileAttachment>;
}) {
  const store = useMemo(() => new CampaignStore(options.storage), [options.storage]);
  const graph = options.graph;
  // The 24-hour count reads the mailbox's Sent Items (every device and app), not only this device's log.
  const sendLog = useMemo(() => new SendLog(options.storage, options.dailyRecipientLimit, graph?.sentSince?.bind(graph)), [options.storage, options.dailyRecipientLimit, graph]);
  const health = useMemo(() => (graph?.inboxSince ? mailboxHealth({ inboxSince: graph.inboxSince.bind(graph) }) : undefined), [graph]);
  /** Bumped when Sent Items has been read, so that plans computed from the budget are computed again. */
  const [sendLogRead, setSendLogRead] = useState(0);
  const [view, setView] = useState<CampaignView | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!graph?.sentSince) return;
    let current = true;
    sendLog.refresh(Date.now()).then(
      () => current && setSendLogRead((n) => n + 1),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [sendLog, graph]);

  const run = useCallback(
    async (definition: CampaignDefinition, ledger: CampaignLedger, messages: Map<number, OutgoingMessage>) => {
      if (!graph || controller.current) return;
      const abort = new AbortController();
      controller.current = abort;
      setView({ definition, ledger, messages, running: true, progress: initialProgress(ledger), error: null });
      let error: string | null = null;
      try {
        await runCampaign(ledger, messages, {
          graph,
          ratePerMinute: options.ratePerMinute,
          attachment: (name) => options.attachment(definition, name),
          signal: abort.signal,
          budget: sendLog,
          health,
          save: (l) => store.saveLedger(l),
          onSent: (recipients, at) => sendLog.record(recipients, at),
          onProgress: (progress) => setView((v) => (v ? { ...v, ledger: { ...ledger }, progress } : v)),
        });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      } finally {
        controller.current = null;
        setView((v) => (v ? { ...v, ledger: { ...ledger }, running: false, progress: initialProgress(ledger), error } : v));
      }
    },
    [graph, options, store, sendLog, health],
  );

  // Reopening the pane: a campaign that was running when it closed continues by itself.
  const resumed = useRef(false);
  useEffect(() => {
    if (resumed.current || !graph) return;
    resumed.current = true;
    const active = store.active();
    if (!active) return;
    const messages = definitionMessages(active.definition);
    const view = { ...active, messages, running: false, progress: initialProgress(active.ledger), error: null };
    setView(view);
    if (active.ledger.status === 'running') void run(active.definition, active.ledger, messages);
  }, [graph, store, run]);

  // A campaign waiting for the budget goes on by itself at its time (at once if that has passed).
  const waitingUntil = view && !view.running && view.ledger.status === 'waiting' ? (view.ledger.resumeAt ?? 0) : null;
  useEffect(() => {
    if (waitingUntil === null || !view) return;
    const timer = setTimeout(() => void run(view.definition, view.ledger, view.messages), Math.max(0, waitingUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [waitingUntil, view, run]);

  const start = useCallback(
    (definition: CampaignDefinition, messages: Map<number, OutgoingMessage>, mailbox: string | null) => {
      const ledger = newLedger(definition.id, [...messages.keys()], mailbox, Date.now());
      store.start(definition, ledger);
      void run(definition, ledger, messages);
    },
    [store, run],
  );

  const pause = useCallback(() => controller.current?.abort(), []);

  const resume = useCallback(() => {
    if (view) void run(view.definition, view.ledger, view.messages);
  }, [view, run]);

  /** Stops for good: rows not yet handed to Exchange are cancelled and their drafts removed. */
  const cancel = useCallback(async () => {
    controller.current?.abort();
    if (!view) return;
    const ledger = view.ledger;
    for (const row of ledger.rows) {
      const state = ledger.states[row];
      if (!state || state.status === 'pending') ledger.states[row] = { status: 'cancelled' };
      else if (state.status === 'drafted') {
        await graph?.deleteMessage(state.draftId).catch(() => undefined);
        ledger.states[row] = { status: 'cancelled' };
      }
    }
    ledger.status = ledger.rows.every((row) => isSettled(ledger.states[row] ?? { status: 'pending' })) ? 'cancelled' : 'paused';
    ledger.resumeAt = null;
    store.saveLedger(ledger);
    setView((v) => (v ? { ...v, ledger: { ...ledger }, running: false, progress: initialProgress(ledger) } : v));
  }, [view, graph, store]);

  /** The failed rows again, as a new run of the same campaign (new row identities). */
  const retryFailed = useCallback(() => {
    if (!view) return;
    const failed = view.ledger.rows.filter((row) => view.ledger.states[row]?.status === 'failed');
    const definition = { ...view.definition, id: crypto.randomUUID() };
    store.close(view.definition.id);
    const messages = new Map([...view.messages].filter(([row]) => failed.includes(row)));
    const ledger = newLedger(definition.id, failed, view.ledger.mailbox, Date.now());
    store.start(definition, ledger);
    void run(definition, ledger, messages);
  }, [view, store, run]);

  const close = useCallback(() => {
    if (view) store.close(view.definition.id);
    setView(null);
  }, [view, store]);

  /** A new object after each reading of Sent Items, so that what is computed from the budget is computed again. */
  const budget = useMemo(() => ({ log: sendLog, readings: sendLogRead }), [sendLog, sendLogRead]);
  return { campaign: view, start, pause, resume, cancel, retryFailed, close, sendLog, budget };
}
