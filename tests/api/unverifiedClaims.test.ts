/**
 * No decision on an unverified claim (issue 10, finding 5), beyond seat binding: each attack is a
 * member of another tenant whose sign-in name (`preferred_username`) and Mail attribute (`email`,
 * without `xms_edov`) say the victim's address — which Entra lets any tenant write for its own
 * users. Through the real API and the development identity provider (tokens as strict as Entra's).
 *
 * - a partner's delegated-administration request is viewed, approved or declined only by an
 *   account Entra vouches for at the addressed address;
 * - records made for the caller (a subscription's owner, an organisation's name and domain, a
 *   partner's contact, where a request for an offer's administration is emailed) carry the address
 *   Entra vouches for, never the claimed one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainView, PartnerCustomerView, PartnerView } from '#shared/api/views.js';
import { outbox } from '../helpers/outbox.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ INVITATION_RATE_PER_MINUTE: '100000', PARTNER_TRIAL_SEAT_ALLOWANCE: '100' });
});
afterAll(() => server.close());

/** Tenants the attacker controls (one per attack): their users' UPNs are at their own onmicrosoft.com domain. */
let attackerTenants = 0;
const ATTACKER_UPN_DOMAIN = 't00000000.onmicrosoft.com';

async function token(email: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await server.call('POST', '/dev/idp/token', { body: { email, ...extra } });
  if (response.statusCode !== 200) throw new Error(response.body);
  return response.json<{ access_token: string }>().access_token;
}
/** Someone of another tenant claiming `email` as sign-in name and Mail attribute. */
const impostor = (email: string) =>
  token(email, { tenantId: `00000000-0000-4000-8000-${String(++attackerTenants).padStart(12, '0')}` });

let keySeq = 0;
const idem = () => ({ 'idempotency-key': `claims-${++keySeq}-${Date.now()}` });

async function buy(owner: string, quantity = 2): Promise<{ status: number; subscriptionId: string }> {
  const response = await server.call('POST', '/api/v1/checkout', {
    token: owner,
    body: { plan: 'monthly', quantity, card: '4242 4242 4242 4242' },
    headers: idem(),
  });
  return { status: response.statusCode, subscriptionId: response.json<{ subscriptionId: string }>().subscriptionId };
}

async function enrol(owner: string, name: string): Promise<PartnerView> {
  const response = await server.call('POST', '/api/v1/partners', { token: owner, body: { name } });
  expect(response.statusCode).toBe(201);
  return response.json<PartnerView>();
}

async function requestToken(to: string): Promise<string> {
  const mail = (await outbox(server)).find((m) => m.kind === 'partner-request' && m.to === to);
  const match = mail && /#\/partner-request\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no request email to ${to}`);
  return decodeURIComponent(match[1]);
}

const error = (response: { json<T>(): T }) => response.json<{ error?: { code: string } }>().error?.code;

describe('partner requests: addressed to an address, answered only by an account Entra vouches for there', () => {
  it("refuses another tenant's user named like the addressee: no view, no approval, no decline; the real owner approves", async () => {
    const partnerOwner = await token('owner@kilo-partners.example');
    const partner = await enrol(partnerOwner, 'Kilo');
    const victim = await token('owner@lima-customer.example');
    const { subscriptionId } = await buy(victim, 5);
    expect(
      (
        await server.call('POST', `/api/v1/partners/${partner.id}/requests`, {
          token: partnerOwner,
          body: { email: 'owner@lima-customer.example', permissions: ['view', 'assign'], durationDays: 30 },
        })
      ).statusCode,
    ).toBe(201);
    const secret = await requestToken('owner@lima-customer.example');

    // The link reached the attacker (a forwarded email, a shared screen): their own subscription is the target they could grant.
    const attacker = await impostor('owner@lima-customer.example');
    const own = await buy(attacker, 1);
    expect(own.status).toBe(201);
    for (const [path, body] of [
      ['/api/v1/partner-requests/view', { token: secret }],
      ['/api/v1/partner-requests/approve', { token: secret, subscriptionId: own.subscriptionId }],
      ['/api/v1/partner-requests/decline', { token: secret }],
    ] as const) {
      const response = await server.call('POST', path, { token: attacker, body });
      expect(response.statusCode, path).toBe(403);
      expect(error(response), path).toBe('PARTNER_REQUEST_WRONG_ACCOUNT');
    }
    // Nothing changed: the request still waits for the owner, who approves it.
    expect(
      (await server.call('POST', '/api/v1/partner-requests/view', { token: victim, body: { token: secret } })).json(),
    ).toMatchObject({ state: 'pending', subscriptions: [{ id: subscriptionId }] });
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/approve', {
          token: victim,
          body: { token: secret, subscriptionId },
        })
      ).json(),
    ).toMatchObject({ state: 'active', subscriptionId });
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${own.subscriptionId}/partners`, { token: attacker })).json(),
    ).toEqual([]);
  });

  it('reaches an owner addressed at their mail address when their sign-in name differs (email + xms_edov)', async () => {
    const partnerOwner = await token('owner@mike-partners.example');
    const partner = await enrol(partnerOwner, 'Mike');
    // UPN asmith@november-customer.example, primary SMTP address Anna.Smith@november-customer.example.
    const anna = await token('asmith@november-customer.example', { mail: 'Anna.Smith@november-customer.example' });
    const { subscriptionId } = await buy(anna, 3);
    await server.call('POST', `/api/v1/partners/${partner.id}/requests`, {
      token: partnerOwner,
      body: { email: 'Anna.Smith@november-customer.example', permissions: ['view'], durationDays: 30 },
    });
    const secret = await requestToken('Anna.Smith@november-customer.example');
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/approve', {
          token: anna,
          body: { token: secret, subscriptionId },
        })
      ).json(),
    ).toMatchObject({ state: 'active', subscriptionId });
  });
});

describe('records made for the caller carry the address Entra vouches for', () => {
  it("a purchase: the owner, the organisation's name and its domains are the buyer's own, not the claimed victim's", async () => {
    const attacker = await impostor('ceo@oscar-victim.example');
    const { subscriptionId } = await buy(attacker, 1);
    const subscription = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}`, { token: attacker })
    ).json<{ owner: string }>();
    expect(subscription.owner).toBe(`ceo@${ATTACKER_UPN_DOMAIN}`);
    const domains = (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/domains`, { token: attacker }))
      .json<{ domains: DomainView[] }>()
      .domains.map((d) => d.domain);
    expect(domains).not.toContain('oscar-victim.example');
    expect((await server.call('GET', '/api/v1/organisation', { token: attacker })).json()).toMatchObject({
      name: ATTACKER_UPN_DOMAIN,
    });
  });

  it("a partner enrolment: its contact (where digests go) is the enrolling person's verified address", async () => {
    const attacker = await impostor('partners@papa-victim.example');
    const partner = await enrol(attacker, 'Papa look-alike');
    const staff = (await server.call('GET', `/api/v1/partners/${partner.id}/staff`, { token: attacker })).json<
      Array<{ email: string; role: string }>
    >();
    expect(staff).toEqual([expect.objectContaining({ email: `partners@${ATTACKER_UPN_DOMAIN}`, role: 'owner' })]);
    expect(await server.services.uow.read.partners.findPartner(partner.id)).toMatchObject({
      contactEmail: `partners@${ATTACKER_UPN_DOMAIN}`,
    });
  });

  it('product keys bought by staff: emailed to the address the staff member was added and bound under, not to their sign-in name', async () => {
    const owner = await server.call('POST', '/dev/idp/token', { body: { email: 'owner@tango-partners.example' } });
    const { access_token: ownerToken, account } = owner.json<{ access_token: string; account: { tenantId: string } }>();
    const partner = await enrol(ownerToken, 'Tango');
    await server.call('POST', `/api/v1/partners/${partner.id}/staff`, {
      token: ownerToken,
      body: { email: 'buyer@tango-partners.example', role: 'full' },
    });
    // A guest in the partner's tenant: sign-in name from their home tenant, their mail address vouched for (xms_edov).
    const guest = await token('someone@uniform-victim.example', {
      tenantId: account.tenantId,
      guest: true,
      mail: 'buyer@tango-partners.example',
    });
    const bought = await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
      token: guest,
      body: { plan: 'monthly', seats: 1, termPeriods: 1, count: 1, card: '4242 4242 4242 4242' },
      headers: idem(),
    });
    expect(bought.statusCode).toBe(201);
    expect(bought.json()).toMatchObject({ emailedTo: 'buyer@tango-partners.example' });
    expect((await outbox(server)).filter((m) => m.kind === 'product-keys').map((m) => m.to)).not.toContain(
      'someone@uniform-victim.example',
    );
  });

  it('an offer taken, and a product key redeemed: the partner sees the customer as who they are, and no request mail goes to the claimed address', async () => {
    const partnerOwner = await token('owner@quebec-partners.example');
    const partner = await enrol(partnerOwner, 'Quebec');
    const offer = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token: partnerOwner,
        body: {
          kind: 'trial',
          plan: 'monthly',
          quantity: 3,
          trialDays: 14,
          administration: { permissions: ['view'], durationDays: 30 },
        },
      })
    ).json<{ link: string }>();
    const parts = Object.fromEntries(new URLSearchParams(new URL(offer.link).hash.replace(/^#\/offer\?/, '')));

    const attacker = await impostor('owner@romeo-victim.example');
    const trial = await server.call('POST', '/api/v1/offers/redeem', { token: attacker, body: parts });
    expect(trial.statusCode).toBe(201);
    const keys = (
      await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
        token: partnerOwner,
        body: { plan: 'annual', seats: 1, termPeriods: 1, count: 1, card: '4242 4242 4242 4242' },
        headers: idem(),
      })
    ).json<{ keys: string[] }>().keys;
    const other = await impostor('it@sierra-victim.example');
    const redeemed = await server.call('POST', '/api/v1/product-keys/redeem', { token: other, body: { key: keys[0] } });
    expect(redeemed.statusCode).toBe(201);

    const customers = (
      await server.call('GET', `/api/v1/partners/${partner.id}/customers`, { token: partnerOwner })
    ).json<{ items: PartnerCustomerView[] }>().items;
    expect(customers.map((c) => [c.organisation, c.owner]).sort()).toEqual([
      [ATTACKER_UPN_DOMAIN, `it@${ATTACKER_UPN_DOMAIN}`],
      [ATTACKER_UPN_DOMAIN, `owner@${ATTACKER_UPN_DOMAIN}`],
    ]);
    // The offer's administration request goes to the redeemer's verified address; the victims get nothing.
    const mails = await outbox(server);
    expect(
      mails.filter((m) => m.to.endsWith('@romeo-victim.example') || m.to.endsWith('@sierra-victim.example')),
    ).toEqual([]);
    expect(mails.filter((m) => m.kind === 'partner-request').map((m) => m.to)).toContain(
      `owner@${ATTACKER_UPN_DOMAIN}`,
    );
  });
});
