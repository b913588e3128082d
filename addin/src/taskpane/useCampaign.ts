/**
 * The pane's campaign for React: a CampaignSession (../campaign/campaignSession.ts) over the
 * pane's campaign records (IndexedDB), with the Web Locks API where the host has it and the
 * lease in the browser storage. The session is let go when the page goes away (`pagehide`), so
 * that another pane takes the campaign over at once.
 */
import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import type { GraphOperations } from '../campaign/campaignRunner.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { CampaignSession, type CampaignView } from '../campaign/campaignSession.js';
import { mailboxHealth } from '../campaign/deliveryReports.js';
import type { Finding, PlannedMessages } from '../campaign/planCampaign.js';
import type { CampaignSchedule } from '../campaign/schedule.js';
import { createRunnerLock, hostLocks } from '../campaign/runnerLock.js';
import { SendLog } from '../campaign/sendLog.js';
import type { GraphFileAttachment, GraphMailClient } from '../graph/graphMailClient.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';
import type { PaneRecords } from '../storage/paneRecords.js';

export type { CampaignView };

export interface CampaignOptions {
  /** Where the runner's lease is kept (localStorage): see runnerLock.ts. */
  storage: KeyValueStore;
  /** Where campaigns and the send log are kept (IndexedDB). */
  records: PaneRecords;
  graph: (GraphOperations & Partial<Pick<GraphMailClient, 'sentSince' | 'inboxSince'>>) | null;
  ratePerMinute: number;
  /** The fastest sends may go when the mailbox allows more (sendPacer.ts). */
  maxRatePerMinute: number;
  dailyRecipientLimit: number;
  attachment: (definition: CampaignDefinition, name: string) => Promise<GraphFileAttachment>;
  inlineImage: (definition: CampaignDefinition, contentId: string) => Promise<GraphFileAttachment>;
  /** Which of these files the pane's message lacks: a pane in another message does not build the campaign's rows. */
  missingFiles: (files: { names: readonly string[]; contentIds: readonly string[] }) => Promise<string[]>;
}

export function useCampaign(options: CampaignOptions) {
  const { storage, records, ratePerMinute, maxRatePerMinute, dailyRecipientLimit, graph } = options;
  // The session is made once per storage; the signed-in Graph client reaches it through this ref.
  const graphRef = useRef(graph);
  graphRef.current = graph;
  // The 24-hour count reads the mailbox's Sent Items (every device and app), not only this device's log.
  const sendLog = useMemo(
    () =>
      new SendLog(
        records.sendLog,
        dailyRecipientLimit,
        (since) => graphRef.current?.sentSince?.(since) ?? Promise.resolve([]),
      ),
    [records, dailyRecipientLimit],
  );
  // This device's log as kept: what is planned from the budget is computed again once it is read.
  const [logRead, setLogRead] = useState(0);
  useEffect(() => {
    let current = true;
    sendLog.load(Date.now()).then(
      () => current && setLogRead((n) => n + 1),
      () => undefined,
    );
    return () => void (current = false);
  }, [sendLog]);
  // The readers of the draft change with every render; the session asks for the latest.
  const readers = useRef(options);
  readers.current = options;
  const [session, setSession] = useState<CampaignSession | null>(null);
  useEffect(() => {
    const created = new CampaignSession({
      records: records.campaigns,
      lock: createRunnerLock({ store: storage, locks: hostLocks() }),
      sendLog,
      ratePerMinute,
      maxRatePerMinute,
      attachment: (definition, name) => readers.current.attachment(definition, name),
      inlineImage: (definition, contentId) => readers.current.inlineImage(definition, contentId),
      missingFiles: (files) => readers.current.missingFiles(files),
      // Non-delivery reports are read from the signed-in mailbox's Inbox between rows.
      health: mailboxHealth({ inboxSince: (since) => graphRef.current?.inboxSince?.(since) ?? Promise.resolve([]) }),
    });
    setSession(created);
    const leave = () => created.dispose();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      created.dispose();
    };
  }, [storage, records, sendLog, ratePerMinute, maxRatePerMinute]);
  useEffect(() => session?.setGraph(graph), [session, graph]);

  // The session's view followed in a transition (not useSyncExternalStore, whose updates render in one
  // blocking task): the report of a 100,000-row campaign opens in slices that leave the pane responsive.
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  useEffect(() => {
    const follow = () => {
      const view = session?.current() ?? null;
      startTransition(() => setCampaign(view));
    };
    follow();
    return session ? session.subscribe(follow) : undefined;
  }, [session]);
  /**
   * Sent Items is read with the campaign's permissions — by the runner before its first row and while
   * it sends, and by a test send — never at sign-in: Mail.ReadWrite is asked for when a feature that
   * needs it is used (incremental consent), and a read at sign-in would open Entra's consent page in an
   * organisation that granted sign-in only. What is planned from the budget is computed again once a
   * campaign has let go (a new object then), with what that campaign read and sent.
   */
  const idle = campaign === null;
  const budget = useMemo(() => ({ log: sendLog, idle, logRead }), [sendLog, idle, logRead]);

  return {
    campaign,
    sendLog,
    budget,
    start: (
      definition: CampaignDefinition,
      messages: PlannedMessages,
      excluded: ReadonlyMap<number, Finding>,
      mailbox: string | null,
      schedule: CampaignSchedule | null = null,
    ) => session?.start(definition, messages, excluded, mailbox, schedule) ?? Promise.resolve(),
    cancelScheduled: () => session?.cancelScheduled() ?? Promise.resolve(),
    pause: () => session?.pause(),
    resume: () => void session?.resume(),
    stop: () => void session?.stop(),
    retryFailed: () => void session?.retryFailed(),
    close: () => session?.close(),
  };
}
