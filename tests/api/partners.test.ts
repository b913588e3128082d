/**
 * Partners (P1–P5) through the API on a real SQLite file: enrolment and staff, offer links
 * (trial and purchase; reused, disabled, expired, tampered), the trial → paid → expired lifecycle
 * with the license check's footer at each step, delegated-administration requests (approval,
 * decline, withdrawal, 90-day expiry, ending by the customer), product keys (bought, redeemed
 * once, extended, tampered), notifications to the partner of record and the customer list.
 *
 * Where time must pass, partner services with a later clock works on the same storage (like the
 * renewal job, which takes its time as an argument).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  JournalEntryView,
  OfferView,
  PartnerCustomerView,
  PartnerInvoiceView,
  PartnerNotificationView,
  PartnerRelationshipView,
  PartnerView,
  ProductKeyView,
} from '#shared/api/views.js';
import { SimulatedPaymentProvider } from '../../server/src/billing/simulatedPaymentProvider.js';
import { GatedProvider } from '../helpers/gatedProvider.js';
import { paymentServices } from '../helpers/paymentServices.js';
import type { PartnerServices } from '../../server/src/partners/partnerServices.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

const DAY = 86_400_000;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ INVITATION_RATE_PER_MINUTE: '100000', PARTNER_TRIAL_SEAT_ALLOWANCE: '1000' });
});
afterAll(() => server.close());

/** The same service over the same storage, with a clock `ms` later. */
function later(ms: number): PartnerServices {
  return paymentServices(server, new SimulatedPaymentProvider(), { clock: () => Date.now() + ms }).partners;
}

async function account(email: string) {
  const response = await server.call('POST', '/dev/idp/token', { body: { email } });
  const issued = response.json<{
    access_token: string;
    account: { tenantId: string; objectId: string; email: string };
  }>();
  // As the token validator reads it: a member at their own tenant's domain, whose UPN Entra vouches for.
  return {
    token: issued.access_token,
    tenantId: issued.account.tenantId,
    objectId: issued.account.objectId,
    email,
    name: null,
    verifiedEmails: [email.toLowerCase()],
  };
}

let keySeq = 0;
const idem = () => ({ 'idempotency-key': `partner-test-${++keySeq}-${Date.now()}` });

async function enrol(email: string, name: string, language = 'en'): Promise<{ token: string; partner: PartnerView }> {
  const { token } = await account(email);
  const response = await server.call('POST', '/api/v1/partners', { token, body: { name, language } });
  expect(response.statusCode).toBe(201);
  return { token, partner: response.json<PartnerView>() };
}

function linkParts(link: string): { code: string; token: string } {
  const fragment = new URL(link).hash.replace(/^#\/offer\?/, '');
  const params = new URLSearchParams(fragment);
  return { code: params.get('code')!, token: params.get('token')! };
}

async function latestMail(kind: string, to: string) {
  return (await server.services.uow.read.outbox.listSent(500)).find((m) => m.kind === kind && m.to === to);
}

async function requestToken(to: string): Promise<string> {
  const mail = await latestMail('partner-request', to);
  const match = mail?.text.match(/#\/partner-request\?token=([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no request email to ${to}`);
  return decodeURIComponent(match[1]);
}

async function licenseCheck(token: string) {
  return (
    await server.call('POST', '/api/v1/license/check', { token, body: { nonce: 'nonce-0123456789abcdef' } })
  ).json<{ valid: boolean; code: string; footer: boolean }>();
}

describe('partner organisations and staff (P1)', () => {
  it('enrols an organisation once with an advisor code; the owner manages staff, who bind at their first sign-in', async () => {
    const { token, partner } = await enrol('owner@alpha-partners.example', 'Alpha Partners');
    expect(partner).toMatchObject({ name: 'Alpha Partners', role: 'owner' });
    expect(partner.advisorCode).toMatch(/^P[BCDFGHJKMPQRTVWXY2346789]{9}$/);
    const colleague = await account('sam@alpha-partners.example');
    expect(
      (await server.call('POST', '/api/v1/partners', { token: colleague.token, body: { name: 'Again' } })).json(),
    ).toMatchObject({ error: { code: 'PARTNER_EXISTS' } });

    expect(
      (
        await server.call('POST', `/api/v1/partners/${partner.id}/staff`, {
          token,
          body: { email: 'sam@alpha-partners.example', role: 'limited' },
        })
      ).json(),
    ).toMatchObject({ role: 'limited', signedIn: false });
    // Limited administration sees the partner but may not make offers or manage staff.
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}`, { token: colleague.token })).json(),
    ).toMatchObject({ role: 'limited', actions: ['partner.view', 'customers.view'] });
    expect(
      (
        await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
          token: colleague.token,
          body: { kind: 'trial', plan: 'monthly', quantity: 5, trialDays: 30 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await server.call('POST', `/api/v1/partners/${partner.id}/staff`, {
          token: colleague.token,
          body: { email: 'x@alpha-partners.example', role: 'full' },
        })
      ).statusCode,
    ).toBe(403);
    const staff = (await server.call('GET', `/api/v1/partners/${partner.id}/staff`, { token })).json<
      Array<{ id: string; email: string; role: string; signedIn: boolean }>
    >();
    expect(staff.find((s) => s.email === 'sam@alpha-partners.example')).toMatchObject({ signedIn: true });
    const ownerRow = staff.find((s) => s.role === 'owner')!;
    expect(
      (await server.call('DELETE', `/api/v1/partners/${partner.id}/staff/${ownerRow.id}`, { token })).json(),
    ).toMatchObject({ error: { code: 'PARTNER_STAFF_OWNER' } });

    // The same address in another tenant is not staff; strangers see nothing.
    const impostor = (
      await server.call('POST', '/dev/idp/token', {
        body: { email: 'sam@alpha-partners.example', tenantId: '00000000-0000-4000-8000-00000000abcd' },
      })
    ).json<{ access_token: string }>().access_token;
    expect((await server.call('GET', `/api/v1/partners/${partner.id}`, { token: impostor })).statusCode).toBe(404);
    expect(
      (
        await server.call('GET', `/api/v1/partners/${partner.id}/customers`, {
          token: await server.token('someone@elsewhere.example'),
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_NOT_FOUND' } });
  });
});

describe('offers (P2)', () => {
  it('a one-customer trial invitation: viewed, taken once, then refused; tampered links are not found', async () => {
    const { token, partner } = await enrol('owner@bravo-partners.example', 'Bravo');
    const created = await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
      token,
      body: { kind: 'trial', plan: 'monthly', quantity: 10, trialDays: 30, maxCustomers: 1 },
    });
    expect(created.statusCode).toBe(201);
    const { link, offer } = created.json<{ link: string; offer: OfferView }>();
    expect(
      link.startsWith(`${server.services.config.publicUrl}/portal.html#/offer?code=${partner.advisorCode}&token=`),
    ).toBe(true);
    const parts = linkParts(link);
    expect(Buffer.from(parts.token, 'base64url').length).toBeGreaterThanOrEqual(16);

    // Unnamed: the pages name it in the reader's language; the plan's interval comes with it.
    expect(offer).toMatchObject({ name: null, interval: 'month' });
    expect((await server.call('POST', '/api/v1/offers/view', { body: parts })).json()).toMatchObject({
      partner: 'Bravo',
      kind: 'trial',
      name: null,
      plan: 'monthly',
      interval: 'month',
      quantity: 10,
      trialDays: 30,
      priceMinor: null,
    });
    const tampered = { ...parts, token: `${parts.token.slice(0, -2)}${parts.token.endsWith('AA') ? 'BB' : 'AA'}` };
    expect((await server.call('POST', '/api/v1/offers/view', { body: tampered })).json()).toMatchObject({
      error: { code: 'OFFER_NOT_FOUND' },
    });
    const otherPartner = await enrol('owner@charlie-partners.example', 'Charlie');
    expect(
      (
        await server.call('POST', '/api/v1/offers/view', { body: { ...parts, code: otherPartner.partner.advisorCode } })
      ).json(),
    ).toMatchObject({ error: { code: 'OFFER_NOT_FOUND' } });

    const customer = await account('owner@delta-customer.example');
    const redeemed = await server.call('POST', '/api/v1/offers/redeem', { token: customer.token, body: parts });
    expect(redeemed.statusCode).toBe(201);
    const trial = redeemed.json<{ status: string; subscriptionId: string; periodEnd: string }>();
    expect(trial.status).toBe('trial');
    expect(Date.parse(trial.periodEnd) - Date.now()).toBeGreaterThan(29 * DAY);
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${trial.subscriptionId}`, { token: customer.token })).json(),
    ).toMatchObject({ status: 'trial', quantity: 10, role: 'owner' });

    const second = await account('owner@echo-customer.example');
    expect(
      (await server.call('POST', '/api/v1/offers/redeem', { token: second.token, body: parts })).json(),
    ).toMatchObject({ error: { code: 'OFFER_USED' } });
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/offers`, { token }))
        .json<OfferView[]>()
        .find((o) => o.id === offer.id),
    ).toMatchObject({ customers: 1 });
    const customers = (await server.call('GET', `/api/v1/partners/${partner.id}/customers`, { token })).json<{
      total: number;
      items: PartnerCustomerView[];
    }>();
    expect(customers.items).toEqual([
      expect.objectContaining({
        subscriptionId: trial.subscriptionId,
        organisation: 'delta-customer.example',
        status: 'trial',
        quantity: 10,
        partnerOfRecord: true,
        relationship: null,
      }),
    ]);
  });

  it('a link for many customers is refused when reused by the same customer, disabled or expired', async () => {
    const { token, partner } = await enrol('owner@foxtrot-partners.example', 'Foxtrot');
    const { link, offer } = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token,
        body: { kind: 'trial', plan: 'monthly', quantity: 3, trialDays: 14, expiresInDays: 10 },
      })
    ).json<{ link: string; offer: OfferView }>();
    const parts = linkParts(link);
    const first = await account('owner@golf-customer.example');
    expect((await server.call('POST', '/api/v1/offers/redeem', { token: first.token, body: parts })).statusCode).toBe(
      201,
    );
    expect(
      (await server.call('POST', '/api/v1/offers/redeem', { token: first.token, body: parts })).json(),
    ).toMatchObject({ error: { code: 'OFFER_ALREADY_REDEEMED' } });
    const second = await account('owner@hotel-customer.example');
    await expect(later(11 * DAY).offers.viewOffer(parts.code, parts.token)).rejects.toMatchObject({
      code: 'OFFER_EXPIRED',
    });

    expect(
      (
        await server.call('PATCH', `/api/v1/partners/${partner.id}/offers/${offer.id}`, {
          token,
          body: { disabled: true },
        })
      ).json(),
    ).toMatchObject({ disabled: true, customers: 1 });
    expect(
      (await server.call('POST', '/api/v1/offers/redeem', { token: second.token, body: parts })).json(),
    ).toMatchObject({ error: { code: 'OFFER_DISABLED' } });
    await server.call('PATCH', `/api/v1/partners/${partner.id}/offers/${offer.id}`, {
      token,
      body: { disabled: false },
    });
    expect((await server.call('POST', '/api/v1/offers/redeem', { token: second.token, body: parts })).statusCode).toBe(
      201,
    );
  });

  it('a one-customer purchase offer bought by two customers at once: one pays and gets it, the other is refused before any charge; a declined card gives the place back', async () => {
    const { token, partner } = await enrol('owner@oscar-partners.example', 'Oscar');
    const created = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token,
        body: { kind: 'purchase', plan: 'monthly', quantity: 3, maxCustomers: 1 },
      })
    ).json<{ link: string }>();
    const parts = linkParts(created.link);
    const declined = await account('owner@papa1-customer.example');
    expect(
      (
        await server.call('POST', '/api/v1/offers/redeem', {
          token: declined.token,
          body: { ...parts, card: '4000 0000 0000 0002' },
          headers: idem(),
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PAYMENT_DECLINED' } });

    // The first buyer's charge is held at the provider while the second buyer tries.
    const provider = new GatedProvider();
    const service = paymentServices(server, provider).partners;
    const [a, b] = await Promise.all([
      account('owner@papa2-customer.example'),
      account('owner@papa3-customer.example'),
    ]);
    const caller = (buyer: typeof a) => ({
      tenantId: buyer.tenantId,
      objectId: buyer.objectId,
      email: buyer.email,
      name: null,
      scopes: [],
      verifiedEmails: buyer.verifiedEmails,
    });
    const first = service.offers.redeemOffer(
      caller(a),
      { ...parts, card: '4242 4242 4242 4242' },
      'first-buyer-key-0001',
      null,
    );
    await expect.poll(() => provider.held()).toBe(1);
    await expect(
      service.offers.redeemOffer(caller(b), { ...parts, card: '4242 4242 4242 4242' }, 'second-buyer-key-0001', null),
    ).rejects.toMatchObject({ code: 'OFFER_USED' });
    provider.release();
    expect((await first).statusCode).toBe(201);
    expect(provider.charged).toBe(1);
    const offers = (await server.call('GET', `/api/v1/partners/${partner.id}/offers`, { token })).json<OfferView[]>();
    expect(offers[0]).toMatchObject({ customers: 1 });
  });

  it('a purchase offer goes through checkout at the engine price; the partner is partner of record and administers as approved; a replay returns the first answer', async () => {
    const { token, partner } = await enrol('owner@india-partners.example', 'India');
    await server.call('POST', `/api/v1/partners/${partner.id}/staff`, {
      token,
      body: { email: 'kim@india-partners.example', role: 'full' },
    });
    const kim = await account('kim@india-partners.example');
    const created = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token: kim.token,
        body: {
          kind: 'purchase',
          plan: 'monthly',
          quantity: 12,
          administration: { permissions: ['assign', 'view'], durationDays: 365 },
        },
      })
    ).json<{ link: string; offer: OfferView }>();
    const quote = server.services.checkout.quote([{ plan: 'monthly', quantity: 12 }])[0]!.totals.subtotalMinor;
    expect(created.offer).toMatchObject({
      priceMinor: quote,
      currency: 'EUR',
      administration: { permissions: ['assign', 'view'], durationDays: 365 },
    });
    const parts = linkParts(created.link);

    const customer = await account('owner@juliet-customer.example');
    expect(
      (await server.call('POST', '/api/v1/offers/redeem', { token: customer.token, body: parts })).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const headers = idem();
    const bought = await server.call('POST', '/api/v1/offers/redeem', {
      token: customer.token,
      body: { ...parts, card: '4242 4242 4242 4242', approveAdministration: true },
      headers,
    });
    expect(bought.statusCode).toBe(201);
    const body = bought.json<{ subscriptionId: string; amountMinor: number }>();
    expect(body.amountMinor).toBe(quote);

    // Replayed after the partner disabled the offer: the stored answer, nothing bought twice.
    await server.call('PATCH', `/api/v1/partners/${partner.id}/offers/${created.offer.id}`, {
      token,
      body: { disabled: true },
    });
    const replay = await server.call('POST', '/api/v1/offers/redeem', {
      token: customer.token,
      body: { ...parts, card: '4242 4242 4242 4242', approveAdministration: true },
      headers,
    });
    expect(replay.json()).toEqual(bought.json());
    expect(await server.services.uow.read.subscriptions.listOwnedBy(customer.tenantId, customer.objectId)).toHaveLength(
      1,
    );

    // Approved at purchase: the partner's staff act with assign + view, and only that.
    const sub = body.subscriptionId;
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${sub}/assignments`, {
          token: kim.token,
          body: { emails: ['lee@juliet-customer.example'] },
        })
      ).json(),
    ).toEqual({ results: [{ email: 'lee@juliet-customer.example', result: 'assigned' }] });
    expect((await server.call('GET', `/api/v1/subscriptions/${sub}/billing`, { token: kim.token })).statusCode).toBe(
      403,
    );
    const partners = (
      await server.call('GET', `/api/v1/subscriptions/${sub}/partners`, { token: customer.token })
    ).json<PartnerRelationshipView[]>();
    expect(partners).toEqual([
      expect.objectContaining({ partner: 'India', state: 'active', permissions: ['assign', 'view'] }),
    ]);
  });
});

describe('trial → paid → expired, with the license check at each step (P2)', () => {
  it('converts a trial with a card at its end, then expires when renewal fails past grace; a trial without a card expires at its end', async () => {
    const { token, partner } = await enrol('owner@kilo-partners.example', 'Kilo');
    const { link } = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token,
        body: { kind: 'trial', plan: 'monthly', quantity: 5, trialDays: 30 },
      })
    ).json<{ link: string }>();
    const parts = linkParts(link);

    const owner = await account('owner@lima-customer.example');
    const trial = (await server.call('POST', '/api/v1/offers/redeem', { token: owner.token, body: parts })).json<{
      subscriptionId: string;
      periodEnd: string;
    }>();
    await server.call('POST', `/api/v1/subscriptions/${trial.subscriptionId}/assignments`, {
      token: owner.token,
      body: { emails: ['mia@lima-customer.example'] },
    });
    const mia = await account('mia@lima-customer.example');
    expect(await licenseCheck(mia.token)).toMatchObject({ valid: true, code: 'ACTIVE', footer: false });

    // The customer pays: a card during the trial; at its end the first period is charged and it is active.
    expect(
      (
        await server.call('PUT', `/api/v1/subscriptions/${trial.subscriptionId}/payment-method`, {
          token: owner.token,
          body: { card: '4242 4242 4242 4242' },
        })
      ).statusCode,
    ).toBe(200);
    await server.services.billing.runRenewals(Date.parse(trial.periodEnd) + 1000);
    const paid = (await server.services.uow.read.subscriptions.find(trial.subscriptionId))!;
    expect(paid.status).toBe('active');
    expect(await server.services.uow.read.invoices.listInvoices(trial.subscriptionId)).toEqual([
      expect.objectContaining({ kind: 'renewal', status: 'paid' }),
    ]);
    expect(await licenseCheck(mia.token)).toMatchObject({ valid: true, code: 'ACTIVE', footer: false });

    // The next renewal fails (a card that declines every charge): past due keeps the seat, then it expires.
    await server.call('PUT', `/api/v1/subscriptions/${trial.subscriptionId}/payment-method`, {
      token: owner.token,
      body: { card: '4000 0000 0000 0341' },
    });
    await server.services.billing.runRenewals(paid.periodEnd + 1000);
    expect((await server.services.uow.read.subscriptions.find(trial.subscriptionId))!.status).toBe('past_due');
    expect(await licenseCheck(mia.token)).toMatchObject({ valid: true, code: 'ACTIVE', footer: false });
    await server.services.billing.runRenewals(paid.periodEnd + (server.services.config.payments.graceDays + 1) * DAY);
    expect((await server.services.uow.read.subscriptions.find(trial.subscriptionId))!.status).toBe('expired');
    expect(await licenseCheck(mia.token)).toMatchObject({ valid: false, code: 'SUBSCRIPTION_EXPIRED', footer: true });

    // Without a card, a trial just ends: no invoice, no grace.
    const other = await account('owner@mike-customer.example');
    const unpaid = (await server.call('POST', '/api/v1/offers/redeem', { token: other.token, body: parts })).json<{
      subscriptionId: string;
      periodEnd: string;
    }>();
    await server.call('POST', `/api/v1/subscriptions/${unpaid.subscriptionId}/assignments`, {
      token: other.token,
      body: { emails: ['noa@mike-customer.example'] },
    });
    const noa = await account('noa@mike-customer.example');
    expect(await licenseCheck(noa.token)).toMatchObject({ code: 'ACTIVE', footer: false });
    await server.services.billing.runRenewals(Date.parse(unpaid.periodEnd) + 1000);
    expect((await server.services.uow.read.subscriptions.find(unpaid.subscriptionId))!.status).toBe('expired');
    expect(await server.services.uow.read.invoices.listInvoices(unpaid.subscriptionId)).toEqual([]);
    expect(await licenseCheck(noa.token)).toMatchObject({ valid: false, code: 'SUBSCRIPTION_EXPIRED', footer: true });

    // The partner of record heard of the conversion and the expiries.
    const kinds = (await server.call('GET', `/api/v1/partners/${partner.id}/notifications`, { token }))
      .json<PartnerNotificationView[]>()
      .map((n) => n.action);
    expect(kinds).toEqual(
      expect.arrayContaining(['trial.converted', 'renewal.payment_failed', 'subscription.expired', 'trial.expired']),
    );
  });
});

describe('delegated administration of customers (P3)', () => {
  it('grants nothing until the owner approves from the link; the customer sees and ends it; links are single use', async () => {
    const { token, partner } = await enrol('owner@november-partners.example', 'November');
    await server.call('POST', `/api/v1/partners/${partner.id}/staff`, {
      token,
      body: { email: 'ola@november-partners.example', role: 'limited' },
    });
    const ola = await account('ola@november-partners.example');
    const customer = await account('owner@oscar-customer.example');
    const subscriptionId = await buySubscription(server, customer.token, 20);

    const requested = await server.call('POST', `/api/v1/partners/${partner.id}/requests`, {
      token,
      body: {
        email: 'owner@oscar-customer.example',
        permissions: ['assign', 'view', 'quantity', 'billing'],
        durationDays: 180,
        language: 'fr',
      },
    });
    expect(requested.statusCode).toBe(201);
    expect(requested.json()).toMatchObject({ state: 'pending', subscriptionId: null });
    const mail = (await latestMail('partner-request', 'owner@oscar-customer.example'))!;
    expect(mail.subject).toBe('November demande à administrer ton abonnement Outmerge');
    expect(mail.text).toContain(`${server.services.config.publicUrl}/portal.html#/partner-request?token=`);
    const requestSecret = await requestToken('owner@oscar-customer.example');

    // Nothing yet.
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token })).statusCode).toBe(404);
    const intruder = await account('someone@oscar-customer.example');
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/approve', {
          token: intruder.token,
          body: { token: requestSecret, subscriptionId },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_REQUEST_WRONG_ACCOUNT' } });
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/view', {
          token: customer.token,
          body: { token: requestSecret },
        })
      ).json(),
    ).toMatchObject({ partner: 'November', state: 'pending', subscriptions: [{ id: subscriptionId }] });

    const approved = await server.call('POST', '/api/v1/partner-requests/approve', {
      token: customer.token,
      body: { token: requestSecret, subscriptionId },
    });
    expect(approved.json()).toMatchObject({ state: 'active', subscriptionId, durationDays: 180 });
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/approve', {
          token: customer.token,
          body: { token: requestSecret, subscriptionId },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_REQUEST_USED' } });

    // The partner owner acts with everything granted, except the owner's own actions; limited staff view and assign only.
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/billing`, { token })).statusCode).toBe(
      200,
    );
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/delegates`, {
          token,
          body: { email: 'x@oscar-customer.example', permissions: ['view'] },
        })
      ).statusCode,
    ).toBe(403);
    // Staff act once bound to their identity: at their first partner call (the portal lists their partners at sign-in).
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token: ola.token })).statusCode,
    ).toBe(404);
    expect((await server.call('GET', '/api/v1/partners', { token: ola.token })).json()).toEqual([
      expect.objectContaining({ id: partner.id, role: 'limited' }),
    ]);
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token: ola.token })).statusCode,
    ).toBe(200);
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/billing`, { token: ola.token })).statusCode,
    ).toBe(403);
    const listed = (
      await server.call('GET', `/api/v1/partners/${partner.id}/customers?relationship=active`, { token: ola.token })
    ).json<{ items: PartnerCustomerView[] }>();
    expect(listed.items).toEqual([
      expect.objectContaining({
        subscriptionId,
        partnerOfRecord: false,
        relationship: expect.objectContaining({
          state: 'active',
          permissions: ['assign', 'view', 'quantity', 'billing'],
        }),
      }),
    ]);

    // The customer sees it with the delegates and ends it: the partner is gone at once.
    const [relationship] = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/partners`, { token: customer.token })
    ).json<PartnerRelationshipView[]>();
    expect(
      (await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/partners/${relationship!.id}`, { token }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await server.call('DELETE', `/api/v1/subscriptions/${subscriptionId}/partners/${relationship!.id}`, {
          token: customer.token,
        })
      ).statusCode,
    ).toBe(204);
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token })).statusCode).toBe(404);
    const journal = (
      await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/journal`, { token: customer.token })
    )
      .json<{ entries: Array<{ action: string }> }>()
      .entries.map((e) => e.action);
    expect(journal).toEqual(expect.arrayContaining(['partner.approved', 'partner.ended']));
  });

  it('ends by itself at expiry; requests can be declined or withdrawn; unanswered ones expire after 90 days', async () => {
    const { token, partner } = await enrol('owner@papa-partners.example', 'Papa');
    const customer = await account('owner@quebec-customer.example');
    const subscriptionId = await buySubscription(server, customer.token, 5);
    const ask = (body: Record<string, unknown> = {}) =>
      server.call('POST', `/api/v1/partners/${partner.id}/requests`, {
        token,
        body: { email: 'owner@quebec-customer.example', permissions: ['view'], durationDays: 1, ...body },
      });

    for (const durationDays of [0, 731]) expect((await ask({ durationDays })).statusCode).toBe(400);
    await ask();
    const approved = await server.services.partners.administration.approveRequest(
      customer,
      await requestToken('owner@quebec-customer.example'),
      subscriptionId,
      null,
    );
    expect(approved.state).toBe('active');
    expect((await server.call('GET', `/api/v1/subscriptions/${subscriptionId}/seats`, { token })).statusCode).toBe(200);
    // A day later: expired, and the permission function gives nothing.
    expect((await later(DAY + 1000).administration.relationshipsOf(customer, subscriptionId))[0]).toMatchObject({
      state: 'expired',
    });
    const { authorize } = await import('../../server/src/access/access.js');
    const staff = await account('owner@papa-partners.example');
    await expect(
      authorize(server.services.uow.read, staff, subscriptionId, 'seats.view', Date.now() + DAY + 1000),
    ).rejects.toMatchObject({ statusCode: 404 });

    await ask();
    const declineToken = await requestToken('owner@quebec-customer.example');
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/decline', {
          token: customer.token,
          body: { token: declineToken },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/approve', {
          token: customer.token,
          body: { token: declineToken, subscriptionId },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_REQUEST_USED' } });

    const withdrawn = (await ask()).json<PartnerRelationshipView>();
    const withdrawToken = await requestToken('owner@quebec-customer.example');
    expect(
      (await server.call('DELETE', `/api/v1/partners/${partner.id}/requests/${withdrawn.id}`, { token })).statusCode,
    ).toBe(204);
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/approve', {
          token: customer.token,
          body: { token: withdrawToken, subscriptionId },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_REQUEST_WITHDRAWN' } });

    await ask();
    const oldToken = await requestToken('owner@quebec-customer.example');
    await expect(
      later(90 * DAY + 1000).administration.approveRequest(customer, oldToken, subscriptionId, null),
    ).rejects.toMatchObject({ code: 'PARTNER_REQUEST_EXPIRED' });
    expect((await later(89 * DAY).administration.viewRequest(customer, oldToken)).state).toBe('pending');
    const states = (await later(90 * DAY + 1000).administration.listRequests(staff, partner.id)).map((r) => r.state);
    expect(states).toEqual(['request_expired', 'withdrawn', 'declined', 'expired']);
    // A tampered token is simply not found.
    expect(
      (
        await server.call('POST', '/api/v1/partner-requests/view', {
          token: customer.token,
          body: { token: `${oldToken.slice(0, -1)}${oldToken.endsWith('A') ? 'B' : 'A'}` },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PARTNER_REQUEST_NOT_FOUND' } });
  });
});

describe('product keys (P4)', () => {
  it('with a card the bank asks to confirm: nothing is made until it does; the answer then holds the keys once', async () => {
    const { token, partner } = await enrol('owner@tango-partners.example', 'Tango');
    const body = { plan: 'monthly', seats: 2, termPeriods: 1, count: 2, card: '4000 0027 6000 3184' };
    const headers = idem();
    const waiting = await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, { token, body, headers });
    expect(waiting.statusCode).toBe(202);
    const { actionId } = waiting.json<{ status: string; actionId: string }>();
    expect(waiting.json()).toMatchObject({ status: 'requires_action' });
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/product-keys`, { token })).json<ProductKeyView[]>(),
    ).toHaveLength(0);

    const done = await server.call('POST', `/api/v1/payment-actions/${actionId}/complete`, {
      token,
      body: { approved: true },
    });
    expect(done.statusCode).toBe(201);
    const bought = done.json<{ keys: string[]; invoiceNumber: string }>();
    expect(bought.keys.every((k) => /^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){5}$/.test(k))).toBe(
      true,
    );
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/product-keys`, { token })).json<ProductKeyView[]>(),
    ).toHaveLength(2);
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/invoices`, { token }))
        .json<PartnerInvoiceView[]>()
        .map((i) => i.number),
    ).toEqual([bought.invoiceNumber]);
    // Completing again, or replaying the purchase, shows no key in clear and makes nothing more.
    expect(
      (await server.call('POST', `/api/v1/payment-actions/${actionId}/complete`, { token, body: { approved: true } }))
        .json<{ keys: string[] }>()
        .keys.every((k) => k.startsWith('XXXXX-')),
    ).toBe(true);
    expect(
      (await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, { token, body, headers }))
        .json<{ keys: string[] }>()
        .keys.every((k) => k.startsWith('XXXXX-')),
    ).toBe(true);
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/product-keys`, { token })).json<ProductKeyView[]>(),
    ).toHaveLength(2);
    // Refused by the bank: declined, no keys, no invoice.
    const refused = (
      await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, { token, body, headers: idem() })
    ).json<{ actionId: string }>();
    expect(
      (
        await server.call('POST', `/api/v1/payment-actions/${refused.actionId}/complete`, {
          token,
          body: { approved: false },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PAYMENT_DECLINED' } });
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/product-keys`, { token })).json<ProductKeyView[]>(),
    ).toHaveLength(2);
  });

  it('are bought through the provider, shown once, redeemed once to create or extend, journaled for both sides', async () => {
    const { token, partner } = await enrol('owner@romeo-partners.example', 'Romeo');
    const headers = idem();
    const bought = await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
      token,
      body: { plan: 'monthly', seats: 5, termPeriods: 3, count: 2, card: '4242 4242 4242 4242' },
      headers,
    });
    expect(bought.statusCode).toBe(201);
    const purchase = bought.json<{ keys: string[]; amountMinor: number; batchId: string }>();
    expect(purchase.keys).toHaveLength(2);
    for (const key of purchase.keys)
      expect(key).toMatch(/^[BCDFGHJKMPQRTVWXY2346789]{5}(-[BCDFGHJKMPQRTVWXY2346789]{5}){5}$/);
    const price = 5 * server.services.config.payments.plans.find((p) => p.id === 'monthly')!.unitPriceMinor * 3 * 2;
    expect(purchase.amountMinor).toBe(price + Math.round((price * server.services.config.payments.taxRateBp) / 10_000));
    // Replay: same purchase, keys no longer in clear; and nothing stores them in clear.
    const replay = (
      await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
        token,
        body: { plan: 'monthly', seats: 5, termPeriods: 3, count: 2, card: '4242 4242 4242 4242' },
        headers,
      })
    ).json<{ keys: string[]; batchId: string }>();
    expect(replay.batchId).toBe(purchase.batchId);
    expect(replay.keys.every((k) => k.startsWith('XXXXX-'))).toBe(true);
    // The buyer's durable copy is one email with the keys (sent once, not on the replay).
    const mails = (await server.call('GET', '/dev/outbox/messages'))
      .json<Array<{ kind: string; to: string; text: string }>>()
      .filter((m) => m.kind === 'product-keys' && m.to === 'owner@romeo-partners.example');
    expect(mails).toHaveLength(1);
    for (const key of purchase.keys) expect(mails[0]!.text).toContain(key);
    expect(bought.json()).toMatchObject({ emailedTo: 'owner@romeo-partners.example' });
    // A paid invoice in the common yearly sequence, printable, for those who may buy; not for limited staff or other partners.
    const invoices = (await server.call('GET', `/api/v1/partners/${partner.id}/invoices`, { token })).json<
      PartnerInvoiceView[]
    >();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      number: bought.json<{ invoiceNumber: string }>().invoiceNumber,
      status: 'paid',
      totalMinor: purchase.amountMinor,
    });
    expect(invoices[0]!.number).toMatch(/^OM-\d{4}-\d{6}$/);
    const html = await server.call('GET', `/api/v1/partners/${partner.id}/invoices/${invoices[0]!.id}/html?lang=de`, {
      token,
    });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(invoices[0]!.number);
    expect(html.body).toContain('Romeo');
    await server.call('POST', `/api/v1/partners/${partner.id}/staff`, {
      token,
      body: { email: 'lu@romeo-partners.example', role: 'limited' },
    });
    const limited = await account('lu@romeo-partners.example');
    await server.call('GET', '/api/v1/partners', { token: limited.token });
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/invoices`, { token: limited.token })).statusCode,
    ).toBe(403);
    const stranger = await enrol('owner@sierra-partners.example', 'Sierra');
    expect(
      (
        await server.call('GET', `/api/v1/partners/${partner.id}/invoices/${invoices[0]!.id}/html`, {
          token: stranger.token,
        })
      ).statusCode,
    ).toBe(404);
    const declined = await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
      token,
      body: { plan: 'monthly', seats: 5, termPeriods: 1, count: 1, card: '4000 0000 0000 0002' },
      headers: idem(),
    });
    expect(declined.json()).toMatchObject({ error: { code: 'PAYMENT_DECLINED' } });

    const [first, second] = purchase.keys as [string, string];
    const customer = await account('owner@sierra-customer.example');
    expect(
      (
        await server.call('POST', '/api/v1/product-keys/redeem', { token: customer.token, body: { key: 'not-a-key' } })
      ).json(),
    ).toMatchObject({ error: { code: 'PRODUCT_KEY_INVALID' } });
    // Well formed, with a character keys never contain (O for 0): refused as a wrong key, not for its format.
    expect(
      (
        await server.call('POST', '/api/v1/product-keys/redeem', {
          token: customer.token,
          body: { key: `${first.slice(0, -1)}O` },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PRODUCT_KEY_NOT_FOUND', details: { characters: ['O'] } } });
    // Pasted from a mail client that turned the dashes typographic: still the key.
    expect(
      (
        await server.call('POST', '/api/v1/product-keys/redeem', {
          token: customer.token,
          body: { key: second.replace(/-/g, '\u2013'), subscriptionId: '00000000-0000-4000-8000-000000000000' },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'SUBSCRIPTION_NOT_FOUND' } });
    const tampered = `${first.slice(0, -1)}${first.endsWith('B') ? 'C' : 'B'}`;
    expect(
      (
        await server.call('POST', '/api/v1/product-keys/redeem', { token: customer.token, body: { key: tampered } })
      ).json(),
    ).toMatchObject({ error: { code: 'PRODUCT_KEY_NOT_FOUND' } });
    const created = await server.call('POST', '/api/v1/product-keys/redeem', {
      token: customer.token,
      body: { key: first.toLowerCase() },
    });
    expect(created.statusCode).toBe(201);
    const subscription = created.json<{
      subscriptionId: string;
      created: boolean;
      quantity: number;
      periodEnd: string;
    }>();
    expect(subscription).toMatchObject({ created: true, quantity: 5, status: 'active' });
    const other = await account('owner@tango-customer.example');
    expect(
      (await server.call('POST', '/api/v1/product-keys/redeem', { token: other.token, body: { key: first } })).json(),
    ).toMatchObject({ error: { code: 'PRODUCT_KEY_USED' } });

    // The key made a subscription of one period plus two prepaid renewals; the second key prepays three more.
    expect(subscription).toMatchObject({ prepaidPeriods: 2 });
    const extended = (
      await server.call('POST', '/api/v1/product-keys/redeem', {
        token: customer.token,
        body: { key: second, subscriptionId: subscription.subscriptionId },
      })
    ).json<{ created: boolean; periodEnd: string; prepaidPeriods: number }>();
    expect(extended).toMatchObject({ created: false, prepaidPeriods: 3, periodEnd: subscription.periodEnd });
    // An annual key does not extend a monthly subscription.
    const annual = (
      await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
        token,
        body: { plan: 'annual', seats: 5, termPeriods: 1, count: 1, card: '4242 4242 4242 4242' },
        headers: idem(),
      })
    ).json<{ keys: string[] }>();
    expect(
      (
        await server.call('POST', '/api/v1/product-keys/redeem', {
          token: customer.token,
          body: { key: annual.keys[0], subscriptionId: subscription.subscriptionId },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'PRODUCT_KEY_PLAN_MISMATCH' } });
    await expect(later(366 * DAY).keys.redeemKey(customer, { key: annual.keys[0]! }, null)).rejects.toMatchObject({
      code: 'PRODUCT_KEY_EXPIRED',
    });

    const customerJournal = (
      await server.call('GET', `/api/v1/subscriptions/${subscription.subscriptionId}/journal`, {
        token: customer.token,
      })
    )
      .json<{ entries: Array<{ action: string }> }>()
      .entries.map((e) => e.action);
    expect(customerJournal).toEqual(expect.arrayContaining(['subscription.created_from_key', 'subscription.extended']));
    const partnerEntries = (await server.call('GET', `/api/v1/partners/${partner.id}/journal`, { token })).json<
      JournalEntryView[]
    >();
    const partnerJournal = partnerEntries.map((e) => e.action);
    expect(partnerJournal.filter((a) => a === 'product_key.redeemed')).toHaveLength(2);
    // Staff appear as partner staff of the partner by name (not "partner owner" text); customers as customers.
    expect(partnerEntries.find((e) => e.action === 'product_keys.purchased')).toMatchObject({
      actorRole: 'partner',
      partner: partner.name,
    });
    expect(partnerEntries.find((e) => e.action === 'product_key.redeemed')).toMatchObject({
      actorRole: 'customer',
      partner: null,
    });
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/product-keys`, { token }))
        .json<ProductKeyView[]>()
        .map((k) => k.status)
        .sort(),
    ).toEqual(['redeemed', 'redeemed', 'unused']);
  });
});

describe('notifications to the partner of record (P3)', () => {
  it("lists seat and quantity changes of its customers in the portal and emails a digest in the partner's language", async () => {
    const { token, partner } = await enrol('owner@uniform-partners.example', 'Uniform', 'de');
    const bought = (
      await server.call('POST', `/api/v1/partners/${partner.id}/product-keys`, {
        token,
        body: { plan: 'monthly', seats: 3, termPeriods: 1, count: 1, card: '4242 4242 4242 4242' },
        headers: idem(),
      })
    ).json<{ keys: string[] }>();
    const customer = await account('owner@victor-customer.example');
    const { subscriptionId } = (
      await server.call('POST', '/api/v1/product-keys/redeem', { token: customer.token, body: { key: bought.keys[0] } })
    ).json<{ subscriptionId: string }>();
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: customer.token,
      body: { emails: ['a@victor-customer.example', 'b@victor-customer.example'] },
    });
    await server.call(
      'DELETE',
      `/api/v1/subscriptions/${subscriptionId}/assignments/${encodeURIComponent('b@victor-customer.example')}`,
      { token: customer.token },
    );
    // Unrelated changes (a domain) are not notified; nor are other partners' customers.
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/domains`, {
      token: customer.token,
      body: { domain: 'victor.example' },
    });

    const notifications = (await server.call('GET', `/api/v1/partners/${partner.id}/notifications`, { token })).json<
      PartnerNotificationView[]
    >();
    expect(notifications.map((n) => [n.kind, n.action, n.customer])).toEqual([
      ['seats', 'seat.unassigned', 'victor-customer.example'],
      ['seats', 'seat.assigned', 'victor-customer.example'],
      ['seats', 'seat.assigned', 'victor-customer.example'],
    ]);
    expect(notifications.every((n) => !n.emailed)).toBe(true);

    await server.services.partners.customers.deliverNotifications();
    const mail = (await latestMail('partner-notifications', 'owner@uniform-partners.example'))!;
    expect(mail.subject).toBe('Änderungen bei deinen Outmerge-Kunden');
    expect(mail.text).toContain('3 Änderungen bei Kunden von Uniform');
    expect(mail.text).toContain(`${server.services.config.publicUrl}/portal.html#/partners/${partner.id}/customers`);
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/notifications`, { token }))
        .json<PartnerNotificationView[]>()
        .every((n) => n.emailed),
    ).toBe(true);
    // Nothing new: no second email.
    expect(await server.services.partners.customers.deliverNotifications()).toBe(0);
  });
});

describe('customer list (P5)', () => {
  it('searches and filters', async () => {
    const { token, partner } = await enrol('owner@whiskey-partners.example', 'Whiskey');
    const { link } = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token,
        body: { kind: 'trial', plan: 'monthly', quantity: 2, trialDays: 7 },
      })
    ).json<{ link: string }>();
    for (const name of ['xray', 'yankee', 'zulu']) {
      const customer = await account(`owner@${name}-customer.example`);
      await server.call('POST', '/api/v1/offers/redeem', { token: customer.token, body: linkParts(link) });
    }
    const get = async (query: string) =>
      (await server.call('GET', `/api/v1/partners/${partner.id}/customers${query}`, { token })).json<{
        total: number;
        items: PartnerCustomerView[];
      }>();
    expect((await get('')).items.map((c) => c.organisation)).toEqual([
      'xray-customer.example',
      'yankee-customer.example',
      'zulu-customer.example',
    ]);
    expect((await get('?search=YANK')).items.map((c) => c.owner)).toEqual(['owner@yankee-customer.example']);
    expect((await get('?status=trial&limit=2&offset=1')).items.map((c) => c.organisation)).toEqual([
      'yankee-customer.example',
      'zulu-customer.example',
    ]);
    expect((await get('?status=trial&limit=2')).total).toBe(3);
    expect((await get('?status=active')).total).toBe(0);
    expect((await get('?relationship=none')).total).toBe(3);
    expect((await get(`?renewsBefore=${encodeURIComponent(new Date(Date.now() + 3 * DAY).toISOString())}`)).total).toBe(
      0,
    );
    expect((await server.call('GET', `/api/v1/partners/${partner.id}/customers?limit=0`, { token })).statusCode).toBe(
      400,
    );
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/customers?limit=1001`, { token })).statusCode,
    ).toBe(400);
    expect((await server.call('GET', `/api/v1/partners/${partner.id}/customers?sort=x`, { token })).statusCode).toBe(
      400,
    );
    // A page of nothing is a mistake to be told about, not silently turned into one item.
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/notifications?limit=0`, { token })).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(
      (await server.call('GET', `/api/v1/partners/${partner.id}/journal?limit=0`, { token })).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await server.call('GET', `/api/v1/partners/${partner.id}/journal?limit=10000`, { token })).statusCode).toBe(
      200,
    );
  });
});
