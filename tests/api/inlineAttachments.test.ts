/**
 * Inline images through the production Graph client and the stand-in: a fileAttachment with
 * `isInline` and `contentId` (Graph's fileAttachment resource) is kept as such, so that the body's
 * cid: reference resolves; a wrongly typed one is refused like Graph refuses it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphMailClient, GraphRequestError, type GraphMessage } from '../../addin/src/graph/graphMailClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let client: GraphMailClient;
beforeAll(async () => {
  server = await startTestServer();
  client = new GraphMailClient(
    server.services.config.graph.baseUrl.replace(server.services.config.publicUrl, server.baseUrl),
    () => server.token('anna@contoso.com', { resource: 'graph' }),
  );
});
afterAll(() => server.close());

const logo = {
  '@odata.type': '#microsoft.graph.fileAttachment' as const,
  name: 'logo.png',
  contentType: 'image/png',
  contentBytes: Buffer.from('PNG').toString('base64'),
  isInline: true,
  contentId: 'logo@contoso',
};
const message: GraphMessage = {
  subject: 'Hello',
  body: { contentType: 'HTML', content: '<p>Hi</p><img src="cid:logo@contoso">' },
  toRecipients: [{ emailAddress: { address: 'bob@fabrikam.com' } }],
  attachments: [logo],
};

describe('inline attachments', () => {
  it('go out inline with their content id, in the draft’s request or added one by one', async () => {
    await server.call('DELETE', '/dev/mailbox/messages');
    const first = await client.createDraft(message);
    await client.sendDraft(first);
    const second = await client.createDraft({ ...message, attachments: [] });
    await client.addAttachment(second, logo);
    await client.sendDraft(second);
    // Transport delivers a while after the 202, as Exchange does.
    const delivered = async () =>
      (await server.call('GET', '/dev/mailbox/messages')).json<Array<{ html: string; attachments: unknown[] }>>();
    await expect.poll(async () => (await delivered()).length, { timeout: 10_000, interval: 100 }).toBe(2);
    const sent = await delivered();
    expect(sent.map((m) => m.attachments)).toEqual([
      [{ name: 'logo.png', contentType: 'image/png', size: 3, isInline: true, contentId: 'logo@contoso' }],
      [{ name: 'logo.png', contentType: 'image/png', size: 3, isInline: true, contentId: 'logo@contoso' }],
    ]);
    expect(sent[0]?.html).toContain('cid:logo@contoso');
  });

  it('are refused with 400 when isInline is not a Boolean', async () => {
    const error = await client
      .createDraft({ ...message, attachments: [{ ...logo, isInline: 'yes' as unknown as boolean }] })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(GraphRequestError);
    expect(error).toMatchObject({ status: 400, code: 'ErrorInvalidRequest' });
  });
});
