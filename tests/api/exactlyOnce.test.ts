/**
 * Exactly once under faults (M7): the production Graph client and campaign runner against the
 * stand-in, with seeded faults on every kind of request (connection cut before or after the
 * request takes effect, 503, 504 after the effect, 429 bursts), transport that moves a sent draft
 * to Sent Items only after a seeded random delay (as Exchange does), and a "pane reload" in the
 * middle (the run is aborted and a new runner continues from the saved ledger). Over hundreds of
 * seeds no row is ever delivered twice: a row the ledger calls sent went out exactly once, and a
 * row whose send was ambiguous and never showed in Sent Items is left unknown, not sent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLedger, rowMarker, type CampaignLedger } from '../../addin/src/campaign/campaign.js';
import { runCampaign } from '../../addin/src/campaign/campaignRunner.js';
import type { OutgoingMessage } from '../../addin/src/campaign/outgoingMessage.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let graph: GraphMailClient;

beforeAll(async () => {
  server = await startTestServer({ GRAPH_STANDIN_RATE_PER_MINUTE: '100000', GRAPH_STANDIN_LATENCY_MS: '0' });
  const token = await server.token('anna@contoso.com', { resource: 'graph' });
  graph = new GraphMailClient(`${server.baseUrl}/dev/graph`, async () => token);
});
afterAll(() => server.close());

const ROWS = 8;
const SEEDS = 200;
/** Transport's delay in the stand-in, and the runner's polling of Sent Items after an ambiguous send (5, 10, 20, 40 ms). */
const DELAY = { min: 0, max: 30 };
const SETTLE = { settleDelayMs: 5, settleChecks: 4 };
const messages = new Map<number, OutgoingMessage>(
  Array.from({ length: ROWS }, (_, i) => [
    i + 2,
    {
      row: i + 2,
      to: `r${i}@fabrikam.com`,
      cc: i % 3 === 0 ? ['cc@fabrikam.com'] : [],
      bcc: [],
      attachments: [],
      subject: `Hello ${i}`,
      html: `<p>${i}</p>`,
    },
  ]),
);

interface Sent {
  marker: string;
  to: string[];
  cc: string[];
  subject: string;
}

const control = (path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, {
    method: path.endsWith('clock') ? 'POST' : 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function campaign(seed: number): Promise<{ ledger: CampaignLedger; runs: number }> {
  await server.call('DELETE', '/dev/mailbox/messages');
  await control('/dev/graph/delivery', { ...DELAY, seed });
  await control('/dev/graph/faults', {
    seed,
    probabilities: { 'drop-before': 0.06, 'drop-after': 0.08, '503': 0.05, '504': 0.08, '429': 0.05 },
    operations: ['create', 'send', 'list'],
    retryAfterSeconds: 0,
  });
  // The browser's storage: what survives the reload is what the runner saved.
  let saved = '';
  const save = (ledger: CampaignLedger) => void (saved = JSON.stringify(ledger));
  const first = newLedger(`c${seed}`, [...messages.keys()], null, Date.now());
  const reload = new AbortController();
  const options = { graph, ratePerMinute: 600_000, backoffMs: 1, save, ...SETTLE };
  await runCampaign(first, messages, {
    ...options,
    signal: reload.signal,
    onProgress: (p) => p.sent >= ROWS / 2 && reload.abort(),
  });
  let runs = 1;
  let ledger = JSON.parse(saved) as CampaignLedger;
  while (ledger.status !== 'finished' && runs < 20) {
    ledger = await runCampaign(JSON.parse(saved) as CampaignLedger, messages, options);
    runs++;
  }
  // Whatever transport still holds goes out now.
  await control('/dev/graph/clock', { advanceMs: 1000 });
  return { ledger, runs };
}

describe('exactly once under faults, delayed transport and a reload', () => {
  it(`never sends a row twice over ${SEEDS} seeded runs; rows it calls sent went out once`, async () => {
    const outcomes = { sent: 0, unknown: 0 };
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { ledger } = await campaign(seed);
      const sent = (await server.call('GET', '/dev/mailbox/messages')).json<Sent[]>();
      for (const [row, message] of messages) {
        const copies = sent.filter((m) => m.marker === rowMarker(ledger, row));
        const state = ledger.states[row];
        expect(copies.length, `seed ${seed} row ${row}`).toBeLessThanOrEqual(1);
        if (state?.status === 'sent') {
          expect(copies, `seed ${seed} row ${row}`).toHaveLength(1);
          expect(copies[0]).toMatchObject({ to: [message.to], cc: message.cc, subject: message.subject });
          outcomes.sent++;
        } else {
          // Only an ambiguous send that never reached Sent Items in time is left for the sender to decide.
          expect(state, `seed ${seed} row ${row}`).toMatchObject({ status: 'failed', reason: 'unknown_outcome' });
          outcomes.unknown++;
        }
      }
      expect(ledger.status, `seed ${seed}`).toBe('finished');
    }
    // The faults and the delay were real: some sends were ambiguous, most rows went out.
    expect(outcomes.unknown).toBeGreaterThan(0);
    expect(outcomes.sent).toBeGreaterThan(SEEDS * ROWS * 0.8);
  }, 240_000);
});

describe('exactly once with large attachments, under faults on the uploads too', () => {
  const withFiles = new Map<number, OutgoingMessage>(
    Array.from({ length: 6 }, (_, i) => [
      i + 2,
      {
        row: i + 2,
        to: `f${i}@fabrikam.com`,
        cc: [],
        bcc: [],
        attachments: ['terms.txt', 'catalogue.pdf'],
        subject: `Files ${i}`,
        html: `<p>${i}</p>`,
      },
    ]),
  );
  const files: Record<string, string> = {
    'terms.txt': Buffer.from('Terms').toString('base64'),
    'catalogue.pdf': Buffer.alloc(3 * 1024 * 1024 + 5, 9).toString('base64'),
  };
  const attachment = async (name: string) => ({
    '@odata.type': '#microsoft.graph.fileAttachment' as const,
    name,
    contentType: 'application/octet-stream',
    contentBytes: files[name]!,
  });

  it.each([101, 102, 103, 104, 105, 106])(
    'seed %i: no row twice, each file once in each row sent',
    async (seed) => {
      await server.call('DELETE', '/dev/mailbox/messages');
      await control('/dev/graph/delivery', { ...DELAY, seed });
      await control('/dev/graph/faults', {
        seed,
        probabilities: { 'drop-before': 0.05, 'drop-after': 0.1, '503': 0.05, '504': 0.1, '429': 0.05 },
        operations: ['create', 'list', 'upload'],
        retryAfterSeconds: 0,
      });
      let saved = '';
      const options = {
        graph,
        ratePerMinute: 600_000,
        backoffMs: 5,
        attachment,
        save: (l: CampaignLedger) => void (saved = JSON.stringify(l)),
        ...SETTLE,
      };
      const reload = new AbortController();
      await runCampaign(newLedger(`f${seed}`, [...withFiles.keys()], null, Date.now()), withFiles, {
        ...options,
        signal: reload.signal,
        onProgress: (p) => p.sent >= 3 && reload.abort(),
      });
      let ledger = JSON.parse(saved) as CampaignLedger;
      for (let runs = 1; ledger.status !== 'finished' && runs < 20; runs++)
        ledger = await runCampaign(JSON.parse(saved) as CampaignLedger, withFiles, options);
      await control('/dev/graph/clock', { advanceMs: 1000 });
      const sent = (await server.call('GET', '/dev/mailbox/messages')).json<
        Array<Sent & { attachments: Array<{ name: string; size: number }> }>
      >();
      expect(ledger.status).toBe('finished');
      for (const row of withFiles.keys()) {
        const copies = sent.filter((m) => m.marker === rowMarker(ledger, row));
        if (ledger.states[row]?.status === 'sent') {
          expect(copies, `row ${row}`).toHaveLength(1);
          expect(copies[0]!.attachments.map((a) => `${a.name}:${a.size}`).sort()).toEqual([
            `catalogue.pdf:${3 * 1024 * 1024 + 5}`,
            'terms.txt:5',
          ]);
        } else {
          // A draft that kept failing halfway is given up after a few attempts, never looped on.
          expect(ledger.states[row], `row ${row}: ${JSON.stringify(ledger.states[row])}`).toMatchObject({
            status: 'failed',
            reason: 'attempts_exhausted',
          });
          expect(copies).toHaveLength(0);
        }
      }
      expect(sent.length).toBeGreaterThan(0);
      // No half-made draft is left behind.
      await fetch(`${server.baseUrl}/dev/graph/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: 'null',
      });
      const token = await server.token('anna@contoso.com', { resource: 'graph' });
      const drafts = (await server.call('GET', '/dev/graph/v1.0/me/mailFolders/drafts/messages', { token })).json<{
        value: unknown[];
      }>();
      expect(drafts.value).toHaveLength(0);
    },
    90_000,
  );
});
