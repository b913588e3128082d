/**
 * Seats that follow Microsoft 365 groups (issue 17) through the API, on a real SQLite file, with
 * the production Graph client talking to the Graph stand-in and the development identity provider
 * over HTTP: a member added gets a seat and is licensed at their next check; a member removed
 * loses it and the footer returns; more members than seats wait, never more seats than bought (also
 * with a second instance syncing at once); consent withdrawn stops the sync with the seats kept;
 * another tenant's group can never be linked.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRAPH_APPLICATION_PERMISSIONS } from '#shared/api/applicationConsent.js';
import type { GroupSyncView } from '#shared/api/groupViews.js';
import { derivedGuid, homeTenantOf } from '../../server/src/dev/identityProvider.js';
import { createServices, type Services } from '../../server/src/services.js';
import { invitationToken, outbox } from '../helpers/outbox.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OPERATOR = 'ops@outmerge.example';
const OPERATOR_TENANT = homeTenantOf('outmerge.example');
const FABRIKAM = 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f';

let server: TestServer;
let owner: string;
/** The server's time runs ahead of the wall clock by this much (a cached Graph token outlives its hour). */
let ahead = 0;

beforeAll(async () => {
  server = await startTestServer(
    {
      GROUP_SYNC_INTERVAL_SECONDS: '0',
      GRAPH_STANDIN_LATENCY_MS: '0',
      OPERATOR_ACCOUNTS: `${OPERATOR_TENANT}/${derivedGuid(`user:${OPERATOR_TENANT}:${OPERATOR}`)}`,
    },
    { clock: () => Date.now() + ahead },
  );
  owner = await server.token('olivia@contoso.com');
  // Starting a server takes seconds on a busy machine.
}, 60_000);
beforeEach(async () => {
  await server.call('PUT', `/dev/idp/tenants/${CONTOSO}/application`, {
    body: { roles: [...GRAPH_APPLICATION_PERMISSIONS] },
  });
});
afterAll(() => server.close());

let groupCount = 0;
/** A group of Contoso's directory (or another tenant's) with these members. */
async function createGroup(
  members: string[],
  options: { tenant?: string; kind?: string; name?: string } = {},
): Promise<string> {
  const response = await server.call('POST', `/dev/graph/tenants/${options.tenant ?? CONTOSO}/groups`, {
    body: {
      displayName: options.name ?? `Team ${++groupCount}`,
      kind: options.kind ?? 'security',
      members: members.map((email) => ({ email })),
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}
const addMembers = (group: string, emails: string[]) =>
  server.call('POST', `/dev/graph/tenants/${CONTOSO}/groups/${group}/members`, {
    body: { add: emails.map((email) => ({ email })) },
  });
const removeMembers = (group: string, emails: string[]) =>
  server.call('POST', `/dev/graph/tenants/${CONTOSO}/groups/${group}/members`, { body: { remove: emails } });

const url = (id: string, rest = '') => `/api/v1/subscriptions/${id}/groups${rest}`;
const link = (id: string, groupId: string, token = owner) => server.call('POST', url(id), { token, body: { groupId } });
const syncNow = async (id: string, token = owner) => {
  const response = await server.call('POST', url(id, '/sync'), { token });
  expect(response.statusCode).toBe(200);
  return response.json<GroupSyncView>();
};
const view = async (id: string, token = owner) => (await server.call('GET', url(id), { token })).json<GroupSyncView>();
const seatEmails = async (id: string) =>
  (await server.call('GET', `/api/v1/subscriptions/${id}/seats`, { token: owner }))
    .json<{ items: Array<{ email: string }> }>()
    .items.map((s) => s.email)
    .sort();
/** Invites and accepts a delegate through the API; their token. */
async function delegate(id: string, email: string, permissions: string[]): Promise<string> {
  expect(
    (await server.call('POST', `/api/v1/subscriptions/${id}/delegates`, { token: owner, body: { email, permissions } }))
      .statusCode,
  ).toBe(201);
  const token = await server.token(email);
  expect(
    (
      await server.call('POST', '/api/v1/invitations/accept', {
        token,
        body: { token: await invitationToken(server, email) },
      })
    ).statusCode,
  ).toBe(200);
  return token;
}
const check = async (email: string) =>
  (
    await server.call('POST', '/api/v1/license/check', {
      token: await server.token(email),
      body: { nonce: 'nonce-0123456789abcdef' },
    })
  ).json<{ code: string; footer: boolean; valid: boolean }>();

describe('seats that follow a Microsoft 365 group', () => {
  it('gives members a seat when the group is linked: licensed at their next check, welcomed by email, journaled as the group sync', async () => {
    const id = await buySubscription(server, owner, 5);
    const group = await createGroup(['amy@contoso.com', 'ben@contoso.com'], { name: 'Pilot users' });
    expect(await check('amy@contoso.com')).toMatchObject({ code: 'NO_LICENSE', footer: true });

    const linked = await link(id, group);
    expect(linked.statusCode).toBe(201);
    expect(linked.json<GroupSyncView>()).toMatchObject({
      groups: [{ groupId: group, displayName: 'Pilot users', kind: 'security', members: 2 }],
      lastSync: { result: 'ok', added: 2, removed: 0 },
      waitingTotal: 0,
      seatsToBuy: 0,
    });
    expect(await seatEmails(id)).toEqual(['amy@contoso.com', 'ben@contoso.com']);
    expect(await check('amy@contoso.com')).toMatchObject({ code: 'ACTIVE', footer: false, valid: true });

    const welcome = (await outbox(server)).filter(
      (m) => m.kind === 'welcome' && (m.to === 'amy@contoso.com' || m.to === 'ben@contoso.com'),
    );
    expect(welcome).toHaveLength(2);
    expect(welcome[0]?.text).toContain('Pilot users');
    const journal = (await server.call('GET', `/api/v1/subscriptions/${id}/journal`, { token: owner })).json<{
      entries: Array<{ action: string; actorRole: string | null; target: string }>;
    }>().entries;
    expect(
      journal
        .filter((e) => e.action === 'seat.assigned')
        .map((e) => [e.actorRole, e.target])
        .sort(),
    ).toEqual([
      ['group_sync', 'amy@contoso.com'],
      ['group_sync', 'ben@contoso.com'],
    ]);
    expect(journal.find((e) => e.action === 'group.linked')).toMatchObject({
      actorRole: 'owner',
      target: 'Pilot users',
    });
    // Linking again changes nothing.
    expect((await link(id, group)).statusCode).toBe(200);
  });

  it('gives a member added later a seat at the next sync, and takes it from one who left: the footer returns', async () => {
    const id = await buySubscription(server, owner, 5);
    const group = await createGroup(['cleo@contoso.com']);
    await link(id, group);
    await addMembers(group, ['dan@contoso.com']);
    await removeMembers(group, ['cleo@contoso.com']);
    expect(await check('cleo@contoso.com')).toMatchObject({ code: 'ACTIVE' });

    // The sync reads only the changes: one delta round, and the member list for the newcomer's address.
    await server.call('DELETE', '/dev/graph/directory/requests');
    expect(await syncNow(id)).toMatchObject({ lastSync: { result: 'ok', added: 1, removed: 1 } });
    expect((await server.call('GET', '/dev/graph/directory/requests')).json()).toMatchObject({
      delta: 1,
      members: 1,
      search: 0,
    });

    expect(await seatEmails(id)).toEqual(['dan@contoso.com']);
    expect(await check('dan@contoso.com')).toMatchObject({ code: 'ACTIVE', footer: false });
    expect(await check('cleo@contoso.com')).toMatchObject({ code: 'SEAT_REMOVED', footer: true });
    expect((await outbox(server)).some((m) => m.kind === 'seat-removed' && m.to === 'cleo@contoso.com')).toBe(true);

    // Nothing changed: one delta round, nothing else read, nothing changed.
    await server.call('DELETE', '/dev/graph/directory/requests');
    expect(await syncNow(id)).toMatchObject({ lastSync: { result: 'ok', added: 0, removed: 0 } });
    expect((await server.call('GET', '/dev/graph/directory/requests')).json()).toMatchObject({ delta: 1, members: 0 });
  });

  it('never gives more seats than bought: the rest wait, with how many seats to buy; hand seats stay; one seat for a person in two groups', async () => {
    const id = await buySubscription(server, owner, 3);
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${id}/assignments`, {
          token: owner,
          body: { emails: ['hand@contoso.com'] },
        })
      ).statusCode,
    ).toBe(200);
    const first = await createGroup(['e1@contoso.com', 'e2@contoso.com', 'e3@contoso.com']);
    const second = await createGroup(['e1@contoso.com', 'e4@contoso.com', 'hand@contoso.com']);
    await link(id, first);
    const both = (await link(id, second)).json<GroupSyncView>();
    expect(both.members).toBe(5);
    expect(await seatEmails(id)).toEqual(['e1@contoso.com', 'e2@contoso.com', 'hand@contoso.com']);
    expect(both).toMatchObject({ waitingTotal: 2, seatsToBuy: 2 });
    expect(both.waiting.map((w) => w.email)).toEqual(['e3@contoso.com', 'e4@contoso.com']);

    // The hand seat's holder leaves the group: a seat assigned by hand is never taken by a sync.
    await removeMembers(second, ['hand@contoso.com']);
    await syncNow(id);
    expect(await seatEmails(id)).toContain('hand@contoso.com');
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${id}`, { token: owner })).json<{ assigned: number }>().assigned,
    ).toBe(3);

    // Unlinking the first group takes e2's seat at once (e1 stays through the second), and the waiting e4 gets it.
    const linkId = both.groups.find((g) => g.groupId === first)?.id as string;
    expect((await server.call('DELETE', url(id, `/${linkId}`), { token: owner })).statusCode).toBe(204);
    expect(await seatEmails(id)).toEqual(['e1@contoso.com', 'e4@contoso.com', 'hand@contoso.com']);
    expect(await view(id)).toMatchObject({ waitingTotal: 0, seatsToBuy: 0, members: 2 });
    expect((await outbox(server)).some((m) => m.kind === 'seat-removed' && m.to === 'e2@contoso.com')).toBe(true);
  });

  it('keeps within the quantity while a second instance syncs at once and an administrator assigns by hand', async () => {
    const id = await buySubscription(server, owner, 4);
    const emails = Array.from({ length: 12 }, (_, i) => `crowd${i}@contoso.com`);
    const group = await createGroup(emails.slice(0, 2));
    await link(id, group);
    await addMembers(group, emails.slice(2));
    // A second instance: its own services and SQLite connection on the same file, the same Graph and Entra.
    const other: Services = await createServices(server.services.config, () => {}, { clock: () => Date.now() + ahead });
    try {
      // While one instance holds the subscription's lease (taken here as its sync takes it, so the
      // order does not depend on which instance's first query the database answers first), the
      // other is refused.
      await server.services.uow.transaction((tx) =>
        tx.groups.claimSync(id, 'instance-stuck-in-its-sync', Date.now(), Date.now() + 10 * 60_000),
      );
      expect(await other.groups.sync(id)).toBe('busy');
      expect(await server.services.groups.sync(id)).toBe('busy');
      // The holder stuck past its lease: the other takes over while an administrator assigns by hand.
      ahead += 11 * 60_000;
      const outcomes = await Promise.all([
        other.groups.sync(id),
        server.call('POST', `/api/v1/subscriptions/${id}/assignments`, {
          token: owner,
          body: { emails: ['byhand1@contoso.com', 'byhand2@contoso.com'] },
        }),
      ]);
      expect(outcomes[0]).toMatchObject({ result: 'ok' });
    } finally {
      other.close();
    }
    expect(await server.services.uow.read.subscriptions.countLiveSeats(id)).toBe(4);
    const state = await view(id);
    expect(state.members).toBe(12);
    expect(state.seatsToBuy).toBe(state.waitingTotal);
    expect(state.waitingTotal).toBeGreaterThanOrEqual(8);
  });

  it('stops with a clear result when the consent is withdrawn, keeping every seat, and resumes once granted again', async () => {
    const id = await buySubscription(server, owner, 5);
    const group = await createGroup(['fay@contoso.com', 'gus@contoso.com']);
    await link(id, group);

    // Withdrawn: the tenant's administrator removed the application permissions. The token the
    // server holds still carries them, and Graph honours it until it expires; the next one has no roles.
    await server.call('PUT', `/dev/idp/tenants/${CONTOSO}/application`, { body: { roles: [] } });
    expect((await syncNow(id)).lastSync).toMatchObject({ result: 'ok' });
    await removeMembers(group, ['gus@contoso.com']);
    ahead += 3600_000;
    const stopped = await syncNow(id);
    expect(stopped.lastSync).toMatchObject({ result: 'consent_missing', added: 0, removed: 0 });
    expect(stopped.consentUrl).toBe(
      `${server.services.config.groups.consentAuthority}/${CONTOSO}/adminconsent?client_id=${server.services.config.identity.clientId}&redirect_uri=${encodeURIComponent(`${server.services.config.publicUrl}/portal.html`)}&state=outmerge-group-sync.${id}`,
    );
    expect(await seatEmails(id)).toEqual(['fay@contoso.com', 'gus@contoso.com']);
    // The enterprise application deleted altogether (AADSTS700016): the same, journaled once.
    await server.call('DELETE', `/dev/idp/tenants/${CONTOSO}/application`);
    ahead += 3600_000;
    expect((await syncNow(id)).lastSync).toMatchObject({ result: 'consent_missing' });
    const stops = (
      await server.call('GET', `/api/v1/subscriptions/${id}/journal?action=group.sync_stopped`, { token: owner })
    ).json<{ entries: Array<{ actorRole: string }> }>().entries;
    expect(stops).toEqual([expect.objectContaining({ actorRole: 'group_sync' })]);
    // The picker says what to do, with the link.
    const search = await server.call('GET', url(id, '/search?q=Team'), { token: owner });
    expect(search.statusCode).toBe(409);
    expect(search.json()).toMatchObject({
      error: { code: 'GROUP_CONSENT_MISSING', details: { consentUrl: stopped.consentUrl } },
    });

    await server.call('PUT', `/dev/idp/tenants/${CONTOSO}/application`, {
      body: { roles: [...GRAPH_APPLICATION_PERMISSIONS] },
    });
    expect((await syncNow(id)).lastSync).toMatchObject({ result: 'ok', removed: 1 });
    expect(await seatEmails(id)).toEqual(['fay@contoso.com']);
  });

  it('gives no seat to a guest of the tenant (B2B): counted apart, never seated', async () => {
    const id = await buySubscription(server, owner, 5);
    const response = await server.call('POST', `/dev/graph/tenants/${CONTOSO}/groups`, {
      body: {
        displayName: 'Suppliers',
        kind: 'security',
        members: [{ email: 'kim@contoso.com' }, { email: 'lou@supplier.example', guest: true }],
      },
    });
    const linked = (await link(id, response.json<{ id: string }>().id)).json<GroupSyncView>();
    expect(linked).toMatchObject({ members: 1, guests: 1, waitingTotal: 0, groups: [{ members: 1 }] });
    expect(await seatEmails(id)).toEqual(['kim@contoso.com']);
  });

  it('stops reading the directory once the subscription has ended for good: the scheduled sync passes it by, Sync now is refused', async () => {
    const id = await buySubscription(server, owner, 3);
    const group = await createGroup(['nora@contoso.com']);
    await link(id, group);
    expect(await seatEmails(id)).toEqual(['nora@contoso.com']);
    // The service ended by the vendor's operator (a refund with the service ended): the subscription is cancelled.
    const [invoice] = (await server.call('GET', `/api/v1/subscriptions/${id}/invoices`, { token: owner })).json<{
      invoices: Array<{ id: string }>;
    }>().invoices;
    const refunded = await server.call('POST', `/api/v1/operator/invoices/${invoice!.id}/refunds`, {
      token: await server.token(OPERATOR, { tenantId: OPERATOR_TENANT }),
      body: { amountMinor: 100, endService: true },
      headers: { 'idempotency-key': `group-ended-${id}` },
    });
    expect(refunded.statusCode).toBe(201);
    await addMembers(group, ['otto@contoso.com']);
    const before = await server.services.uow.read.groups.syncState(id);

    ahead += 1000;
    expect(await server.services.uow.read.groups.dueForSync(Date.now() + ahead, 1000)).not.toContain(id);
    await server.services.groups.syncDue(1000);
    expect(await server.services.uow.read.groups.syncState(id)).toEqual(before);
    const syncNow = await server.call('POST', url(id, '/sync'), { token: owner });
    expect(syncNow.statusCode).toBe(409);
    expect(syncNow.json()).toMatchObject({ error: { code: 'SUBSCRIPTION_ENDED' } });
    expect(await server.services.uow.read.groups.syncState(id)).toEqual(before);
    expect(await seatEmails(id)).toEqual(['nora@contoso.com']);
  });

  it('can never link a group of another tenant, whoever asks, nor a distribution list', async () => {
    const id = await buySubscription(server, owner, 5);
    await server.call('PUT', `/dev/idp/tenants/${FABRIKAM}/application`, {
      body: { roles: [...GRAPH_APPLICATION_PERMISSIONS] },
    });
    const foreign = await createGroup(['fiona@fabrikam.com'], { tenant: FABRIKAM, name: 'Fabrikam sales' });
    const refused = await link(id, foreign);
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ error: { code: 'GROUP_NOT_FOUND' } });
    // A delegate from the other tenant, allowed to assign: still only the subscription's organisation's groups.
    const fabrikamDelegate = await delegate(id, 'fred@fabrikam.com', ['assign']);
    expect((await server.call('GET', url(id, '/search?q=Fabrikam'), { token: fabrikamDelegate })).json()).toEqual({
      groups: [],
    });
    expect((await link(id, foreign, fabrikamDelegate)).json()).toMatchObject({ error: { code: 'GROUP_NOT_FOUND' } });
    const list = await createGroup(['x@contoso.com'], { kind: 'distribution' });
    expect((await link(id, list)).json()).toMatchObject({ error: { code: 'GROUP_NOT_SUPPORTED' } });
    expect((await view(id)).groups).toEqual([]);
    // Someone of Fabrikam without a role cannot see, let alone change, Contoso's subscription.
    const stranger = await server.token('greta@fabrikam.com');
    expect((await server.call('GET', url(id), { token: stranger })).statusCode).toBe(404);
    expect((await link(id, foreign, stranger)).statusCode).toBe(404);
  });

  it('lets a delegate with assign link groups, a delegate with view only look, and nobody else', async () => {
    const id = await buySubscription(server, owner, 5);
    const group = await createGroup(['hal@contoso.com'], { name: 'Searchable Helpdesk' });
    const seatAdmin = await delegate(id, 'ida@contoso.com', ['assign']);
    const viewer = await delegate(id, 'jon@contoso.com', ['view']);
    const found = (await server.call('GET', url(id, '/search?q=helpdesk'), { token: seatAdmin })).json<{
      groups: Array<{ id: string; linked: boolean; kind: string }>;
    }>().groups;
    expect(found).toEqual([expect.objectContaining({ id: group, linked: false, kind: 'security' })]);
    expect((await link(id, group, seatAdmin)).statusCode).toBe(201);
    expect((await view(id, viewer)).groups).toHaveLength(1);
    expect((await server.call('GET', url(id, '/search?q=x'), { token: viewer })).statusCode).toBe(403);
    expect((await server.call('POST', url(id, '/sync'), { token: viewer })).statusCode).toBe(403);
  });
});

describe("the group sync's emails", () => {
  it("stay within the organisation's daily email limit: seats are given all the same", async () => {
    const limited = await startTestServer({
      GROUP_SYNC_INTERVAL_SECONDS: '0',
      GRAPH_STANDIN_LATENCY_MS: '0',
      ORGANISATION_DAILY_EMAIL_LIMIT: '1',
    });
    try {
      const boss = await limited.token('olivia@contoso.com');
      await limited.call('PUT', `/dev/idp/tenants/${CONTOSO}/application`, {
        body: { roles: [...GRAPH_APPLICATION_PERMISSIONS] },
      });
      const id = await buySubscription(limited, boss, 5);
      const group = (
        await limited.call('POST', `/dev/graph/tenants/${CONTOSO}/groups`, {
          body: {
            displayName: 'Everyone',
            kind: 'security',
            members: [{ email: 'mia@contoso.com' }, { email: 'ned@contoso.com' }, { email: 'oz@contoso.com' }],
          },
        })
      ).json<{ id: string }>().id;
      expect(
        (
          await limited.call('POST', `/api/v1/subscriptions/${id}/groups`, { token: boss, body: { groupId: group } })
        ).json<GroupSyncView>().lastSync,
      ).toMatchObject({ added: 3 });
      expect((await outbox(limited)).filter((m) => m.kind === 'welcome')).toHaveLength(1);
    } finally {
      await limited.close();
    }
  }, 60_000);
});
