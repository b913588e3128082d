/**
 * The pane's campaign for React: a CampaignSession (../campaign/campaignSession.ts) over the
 * browser storage, with the Web Locks API where the host has it. The session is let go when the
 * page goes away (`pagehide`), so that another pane takes the campaign over at once.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { GraphOperations, OutgoingMessage } from '../campaign/campaignRunner.js';
import { CampaignSession, type CampaignView } from '../campaign/campaignSession.js';
import type { CampaignDefinition } from '../campaign/campaignStore.js';
import type { Finding } from '../campaign/planCampaign.js';
import { createRunnerLock, hostLocks } from '../campaign/runnerLock.js';
import { SendLog } from '../campaign/sendLog.js';
import type { GraphFileAttachment } from '../graph/graphMailClient.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

export type { CampaignView };

export interface CampaignOptions {
  storage: KeyValueStore;
  graph: GraphOperations | null;
  ratePerMinute: number;
  dailyRecipientLimit: number;
  attachment: (definition: CampaignDefinition, name: string) => Promise<GraphFileAttachment>;
  inlineImage: (definition: CampaignDefinition, contentId: string) => Promise<GraphFileAttachment>;
}

const noSubscription = () => () => {};

export function useCampaign(options: CampaignOptions) {
  const { storage, ratePerMinute, dailyRecipientLimit, graph } = options;
  const sendLog = useMemo(() => new SendLog(storage, dailyRecipientLimit), [storage, dailyRecipientLimit]);
  // The readers of the draft change with every render; the session asks for the latest.
  const readers = useRef(options);
  readers.current = options;
  const [session, setSession] = useState<CampaignSession | null>(null);
  useEffect(() => {
    const created = new CampaignSession({
      store: storage,
      lock: createRunnerLock({ store: storage, locks: hostLocks() }),
      sendLog,
      ratePerMinute,
      attachment: (definition, name) => readers.current.attachment(definition, name),
      inlineImage: (definition, contentId) => readers.current.inlineImage(definition, contentId),
    });
    setSession(created);
    const leave = () => created.dispose();
    window.addEventListener('pagehide', leave);
    return () => {
      window.removeEventListener('pagehide', leave);
      created.dispose();
    };
  }, [storage, sendLog, ratePerMinute]);
  useEffect(() => session?.setGraph(graph), [session, graph]);

  const subscribe = useCallback((listener: () => void) => (session ? session.subscribe(listener) : noSubscription()), [session]);
  const campaign = useSyncExternalStore(subscribe, () => session?.current() ?? null);

  return {
    campaign,
    sendLog,
    start: (definition: CampaignDefinition, messages: ReadonlyMap<number, OutgoingMessage>, excluded: ReadonlyMap<number, Finding>, mailbox: string | null) => void session?.start(definition, messages, excluded, mailbox),
    pause: () => session?.pause(),
    resume: () => void session?.resume(),
    stop: () => void session?.stop(),
    retryFailed: () => void session?.retryFailed(),
    close: () => session?.close(),
  };
}
