/**
 * Scheduled campaigns (issue 14, point 1) with the production Graph client against the stand-in:
 * each message carries its deferred send time (PidTagDeferredSendTime), Exchange holds it in
 * Drafts until then and sends it also with Outlook closed, the times keep the mailbox's 24-hour
 * limit across days, a run cut off half-way and resumed sends nothing twice, and a cancel deletes
 * what Exchange still holds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newLedger, type CampaignLedger } from '../../addin/src/campaign/campaign.js';
import { runCampaign, type RunOptions } from '../../addin/src/campaign/campaignRunner.js';
import type { OutgoingMessage } from '../../addin/src/campaign/outgoingMessage.js';
import { deferredTimes, WINDOW_MARGIN_MS } from '../../addin/src/campaign/schedule.js';
import { cancelHeld } from '../../addin/src/campaign/scheduleCancel.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { GRAPH_PERMISSIONS } from '#shared/api/graphScopes.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const LIMIT = 5;

let server: TestServer;
let graph: GraphMailClient;
/** The stand-in's clock is moved forward by the tests; the runner reads the same time. */
let offset = 0;
const now = () => Date.now() + offset;
const advance = async (ms: number) => {
  offset += ms;
  await server.call('POST', '/dev/graph/clock', { body: { advanceMs: ms } });
};

const rows = (count: number) =>
  new Map<number, OutgoingMessage>(
    Array.from({ length: count }, (_, i) => [
      i + 2,
      {
        row: i + 2,
        to: `r${i}@fabrikam.com`,
        cc: [],
        bcc: [],
        attachments: [],
        subject: `Hello ${i}`,
        html: `<p>${i}</p>`,
      },
    ]),
  );

/** A scheduled run: each row's time from the pure schedule, starting `startIn` from now. */
function scheduled(messages: Map<number, OutgoingMessage>, startIn: number) {
  const times = deferredTimes(
    [...messages.keys()].map(() => 1),
    { startAt: now() + startIn, limit: LIMIT, ratePerMinute: 60, counted: [] },
  );
  const byRow = new Map([...messages.keys()].map((row, i) => [row, times[i]!]));
  return { byRow, deferredAt: (row: number) => byRow.get(row) ?? null };
}

const run = (ledger: CampaignLedger, messages: Map<number, OutgoingMessage>, options: Partial<RunOptions>) =>
  runCampaign(ledger, messages, {
    graph,
    ratePerMinute: 600_000,
    save: () => {},
    settleDelayMs: 5,
    settleChecks: 2,
    backoffMs: 1,
    now,
    ...options,
  });

const delivered = async () =>
  (await server.call('GET', '/dev/mailbox/messages')).json<Array<{ to: string[]; marker: string }>>();
const inbox = () => graph.inboxSince(0);

beforeAll(async () => {
  server = await startTestServer({
    GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
    GRAPH_STANDIN_SEND_DELAY_MS: '0-20',
    GRAPH_STANDIN_LATENCY_MS: '0',
    GRAPH_STANDIN_DAILY_RECIPIENTS: String(LIMIT),
  });
  graph = new GraphMailClient(server.services.config.graph.baseUrl, (scopes) =>
    server.token('anna@contoso.com', { resource: 'graph', scopes: [...scopes] }),
  );
});
beforeEach(async () => {
  await server.call('DELETE', '/dev/mailbox/messages');
  await server.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS] } });
});
afterAll(() => server.close());

describe('a scheduled campaign', () => {
  it('is held by Exchange until its time, then goes out over two days within the 24-hour limit, with no report of a refusal', async () => {
    const messages = rows(8);
    const plan = scheduled(messages, 2 * HOUR);
    const ledger = await run(newLedger('sched', [...messages.keys()], null, now()), messages, {
      deferredAt: plan.deferredAt,
    });
    expect(ledger.status).toBe('finished');
    expect(Object.values(ledger.states).every((state) => state.status === 'sent' && state.heldId)).toBe(true);
    // Prepared, but nothing has left: the messages wait in Drafts, also with the pane closed.
    expect(await delivered()).toEqual([]);
    expect(await graph.campaignDrafts('sched')).toHaveLength(8);

    await advance(2 * HOUR + 10 * 60_000);
    expect((await delivered()).map((m) => m.marker)).toEqual(['sched:2', 'sched:3', 'sched:4', 'sched:5', 'sched:6']);
    await advance(DAY + WINDOW_MARGIN_MS);
    expect((await delivered()).map((m) => m.marker)).toHaveLength(8);
    expect(await inbox()).toEqual([]);
    expect(await graph.campaignDrafts('sched')).toEqual([]);
  });

  it('sends nothing twice when a run is cut off half-way and a reloaded pane resumes the ledger it left', async () => {
    const messages = rows(6);
    const plan = scheduled(messages, HOUR);
    const abort = new AbortController();
    let saved: CampaignLedger | null = null;
    let saves = 0;
    const first = await run(newLedger('resume', [...messages.keys()], null, now()), messages, {
      deferredAt: plan.deferredAt,
      concurrency: 2,
      signal: abort.signal,
      // The pane closes after a few writes: what the next pane reads is the ledger as last stored.
      save: (ledger) => {
        saved = structuredClone(ledger);
        if (++saves === 7) abort.abort();
      },
    });
    expect(first.status).toBe('paused');
    const resumed = await run(structuredClone(saved!), messages, { deferredAt: plan.deferredAt });
    expect(resumed.status).toBe('finished');
    await advance(2 * DAY);
    const markers = (await delivered()).map((m) => m.marker).sort();
    expect(markers).toEqual([...messages.keys()].map((row) => `resume:${row}`).sort());
  });

  it('is cancelled by deleting what Exchange still holds: nothing held goes out, what went out already stays sent', async () => {
    const messages = rows(8);
    const plan = scheduled(messages, HOUR);
    const ledger = await run(newLedger('cancel', [...messages.keys()], null, now()), messages, {
      deferredAt: plan.deferredAt,
    });
    // The first day's part goes out; the sender cancels before the second day.
    await advance(HOUR + 10 * 60_000);
    expect(await delivered()).toHaveLength(LIMIT);
    const cancelled = await cancelHeld(ledger, { graph, save: () => {}, now });
    expect(cancelled).toBe(3);
    expect(ledger.status).toBe('cancelled');
    expect(Object.values(ledger.states).map((s) => s.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
      'sent',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect(await graph.campaignDrafts('cancel')).toEqual([]);
    await advance(2 * DAY);
    expect(await delivered()).toHaveLength(LIMIT);
  });
});
