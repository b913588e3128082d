/**
 * The production Graph client against the development stand-in, over real HTTP. The stand-in is a
 * specification of Microsoft Graph and Exchange Online: each test here proves one behaviour of
 * docs/microsoft-behaviour.md (its page is named in the test).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readDeliveryReport } from '../../addin/src/campaign/deliveryReports.js';
import { GraphMailClient, GraphRequestError, type GraphMessage } from '../../addin/src/graph/graphMailClient.js';
import {
  CAMPAIGN_MARKER_PROPERTY_ID,
  DEFERRED_SEND_TIME_PROPERTY_ID,
  deferredSendTimeValue,
  ROW_MARKER_PROPERTY_ID,
} from '#shared/api/graphMarker.js';
import { GRAPH_PERMISSIONS } from '#shared/api/graphScopes.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let client: GraphMailClient;

/** A client as the pane builds it: it asks the identity provider for the scopes each operation needs. */
function clientFor(target: TestServer, email: string): GraphMailClient {
  return new GraphMailClient(target.services.config.graph.baseUrl, (scopes) =>
    target.token(email, { resource: 'graph', scopes: [...scopes] }),
  );
}

beforeAll(async () => {
  server = await startTestServer({ GRAPH_STANDIN_RATE_PER_MINUTE: '3', GRAPH_STANDIN_SEND_DELAY_MS: '0' });
  client = clientFor(server, 'anna@contoso.com');
});
beforeEach(async () => {
  await server.call('DELETE', '/dev/mailbox/messages');
  await server.call('PUT', '/dev/graph/delivery', { body: { min: 0, max: 0, seed: 1 } });
  await server.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS] } });
});
afterAll(() => server.close());

const message = (to: string, extra: Partial<GraphMessage> = {}): GraphMessage => ({
  subject: 'Hello',
  body: { contentType: 'HTML', content: '<p>Hi</p>' },
  toRecipients: [{ emailAddress: { address: to } }],
  ...extra,
});
const marked = (to: string, marker: string, extra: Partial<GraphMessage> = {}) =>
  message(to, { singleValueExtendedProperties: [{ id: ROW_MARKER_PROPERTY_ID, value: marker }], ...extra });

async function failure(promise: Promise<unknown>): Promise<GraphRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphRequestError)) throw new Error(`expected a GraphRequestError, got ${String(error)}`);
  return error;
}

const delivered = async (target = server) =>
  (await target.call('GET', '/dev/mailbox/messages')).json<
    Array<{
      mailbox: string;
      from: string;
      sender: string;
      sentBy: string;
      to: string[];
      cc: string[];
      subject: string;
      html: string;
      marker: string | null;
      attachments: Array<{ name: string; size: number }>;
    }>
  >();

describe('Graph stand-in with the production client', () => {
  it('accepts sendMail with 202 and delivers it', async () => {
    await client.sendMail(
      message('bob@fabrikam.com', { ccRecipients: [{ emailAddress: { address: 'cc@fabrikam.com' } }] }),
    );
    expect((await delivered()).map((m) => [m.from, m.to, m.cc, m.subject, m.html])).toEqual([
      ['anna@contoso.com', ['bob@fabrikam.com'], ['cc@fabrikam.com'], 'Hello', '<p>Hi</p>'],
    ]);
  });

  it('answers 400 for malformed messages', async () => {
    expect(await failure(client.sendMail(message('not-an-address')))).toMatchObject({
      kind: 'rejected',
      status: 400,
      code: 'ErrorInvalidRecipients',
    });
    expect(await failure(client.sendMail({ ...message('a@b.com'), toRecipients: [] }))).toMatchObject({
      status: 400,
      code: 'ErrorInvalidRecipients',
    });
    expect(await failure(client.sendMail(message('a@b.com', { subject: 'two\r\nlines' })))).toMatchObject({
      status: 400,
      code: 'ErrorInvalidRequest',
    });
  });

  it("answers errors in Graph's shape with request-id and the client's client-request-id echoed (graph/errors)", async () => {
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const response = await server.call('POST', '/dev/graph/v1.0/me/sendMail', {
      token,
      body: { message: { toRecipients: [] } },
      headers: { 'client-request-id': 'c0ffee00-1111-2222-3333-444455556666' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['client-request-id']).toBe('c0ffee00-1111-2222-3333-444455556666');
    expect(response.headers['request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const body = response.json<{ error: { code: string; message: string; innerError: Record<string, string> } }>();
    expect(Object.keys(body.error)).toEqual(['code', 'message', 'innerError']);
    expect(body.error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
      'request-id': response.headers['request-id'],
      'client-request-id': 'c0ffee00-1111-2222-3333-444455556666',
    });
    const ok = await server.call('POST', '/dev/graph/v1.0/me/messages', { token, body: message('a@b.com') });
    expect(ok.statusCode).toBe(201);
    expect(ok.headers['client-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('requires a Graph token: 401 InvalidAuthenticationToken otherwise', async () => {
    const withApiToken = new GraphMailClient(server.services.config.graph.baseUrl, () =>
      server.token('anna@contoso.com'),
    );
    expect(await failure(withApiToken.sendMail(message('a@b.com')))).toMatchObject({
      kind: 'auth',
      status: 401,
      code: 'InvalidAuthenticationToken',
    });
  });

  it('throttles above the configured message rate with 429 and Retry-After', async () => {
    for (let i = 0; i < 3; i++) await client.sendMail(message(`u${i}@fabrikam.com`));
    const throttled = await failure(client.sendMail(message('u4@fabrikam.com')));
    expect(throttled).toMatchObject({ kind: 'throttled', status: 429, code: 'ApplicationThrottled' });
    expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('classifies a connection that cannot be made as ambiguous (may have been delivered)', async () => {
    const offline = new GraphMailClient('http://127.0.0.1:9', async () => 'token');
    expect(await failure(offline.sendMail(message('a@b.com')))).toMatchObject({ kind: 'ambiguous', status: 0 });
  });
});

describe('the development identity provider grants what the app registration is consented to (Entra)', () => {
  it('puts every consented scope in scp, and answers AADSTS65001 consent_required for a scope without consent', async () => {
    const granted = await server.call('POST', '/dev/idp/token', {
      body: { email: 'anna@contoso.com', resource: 'graph', scopes: ['https://graph.microsoft.com/Mail.Send'] },
    });
    const scp = JSON.parse(
      Buffer.from(granted.json<{ access_token: string }>().access_token.split('.')[1]!, 'base64url').toString(),
    ).scp as string;
    expect(scp.split(' ').sort()).toEqual([...GRAPH_PERMISSIONS].sort());
    const refused = await server.call('POST', '/dev/idp/token', {
      body: { email: 'anna@contoso.com', resource: 'graph', scopes: ['Mail.ReadWrite.Shared', 'openid'] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: 'invalid_grant',
      suberror: 'consent_required',
      error_codes: [65001],
      error_description: expect.stringMatching(/^AADSTS65001: The user or administrator has not consented/),
    });
  });

  it('takes a permission away at run time: the pane cannot get a token for the operation that needs it', async () => {
    expect((await server.call('PUT', '/dev/idp/consent', { body: { scopes: ['not a scope'] } })).statusCode).toBe(400);
    await server.call('PUT', '/dev/idp/consent', { body: { scopes: ['User.Read', 'Mail.Send'] } });
    await expect(client.createDraft(message('a@b.com'))).rejects.toThrow(/consent|400/);
    await client.sendMail(message('a@b.com'));
  });
});

describe("delegated permissions per operation (each API page's Permissions table)", () => {
  const raw = async (scopes: string[], method: 'GET' | 'POST', url: string, body?: unknown) => {
    await server.call('PUT', '/dev/idp/consent', { body: { scopes } });
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    return server.call(method, url, { token, ...(body === undefined ? {} : { body }) });
  };

  it('refuses with 403 ErrorAccessDenied "Access is denied. Check credentials and try again." when the scope is missing', async () => {
    const denied = await raw(['Mail.Send'], 'POST', '/dev/graph/v1.0/me/messages', message('a@b.com'));
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({
      error: { code: 'ErrorAccessDenied', message: 'Access is denied. Check credentials and try again.' },
    });
    expect((await raw(['Mail.ReadWrite'], 'POST', '/dev/graph/v1.0/me/messages', message('a@b.com'))).statusCode).toBe(
      201,
    );
    expect(
      (await raw(['Mail.ReadWrite'], 'POST', '/dev/graph/v1.0/me/sendMail', { message: message('a@b.com') }))
        .statusCode,
    ).toBe(403);
    expect((await raw(['Mail.Send'], 'GET', '/dev/graph/v1.0/me/contacts')).statusCode).toBe(403);
    expect((await raw(['Contacts.Read'], 'GET', '/dev/graph/v1.0/me/contacts')).statusCode).toBe(200);
  });

  it('lets Mail.ReadBasic list messages, but not filter on extended properties or read bodies', async () => {
    const filter = encodeURIComponent(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${ROW_MARKER_PROPERTY_ID}' and ep/value eq 'x')`,
    );
    expect(
      (await raw(['Mail.ReadBasic'], 'GET', '/dev/graph/v1.0/me/mailFolders/drafts/messages?$select=subject'))
        .statusCode,
    ).toBe(200);
    expect(
      (await raw(['Mail.ReadBasic'], 'GET', `/dev/graph/v1.0/me/mailFolders/drafts/messages?$filter=${filter}`))
        .statusCode,
    ).toBe(403);
    expect(
      (await raw(['Mail.ReadBasic'], 'GET', '/dev/graph/v1.0/me/mailFolders/inbox/messages?$select=body')).statusCode,
    ).toBe(403);
    expect(
      (await raw(['Mail.ReadWrite'], 'GET', `/dev/graph/v1.0/me/mailFolders/drafts/messages?$filter=${filter}`))
        .statusCode,
    ).toBe(200);
  });
});

describe('shared mailboxes (concepts/outlook-send-mail-from-other-user.md)', () => {
  const setRights = (user: string, rights: string[], mailbox = 'sales@contoso.com') =>
    server.call('PUT', '/dev/graph/rights', { body: { mailbox, user, rights } });

  it("sends as the shared mailbox from a draft in the user's own mailbox with `from` set: Send As alone suffices, the copy is in the user's Sent Items", async () => {
    await setRights('carl@contoso.com', ['SendAs']);
    const carl = clientFor(server, 'carl@contoso.com');
    const id = await carl.createDraft(
      marked('bob@fabrikam.com', 'row-1', { from: { emailAddress: { address: 'sales@contoso.com' } } }),
    );
    await carl.sendDraft(id, { sendAs: 'sales@contoso.com' });
    expect((await delivered()).map((m) => [m.from, m.sender, m.sentBy])).toEqual([
      ['sales@contoso.com', 'sales@contoso.com', 'carl@contoso.com'],
    ]);
    expect(await carl.findByMarker('sentitems', 'row-1')).toHaveLength(1);
  });

  it('shows sender ≠ from with Send on Behalf', async () => {
    await setRights('dora@contoso.com', ['SendOnBehalf']);
    const dora = clientFor(server, 'dora@contoso.com');
    await dora.sendDraft(
      await dora.createDraft(message('bob@fabrikam.com', { from: { emailAddress: { address: 'sales@contoso.com' } } })),
      { sendAs: 'sales@contoso.com' },
    );
    expect((await delivered()).map((m) => [m.from, m.sender])).toEqual([['sales@contoso.com', 'dora@contoso.com']]);
  });

  it("refuses a user with neither right: 403 ErrorSendAsDenied with Microsoft's text; without Mail.Send.Shared: 403 ErrorAccessDenied", async () => {
    await setRights('erin@contoso.com', ['FullAccess']);
    const erin = clientFor(server, 'erin@contoso.com');
    const id = await erin.createDraft(
      message('bob@fabrikam.com', { from: { emailAddress: { address: 'sales@contoso.com' } } }),
    );
    expect(await failure(erin.sendDraft(id, { sendAs: 'sales@contoso.com' }))).toMatchObject({
      kind: 'forbidden',
      status: 403,
      code: 'ErrorSendAsDenied',
      message:
        'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account. Cannot submit message.',
    });
    await setRights('erin@contoso.com', ['SendAs']);
    await server.call('PUT', '/dev/idp/consent', { body: { scopes: ['Mail.ReadWrite', 'Mail.Send'] } });
    const token = await server.token('erin@contoso.com', { resource: 'graph' });
    const noShared = await server.call('POST', `/dev/graph/v1.0/me/messages/${id}/send`, { token });
    expect(noShared.json()).toMatchObject({ error: { code: 'ErrorAccessDenied' } });
    expect(await delivered()).toEqual([]);
  });

  it('needs Full Access for anything under /users/{shared}, and then the `.Shared` scopes', async () => {
    await setRights('carl@contoso.com', ['SendAs']);
    const token = await server.token('carl@contoso.com', { resource: 'graph' });
    expect(
      (
        await server.call('POST', '/dev/graph/v1.0/users/sales@contoso.com/messages', {
          token,
          body: message('a@b.com'),
        })
      ).json(),
    ).toMatchObject({ error: { code: 'ErrorAccessDenied' } });
    expect(
      await failure(clientFor(server, 'carl@contoso.com').listContacts({ mailbox: 'sales@contoso.com' })),
    ).toMatchObject({ kind: 'forbidden', code: 'ErrorAccessDenied' });
    // Anna has Full Access on team@: contacts with Contacts.Read.Shared; drafts there would need Mail.ReadWrite.Shared, which Outmerge does not ask for.
    expect(await client.listContacts({ mailbox: 'team@contoso.com', category: 'VIP' })).toHaveLength(12);
    const anna = await server.token('anna@contoso.com', { resource: 'graph' });
    expect(
      (
        await server.call('POST', '/dev/graph/v1.0/users/team@contoso.com/messages', {
          token: anna,
          body: message('a@b.com'),
        })
      ).statusCode,
    ).toBe(403);
  });

  it("refuses a delegated upload session on an item in a shared mailbox (Graph known issue), but not in the user's own", async () => {
    await server.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS, 'Mail.ReadWrite.Shared'] } });
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const draft = (
      await server.call('POST', '/dev/graph/v1.0/users/team@contoso.com/messages', { token, body: message('a@b.com') })
    ).json<{ id: string }>();
    const session = await server.call(
      'POST',
      `/dev/graph/v1.0/users/team@contoso.com/messages/${draft.id}/attachments/createUploadSession`,
      { token, body: { AttachmentItem: { attachmentType: 'file', name: 'big.bin', size: 4 * 1024 * 1024 } } },
    );
    expect(session.statusCode).toBe(403);
    expect(session.json()).toMatchObject({ error: { code: 'ErrorAccessDenied' } });
  });
});

describe('sending is not instant (concepts/outlook-things-to-know-about-send-mail.md)', () => {
  it('keeps a sent draft in Drafts until transport moves it to Sent Items, under a new id', async () => {
    await server.call('PUT', '/dev/graph/delivery', { body: { min: 300, max: 300, seed: 7 } });
    const id = await client.createDraft(marked('bob@fabrikam.com', 'slow'));
    await client.sendDraft(id);
    expect(await client.findByMarker('drafts', 'slow')).toEqual([id]);
    expect(await client.findByMarker('sentitems', 'slow')).toEqual([]);
    expect(await delivered()).toEqual([]);
    await server.call('POST', '/dev/graph/clock', { body: { advanceMs: 300 } });
    const [moved] = await client.findByMarker('sentitems', 'slow');
    expect(moved).toBeDefined();
    expect(moved).not.toBe(id);
    expect(await client.findByMarker('drafts', 'slow')).toEqual([]);
    expect(await failure(client.sendDraft(id))).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });
    expect(await delivered()).toHaveLength(1);
  });

  it('delivers twice a draft sent again while it was still in transit (send is not documented as idempotent)', async () => {
    await server.call('PUT', '/dev/graph/delivery', { body: { min: 500, max: 500, seed: 7 } });
    const id = await client.createDraft(marked('bob@fabrikam.com', 'twice'));
    await client.sendDraft(id);
    await client.sendDraft(id);
    await server.call('POST', '/dev/graph/clock', { body: { advanceMs: 500 } });
    expect((await delivered()).filter((m) => m.marker === 'twice')).toHaveLength(2);
  });
});

describe('deferred delivery: PidTagDeferredSendTime (SystemTime 0x3FEF; MS-OXOMSG 2.2.3.4)', () => {
  const HOUR = 3600_000;
  const standInNow = async () =>
    Date.parse((await server.call('POST', '/dev/graph/clock', { body: { advanceMs: 0 } })).json<{ now: string }>().now);
  const advance = (ms: number) => server.call('POST', '/dev/graph/clock', { body: { advanceMs: ms } });
  const scheduled = (to: string, row: string, at: number, campaign = 'c-1') =>
    marked(to, row, {
      singleValueExtendedProperties: [
        { id: ROW_MARKER_PROPERTY_ID, value: row },
        { id: CAMPAIGN_MARKER_PROPERTY_ID, value: campaign },
        { id: DEFERRED_SEND_TIME_PROPERTY_ID, value: deferredSendTimeValue(at) },
      ],
    });

  it('accepts the send (202), holds the message in Drafts under the same id until its time, then delivers it and moves it to Sent Items', async () => {
    const at = (await standInNow()) + 2 * HOUR;
    const id = await client.createDraft(scheduled('bob@fabrikam.com', 'held-1', at));
    await client.sendDraft(id);
    await advance(HOUR);
    expect(await client.findByMarker('drafts', 'held-1')).toEqual([id]);
    expect(await client.findByMarker('sentitems', 'held-1')).toEqual([]);
    expect(await delivered()).toEqual([]);
    // The campaign's held messages are listed with their deferred send time.
    expect(await client.campaignDrafts('c-1')).toEqual([{ id, deferredUntil: Math.floor(at / 1000) * 1000 }]);
    expect(await client.campaignDrafts('another')).toEqual([]);
    await advance(HOUR);
    expect((await delivered()).map((m) => [m.to, m.marker])).toEqual([[['bob@fabrikam.com'], 'held-1']]);
    expect(await client.findByMarker('drafts', 'held-1')).toEqual([]);
    expect(await client.findByMarker('sentitems', 'held-1')).toHaveLength(1);
    expect(await client.campaignDrafts('c-1')).toEqual([]);
  });

  it('cancels a held message deleted before its time: nothing is delivered', async () => {
    const at = (await standInNow()) + HOUR;
    const id = await client.createDraft(scheduled('bob@fabrikam.com', 'held-2', at));
    await client.sendDraft(id);
    await client.deleteMessage(id);
    await advance(2 * HOUR);
    expect(await delivered()).toEqual([]);
    expect(await client.findByMarker('sentitems', 'held-2')).toEqual([]);
  });

  it('sends at once a message whose deferred send time has passed, also through sendMail', async () => {
    await client.sendMail(scheduled('carol@fabrikam.com', 'past', (await standInNow()) - HOUR));
    expect((await delivered()).map((m) => m.marker)).toEqual(['past']);
  });

  it('applies the 24-hour recipient limit when the held message goes out, not when it was submitted', async () => {
    const limited = await startTestServer({
      GRAPH_STANDIN_RATE_PER_MINUTE: '10',
      GRAPH_STANDIN_SEND_DELAY_MS: '0',
      GRAPH_STANDIN_DAILY_RECIPIENTS: '2',
    });
    try {
      await limited.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS] } });
      const anna = clientFor(limited, 'anna@contoso.com');
      const now = Date.parse(
        (await limited.call('POST', '/dev/graph/clock', { body: { advanceMs: 0 } })).json<{ now: string }>().now,
      );
      // Two today fill the day; the held one goes out 25 hours later, in a fresh window.
      for (const row of ['d1', 'd2']) await anna.sendMail(marked(`${row}@fabrikam.com`, row));
      const id = await anna.createDraft(scheduled('later@fabrikam.com', 'd3', now + 25 * HOUR));
      await anna.sendDraft(id);
      await limited.call('POST', '/dev/graph/clock', { body: { advanceMs: 26 * HOUR } });
      expect((await delivered(limited)).map((m) => m.marker)).toEqual(['d1', 'd2', 'd3']);
    } finally {
      await limited.close();
    }
  });

  it('refuses an invalid deferred send time and a malformed property id, like Exchange: 400, nothing created', async () => {
    const bad = (value: string) =>
      marked('bob@fabrikam.com', 'bad', {
        singleValueExtendedProperties: [{ id: DEFERRED_SEND_TIME_PROPERTY_ID, value }],
      });
    for (const value of ['tomorrow', '2026-13-45T99:00:00Z', '2026-03-12', '2026-03-12T10:00:00'])
      expect(await failure(client.createDraft(bad(value)))).toMatchObject({
        kind: 'rejected',
        status: 400,
        code: 'ErrorInvalidExtendedPropertyValue',
      });
    expect(await failure(client.sendMail(bad('not a time')))).toMatchObject({
      status: 400,
      code: 'ErrorInvalidExtendedPropertyValue',
    });
    expect(
      await failure(
        client.createDraft(
          message('bob@fabrikam.com', {
            singleValueExtendedProperties: [{ id: 'Time 0x3FEF', value: '2026-03-12T10:00:00Z' }],
          }),
        ),
      ),
    ).toMatchObject({
      status: 400,
      code: 'ErrorInvalidExtendedProperty',
    });
    expect(await client.findByMarker('drafts', 'bad')).toEqual([]);
    expect(await delivered()).toEqual([]);
  });
});

describe('Outlook service limits (graph/throttling-limits)', () => {
  it('allows a limited number of requests per app and mailbox in 10 minutes, then 429 with Retry-After; other mailboxes are not affected', async () => {
    const small = await startTestServer({
      GRAPH_STANDIN_REQUESTS_PER_10_MINUTES: '3',
      GRAPH_STANDIN_SEND_DELAY_MS: '0',
    });
    try {
      const anna = clientFor(small, 'anna@contoso.com');
      for (let i = 0; i < 3; i++) await anna.findByMarker('drafts', 'x');
      const throttled = await failure(anna.findByMarker('drafts', 'x'));
      expect(throttled).toMatchObject({ kind: 'throttled', status: 429, code: 'ApplicationThrottled' });
      expect(throttled.retryAfterSeconds).toBeGreaterThan(590);
      await clientFor(small, 'bob@contoso.com').findByMarker('drafts', 'x');
      await small.call('POST', '/dev/graph/clock', { body: { advanceMs: 10 * 60_000 } });
      await anna.findByMarker('drafts', 'x');
    } finally {
      await small.close();
    }
  });

  it('allows a limited volume of uploads per app and mailbox in 5 minutes: "Application is over its IncomingBytes limit."', async () => {
    const small = await startTestServer({
      GRAPH_STANDIN_UPLOAD_BYTES_PER_5_MINUTES: String(5 * 1024 * 1024),
      GRAPH_STANDIN_SEND_DELAY_MS: '0',
    });
    try {
      const anna = clientFor(small, 'anna@contoso.com');
      const id = await anna.createDraft(message('bob@fabrikam.com'));
      const throttled = await failure(
        anna.uploadAttachment(id, {
          name: 'big.bin',
          contentType: 'application/octet-stream',
          bytes: new Uint8Array(7 * 1024 * 1024),
        }),
      );
      expect(throttled).toMatchObject({
        kind: 'throttled',
        status: 429,
        code: 'ApplicationThrottled',
        message: 'Application is over its IncomingBytes limit.',
      });
      expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });

  it('runs at most 4 requests at once per mailbox: the fifth is 429 MailboxConcurrency', async () => {
    const slow = await startTestServer({ GRAPH_STANDIN_LATENCY_MS: '200' });
    try {
      const anna = clientFor(slow, 'anna@contoso.com');
      await anna.findByMarker('drafts', 'warm-up');
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => anna.findByMarker('drafts', 'x')));
      const refused = results
        .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        .map((r) => r.reason as GraphRequestError);
      expect(refused.map((e) => [e.status, e.code, e.message])).toEqual([
        [429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'],
      ]);
    } finally {
      await slow.close();
    }
  });
});

describe('the 24-hour recipient limit of a business mailbox (Exchange Online limits; NDR 5.1.90, 5.1.8)', () => {
  it('accepts the send, then returns a 5.1.90 report to the Inbox; a sender who keeps sending is restricted (5.1.8) until released', async () => {
    const small = await startTestServer({
      GRAPH_STANDIN_DAILY_RECIPIENTS: '3',
      GRAPH_STANDIN_RESTRICT_AFTER: '1',
      GRAPH_STANDIN_SEND_DELAY_MS: '0',
    });
    try {
      const graph = clientFor(small, 'anna@contoso.com');
      const start = Date.now() - 1000;
      await graph.sendMail(
        message('bob@fabrikam.com', { ccRecipients: [{ emailAddress: { address: 'cc@fabrikam.com' } }] }),
      );
      await graph.sendMail(
        message('carl@fabrikam.com', { bccRecipients: [{ emailAddress: { address: 'dee@fabrikam.com' } }] }),
      );
      await graph.sendMail(message('erin@fabrikam.com'));
      await graph.sendMail(message('fred@fabrikam.com'));
      await graph.sendMail(message('gail@fabrikam.com'));
      expect((await delivered(small)).map((m) => m.to[0])).toEqual(['bob@fabrikam.com', 'erin@fabrikam.com']);
      const inbox = await graph.inboxSince(start);
      expect(inbox.map((r) => [r.from, r.subject])).toEqual(
        Array.from({ length: 3 }, () => ['postmaster@contoso.com', 'Undeliverable: Hello']),
      );
      const reports = inbox.map((r) => readDeliveryReport(r)).map((r) => [r?.kind, r?.addresses]);
      // Carl's and Fred's messages went over the limit (Fred's made Exchange restrict Anna); Gail's met the restriction.
      expect(reports.sort()).toEqual([
        ['daily_limit', ['carl@fabrikam.com', 'dee@fabrikam.com']],
        ['daily_limit', ['fred@fabrikam.com']],
        ['sender_restricted', ['gail@fabrikam.com']],
      ]);
      expect(inbox.find((r) => r.body.includes('gail'))?.body).toContain(
        "Remote Server returned '550 5.1.8 Access denied, bad outbound sender'",
      );
      expect(inbox.find((r) => r.body.includes('carl'))?.body).toMatch(
        /Remote Server returned '550 5.1.90 Your message can&#39;t be sent because you&#39;ve reached your daily limit for message recipients\.'/,
      );
      // A day later the limit is free again, but the restriction stays until an administrator releases the sender.
      await small.call('POST', '/dev/graph/clock', { body: { advanceMs: 24 * 3600_000 } });
      await graph.sendMail(message('hal@fabrikam.com'));
      expect(await delivered(small)).toHaveLength(2);
      expect(
        (await small.call('POST', '/dev/graph/restrictions/release', { body: { user: 'anna@contoso.com' } }))
          .statusCode,
      ).toBe(204);
      await graph.sendMail(message('hank@fabrikam.com'));
      expect((await delivered(small)).map((m) => m.to[0])).toContain('hank@fabrikam.com');
    } finally {
      await small.close();
    }
  });

  it('counts what the mailbox sent in the last 24 hours from Sent Items, across pages', async () => {
    for (let i = 0; i < 3; i++)
      await client.sendMail(
        message(`p${i}@fabrikam.com`, {
          ccRecipients: i === 0 ? [{ emailAddress: { address: 'cc@fabrikam.com' } }] : [],
        }),
      );
    const sent = await client.sentSince(Date.now() - 24 * 3600_000);
    expect(sent.map((s) => s.recipients).sort()).toEqual([1, 1, 2]);
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const page = await server.call(
      'GET',
      '/dev/graph/v1.0/me/mailFolders/sentitems/messages?$top=2&$select=sentDateTime',
      { token },
    );
    const next = page.json<{ value: unknown[]; '@odata.nextLink': string }>();
    expect(next.value).toHaveLength(2);
    const rest = await server.call(
      'GET',
      new URL(next['@odata.nextLink']).pathname + new URL(next['@odata.nextLink']).search,
      { token },
    );
    expect(rest.json<{ value: unknown[] }>().value).toHaveLength(1);
  });

  it('answers 400 to query options Graph refuses', async () => {
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const get = (query: string) =>
      server.call('GET', `/dev/graph/v1.0/me/mailFolders/sentitems/messages?${query}`, { token });
    expect((await get('$expand=attachments')).statusCode).toBe(400);
    expect((await get('$search=%22hello%22')).statusCode).toBe(400);
    expect((await get('$top=5000')).statusCode).toBe(400);
    expect((await get('$select=nope')).json()).toMatchObject({ error: { code: 'RequestBroker--ParseUri' } });
    expect(
      (await get(`$filter=${encodeURIComponent('sentDateTime ge 2026-01-01T00:00:00Z')}&$orderby=subject`)).json(),
    ).toMatchObject({
      error: { code: 'InefficientFilter', message: 'The restriction or sort order is too complex for this operation.' },
    });
    expect((await get(`$filter=${encodeURIComponent('subject eq 1')}`)).json()).toMatchObject({
      error: { code: 'ErrorInvalidUrlQueryFilter' },
    });
    expect(
      (
        await get(
          `$filter=${encodeURIComponent('sentDateTime ge 2026-01-01T00:00:00Z')}&$orderby=sentDateTime desc&$top=10`,
        )
      ).statusCode,
    ).toBe(200);
  });
});

describe('large attachments through upload sessions (graph/outlook-large-attachments)', () => {
  const draft = (extra: Partial<GraphMessage> = {}) => client.createDraft(message('bob@fabrikam.com', extra));

  it('uploads a 7 MB file in ranges to an upload URL on another origin, and the draft goes out with it', async () => {
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const id = await draft();
    const session = (
      await server.call('POST', `/dev/graph/v1.0/me/messages/${id}/attachments/createUploadSession`, {
        token,
        body: { AttachmentItem: { attachmentType: 'file', name: 'probe.bin', size: 3 * 1024 * 1024 } },
      })
    ).json<{ uploadUrl: string }>();
    const uploadUrl = new URL(session.uploadUrl);
    expect(uploadUrl.origin).not.toBe(new URL(server.baseUrl).origin);
    expect(uploadUrl.pathname).toMatch(/^\/api\/v2\.0\/Users\('.+'\)\/Messages\('.+'\)\/AttachmentSessions\('.+'\)$/);
    expect(uploadUrl.searchParams.get('authtoken')).toBeTruthy();
    // The pane's CSP lets it connect there.
    const csp = String((await server.call('GET', '/app-config.json')).headers['content-security-policy']);
    expect(csp).toMatch(new RegExp(`connect-src [^;]*${uploadUrl.origin.replace(/[.:/]/g, '\\$&')}`));

    await client.uploadAttachment(id, {
      name: 'film.mp4',
      contentType: 'video/mp4',
      bytes: new Uint8Array(7 * 1024 * 1024).fill(42),
    });
    await client.addAttachment(id, {
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: 'terms.txt',
      contentType: 'text/plain',
      contentBytes: Buffer.from('Terms').toString('base64'),
    });
    await client.sendDraft(id);
    const [sent] = await delivered();
    expect(sent?.attachments).toEqual([
      { name: 'film.mp4', contentType: 'video/mp4', size: 7 * 1024 * 1024 },
      { name: 'terms.txt', contentType: 'text/plain', size: 5 },
    ]);
  });

  it('refuses what Exchange refuses: small files, out-of-order ranges, an Authorization header (also in the CORS preflight), a 4 MB request body', async () => {
    const id = await draft();
    expect(
      await failure(
        client.uploadAttachment(id, { name: 'small.txt', contentType: 'text/plain', bytes: new Uint8Array(1000) }),
      ),
    ).toMatchObject({ status: 400, code: 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize' });
    expect(
      await failure(
        client.uploadAttachment('no-such-draft', {
          name: 'big.bin',
          contentType: 'x',
          bytes: new Uint8Array(3 * 1024 * 1024),
        }),
      ),
    ).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const session = (
      await server.call('POST', `/dev/graph/v1.0/me/messages/${id}/attachments/createUploadSession`, {
        token,
        body: { AttachmentItem: { attachmentType: 'file', name: 'big.bin', size: 3 * 1024 * 1024 } },
      })
    ).json<{ uploadUrl: string }>();
    const put = (range: string, length: number, headers: Record<string, string> = {}, url = session.uploadUrl) =>
      fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', 'content-range': range, ...headers },
        body: new Uint8Array(length),
      });
    expect((await put('bytes 1024-2047/3145728', 1024)).status).toBe(416);
    expect((await put('bytes 0-1023/3145728', 1024, { authorization: `Bearer ${token}` })).status).toBe(401);
    const first = await put('bytes 0-1023/3145728', 1024);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(await first.json()).toMatchObject({ nextExpectedRanges: ['1024-'] });
    expect((await put('bytes 1024-2047/3145728', 1024, {}, session.uploadUrl.replace(/\?.*$/, ''))).status).toBe(404);
    const preflight = await fetch(session.uploadUrl, {
      method: 'OPTIONS',
      headers: {
        origin: server.baseUrl,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-range',
      },
    });
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).not.toContain('authorization');
    const tooBig = Buffer.alloc(4 * 1024 * 1024).toString('base64');
    expect(
      (
        await failure(
          client.createDraft(
            message('bob@fabrikam.com', {
              attachments: [
                {
                  '@odata.type': '#microsoft.graph.fileAttachment',
                  name: 'x.bin',
                  contentType: 'x',
                  contentBytes: tooBig,
                },
              ],
            }),
          ),
        )
      ).status,
    ).toBe(413);
  });

  it("names Exchange's upload origins in the production CSP", async () => {
    const production = await startTestServer({ GRAPH_BASE_URL: 'https://graph.microsoft.com' });
    try {
      const csp = String((await production.call('GET', '/app-config.json')).headers['content-security-policy']);
      expect(/connect-src ([^;]*)/.exec(csp)?.[1]?.split(' ')).toEqual(
        expect.arrayContaining([
          'https://graph.microsoft.com',
          'https://outlook.office.com',
          'https://outlook.office365.com',
        ]),
      );
    } finally {
      await production.close();
    }
  });
});
