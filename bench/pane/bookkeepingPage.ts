/**
 * The browser side of the bookkeeping bench (./bookkeeping.ts), bundled by ./bundle.ts and run in
 * Chromium on the server's origin. `prepare` makes the campaign (list, definition, plan) outside
 * the measured part; `run` sends it through the production Graph client to the stand-in:
 *
 * - `runner`: runCampaign alone, as a test send runs it — the budget read from Sent Items and
 *   counted in memory, the non-delivery reports read, nothing kept;
 * - `pane`: the pane's CampaignSession — the same runner, budget and reports, plus what the pane
 *   keeps: the definition and every row's state in IndexedDB (batched writes, lease checked before
 *   each), the send log's records, the notices to other panes, and the view given to a subscriber
 *   as React would read it.
 */
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import { newLedger } from '../../addin/src/campaign/campaign.js';
import type { CampaignDefinition } from '../../addin/src/campaign/campaignRecords.js';
import { runCampaign } from '../../addin/src/campaign/campaignRunner.js';
import { CampaignSession } from '../../addin/src/campaign/campaignSession.js';
import { campaignDefinition, definitionPlan } from '../../addin/src/campaign/definitionMessages.js';
import { mailboxHealth } from '../../addin/src/campaign/deliveryReports.js';
import type { CampaignPlan } from '../../addin/src/campaign/planCampaign.js';
import { createRunnerLock, hostLocks } from '../../addin/src/campaign/runnerLock.js';
import { SendLog } from '../../addin/src/campaign/sendLog.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { browserStore } from '../../addin/src/storage/keyValueStore.js';
import { paneRecords } from '../../addin/src/storage/paneRecords.js';

export interface BookkeepingInput {
  rows: number;
  graphBaseUrl: string;
  token: string;
}

export interface BookkeepingRun {
  status: string;
  sent: number;
  wallMs: number;
  /** Views the pane's subscriber was given (React renders once per view). */
  views: number;
  longestTaskMs: number;
}

/** Pacing out of the way: the bench measures CPU per row, not the configured rate. */
const RATE_PER_MINUTE = 60_000_000;
const DAILY_LIMIT = 1_000_000_000;

let prepared: { input: BookkeepingInput; definition: CampaignDefinition; plan: CampaignPlan } | null = null;
const tasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) tasks.push(entry.duration);
}).observe({ type: 'longtask' });

function prepare(input: BookkeepingInput): void {
  const rows = Array.from({ length: input.rows }, (_, i) => ({
    first_name: `Person ${i}`,
    company: i % 5 === 0 ? `Smith & Sons ${i % 300}` : `Company ${i % 300}`,
    Email: `person${i}@company${i % 997}.example`,
  }));
  const draft = {
    subject: 'Hello {{first_name}}, news for {{company}}',
    bodyHtml: '<p>Dear {{first_name}},</p><p>Our offer for {{company}}.</p>',
    attachments: [],
  };
  if (!compileTemplate(draft, ['first_name', 'company', 'Email']).ok) throw new Error('template');
  const definition = campaignDefinition({
    id: crypto.randomUUID(),
    draft,
    list: { columns: ['first_name', 'company', 'Email'], rows },
    mapping: { emailColumn: 'Email', ccColumn: null, bccColumn: null, attachmentColumn: null },
    excludedRows: new Set(),
    footerHtml: null,
  });
  prepared = { input, definition, plan: definitionPlan(definition) };
}

async function run(kind: 'runner' | 'pane'): Promise<BookkeepingRun> {
  if (!prepared) throw new Error('prepare first');
  const { input, definition, plan } = prepared;
  const graph = new GraphMailClient(input.graphBaseUrl, async () => input.token);
  const health = mailboxHealth({ inboxSince: (since) => graph.inboxSince(since) });
  const sentSince = (since: number) => graph.sentSince(since);
  tasks.length = 0;
  const started = performance.now();
  if (kind === 'runner') {
    const log = new SendLog(null, DAILY_LIMIT, sentSince);
    const ledger = newLedger(definition.id, plan.messages.rows(), null, Date.now());
    await runCampaign(ledger, plan.messages, {
      graph,
      ratePerMinute: RATE_PER_MINUTE,
      save: () => {},
      budget: log,
      onSent: (n, at) => log.record(n, at),
      health,
    });
    const sent = ledger.rows.filter((row) => ledger.states[row]?.status === 'sent').length;
    return {
      status: ledger.status,
      sent,
      wallMs: performance.now() - started,
      views: 0,
      longestTaskMs: Math.max(0, ...tasks),
    };
  }
  const records = paneRecords();
  const session = new CampaignSession({
    records: records.campaigns,
    lock: createRunnerLock({ store: browserStore(), locks: hostLocks() }),
    sendLog: new SendLog(records.sendLog, DAILY_LIMIT, sentSince),
    ratePerMinute: RATE_PER_MINUTE,
    attachment: () => Promise.reject(new Error('no files in this campaign')),
    inlineImage: () => Promise.reject(new Error('no pictures in this campaign')),
    health,
  });
  let views = 0;
  let sent = 0;
  session.subscribe(() => {
    views++;
    sent = session.current()?.progress.sent ?? sent;
  });
  session.setGraph(graph);
  await session.start(definition, plan.messages, plan.excluded, null);
  const view = session.current();
  const result = {
    status: view?.ledger.status ?? 'none',
    sent: view?.progress.sent ?? sent,
    wallMs: performance.now() - started,
    views,
    longestTaskMs: Math.max(0, ...tasks),
  };
  session.dispose();
  return result;
}

(window as unknown as { bookkeeping: unknown }).bookkeeping = { prepare, run };
