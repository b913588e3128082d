/**
 * Campaign: how close the pane's sending gets to what the mailbox allows when the mailbox's real
 * limit is not the configured pace, and how many sends the mailbox refuses (429).
 *
 * Two cases side by side, each against its own server process (the product server with its Graph
 * stand-in, 20 ms per request): the stand-in's message rate limit is a sliding minute, as
 * Exchange Online's (mailboxStore.ts `admit`, Retry-After in whole seconds), set below the pace
 * (160 a minute) or above it (360 a minute). The pane is configured as a deployment would:
 * starting at 240 a minute, never faster than 480 (SEND_RATE_PER_MINUTE, SEND_RATE_MAX_PER_MINUTE).
 * The window is Exchange's real minute: whole-second Retry-After values would distort a shorter one.
 *
 * What runs is the pane's path without React: a CampaignSession (every row's change written to
 * the campaign records, the runner lock's lease, the 24-hour send log with Sent Items read through
 * Graph, non-delivery reports read from the Inbox, progress) on the in-memory campaign records
 * (answers in a later task, as IndexedDB's) and an in-memory storage for the lease, the production
 * Graph client, the campaign's messages planned from a definition. The pane's IndexedDB records
 * are measured in Chromium by bench/pane/bookkeeping.ts.
 *
 * Figures per case: achieved ÷ allowed after the first minute (sends the mailbox accepted from
 * one minute after the first send to the last one, ÷ the limit over that time; goal >= 0.95), over
 * the whole run, and 429s received (goal: at most one, for the one change of limit the campaign
 * meets). Allowed is the limit's rate; a sliding window lets a client that starts with an empty
 * window send a minute's worth at once, so the whole run may exceed 1.
 */
import { CampaignSession } from '../addin/src/campaign/campaignSession.js';
import { MemoryCampaignRecords, type CampaignDefinition } from '../addin/src/campaign/campaignRecords.js';
import { definitionPlan } from '../addin/src/campaign/definitionMessages.js';
import { mailboxHealth } from '../addin/src/campaign/deliveryReports.js';
import { createRunnerLock } from '../addin/src/campaign/runnerLock.js';
import { SendLog } from '../addin/src/campaign/sendLog.js';
import { GraphMailClient } from '../addin/src/graph/graphMailClient.js';
import { memoryStore } from '../addin/src/storage/keyValueStore.js';
import { startProductServer } from './servers.js';
import { cpuMs, machineLine, report, rounds as roundCount } from './stats.js';

const MINUTE = 60_000;
const PACE = { ratePerMinute: 240, maxRatePerMinute: 480 };
/** The mailbox's limit in each case, and rows enough for about two and a half minutes at it. */
const CASES = [
  { name: 'lower', limitPerMinute: 160, rows: 400 },
  { name: 'higher', limitPerMinute: 360, rows: 880 },
] as const;

interface CaseResult {
  afterFirstMinute: number;
  wholeRun: number;
  throttled: number;
  seconds: number;
  rows: number;
}

function definition(rows: number): CampaignDefinition {
  return {
    id: `bench-${rows}-${Date.now()}`,
    subject: 'Your licence, {{Name}}',
    bodyHtml: '<p>Hello {{Name}},</p><p>your licence for {{Company}} is ready.</p>',
    columns: ['Name', 'Email', 'Company'],
    rows: Array.from({ length: rows }, (_, i) => ({
      Name: `Person ${i}`,
      Email: `person${i}@fabrikam.com`,
      Company: i % 5 === 0 ? 'Smith & Sons' : `Company ${i % 40}`,
    })),
    emailColumn: 'Email',
    ccColumn: null,
    bccColumn: null,
    attachmentColumn: null,
    attachments: [],
    footerHtml: null,
  };
}

async function runCase(limitPerMinute: number, rows: number): Promise<CaseResult> {
  const server = await startProductServer({
    GRAPH_STANDIN_RATE_PER_MINUTE: String(limitPerMinute),
    GRAPH_STANDIN_LATENCY_MS: '20',
    GRAPH_STANDIN_SEND_DELAY_MS: '0',
    SEND_RATE_PER_MINUTE: String(PACE.ratePerMinute),
    SEND_RATE_MAX_PER_MINUTE: String(PACE.maxRatePerMinute),
  });
  try {
    const config = (await (await fetch(`${server.baseUrl}/app-config.json`)).json()) as {
      graphBaseUrl: string;
      sendRatePerMinute: number;
      sendRateMaxPerMinute: number;
      dailyRecipientLimit: number;
    };
    // One token, as MSAL's cache would give it for the campaign's scopes.
    const token = (
      (await (
        await fetch(`${server.baseUrl}/dev/idp/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'bench@contoso.com', resource: 'graph' }),
        })
      ).json()) as { access_token: string }
    ).access_token;
    const graph = new GraphMailClient(config.graphBaseUrl, async () => token);
    const store = memoryStore();
    const records = new MemoryCampaignRecords();
    const session = new CampaignSession({
      records: records.open(),
      lock: createRunnerLock({ store, locks: null }),
      sendLog: new SendLog(records.sendLogRecords(), config.dailyRecipientLimit, (since) => graph.sentSince(since)),
      ratePerMinute: config.sendRatePerMinute,
      maxRatePerMinute: config.sendRateMaxPerMinute,
      attachment: () => Promise.reject(new Error('no attachments in the bench')),
      inlineImage: () => Promise.reject(new Error('no pictures in the bench')),
      health: mailboxHealth({ inboxSince: (since) => graph.inboxSince(since) }),
    });
    session.setGraph(graph);
    const campaign = definition(rows);
    const plan = definitionPlan(campaign);
    if (plan.messages.length !== rows)
      throw new Error(`the bench campaign planned ${plan.messages.length} of ${rows} rows`);
    const started = Date.now();
    const finished = new Promise<void>((resolve, reject) => {
      const unsubscribe = session.subscribe(() => {
        const view = session.current();
        if (view?.ledger.status === 'finished') {
          unsubscribe();
          resolve();
        } else if (view && !view.running && view.error) {
          unsubscribe();
          reject(new Error(`the campaign stopped: ${view.error}`));
        }
      });
    });
    await session.start(campaign, plan.messages, plan.excluded, null);
    await finished;
    const seconds = (Date.now() - started) / 1000;
    session.dispose();
    const { counters } = (await (await fetch(`${server.baseUrl}/dev/graph/faults`)).json()) as {
      counters: { throttled: number };
    };
    const sent = (await (await fetch(`${server.baseUrl}/dev/mailbox/messages`)).json()) as Array<{
      marker: string;
      sentAt: string;
    }>;
    if (new Set(sent.map((m) => m.marker)).size !== rows || sent.length !== rows)
      throw new Error(`${sent.length} messages for ${rows} rows`);
    const times = sent.map((m) => Date.parse(m.sentAt)).sort((a, b) => a - b);
    const first = times[0]!;
    const last = times[times.length - 1]!;
    const allowed = (from: number, to: number) => (limitPerMinute * (to - from)) / MINUTE;
    return {
      afterFirstMinute: times.filter((t) => t > first + MINUTE).length / allowed(first + MINUTE, last),
      wholeRun: rows / allowed(first, last),
      throttled: counters.throttled,
      seconds,
      rows,
    };
  } finally {
    await server.stop();
  }
}

export async function campaignBench(): Promise<boolean> {
  const rounds = roundCount(1);
  const results: Record<string, CaseResult[]> = Object.fromEntries(CASES.map((c) => [c.name, []]));
  const paneCpuPerRow: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Both cases at once: the runs mostly wait for their pace, and each has its own server and mailbox.
    const cpu = cpuMs();
    const outcomes = await Promise.all(CASES.map((c) => runCase(c.limitPerMinute, c.rows)));
    paneCpuPerRow.push((cpuMs() - cpu) / CASES.reduce((sum, c) => sum + c.rows, 0));
    CASES.forEach((c, i) => results[c.name]!.push(outcomes[i]!));
  }
  console.log(
    `\nCampaign: the pane's sending (CampaignSession: ledger, send log, reports, progress) against the Graph stand-in whose limit is a sliding minute; pace ${PACE.ratePerMinute}/min, maximum ${PACE.maxRatePerMinute}/min; ${rounds} round(s)`,
  );
  console.log(`  ${machineLine()}`);
  for (const c of CASES) {
    const runs = results[c.name]!;
    console.log(
      `  mailbox limit ${c.limitPerMinute}/min (${c.name} than the pace), ${c.rows} rows: ${runs.map((r) => `${r.seconds.toFixed(0)} s`).join(', ')}`,
    );
    console.log(
      report(
        '    achieved ÷ allowed after the first minute',
        runs.map((r) => r.afterFirstMinute),
        { digits: 3, goal: { atLeast: 0.95 } },
      ),
    );
    console.log(
      report(
        '    achieved ÷ allowed, whole run',
        runs.map((r) => r.wholeRun),
        { digits: 3 },
      ),
    );
    console.log(
      report(
        '    429s received',
        runs.map((r) => r.throttled),
        { digits: 0, goal: { atMost: 1 } },
      ),
    );
  }
  console.log(
    report('  CPU per row in this process (both panes, Graph client)', paneCpuPerRow, { digits: 2, unit: ' ms' }),
  );
  return true;
}
