/**
 * The campaign runner with the production Graph client against the stand-in, for what Exchange
 * does that a campaign must survive (docs/microsoft-behaviour.md): a shared mailbox without the
 * right, an upload origin the browser cannot reach, the 24-hour limit answered by non-delivery
 * reports and a restricted sender, mail sent from elsewhere counting against the limit, and a
 * permission taken away.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newLedger, type CampaignLedger } from '../../addin/src/campaign/campaign.js';
import { runCampaign, type RunOptions } from '../../addin/src/campaign/campaignRunner.js';
import type { OutgoingMessage } from '../../addin/src/campaign/outgoingMessage.js';
import { mailboxHealth } from '../../addin/src/campaign/deliveryReports.js';
import { SendLog } from '../../addin/src/campaign/sendLog.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { GRAPH_PERMISSIONS } from '#shared/api/graphScopes.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;

const clientFor = (target: TestServer, email: string, fetchImpl?: typeof fetch) =>
  new GraphMailClient(
    target.services.config.graph.baseUrl,
    (scopes) => target.token(email, { resource: 'graph', scopes: [...scopes] }),
    fetchImpl,
  );

const rows = (count: number, extra: Partial<OutgoingMessage> = {}) =>
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
        ...extra,
      },
    ]),
  );

const run = (
  ledger: CampaignLedger,
  messages: Map<number, OutgoingMessage>,
  options: Partial<RunOptions> & Pick<RunOptions, 'graph'>,
) =>
  runCampaign(ledger, messages, {
    ratePerMinute: 600_000,
    save: () => {},
    settleDelayMs: 5,
    settleChecks: 4,
    backoffMs: 1,
    ...options,
  });

const delivered = async (target = server) =>
  (await target.call('GET', '/dev/mailbox/messages')).json<
    Array<{ from: string; sender: string; to: string[]; marker: string }>
  >();

beforeAll(async () => {
  server = await startTestServer({
    GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
    GRAPH_STANDIN_SEND_DELAY_MS: '0-20',
    GRAPH_STANDIN_LATENCY_MS: '0',
  });
});
beforeEach(async () => {
  await server.call('DELETE', '/dev/mailbox/messages');
  await server.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS] } });
});
afterAll(() => server.close());

describe("a campaign from a shared mailbox (Microsoft's recipe)", () => {
  it('sends the first row alone: without Send As or Send on Behalf the campaign stops after one try, every other row untouched', async () => {
    await server.call('PUT', '/dev/graph/rights', {
      body: { mailbox: 'sales@contoso.com', user: 'ivan@contoso.com', rights: ['FullAccess'] },
    });
    let creates = 0;
    const counting: typeof fetch = (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/me/messages')) creates++;
      return fetch(input, init);
    };
    const messages = rows(5);
    const ledger = await run(
      newLedger('shared-denied', [...messages.keys()], 'sales@contoso.com', Date.now()),
      messages,
      { graph: clientFor(server, 'ivan@contoso.com', counting) },
    );
    expect(ledger.status).toBe('blocked');
    expect(ledger.blocked).toMatchObject({ reason: 'send_as_denied' });
    expect(Object.values(ledger.states)).toEqual(Array.from({ length: 5 }, () => ({ status: 'pending' })));
    expect(creates).toBe(1);
    expect(await delivered()).toEqual([]);
    // The canary's draft is removed: nothing is left behind in the user's Drafts.
    expect(await clientFor(server, 'ivan@contoso.com').findByMarker('drafts', 'shared-denied:2')).toEqual([]);

    // IT grants Send on Behalf; resuming sends every row once, on behalf of the shared mailbox.
    await server.call('PUT', '/dev/graph/rights', {
      body: { mailbox: 'sales@contoso.com', user: 'ivan@contoso.com', rights: ['SendOnBehalf'] },
    });
    const resumed = await run(ledger, messages, { graph: clientFor(server, 'ivan@contoso.com') });
    expect(resumed.status).toBe('finished');
    await server.call('POST', '/dev/graph/clock', { body: { advanceMs: 100 } });
    const sent = await delivered();
    expect(sent.map((m) => m.to[0]).sort()).toEqual([...messages.values()].map((m) => m.to).sort());
    expect(new Set(sent.map((m) => `${m.from}|${m.sender}`))).toEqual(new Set(['sales@contoso.com|ivan@contoso.com']));
  });

  it("needs no Full Access: large files go through upload sessions in the user's own mailbox", async () => {
    await server.call('PUT', '/dev/graph/rights', {
      body: { mailbox: 'sales@contoso.com', user: 'june@contoso.com', rights: ['SendAs'] },
    });
    const file = Buffer.alloc(3 * 1024 * 1024 + 1, 7).toString('base64');
    const messages = rows(2, { attachments: ['big.bin'] });
    const ledger = await run(
      newLedger('shared-files', [...messages.keys()], 'sales@contoso.com', Date.now()),
      messages,
      {
        graph: clientFor(server, 'june@contoso.com'),
        attachment: async (name) => ({
          '@odata.type': '#microsoft.graph.fileAttachment',
          name,
          contentType: 'application/octet-stream',
          contentBytes: file,
        }),
      },
    );
    expect(ledger.status).toBe('finished');
    expect(Object.values(ledger.states).map((s) => s.status)).toEqual(['sent', 'sent']);
  });
});

describe('a failure that repeats ends the row, never a loop', () => {
  it('gives up a row whose upload the browser cannot make (a Content-Security-Policy block) after three attempts', async () => {
    let creates = 0;
    let uploads = 0;
    // What a CSP block looks like to fetch: a network error, for the upload origin only.
    const blocked: typeof fetch = (input, init) => {
      const url = String(input);
      if (init?.method === 'POST' && url.endsWith('/me/messages')) creates++;
      if (url.includes('/AttachmentSessions(')) {
        uploads++;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return fetch(input, init);
    };
    const file = Buffer.alloc(3 * 1024 * 1024, 1).toString('base64');
    const messages = rows(1, { attachments: ['film.mp4'] });
    const ledger = await run(newLedger('csp', [2], null, Date.now()), messages, {
      graph: clientFor(server, 'anna@contoso.com', blocked),
      attachment: async (name) => ({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name,
        contentType: 'video/mp4',
        contentBytes: file,
      }),
    });
    expect(ledger.status).toBe('finished');
    expect(ledger.states[2]).toMatchObject({
      status: 'failed',
      reason: 'attempts_exhausted',
      message: expect.stringContaining('Failed to fetch'),
    });
    expect([creates, uploads]).toEqual([3, 3]);
    expect(await delivered()).toEqual([]);
    expect(await clientFor(server, 'anna@contoso.com').findByMarker('drafts', 'csp:2')).toEqual([]);
  });

  it('blocks the campaign, not every row, when Graph refuses access (a permission taken away)', async () => {
    // Consent withdrawn: the tokens the pane holds carry no Mail.ReadWrite any more, and Graph answers 403.
    await server.call('PUT', '/dev/idp/consent', { body: { scopes: ['Mail.Send', 'User.Read'] } });
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const graph = new GraphMailClient(server.services.config.graph.baseUrl, async () => token);
    const messages = rows(3);
    const ledger = await run(newLedger('denied', [...messages.keys()], null, Date.now()), messages, { graph });
    expect(ledger).toMatchObject({ status: 'blocked', blocked: { reason: 'access_denied' } });
    expect(Object.values(ledger.states)).toEqual(Array.from({ length: 3 }, () => ({ status: 'pending' })));
  });
});

describe('the 24-hour limit answered by non-delivery reports', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({
      GRAPH_STANDIN_RATE_PER_MINUTE: '100000',
      GRAPH_STANDIN_DAILY_RECIPIENTS: '3',
      GRAPH_STANDIN_RESTRICT_AFTER: '0',
      GRAPH_STANDIN_SEND_DELAY_MS: '0',
    });
  });
  afterAll(() => small.close());
  beforeEach(() => small.call('DELETE', '/dev/mailbox/messages'));

  it('marks the rows Exchange returned with 5.1.90 and waits a day; a restricted sender (5.1.8) blocks the campaign until IT releases them', async () => {
    const graph = clientFor(small, 'anna@contoso.com');
    const messages = rows(7);
    // No budget on this device: only the reports can tell.
    const options = { graph, health: mailboxHealth(graph), checkEveryMs: 0, concurrency: 1 };
    const first = await run(newLedger('ndr', [...messages.keys()], null, Date.now() - 1000), messages, options);
    expect(first.status).toBe('waiting');
    expect(first.resumeAt).toBeGreaterThan(Date.now() + 23 * 3600_000);
    const states = Object.values(first.states);
    expect(states.filter((s) => s.status === 'sent')).toHaveLength(3);
    expect(states.filter((s) => s.status === 'failed').map((s) => (s.status === 'failed' ? s.reason : ''))).toEqual([
      'daily_limit',
    ]);
    expect((await delivered(small)).map((m) => m.to[0])).toEqual([
      'r0@fabrikam.com',
      'r1@fabrikam.com',
      'r2@fabrikam.com',
    ]);

    // Resuming later (the sender did not wait): Exchange has restricted Anna by now, and says so with 5.1.8.
    const second = await run(first, messages, options);
    expect(second).toMatchObject({ status: 'blocked', blocked: { reason: 'sender_restricted' } });
    const failed = Object.values(second.states).filter((s) => s.status === 'failed');
    expect(failed.map((s) => (s.status === 'failed' ? s.reason : '')).sort()).toContain('sender_restricted');
    expect(Object.values(second.states).some((s) => s.status === 'pending')).toBe(true);
    expect(await delivered(small)).toHaveLength(3);
  });

  it('counts what the mailbox sent from elsewhere (Sent Items) before sending, and waits instead of sending into the limit', async () => {
    const graph = clientFor(small, 'anna@contoso.com');
    // Another device sent to two recipients today.
    await graph.sendMail({
      subject: 'Elsewhere',
      body: { contentType: 'HTML', content: 'x' },
      toRecipients: [{ emailAddress: { address: 'x@fabrikam.com' } }, { emailAddress: { address: 'y@fabrikam.com' } }],
    });
    const log = new SendLog(null, 3, (since) => graph.sentSince(since));
    const messages = rows(3);
    const ledger = await run(newLedger('budget', [...messages.keys()], null, Date.now()), messages, {
      graph,
      budget: log,
      onSent: (n, at) => log.record(n, at),
      health: mailboxHealth(graph),
    });
    expect(ledger.status).toBe('waiting');
    expect(Object.values(ledger.states).filter((s) => s.status === 'sent')).toHaveLength(1);
    expect(Object.values(ledger.states).some((s) => s.status === 'failed')).toBe(false);
    expect(await graph.inboxSince(Date.now() - 60_000)).toEqual([]);
  });
});
