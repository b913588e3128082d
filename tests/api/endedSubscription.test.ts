/**
 * A cancelled or expired subscription takes no more changes (issue 15): the API refuses assigning
 * or transferring seats, a new card and new billing details with a stable code and changes nothing, and the
 * subscription's view no longer offers them; what it owes can still be paid, which brings an
 * expired one back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BillingSummaryView } from '#shared/api/views.js';
import { derivedGuid, homeTenantOf } from '../../server/src/dev/identityProvider.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';

const OPERATOR = 'ops@outmerge.example';
const OPERATOR_TENANT = homeTenantOf('outmerge.example');
let server: TestServer;
let owner: string;
let n = 0;
const key = () => `ended-${++n}-${Math.random().toString(36).slice(2)}`;
const base = (id: string) => `/api/v1/subscriptions/${id}`;
const profile = {
  companyName: 'Contoso SARL',
  address: '1 rue de Rivoli\n75001 Paris',
  country: 'FR',
  vatId: 'FR32123456789',
  billingEmail: 'billing@contoso.com',
  language: 'fr',
};

beforeAll(async () => {
  server = await startTestServer({
    RENEWAL_INTERVAL_SECONDS: '0',
    OPERATOR_ACCOUNTS: `${OPERATOR_TENANT}/${derivedGuid(`user:${OPERATOR_TENANT}:${OPERATOR}`)}`,
  });
  owner = await server.token('olivia@contoso.com');
});
afterAll(() => server.close());

const view = async (id: string) =>
  (await server.call('GET', base(id), { token: owner })).json<{
    status: string;
    actions: string[];
    assigned: number;
  }>();
const summary = async (id: string) =>
  (await server.call('GET', `${base(id)}/billing`, { token: owner })).json<BillingSummaryView>();
const assign = (id: string, emails: string[]) =>
  server.call('POST', `${base(id)}/assignments`, { token: owner, body: { emails } });
const replaceCard = (id: string, card: string) =>
  server.call('PUT', `${base(id)}/payment-method`, { token: owner, body: { card } });
const saveProfile = (id: string) => server.call('PUT', `${base(id)}/billing-profile`, { token: owner, body: profile });

/** What every ended subscription refuses, with `code`, leaving seats, card and billing details as they were. */
async function refusesChanges(id: string, code: string): Promise<void> {
  const before = { view: await view(id), summary: await summary(id) };
  const transfer = await server.call('POST', `${base(id)}/assignments/transfer`, {
    token: owner,
    body: { from: 'first.person@contoso.com', to: 'new.person@contoso.com' },
  });
  for (const response of [
    await assign(id, ['new.person@contoso.com']),
    transfer,
    await replaceCard(id, '5555 5555 5555 4444'),
    await saveProfile(id),
  ]) {
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code } });
  }
  expect((await view(id)).assigned).toBe(before.view.assigned);
  expect((await summary(id)).paymentMethod).toEqual(before.summary.paymentMethod);
  expect((await server.call('GET', `${base(id)}/billing-profile`, { token: owner })).json()).toMatchObject({
    profile: null,
  });
  // The view offers none of it (nor a quantity change, refused as before); billing stays readable and payable.
  const actions = (await view(id)).actions;
  for (const gone of ['seats.assign', 'groups.manage', 'quantity.change', 'subscription.consolidate'])
    expect(actions).not.toContain(gone);
  expect(actions).toEqual(expect.arrayContaining(['billing.view', 'billing.manage', 'seats.unassign']));
  expect((await server.call('GET', `${base(id)}/quantity/preview?quantity=4`, { token: owner })).json()).toMatchObject({
    error: { code: 'SUBSCRIPTION_NOT_ACTIVE' },
  });
}

describe('an ended subscription takes no more changes', () => {
  it('cancelled (its invoice refunded with the service ended): SUBSCRIPTION_ENDED for seats, card and billing details', async () => {
    const id = await buySubscription(server, owner, 2);
    expect((await assign(id, ['first.person@contoso.com'])).statusCode).toBe(200);
    const [invoice] = (await server.call('GET', `${base(id)}/invoices`, { token: owner })).json<{
      invoices: Array<{ id: string }>;
    }>().invoices;
    const operator = await server.token(OPERATOR, { tenantId: OPERATOR_TENANT });
    const refunded = await server.call('POST', `/api/v1/operator/invoices/${invoice!.id}/refunds`, {
      token: operator,
      body: { amountMinor: 100, endService: true },
      headers: { 'idempotency-key': key() },
    });
    expect(refunded.statusCode).toBe(201);
    expect((await view(id)).status).toBe('cancelled');
    await refusesChanges(id, 'SUBSCRIPTION_ENDED');
  });

  it('expired (a renewal left unpaid past the grace): SUBSCRIPTION_NOT_ACTIVE until the open invoice is paid, then changes again', async () => {
    const id = await buySubscription(server, owner, 2);
    expect((await assign(id, ['first.person@contoso.com'])).statusCode).toBe(200);
    expect((await replaceCard(id, '4000000000000341')).statusCode).toBe(200);
    const periodEnd = Date.parse((await summary(id)).periodEnd);
    await server.services.billing.runRenewals(periodEnd + 1000);
    // Past due is not ended: the card can still be replaced (here with the same failing one).
    expect((await view(id)).actions).toContain('seats.assign');
    await server.services.billing.runRenewals(periodEnd + 15 * 86_400_000);
    expect((await view(id)).status).toBe('expired');
    await refusesChanges(id, 'SUBSCRIPTION_NOT_ACTIVE');

    const open = (await summary(id)).openInvoice!;
    const paid = await server.call('POST', `${base(id)}/invoices/${open.id}/pay`, {
      token: owner,
      body: { card: '4242 4242 4242 4242' },
      headers: { 'idempotency-key': key() },
    });
    expect(paid.statusCode).toBe(200);
    expect((await view(id)).actions).toContain('seats.assign');
    expect((await assign(id, ['new.person@contoso.com'])).statusCode).toBe(200);
    expect((await saveProfile(id)).statusCode).toBe(200);
  });
});
