/**
 * The campaign runner's pacing with the production Graph client against the Graph stand-in, whose
 * message rate limit (a sliding minute, 429 with Retry-After in whole seconds: mailboxStore.ts
 * `admit`) differs from the configured pace. Time is virtual and shared: the runner sleeps by
 * moving its clock and the stand-in's (`POST /dev/graph/clock`) forward together, so minutes of
 * sending take a moment. One row at a time, so that one sleep is the only thing moving time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newLedger } from '../../addin/src/campaign/campaign.js';
import { runCampaign } from '../../addin/src/campaign/campaignRunner.js';
import type { OutgoingMessage } from '../../addin/src/campaign/outgoingMessage.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { GRAPH_PERMISSIONS } from '#shared/api/graphScopes.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const LIMIT_PER_MINUTE = 20;
const MINUTE = 60_000;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    GRAPH_STANDIN_RATE_PER_MINUTE: String(LIMIT_PER_MINUTE),
    GRAPH_STANDIN_SEND_DELAY_MS: '0',
    GRAPH_STANDIN_LATENCY_MS: '0',
  });
});
beforeEach(async () => {
  await server.call('DELETE', '/dev/mailbox/messages');
  await server.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS] } });
});
afterAll(() => server.close());

/** Sends `count` rows at the given pace and maximum; what the mailbox accepted (times) and how many 429s it gave. */
async function campaign(count: number, pace: { ratePerMinute: number; maxRatePerMinute?: number }) {
  // The stand-in's clock, which earlier tests moved on.
  const standInNow = Date.parse(
    (await server.call('POST', '/dev/graph/clock', { body: { advanceMs: 0 } })).json<{ now: string }>().now,
  );
  let offset = standInNow - Date.now();
  const now = () => Date.now() + offset;
  const sleep = async (ms: number) => {
    const step = Math.max(0, Math.ceil(ms));
    offset += step;
    if (step > 0) await server.call('POST', '/dev/graph/clock', { body: { advanceMs: step } });
  };
  // One token per set of scopes, as MSAL's cache gives: the development identity provider limits how often it is asked.
  const tokens = new Map<string, Promise<string>>();
  const token = (scopes: readonly string[]) => {
    const key = [...scopes].sort().join(' ');
    if (!tokens.has(key)) tokens.set(key, server.token('pace@contoso.com', { resource: 'graph', scopes: [...scopes] }));
    return tokens.get(key)!;
  };
  const graph = new GraphMailClient(server.services.config.graph.baseUrl, token);
  const messages = new Map<number, OutgoingMessage>(
    Array.from({ length: count }, (_, i) => [
      i + 2,
      { row: i + 2, to: `r${i}@fabrikam.com`, cc: [], bcc: [], attachments: [], subject: `S${i}`, html: '<p>x</p>' },
    ]),
  );
  const started = now();
  const ledger = await runCampaign(newLedger('pace', [...messages.keys()], null, started), messages, {
    graph,
    ...pace,
    save: () => {},
    now,
    sleep,
    concurrency: 1,
  });
  const { counters } = (await server.call('GET', '/dev/graph/faults')).json<{ counters: { throttled: number } }>();
  const sent = (await server.call('GET', '/dev/mailbox/messages')).json<Array<{ marker: string; sentAt: string }>>();
  const times = sent.map((m) => Date.parse(m.sentAt) - started).sort((a, b) => a - b);
  /** Sends after the first minute ÷ what the limit allows from then until the last send. */
  const afterFirstMinute = () => {
    const later = times.filter((t) => t > MINUTE);
    return later.length / (((times[times.length - 1]! - MINUTE) / MINUTE) * LIMIT_PER_MINUTE);
  };
  /** The shortest time between two sends. */
  const closest = Math.min(...times.slice(1).map((t, i) => t - times[i]!));
  return { ledger, throttled: counters.throttled, markers: sent.map((m) => m.marker), afterFirstMinute, closest };
}

describe('sending paced to the mailbox’s own limit', () => {
  it('a mailbox that allows less than the pace: one 429, every row once, then at least 0.95 of its limit', async () => {
    const run = await campaign(80, { ratePerMinute: 30 });
    expect(run.ledger.status).toBe('finished');
    expect(run.throttled).toBe(1);
    expect(new Set(run.markers).size).toBe(80);
    expect(run.markers).toHaveLength(80);
    expect(run.afterFirstMinute()).toBeGreaterThanOrEqual(0.95);
    expect(run.afterFirstMinute()).toBeLessThanOrEqual(1.02);
  });

  it('a mailbox that allows more than the pace: faster, up to its limit, with one 429', async () => {
    const run = await campaign(80, { ratePerMinute: 10, maxRatePerMinute: 40 });
    expect(run.ledger.status).toBe('finished');
    expect(run.throttled).toBe(1);
    expect(new Set(run.markers).size).toBe(80);
    expect(run.afterFirstMinute()).toBeGreaterThanOrEqual(0.95);
  });

  it('never faster than the configured maximum, however much the mailbox allows', async () => {
    const run = await campaign(30, { ratePerMinute: 10, maxRatePerMinute: 15 });
    expect(run.ledger.status).toBe('finished');
    expect(run.throttled).toBe(0);
    expect(run.markers).toHaveLength(30);
    expect(run.closest).toBeGreaterThanOrEqual(MINUTE / 15);
  });
});
