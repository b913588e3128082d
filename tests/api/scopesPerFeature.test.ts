/**
 * Least privilege, asked when needed: the pane's development auth port and production Graph client
 * against the real server (development identity provider, Graph stand-in) over HTTP. Every token
 * request is recorded as it leaves the client: sign-in asks for the API only, each feature asks for
 * its own Graph permissions when it is first used, a shared mailbox asks for the `.Shared` ones,
 * and a token is reused for the same feature.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevelopmentAuth } from '../../addin/src/auth/developmentAuth.js';
import { AuthFailure } from '../../addin/src/auth/authPort.js';
import { GraphMailClient } from '../../addin/src/graph/graphMailClient.js';
import { memoryStore } from '../../addin/src/storage/keyValueStore.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

interface TokenRequest {
  resource: 'api' | 'graph';
  scopes?: string[];
}

function signedOutPane(email = 'anna@contoso.com') {
  const requests: TokenRequest[] = [];
  const auth = new DevelopmentAuth(async () => ({ email }), memoryStore(), {
    baseUrl: server.baseUrl,
    fetch: async (url, init) => {
      if (String(url).endsWith('/dev/idp/token')) {
        const body = JSON.parse(String(init?.body)) as TokenRequest;
        requests.push({ resource: body.resource, ...(body.scopes ? { scopes: body.scopes } : {}) });
      }
      return fetch(url, init);
    },
  });
  const graph = new GraphMailClient(`${server.baseUrl}/dev/graph`, (scopes) => auth.graphToken(scopes));
  return { auth, graph, requests };
}

const message = (to: string) => ({
  subject: 'Hello',
  body: { contentType: 'HTML' as const, content: '<p>Hi</p>' },
  toRecipients: [{ emailAddress: { address: to } }],
});

describe('the Graph permissions each feature asks for', () => {
  it('sign-in asks for the API token only: no Graph permission at all', async () => {
    const { auth, requests } = signedOutPane();
    await auth.signIn();
    await auth.apiToken();
    expect(requests).toEqual([{ resource: 'api' }]);
  });

  it('loading contacts asks for Contacts.Read; from a shared mailbox, Contacts.Read.Shared', async () => {
    const { auth, graph, requests } = signedOutPane();
    await auth.signIn();
    expect((await graph.listContacts({ category: 'VIP' })).length).toBeGreaterThan(0);
    await graph.listContacts({ mailbox: 'team@contoso.com' });
    expect(requests.slice(1)).toEqual([
      { resource: 'graph', scopes: ['Contacts.Read'] },
      { resource: 'graph', scopes: ['Contacts.Read.Shared'] },
    ]);
  });

  it('a campaign asks for Mail.ReadWrite (its drafts) and Mail.Send, each once; nothing about contacts', async () => {
    const { auth, graph, requests } = signedOutPane();
    await auth.signIn();
    for (const to of ['bob@fabrikam.com', 'carl@fabrikam.com']) {
      const id = await graph.createDraft(message(to));
      expect(await graph.findByMarker('drafts', 'no-such-marker')).toEqual([]);
      await graph.sendDraft(id);
    }
    expect(requests.slice(1)).toEqual([
      { resource: 'graph', scopes: ['Mail.ReadWrite'] },
      { resource: 'graph', scopes: ['Mail.Send'] },
    ]);
  });

  it('a shared mailbox adds Mail.Send.Shared: the draft stays in the user’s own mailbox with `from` set (no Mail.ReadWrite.Shared)', async () => {
    const { auth, graph, requests } = signedOutPane();
    await auth.signIn();
    const id = await graph.createDraft({
      ...message('dora@fabrikam.com'),
      from: { emailAddress: { address: 'team@contoso.com' } },
    });
    await graph.sendDraft(id, { sendAs: 'team@contoso.com' });
    expect(requests.slice(1)).toEqual([
      { resource: 'graph', scopes: ['Mail.ReadWrite'] },
      { resource: 'graph', scopes: ['Mail.Send', 'Mail.Send.Shared'] },
    ]);
  });

  it("turns the identity provider's refusal of a bad request into an AuthFailure with its message", async () => {
    const { auth } = signedOutPane('not an address');
    const failure = await auth.signIn().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AuthFailure);
    expect(failure).toMatchObject({
      reason: 'failed',
      permissions: ['access_as_user'],
      message: expect.stringContaining('not a valid email address'),
    });
  });
});
