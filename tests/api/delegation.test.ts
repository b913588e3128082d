import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationToken, outbox } from '../helpers/outbox.js';
import { startTestServer, startWithSubscription, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let owner: string;
let subscriptionId: string;
beforeAll(async () => {
  ({ server, owner, subscriptionId } = await startWithSubscription(5));
});
afterAll(() => server.close());

const invite = (email: string, permissions: string[], token = owner) =>
  server.call('POST', `/api/v1/subscriptions/${subscriptionId}/delegates`, {
    token,
    body: { email, permissions, language: 'de' },
  });
const accept = (token: string, as: string) =>
  server.call('POST', '/api/v1/invitations/accept', { token: as, body: { token } });
const delegates = async () =>
  (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/delegates`, { token: owner })).json<{
    delegates: Array<{ id: string; email: string; permissions: string[] }>;
    invitations: Array<{ id: string; email: string }>;
  }>();

describe('delegated administration', () => {
  it('invites by email with chosen permissions; the invitee accepts after signing in and can act within them', async () => {
    const response = await invite('Ivan@Contoso.com', ['view', 'assign']);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      invitation: {
        email: 'Ivan@Contoso.com',
        permissions: ['assign', 'view'],
        status: 'pending',
        invitedBy: 'olivia@contoso.com',
      },
    });
    const mail = (await outbox(server)).find((m) => m.kind === 'invitation')!;
    expect(mail.subject).toBe('olivia@contoso.com lädt dich zur Verwaltung von Outmerge ein');
    expect(mail.text).toContain(`${server.services.config.publicUrl}/portal.html#/accept?token=`);

    const token = await invitationToken(server, 'Ivan@Contoso.com');
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits, base64url
    const ivan = await server.token('ivan@contoso.com');
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: ivan })).statusCode).toBe(404);
    const accepted = await accept(token, ivan);
    expect(accepted.json()).toEqual({
      subscriptionId,
      permissions: ['assign', 'view'],
      invitedBy: 'olivia@contoso.com',
    });

    const list = (await server.call('GET', '/api/v1/subscriptions', { token: ivan })).json<{
      subscriptions: Array<{ id: string; role: string; actions: string[] }>;
    }>();
    expect(list.subscriptions).toEqual([expect.objectContaining({ id: subscriptionId, role: 'delegate' })]);
    expect(list.subscriptions[0]!.actions).toContain('seats.assign');
    expect(list.subscriptions[0]!.actions).not.toContain('billing.view');
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
          token: ivan,
          body: { emails: ['x1@contoso.com'] },
        })
      ).json(),
    ).toEqual({ results: [{ email: 'x1@contoso.com', result: 'assigned' }] });
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/delegates`, {
          token: ivan,
          body: { email: 'y@contoso.com', permissions: ['view'] },
        })
      ).statusCode,
    ).toBe(403);

    // Secrets at rest: only the SHA-256 of the token is stored.
    expect(JSON.stringify(await server.services.uow.read.delegation.findInvitationByTokenHash(token))).toBeUndefined();
  });

  it.each<[string, (setup: { token: string; invitationId: string }) => Promise<string>, number, string]>([
    [
      'reused',
      async ({ token }) => (await accept(token, await server.token('reused@contoso.com')), token),
      410,
      'INVITATION_USED',
    ],
    [
      'expired',
      async ({ token, invitationId }) => {
        await server.services.uow.transaction((tx) =>
          tx.delegation.setInvitationExpiry(invitationId, Date.now() - 1000),
        );
        return token;
      },
      410,
      'INVITATION_EXPIRED',
    ],
    [
      'revoked',
      async ({ token, invitationId }) => (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/invitations/${invitationId}`, {
          token: owner,
        }),
        token
      ),
      410,
      'INVITATION_REVOKED',
    ],
    [
      'superseded by a resend',
      async ({ token, invitationId }) => (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/invitations/${invitationId}/resend`, {
          token: owner,
        }),
        token
      ),
      410,
      'INVITATION_SUPERSEDED',
    ],
    ['accepted by another signed-in address', async ({ token }) => token, 403, 'INVITATION_WRONG_ACCOUNT'],
    ['unknown', async () => 'x'.repeat(43), 404, 'INVITATION_NOT_FOUND'],
  ])('refuses a token that is %s, with its own code, changing nothing', async (name, prepare, status, code) => {
    const email = `${name.split(' ')[0]}@contoso.com`;
    const invited = (await invite(email, ['view'])).json<{ invitation: { id: string } }>().invitation;
    const token = await invitationToken(server, email);
    const used = await prepare({ token, invitationId: invited.id });
    const before = await delegates();
    const acceptor =
      code === 'INVITATION_WRONG_ACCOUNT'
        ? 'mallory@contoso.com'
        : code === 'INVITATION_USED'
          ? 'reuse2@contoso.com'
          : email;
    const response = await accept(used, await server.token(acceptor));
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ error: { code } });
    expect(await delegates()).toEqual(before);
  });

  it('lets the resent link work, and the owner edit and remove a delegate', async () => {
    const invited = (await invite('rita@contoso.com', ['billing'])).json<{ invitation: { id: string } }>().invitation;
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/invitations/${invited.id}/resend`, {
      token: owner,
    });
    const rita = await server.token('rita@contoso.com');
    expect((await accept(await invitationToken(server, 'rita@contoso.com'), rita)).statusCode).toBe(200);
    const delegate = (await delegates()).delegates.find((d) => d.email === 'rita@contoso.com')!;
    expect(delegate.permissions).toEqual(['billing']);
    // A billing-only delegate sees the subscription but neither seats nor journal.
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token: rita })).statusCode,
    ).toBe(403);
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/journal`, { token: rita })).statusCode,
    ).toBe(403);

    expect(
      (
        await server.call('PATCH', `/api/v1/subscriptions/${subscriptionId}/delegates/${delegate.id}`, {
          token: owner,
          body: { permissions: ['view', 'billing'] },
        })
      ).json(),
    ).toMatchObject({ permissions: ['view', 'billing'] });
    const journal = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/journal`, { token: rita })
    ).json<{ entries: Array<{ action: string }> }>();
    expect(journal.entries.map((e) => e.action)).toContain('subscription.purchased');
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/delegates/${delegate.id}`, {
          token: owner,
        })
      ).statusCode,
    ).toBe(204);
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: rita })).statusCode).toBe(404);
  });

  it('refuses a second pending invitation to the same address, an invitation to the owner, and an empty permission set', async () => {
    await invite('dup@contoso.com', ['view']);
    expect((await invite('DUP@contoso.com', ['assign'])).json()).toMatchObject({
      error: { code: 'INVITATION_ALREADY_PENDING' },
    });
    expect((await invite('olivia@contoso.com', ['view'])).json()).toMatchObject({ error: { code: 'ALREADY_OWNER' } });
    expect((await invite('z@contoso.com', [])).statusCode).toBe(400);
    expect((await invite('z@contoso.com', ['admin'])).statusCode).toBe(400);
  });

  it('transfers ownership to a delegate: the former owner stays a delegate, both are emailed', async () => {
    await invite('heir@contoso.com', ['view']);
    const heir = await server.token('heir@contoso.com');
    await accept(await invitationToken(server, 'heir@contoso.com'), heir);
    const heirDelegate = (await delegates()).delegates.find((d) => d.email === 'heir@contoso.com')!;
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/ownership`, {
          token: heir,
          body: { delegateId: heirDelegate.id },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/ownership`, {
          token: owner,
          body: { delegateId: heirDelegate.id },
        })
      ).statusCode,
    ).toBe(204);
    const now = (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: heir })).json();
    expect(now).toMatchObject({ owner: 'heir@contoso.com', role: 'owner' });
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: owner })).json(),
    ).toMatchObject({ role: 'delegate', permissions: ['assign', 'view', 'quantity', 'billing'] });
    const mails = (await outbox(server)).filter((m) => m.kind === 'ownership-transferred').map((m) => m.to);
    expect(mails.sort()).toEqual(['heir@contoso.com', 'olivia@contoso.com']);
    // Hand it back so the other tests keep their owner.
    const back = (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/delegates`, { token: heir }))
      .json<{ delegates: Array<{ id: string; email: string }> }>()
      .delegates.find((d) => d.email === 'olivia@contoso.com')!;
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/ownership`, {
          token: heir,
          body: { delegateId: back.id },
        })
      ).statusCode,
    ).toBe(204);
  });

  it('limits invitation acceptance attempts per client address (brute force of tokens)', async () => {
    const limited = await startTestServer({ INVITATION_RATE_PER_MINUTE: '5' });
    try {
      const someone = await limited.token('guess@contoso.com');
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push(
          (await limited.call('POST', '/api/v1/invitations/accept', { token: someone, body: { token: `guess-${i}` } }))
            .statusCode,
        );
      expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
