/**
 * Bounces, unsubscribes and follow-ups against the Graph stand-in with the production client and
 * the pane's own modules, over real HTTP. Each test proves a behaviour of
 * docs/microsoft-behaviour.md (its page named in the test).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphMailClient, GraphRequestError, type GraphMessage } from '../../addin/src/graph/graphMailClient.js';
import { MailboxSuppressions } from '../../addin/src/inbox/mailboxSuppressions.js';
import { readBounces } from '../../addin/src/inbox/nonDelivery.js';
import { followUpRecipients, rowOutcomes } from '../../addin/src/inbox/rowOutcomes.js';
import { UNSUBSCRIBE_TAG } from '../../addin/src/inbox/unsubscribe.js';
import { ROW_MARKER_PROPERTY_ID } from '#shared/api/graphMarker.js';
import { GRAPH_PERMISSIONS } from '#shared/api/graphScopes.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let anna: GraphMailClient;

function clientFor(email: string): GraphMailClient {
  return new GraphMailClient(server.services.config.graph.baseUrl, (scopes) =>
    server.token(email, { resource: 'graph', scopes: [...scopes] }),
  );
}

beforeAll(async () => {
  server = await startTestServer({
    GRAPH_STANDIN_RATE_PER_MINUTE: '100',
    GRAPH_STANDIN_SEND_DELAY_MS: '0',
    GRAPH_STANDIN_UNKNOWN_RECIPIENTS: 'nobody@fabrikam.com',
  });
  anna = clientFor('anna@contoso.com');
});
beforeEach(async () => {
  await server.call('DELETE', '/dev/mailbox/messages');
  await server.call('PUT', '/dev/idp/consent', { body: { scopes: [...GRAPH_PERMISSIONS] } });
});
afterAll(() => server.close());

const marked = (to: string, marker: string, extra: Partial<GraphMessage> = {}): GraphMessage => ({
  subject: `Hello ${to}`,
  body: { contentType: 'HTML', content: '<p>Hi</p>' },
  toRecipients: [{ emailAddress: { address: to } }],
  singleValueExtendedProperties: [{ id: ROW_MARKER_PROPERTY_ID, value: marker }],
  ...extra,
});

async function send(client: GraphMailClient, message: GraphMessage): Promise<void> {
  await client.sendDraft(await client.createDraft(message));
}

async function failure(promise: Promise<unknown>): Promise<GraphRequestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphRequestError)) throw new Error(`expected a GraphRequestError, got ${String(error)}`);
  return error;
}

const delivered = async () =>
  (await server.call('GET', '/dev/mailbox/messages')).json<
    Array<{ to: string[]; cc: string[]; headers: Array<{ name: string; value: string }> }>
  >();
const sentItems = async (mailbox: string) =>
  (await server.call('GET', `/dev/graph/sent?mailbox=${encodeURIComponent(mailbox)}`)).json<
    Array<{ to: string[]; internetMessageId: string; conversationId: string }>
  >();
const reply = (body: { mailbox: string; from: string; subject: string; inReplyTo?: string }) =>
  server.call('POST', '/dev/graph/inbound', { body: { html: '<p>Thanks</p>', ...body } });

describe('non-delivery reports for unknown recipients (Exchange Online NDR 5.1.1; PidTagMessageClass REPORT.IPM.Note.NDR)', () => {
  it('accepts the send, delivers to the known recipients and returns a report for the unknown one, in the original conversation, quoting its Message-ID', async () => {
    await send(
      anna,
      marked('nobody@fabrikam.com', 'c1:2', { ccRecipients: [{ emailAddress: { address: 'bob@fabrikam.com' } }] }),
    );
    expect((await delivered()).map((m) => [m.to, m.cc])).toEqual([[[], ['bob@fabrikam.com']]]);
    const [original] = await sentItems('anna@contoso.com');
    const inbox = await anna.receivedMessagesSince(0);
    expect(inbox.map((m) => [m.from, m.subject, m.messageClass])).toEqual([
      ['postmaster@contoso.com', 'Undeliverable: Hello nobody@fabrikam.com', 'REPORT.IPM.Note.NDR'],
    ]);
    expect(inbox[0]?.conversationId).toBe(original?.conversationId);
    expect(readBounces(inbox[0]!)).toEqual([
      {
        reportId: inbox[0]!.id,
        receivedAt: inbox[0]!.receivedAt,
        address: 'nobody@fabrikam.com',
        status: '5.1.1',
        reason: 'RESOLVER.ADR.RecipNotFound; not found',
        originalMessageId: original?.internetMessageId,
      },
    ]);
  });

  it('marks an address unknown or known again through the directory control', async () => {
    expect(
      (await server.call('PUT', '/dev/graph/directory', { body: { address: 'Bob@Fabrikam.com', exists: false } }))
        .statusCode,
    ).toBe(200);
    await send(anna, marked('bob@fabrikam.com', 'c1:3'));
    await server.call('PUT', '/dev/graph/directory', { body: { address: 'bob@fabrikam.com', exists: true } });
    await send(anna, marked('bob@fabrikam.com', 'c1:4'));
    expect(await delivered()).toHaveLength(1);
    expect((await anna.receivedMessagesSince(0)).flatMap(readBounces).map((b) => b.address)).toEqual([
      'bob@fabrikam.com',
    ]);
    expect(
      (await server.call('PUT', '/dev/graph/directory', { body: { address: 'not an address', exists: false } }))
        .statusCode,
    ).toBe(400);
  });

  it('shows each row honestly: accepted, bounced with the reason, still waiting; a reply in the conversation counts, the report does not', async () => {
    await send(anna, marked('carol@fabrikam.com', 'c2:2'));
    await send(anna, marked('nobody@fabrikam.com', 'c2:3'));
    await send(anna, marked('dave@fabrikam.com', 'c2:4'));
    const carolsMessage = (await sentItems('anna@contoso.com')).find((m) => m.to.includes('carol@fabrikam.com'));
    expect(
      (
        await reply({
          mailbox: 'anna@contoso.com',
          from: 'carol@fabrikam.com',
          subject: 'RE: Hello',
          inReplyTo: carolsMessage?.internetMessageId,
        })
      ).statusCode,
    ).toBe(201);
    // Row 5 was sent by the pane but is not in Sent Items: still waiting.
    const outcomes = rowOutcomes({
      sentRows: [
        { row: 2, to: 'carol@fabrikam.com' },
        { row: 3, to: 'nobody@fabrikam.com' },
        { row: 4, to: 'dave@fabrikam.com' },
        { row: 5, to: 'erin@fabrikam.com' },
      ],
      markerOf: (row) => `c2:${row}`,
      sent: await anna.sentMessagesSince(0),
      received: await anna.receivedMessagesSince(0),
    });
    expect(outcomes.map((o) => [o.row, o.delivery, o.replied])).toEqual([
      [2, { kind: 'accepted' }, true],
      [3, { kind: 'bounced', status: '5.1.1', reason: 'RESOLVER.ADR.RecipNotFound; not found' }, false],
      [4, { kind: 'accepted' }, false],
      [5, { kind: 'waiting' }, false],
    ]);
    // Follow-up: only the accepted row without a reply, once it is due.
    expect(followUpRecipients(outcomes, Date.now(), 0).due.map((o) => o.row)).toEqual([4]);
    expect(followUpRecipients(outcomes, Date.now(), 3)).toMatchObject({ due: [], notYet: 1 });
  });

  it('puts a reply without In-Reply-To in a conversation of its own', async () => {
    await send(anna, marked('carol@fabrikam.com', 'c3:2'));
    await reply({ mailbox: 'anna@contoso.com', from: 'carol@fabrikam.com', subject: 'Something else' });
    const [original] = await sentItems('anna@contoso.com');
    const [received] = await anna.receivedMessagesSince(0);
    expect(received?.conversationId).not.toBe(original?.conversationId);
  });
});

describe('custom internet headers (message resource: internetMessageHeaders, x- names only)', () => {
  it('takes x- headers and refuses List-Unsubscribe and more than five, as Graph does', async () => {
    await send(
      anna,
      marked('bob@fabrikam.com', 'h:1', {
        internetMessageHeaders: [{ name: 'X-Campaign', value: 'spring' }],
      } as Partial<GraphMessage>),
    );
    expect((await delivered())[0]?.headers).toEqual([{ name: 'X-Campaign', value: 'spring' }]);
    const listUnsubscribe = await failure(
      anna.createDraft(
        marked('bob@fabrikam.com', 'h:2', {
          internetMessageHeaders: [{ name: 'List-Unsubscribe', value: '<mailto:anna@contoso.com>' }],
        } as Partial<GraphMessage>),
      ),
    );
    expect(listUnsubscribe).toMatchObject({
      status: 400,
      code: 'InvalidInternetMessageHeader',
      message: "The internet message header name 'List-Unsubscribe' should start with 'x-' or 'X-'.",
    });
    const six = Array.from({ length: 6 }, (_, i) => ({ name: `x-h${i}`, value: 'v' }));
    expect(
      await failure(
        anna.sendMail({ ...marked('bob@fabrikam.com', 'h:3'), internetMessageHeaders: six } as GraphMessage),
      ),
    ).toMatchObject({ status: 400, code: 'InvalidInternetMessageHeaderCollection' });
  });
});

describe('the suppression list in a hidden folder (user-post-mailfolders, user-list-mailfolders: isHidden, includeHiddenFolders)', () => {
  it('keeps the list in a folder Outlook does not list, gathers tagged replies from the Inbox, and sees what another device added', async () => {
    const suppressions = new MailboxSuppressions(anna);
    let list = await suppressions.read();
    expect(list.size).toBe(0);
    await reply({ mailbox: 'anna@contoso.com', from: 'Carol@Fabrikam.com', subject: `Unsubscribe ${UNSUBSCRIBE_TAG}` });
    await reply({ mailbox: 'anna@contoso.com', from: 'dave@fabrikam.com', subject: 'Unsubscribe me please' });
    ({ list } = await suppressions.gather(list, 0));
    expect([...list]).toEqual([['carol@fabrikam.com', 'unsubscribed']]);
    // Gathering again adds nothing twice.
    expect((await suppressions.gather(list, 0)).added).toBe(0);
    // Another device (another client object) adds a bounce; both read the union.
    await new MailboxSuppressions(clientFor('anna@contoso.com')).add(list, [
      { address: 'nobody@fabrikam.com', reason: 'bounced' },
    ]);
    expect([...(await suppressions.read())].sort()).toEqual([
      ['carol@fabrikam.com', 'unsubscribed'],
      ['nobody@fabrikam.com', 'bounced'],
    ]);

    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const visible = (await server.call('GET', '/dev/graph/v1.0/me/mailFolders', { token })).json<{
      value: unknown[];
    }>();
    const all = (await server.call('GET', '/dev/graph/v1.0/me/mailFolders?includeHiddenFolders=true', { token })).json<{
      value: Array<{ displayName: string; isHidden: boolean }>;
    }>();
    expect(visible.value).toEqual([]);
    expect(all.value.map((f) => [f.displayName, f.isHidden])).toEqual([['Outmerge suppression list', true]]);
    // Another mailbox does not see it.
    expect((await new MailboxSuppressions(clientFor('bob@contoso.com')).read()).size).toBe(0);
  });

  it('refuses a second folder of the same name (409 ErrorFolderExists), and the client finds the first', async () => {
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const first = await server.call('POST', '/dev/graph/v1.0/me/mailFolders', {
      token,
      body: { displayName: 'Outmerge suppression list', isHidden: true },
    });
    expect(first.statusCode).toBe(201);
    const again = await server.call('POST', '/dev/graph/v1.0/me/mailFolders', {
      token,
      body: { displayName: 'outmerge suppression list', isHidden: true },
    });
    expect([again.statusCode, again.json<{ error: { code: string } }>().error.code]).toEqual([
      409,
      'ErrorFolderExists',
    ]);
    expect(await anna.hiddenFolder('Outmerge suppression list')).toBe(first.json<{ id: string }>().id);
    const unknownProperty = await server.call('POST', '/dev/graph/v1.0/me/mailFolders', {
      token,
      body: { displayName: 'x', isHidden: true, color: 'red' },
    });
    expect(unknownProperty.statusCode).toBe(400);
  });
});

describe('permissions (List messages, Create mailFolder: Permissions tables)', () => {
  it("refuses the Inbox with bodies or the message class, and hidden folders, without Mail.Read or Mail.ReadWrite: 403 in Graph's error shape", async () => {
    await server.call('PUT', '/dev/idp/consent', { body: { scopes: ['User.Read', 'Mail.ReadBasic', 'Mail.Send'] } });
    const basic = new GraphMailClient(server.services.config.graph.baseUrl, () =>
      server.token('anna@contoso.com', { resource: 'graph' }),
    );
    // One at a time: a refusal made before its `await` would be an unhandled rejection.
    for (const attempt of [
      () => basic.receivedMessagesSince(0),
      () => basic.sentMessagesSince(0),
      () => basic.hiddenFolder('Outmerge suppression list'),
    ]) {
      expect(await failure(attempt())).toMatchObject({
        kind: 'forbidden',
        status: 403,
        code: 'ErrorAccessDenied',
        message: 'Access is denied. Check credentials and try again.',
      });
    }
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const denied = await server.call(
      'GET',
      `/dev/graph/v1.0/me/mailFolders/inbox/messages?$expand=${encodeURIComponent("singleValueExtendedProperties($filter=id eq 'String 0x001A')")}`,
      { token },
    );
    expect(denied.json()).toMatchObject({
      error: {
        code: 'ErrorAccessDenied',
        innerError: { 'request-id': expect.any(String), 'client-request-id': expect.any(String) },
      },
    });
  });
});
