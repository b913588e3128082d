/** The production Graph client against the development stand-in, over real HTTP: the same protocol, errors and throttling. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphMailClient, GraphRequestError, type GraphMessage } from '../../addin/src/graph/graphMailClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let client: GraphMailClient;
beforeAll(async () => {
  server = await startTestServer({ GRAPH_STANDIN_RATE_PER_MINUTE: '3' });
  client = new GraphMailClient(server.services.config.graph.baseUrl.replace(server.services.config.publicUrl, server.baseUrl), () => server.token('anna@contoso.com', { resource: 'graph' }));
});
beforeEach(async () => {
  await server.call('DELETE', '/dev/mailbox/messages');
});
afterAll(() => server.close());

const message = (to: string, extra: Partial<GraphMessage> = {}): GraphMessage => ({ subject: 'Hello', body: { contentType: 'HTML', content: '<p>Hi</p>' }, toRecipients: [{ emailAddress: { address: to } }], ...extra });

async function failure(promise: Promise<unknown>): Promise<GraphRequestError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof GraphRequestError)) throw new Error(`expected a GraphRequestError, got ${String(error)}`);
  return error;
}

describe('Graph stand-in with the production client', () => {
  it('accepts sendMail with 202 and records what was sent', async () => {
    await client.sendMail(message('bob@fabrikam.com', { ccRecipients: [{ emailAddress: { address: 'cc@fabrikam.com' } }] }));
    await client.sendMail(message('carl@fabrikam.com'), { mailbox: 'Anna@Contoso.com' });
    const recorded = (await server.call('GET', '/dev/mailbox/messages')).json<Array<{ mailbox: string; to: string[]; cc: string[]; subject: string; html: string }>>();
    expect(recorded.map((m) => [m.mailbox, m.to, m.cc, m.subject, m.html])).toEqual([
      ['anna@contoso.com', ['bob@fabrikam.com'], ['cc@fabrikam.com'], 'Hello', '<p>Hi</p>'],
      ['anna@contoso.com', ['carl@fabrikam.com'], [], 'Hello', '<p>Hi</p>'],
    ]);
  });

  it('answers 400 for malformed messages and 403 for a mailbox the user may not send as', async () => {
    expect(await failure(client.sendMail(message('not-an-address')))).toMatchObject({ kind: 'rejected', status: 400, code: 'ErrorInvalidRecipients' });
    expect(await failure(client.sendMail({ ...message('a@b.com'), toRecipients: [] }))).toMatchObject({ status: 400, code: 'ErrorInvalidRecipients' });
    expect(await failure(client.sendMail(message('a@b.com', { subject: 'two\r\nlines' })))).toMatchObject({ status: 400, code: 'ErrorInvalidRequest' });
    expect(await failure(client.sendMail(message('a@b.com'), { mailbox: 'ceo@contoso.com' }))).toMatchObject({ kind: 'forbidden', status: 403, code: 'ErrorSendAsDenied' });
  });

  it('requires a Graph token: 401 InvalidAuthenticationToken otherwise', async () => {
    const withApiToken = new GraphMailClient(client['baseUrl'] as string, () => server.token('anna@contoso.com'));
    expect(await failure(withApiToken.sendMail(message('a@b.com')))).toMatchObject({ kind: 'auth', status: 401, code: 'InvalidAuthenticationToken' });
  });

  it('throttles above the configured rate with 429 and Retry-After', async () => {
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

describe('contacts through Graph', () => {
  it('lists every contact of a mailbox across pages, and those of one category', async () => {
    const all = await client.listContacts();
    expect(all).toHaveLength(60);
    expect(new Set(all.map((c) => c.displayName)).size).toBeGreaterThan(10);
    const partners = await client.listContacts({ category: 'partners' });
    expect(partners.length).toBe(20);
    expect(partners.every((c) => c.categories?.includes('Partners'))).toBe(true);
  });

  it('lists a shared mailbox\'s contacts when the user may use it, and refuses others', async () => {
    expect(await client.listContacts({ mailbox: 'team@contoso.com', category: 'VIP' })).toHaveLength(12);
    expect(await failure(client.listContacts({ mailbox: 'ceo@contoso.com' }))).toMatchObject({ kind: 'forbidden', code: 'ErrorSendAsDenied' });
  });
});

describe('the stand-in\'s rolling 24-hour recipient budget', () => {
  it('refuses with 403 ErrorMessageSubmissionBlocked once the budget is spent, and accepts again a day later', async () => {
    const small = await startTestServer({ GRAPH_STANDIN_DAILY_RECIPIENTS: '3' });
    try {
      const graph = new GraphMailClient(small.services.config.graph.baseUrl.replace(small.services.config.publicUrl, small.baseUrl), () => small.token('anna@contoso.com', { resource: 'graph' }));
      await graph.sendMail(message('bob@fabrikam.com', { ccRecipients: [{ emailAddress: { address: 'cc@fabrikam.com' } }] }));
      expect(await failure(graph.sendMail(message('carl@fabrikam.com', { bccRecipients: [{ emailAddress: { address: 'dee@fabrikam.com' } }] })))).toMatchObject({ status: 403, code: 'ErrorMessageSubmissionBlocked' });
      await graph.sendMail(message('carl@fabrikam.com'));
      expect((await small.call('POST', '/dev/graph/clock', { body: { advanceMs: -1 } })).statusCode).toBe(400);
      expect((await small.call('POST', '/dev/graph/clock', { body: { advanceMs: 24 * 3600_000 } })).statusCode).toBe(200);
      await graph.sendMail(message('erin@fabrikam.com', { ccRecipients: [{ emailAddress: { address: 'cc@fabrikam.com' } }] }));
    } finally {
      await small.close();
    }
  });
});

describe('large attachments through upload sessions', () => {
  const draft = (extra: Partial<GraphMessage> = {}) => client.createDraft(message('bob@fabrikam.com', extra));

  it('uploads a 7 MB file in ranges to a draft, which then goes out with it', async () => {
    const id = await draft();
    const bytes = new Uint8Array(7 * 1024 * 1024).fill(42);
    await client.uploadAttachment(id, { name: 'film.mp4', contentType: 'video/mp4', bytes });
    await client.addAttachment(id, { '@odata.type': '#microsoft.graph.fileAttachment', name: 'terms.txt', contentType: 'text/plain', contentBytes: Buffer.from('Terms').toString('base64') });
    await client.sendDraft(id);
    const [sent] = (await server.call('GET', '/dev/mailbox/messages')).json<Array<{ attachments: Array<{ name: string; size: number }> }>>();
    expect(sent?.attachments).toEqual([
      { name: 'film.mp4', contentType: 'video/mp4', size: 7 * 1024 * 1024 },
      { name: 'terms.txt', contentType: 'text/plain', size: 5 },
    ]);
  });

  it('refuses what Graph refuses: small files, out-of-order ranges, an Authorization header on the upload URL, a 4 MB request body', async () => {
    const id = await draft();
    expect(await failure(client.uploadAttachment(id, { name: 'small.txt', contentType: 'text/plain', bytes: new Uint8Array(1000) }))).toMatchObject({ status: 400, code: 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize' });
    expect(await failure(client.uploadAttachment('no-such-draft', { name: 'big.bin', contentType: 'x', bytes: new Uint8Array(3 * 1024 * 1024) }))).toMatchObject({ status: 404, code: 'ErrorItemNotFound' });
    const token = await server.token('anna@contoso.com', { resource: 'graph' });
    const session = (await server.call('POST', `/dev/graph/v1.0/me/messages/${id}/attachments/createUploadSession`, { token, body: { AttachmentItem: { attachmentType: 'file', name: 'big.bin', size: 3 * 1024 * 1024 } } })).json<{ uploadUrl: string }>();
    const url = new URL(session.uploadUrl);
    const put = (range: string, length: number, headers: Record<string, string> = {}) =>
      server.app.inject({ method: 'PUT', url: `${url.pathname}${url.search}`, headers: { 'content-type': 'application/octet-stream', 'content-range': range, ...headers }, payload: Buffer.alloc(length) });
    expect((await put('bytes 1024-2047/3145728', 1024)).statusCode).toBe(416);
    expect((await put('bytes 0-1023/3145728', 1024, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    expect((await put('bytes 0-1023/3145728', 1024)).json()).toMatchObject({ nextExpectedRanges: ['1024-'] });
    expect((await server.app.inject({ method: 'PUT', url: url.pathname, headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 1024-2047/3145728' }, payload: Buffer.alloc(1024) })).statusCode).toBe(404);
    const tooBig = Buffer.alloc(4 * 1024 * 1024).toString('base64');
    expect((await failure(client.createDraft(message('bob@fabrikam.com', { attachments: [{ '@odata.type': '#microsoft.graph.fileAttachment', name: 'x.bin', contentType: 'x', contentBytes: tooBig }] })))).status).toBe(413);
  });
});
