/**
 * Exactly once under faults (M7): the production Graph client and campaign runner against the
 * stand-in, with seeded faults on every kind of request (connection cut before or after the
 * request takes effect, 503, 504 after the effect, 429 bursts) and a "pane reload" in the middle
 * (the run is aborted and a new runner continues from the saved ledger). Over many seeds, every
 * row is delivered exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLedger, rowMarker, type CampaignLedger } from '../../addin/src/campaign/campaign.js';
import { runCampaign, type OutgoingMessage } from '../../addin/src/campaign/campaignRunner.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let graph: GraphMailClient;

beforeAll(async () => {
  server = await startTestServer({ GRAPH_STANDIN_RATE_PER_MINUTE: '100000', GRAPH_STANDIN_LATENCY_MS: '2' });
  const token = await server.token('anna@contoso.com', { resource: 'graph' });
  graph = new GraphMailClient(`${server.baseUrl}/dev/graph`, async () => token);
});
afterAll(() => server.close());

const ROWS = 24;
const messages = new Map<number, OutgoingMessage>(Array.from({ length: ROWS }, (_, i) => [i + 2, { row: i + 2, to: `r${i}@fabrikam.com`, cc: i % 3 === 0 ? ['cc@fabrikam.com'] : [], bcc: [], attachments: [], subject: `Hello ${i}`, html: `<p>${i}</p>` }]));

interface Sent {
  marker: string;
  to: string[];
  cc: string[];
  subject: string;
}

async function campaign(seed: number): Promise<{ ledger: CampaignLedger; runs: number }> {
  await server.call('DELETE', '/dev/mailbox/messages');
  await fetch(`${server.baseUrl}/dev/graph/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seed, probabilities: { 'drop-before': 0.06, 'drop-after': 0.08, '503': 0.05, '504': 0.08, '429': 0.05 }, operations: ['create', 'send', 'list'], retryAfterSeconds: 0 }),
  });
  // The browser's storage: what survives the reload is what the runner saved.
  let saved = '';
  const save = (ledger: CampaignLedger) => void (saved = JSON.stringify(ledger));
  const first = newLedger(`c${seed}`, [...messages.keys()], null, Date.now());
  const reload = new AbortController();
  await runCampaign(first, messages, {
    graph,
    ratePerMinute: 600_000,
    settleDelayMs: 0,
    backoffMs: 5,
    save,
    signal: reload.signal,
    onProgress: (p) => p.sent >= ROWS / 2 && reload.abort(),
  });
  let runs = 1;
  let ledger = JSON.parse(saved) as CampaignLedger;
  while (ledger.status !== 'finished' && runs < 20) {
    ledger = await runCampaign(JSON.parse(saved) as CampaignLedger, messages, { graph, ratePerMinute: 600_000, settleDelayMs: 0, backoffMs: 5, save });
    runs++;
  }
  return { ledger, runs };
}

describe('exactly once under faults and a reload', () => {
  it.each(Array.from({ length: 25 }, (_, i) => i + 1))('seed %i: every row delivered exactly once', async (seed) => {
    const { ledger } = await campaign(seed);
    const sent = (await server.call('GET', '/dev/mailbox/messages')).json<Sent[]>();
    const byMarker = new Map<string, Sent[]>();
    for (const message of sent) byMarker.set(message.marker, [...(byMarker.get(message.marker) ?? []), message]);
    for (const [row, message] of messages) {
      const copies = byMarker.get(rowMarker(ledger, row)) ?? [];
      expect(copies, `row ${row}`).toHaveLength(1);
      expect(copies[0]).toMatchObject({ to: [message.to], cc: message.cc, subject: message.subject });
      expect(ledger.states[row]?.status).toBe('sent');
    }
    expect(sent).toHaveLength(ROWS);
    const { injected } = (await (await fetch(`${server.baseUrl}/dev/graph/faults`)).json()) as { injected: Record<string, number> };
    expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('exactly once with large attachments, under faults on the uploads too', () => {
  const withFiles = new Map<number, OutgoingMessage>(Array.from({ length: 6 }, (_, i) => [i + 2, { row: i + 2, to: `f${i}@fabrikam.com`, cc: [], bcc: [], attachments: ['terms.txt', 'catalogue.pdf'], subject: `Files ${i}`, html: `<p>${i}</p>` }]));
  const files: Record<string, string> = { 'terms.txt': Buffer.from('Terms').toString('base64'), 'catalogue.pdf': Buffer.alloc(3 * 1024 * 1024 + 5, 9).toString('base64') };
  const attachment = async (name: string) => ({ '@odata.type': '#microsoft.graph.fileAttachment' as const, name, contentType: 'application/octet-stream', contentBytes: files[name]! });

  it.each([101, 102, 103, 104, 105, 106])('seed %i: every row once, each file once in it', async (seed) => {
    await server.call('DELETE', '/dev/mailbox/messages');
    await fetch(`${server.baseUrl}/dev/graph/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seed, probabilities: { 'drop-before': 0.05, 'drop-after': 0.1, '503': 0.05, '504': 0.1, '429': 0.05 }, operations: ['create', 'send', 'list', 'upload'], retryAfterSeconds: 0 }),
    });
    let saved = '';
    const options = { graph, ratePerMinute: 600_000, settleDelayMs: 0, backoffMs: 5, attachment, save: (l: CampaignLedger) => void (saved = JSON.stringify(l)) };
    const reload = new AbortController();
    await runCampaign(newLedger(`f${seed}`, [...withFiles.keys()], null, Date.now()), withFiles, { ...options, signal: reload.signal, onProgress: (p) => p.sent >= 3 && reload.abort() });
    let ledger = JSON.parse(saved) as CampaignLedger;
    for (let runs = 1; ledger.status !== 'finished' && runs < 20; runs++) ledger = await runCampaign(JSON.parse(saved) as CampaignLedger, withFiles, options);
    const sent = (await server.call('GET', '/dev/mailbox/messages')).json<Array<Sent & { attachments: Array<{ name: string; size: number }> }>>();
    expect(sent).toHaveLength(withFiles.size);
    for (const row of withFiles.keys()) {
      const copies = sent.filter((m) => m.marker === rowMarker(ledger, row));
      expect(copies, `row ${row}`).toHaveLength(1);
      expect(copies[0]!.attachments.map((a) => `${a.name}:${a.size}`).sort()).toEqual([`catalogue.pdf:${3 * 1024 * 1024 + 5}`, 'terms.txt:5']);
    }
    // No half-made draft is left behind.
    await fetch(`${server.baseUrl}/dev/graph/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: 'null' });
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const drafts = (await server.call('GET', '/dev/graph/v1.0/me/mailFolders/drafts/messages', { token })).json<{ value: unknown[] }>();
    expect(drafts.value).toHaveLength(0);
  }, 90_000);
});
