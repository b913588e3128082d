/**
 * No organisation reaching another's people (issue 10, findings 4, 5, 9, 10; issue 9 point 11),
 * each attack as it was reproduced, through the real API, the development identity provider
 * (tokens as strict as Entra's: a UPN only at a domain the tenant verified, `xms_edov` only for
 * such an address) and the DNS stand-in behind the production resolver.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainVerificationRecord, DomainView, MyLicenseView } from '#shared/api/views.js';
import { GLOBAL_ADMINISTRATOR_ROLE } from '#shared/permissions/permissions.js';
import { CONSUMER_TENANT_ID } from '../../server/src/identity/verifiedClaims.js';
import { invitationToken, outbox } from '../helpers/outbox.js';
import { proveDomain, publishTxt } from '../helpers/proveDomain.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ORGANISATION_DAILY_EMAIL_LIMIT: '6' });
});
afterAll(() => server.close());

const NONCE = 'nonce-0123456789abcdef';
const ATTACKER_TENANT = '00000000-0000-4000-8000-00000000a77a';

async function account(email: string, extra: Record<string, unknown> = {}) {
  const response = await server.call('POST', '/dev/idp/token', { body: { email, ...extra } });
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json<{ access_token: string; account: { tenantId: string; objectId: string } }>();
}
const check = async (token: string) =>
  (await server.call('POST', '/api/v1/license/check', { token, body: { nonce: NONCE } })).json<{
    code: string;
    subscriptionId: string | null;
  }>();
const assign = async (token: string, subscriptionId: string, emails: string[]) =>
  (await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, { token, body: { emails } })).json<{
    results: Array<{ email: string; result: string; welcomeEmail?: string }>;
  }>().results;
const domains = async (token: string, subscriptionId: string) =>
  (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/domains`, { token })).json<{
    domains: DomainView[];
    record?: DomainVerificationRecord;
  }>();
const me = async (token: string) => (await server.call('GET', '/api/v1/me/license', { token })).json<MyLicenseView>();

describe('unproven domains (finding 4)', () => {
  it("does not let an owner approve another organisation's domain and capture its people", async () => {
    const attacker = await server.token('eve@northwind.example');
    const attackerSubscription = await buySubscription(server, attacker, 5);
    // Declaring fabrikam.com is not approving it: it waits for proof, and nothing goes there.
    const added = await server.call('POST', `/api/v1/subscriptions/${attackerSubscription}/domains`, {
      token: attacker,
      body: { domain: 'fabrikam.com' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      domain: 'fabrikam.com',
      added: true,
      status: 'pending',
      method: null,
      lastCheck: { result: 'domain_not_found' },
    });
    expect(await assign(attacker, attackerSubscription, ['bruno@fabrikam.com'])).toEqual([
      { email: 'bruno@fabrikam.com', result: 'domain_not_approved' },
    ]);
    // A TXT record with another organisation's value (or a guess) proves nothing.
    await publishTxt(server, 'fabrikam.com', ['outmerge-verification=guessed', 'v=spf1 -all']);
    const checked = await server.call(
      'POST',
      `/api/v1/subscriptions/${attackerSubscription}/domains/fabrikam.com/check`,
      { token: attacker },
    );
    expect(checked.json()).toMatchObject({ status: 'pending', lastCheck: { result: 'record_missing' } });
    expect((await outbox(server)).filter((m) => m.to === 'bruno@fabrikam.com')).toEqual([]);

    // The real Fabrikam: its buyer's domain is proven by their own tenant at once; bruno binds Fabrikam's seat.
    const fabrikam = await server.token('olivia@fabrikam.com');
    const fabrikamSubscription = await buySubscription(server, fabrikam, 2);
    expect((await domains(fabrikam, fabrikamSubscription)).domains).toEqual([
      expect.objectContaining({ domain: 'fabrikam.com', status: 'proven', method: 'tenant' }),
    ]);
    expect(await assign(fabrikam, fabrikamSubscription, ['bruno@fabrikam.com'])).toEqual([
      { email: 'bruno@fabrikam.com', result: 'assigned' },
    ]);
    const bruno = await account('bruno@fabrikam.com');
    expect(await check(bruno.access_token)).toMatchObject({ code: 'ACTIVE', subscriptionId: fabrikamSubscription });
  });

  it('proves a domain by its TXT record through the configured resolver, and only then assigns and mails there', async () => {
    const owner = await server.token('owner@tailspin.example');
    const subscriptionId = await buySubscription(server, owner, 3);
    const { record } = await domains(owner, subscriptionId);
    expect(record).toMatchObject({
      type: 'TXT',
      host: '@',
      value: expect.stringMatching(/^outmerge-verification=[A-Za-z0-9_-]{43}$/),
    });
    const view = await proveDomain(server, owner, subscriptionId, 'tailspin-toys.example');
    expect(view).toMatchObject({
      domain: 'tailspin-toys.example',
      status: 'proven',
      method: 'dns',
      lastCheck: { result: 'proven' },
    });
    expect(await assign(owner, subscriptionId, ['kim@tailspin-toys.example'])).toEqual([
      { email: 'kim@tailspin-toys.example', result: 'assigned' },
    ]);
    expect((await outbox(server)).filter((m) => m.to === 'kim@tailspin-toys.example').map((m) => m.kind)).toEqual([
      'welcome',
    ]);
    const journal = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/journal?action=domain.proven`, { token: owner })
    ).json<{ entries: Array<{ target: string; detail: unknown }> }>().entries;
    expect(journal).toEqual([expect.objectContaining({ target: 'tailspin-toys.example', detail: { method: 'dns' } })]);
    // Bad input changes nothing.
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/domains`, {
          token: owner,
          body: { domain: 'not a domain' },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/domains/unknown.example/check`, {
          token: owner,
        })
      ).json(),
    ).toMatchObject({ error: { code: 'DOMAIN_NOT_FOUND' } });
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/domains/tailspin.example`, {
          token: owner,
        })
      ).json(),
    ).toMatchObject({ error: { code: 'DOMAIN_PROVEN_BY_TENANT' } });
  });

  it("lets a seat of the person's own tenant win over a foreign one, and the person leave the foreign seat", async () => {
    // Woodgrove's DNS administrator let Contoso prove woodgrove.example (a parent company buying for a subsidiary).
    const contoso = await server.token('olivia@contoso.com');
    const contosoSubscription = await buySubscription(server, contoso, 2);
    await proveDomain(server, contoso, contosoSubscription, 'woodgrove.example');
    await assign(contoso, contosoSubscription, ['ida@woodgrove.example']);
    const ida = await account('ida@woodgrove.example');
    expect(await check(ida.access_token)).toMatchObject({ code: 'ACTIVE', subscriptionId: contosoSubscription });

    // Woodgrove buys for itself: Ida's own organisation's seat wins at her next check, and Contoso hears no more of her.
    const woodgrove = await server.token('owner@woodgrove.example');
    const woodgroveSubscription = await buySubscription(server, woodgrove, 2);
    await assign(woodgrove, woodgroveSubscription, ['ida@woodgrove.example']);
    await server.call('PATCH', `/api/v1/subscriptions/${woodgroveSubscription}/assignments/ida%40woodgrove.example`, {
      token: woodgrove,
      body: { suspended: true },
    });
    const contosoSeatBefore = (await server.services.uow.read.subscriptions.findLiveSeatByEmail(
      contosoSubscription,
      'ida@woodgrove.example',
    ))!;
    expect(await check(ida.access_token)).toMatchObject({ code: 'SUSPENDED', subscriptionId: woodgroveSubscription });
    expect(
      (await server.services.uow.read.subscriptions.findLiveSeatByEmail(contosoSubscription, 'ida@woodgrove.example'))!
        .lastCheckInAt,
    ).toBe(contosoSeatBefore.lastCheckInAt);

    const mine = await me(ida.access_token);
    expect(mine.seat).toMatchObject({ status: 'suspended', contact: 'owner@woodgrove.example' });
    expect(mine.foreignSeats).toEqual([
      expect.objectContaining({ organisation: 'contoso.com', foreign: true, contact: 'olivia@contoso.com' }),
    ]);
    const foreignId = mine.foreignSeats![0]!.id;
    const ownId = (await server.services.uow.read.subscriptions.findLiveSeatByEmail(
      woodgroveSubscription,
      'ida@woodgrove.example',
    ))!.id;
    // Nobody else can make her leave; she cannot leave her own organisation's seat.
    expect((await server.call('POST', `/api/v1/me/seats/${foreignId}/leave`, { token: contoso })).json()).toMatchObject(
      { error: { code: 'SEAT_NOT_FOUND' } },
    );
    expect(
      (await server.call('POST', `/api/v1/me/seats/${ownId}/leave`, { token: ida.access_token })).json(),
    ).toMatchObject({ error: { code: 'SEAT_OWN_ORGANISATION' } });
    expect(
      (await server.call('POST', `/api/v1/me/seats/${foreignId}/leave`, { token: ida.access_token })).statusCode,
    ).toBe(204);
    expect((await me(ida.access_token)).foreignSeats).toBeUndefined();
    expect(
      await server.services.uow.read.subscriptions.findLiveSeatByEmail(contosoSubscription, 'ida@woodgrove.example'),
    ).toBeUndefined();
    const left = (
      await server.call('GET', `/api/v1/subscriptions/${contosoSubscription}/journal?action=seat.left`, {
        token: contoso,
      })
    ).json<{ entries: Array<{ actor: string; actorRole: string }> }>().entries;
    expect(left).toEqual([expect.objectContaining({ actor: 'ida@woodgrove.example', actorRole: 'seat_holder' })]);
  });
});

describe('email claims (finding 5) and UPN ≠ mail address (issue 9, point 11)', () => {
  it("never binds a seat on an unverified claim: another tenant's preferred_username or email gets nothing, the real user the seat", async () => {
    const owner = await server.token('owner@adatum.example');
    const subscriptionId = await buySubscription(server, owner, 2);
    await assign(owner, subscriptionId, ['ceo@adatum.example']);
    // A member of another tenant whose sign-in name and Mail attribute say ceo@adatum.example (unverified there).
    const impostor = await account('ceo@adatum.example', { tenantId: ATTACKER_TENANT });
    expect(await check(impostor.access_token)).toMatchObject({ code: 'NO_LICENSE', subscriptionId: null });
    const ceo = await account('ceo@adatum.example');
    expect(await check(ceo.access_token)).toMatchObject({ code: 'ACTIVE', subscriptionId });
  });

  it('reaches a person at their primary SMTP address when their sign-in name differs (email + xms_edov)', async () => {
    const owner = await server.token('owner@litware.example');
    const subscriptionId = await buySubscription(server, owner, 2);
    await assign(owner, subscriptionId, ['Anna.Smith@litware.example']);
    // UPN asmith@litware.example, mail Anna.Smith@litware.example: the email claim, vouched for by xms_edov, finds the seat.
    const anna = await account('asmith@litware.example', { mail: 'Anna.Smith@litware.example' });
    expect(await check(anna.access_token)).toMatchObject({ code: 'ACTIVE', subscriptionId });
  });

  it('accepts an invitation only for an account Entra vouches for at the invited address', async () => {
    const owner = await server.token('owner@contoso-ltd.example');
    const subscriptionId = await buySubscription(server, owner, 1);
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/delegates`, {
      token: owner,
      body: { email: 'it@contoso-ltd.example', permissions: ['view'] },
    });
    const token = await invitationToken(server, 'it@contoso-ltd.example');
    // Whoever got hold of the link, signed in to another tenant under that name, is refused.
    const impostor = await account('it@contoso-ltd.example', { tenantId: ATTACKER_TENANT });
    expect(
      (
        await server.call('POST', '/api/v1/invitations/accept', { token: impostor.access_token, body: { token } })
      ).json(),
    ).toMatchObject({ error: { code: 'INVITATION_WRONG_ACCOUNT' } });
    const it = await account('it@contoso-ltd.example');
    expect(
      (await server.call('POST', '/api/v1/invitations/accept', { token: it.access_token, body: { token } })).statusCode,
    ).toBe(200);
  });

  it("binds no organisation's seat for a personal Microsoft account, and sells it none", async () => {
    const owner = await server.token('owner@proseware.example');
    const subscriptionId = await buySubscription(server, owner, 2);
    await assign(owner, subscriptionId, ['pat@proseware.example']);
    // Even with an address Microsoft verified, the consumer tenant is no organisation.
    const personal = await account('pat@proseware.example', { tenantId: CONSUMER_TENANT_ID, guest: true });
    expect(await check(personal.access_token)).toMatchObject({ code: 'NO_LICENSE' });
    const bought = await server.call('POST', '/api/v1/checkout', {
      token: personal.access_token,
      body: { plan: 'monthly', quantity: 1, card: '4242 4242 4242 4242' },
      headers: { 'idempotency-key': 'consumer-1' },
    });
    expect(bought.statusCode).toBe(403);
    expect(bought.json()).toMatchObject({ error: { code: 'CONSUMER_ACCOUNT' } });
  });
});

describe('mass mail (finding 9)', () => {
  it("sends at most the organisation's daily limit of emails, and the answer says which were held back", async () => {
    const owner = await server.token('owner@wingtip.example');
    const subscriptionId = await buySubscription(server, owner, 20);
    const emails = Array.from({ length: 8 }, (_, i) => `p${i}@wingtip.example`);
    const results = await assign(owner, subscriptionId, emails);
    expect(results.filter((r) => r.result === 'assigned')).toHaveLength(8);
    expect(results.filter((r) => r.welcomeEmail === 'daily_limit_reached').map((r) => r.email)).toEqual([
      'p6@wingtip.example',
      'p7@wingtip.example',
    ]);
    const sent = (await outbox(server)).filter((m) => m.to.endsWith('@wingtip.example'));
    expect(sent).toHaveLength(6);
    // Over the limit, a removal changes the seat but sends nothing more.
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/assignments/p0%40wingtip.example`, {
          token: owner,
        })
      ).statusCode,
    ).toBe(204);
    expect((await outbox(server)).filter((m) => m.to.endsWith('@wingtip.example'))).toHaveLength(6);
    // Another organisation has its own allowance.
    const other = await server.token('owner@relecloud.example');
    const otherSubscription = await buySubscription(server, other, 1);
    expect(await assign(other, otherSubscription, ['x@relecloud.example'])).toEqual([
      { email: 'x@relecloud.example', result: 'assigned' },
    ]);
  });
});

describe('organisation settings (finding 10)', () => {
  it("keeps the organisation's domains to its administrators, not to the owner of any one subscription", async () => {
    const first = await server.token('first@fourthcoffee.example');
    const firstSubscription = await buySubscription(server, first, 2);
    await proveDomain(server, first, firstSubscription, 'coffee-shop.example');
    await assign(first, firstSubscription, ['barista@coffee-shop.example']);
    // A colleague buys a subscription of their own: they see the domains, and change none.
    const second = await server.token('second@fourthcoffee.example');
    const secondSubscription = await buySubscription(server, second, 2);
    expect((await domains(second, secondSubscription)).domains.map((d) => d.domain)).toEqual([
      'coffee-shop.example',
      'fourthcoffee.example',
    ]);
    expect((await domains(second, secondSubscription)).record).toBeUndefined();
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${secondSubscription}/domains/coffee-shop.example`, {
          token: second,
        })
      ).json(),
    ).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect((await server.call('GET', '/api/v1/organisation', { token: second })).json()).toMatchObject({
      error: { code: 'ORGANISATION_NOT_FOUND' },
    });
    // The first buyer administers the organisation and appoints the colleague; the tenant's Global Administrator may too.
    const organisation = (await server.call('GET', '/api/v1/organisation', { token: first })).json<{
      name: string;
      administrators: Array<{ email: string }>;
    }>();
    expect(organisation).toMatchObject({
      name: 'fourthcoffee.example',
      administrators: [{ email: 'first@fourthcoffee.example' }],
    });
    expect(
      (
        await server.call('POST', '/api/v1/organisation/administrators', {
          token: first,
          body: { email: 'stranger@fourthcoffee.example' },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'ADMINISTRATOR_CANDIDATE_NOT_FOUND' } });
    expect(
      (
        await server.call('POST', '/api/v1/organisation/administrators', {
          token: first,
          body: { email: 'Second@FourthCoffee.example' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${secondSubscription}/domains/coffee-shop.example`, {
          token: second,
        })
      ).statusCode,
    ).toBe(204);
    const globalAdmin = (await account('it@fourthcoffee.example', { directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE] }))
      .access_token;
    expect(
      (
        await server.call('POST', '/api/v1/organisation/domains', {
          token: globalAdmin,
          body: { domain: 'coffee-shop.example' },
        })
      ).statusCode,
    ).toBe(201);
    // Another tenant's Global Administrator reaches only their own tenant's organisation.
    const foreignAdmin = (
      await account('it@fourthcoffee.example', {
        tenantId: ATTACKER_TENANT,
        directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE],
      })
    ).access_token;
    expect((await server.call('GET', '/api/v1/organisation', { token: foreignAdmin })).statusCode).toBe(404);
  });
});
