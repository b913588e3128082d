/**
 * Refunds and credit notes (issue 15), read as an attacker: only the vendor's operators refund
 * (OPERATOR_ACCOUNTS, by Entra tid/oid); never more than was paid minus what was given back;
 * money for seat-days still in use goes back only with the service ending at once, so no refund
 * leaves seats ACTIVE that were not paid for; Idempotency-Key makes a retried refund one refund;
 * credit notes are numbered without gaps in their own sequence and name the invoice they correct.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreditNoteView, InvoiceView } from '#shared/api/views.js';
import { SimulatedPaymentProvider } from '../../server/src/billing/simulatedPaymentProvider.js';
import { DyingProvider } from '../helpers/dyingProvider.js';
import { paymentServices } from '../helpers/paymentServices.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';
import { pdfText } from '../helpers/pdfText.js';

const DAY = 86_400_000;
const OPERATOR_TENANT = '0a0a0a0a-0000-4000-8000-00000000beef';
// The development identity provider's stable object id (server/src/dev/identityProvider.ts, derivedGuid).
function devObjectId(tenantId: string, email: string): string {
  const hex = createHash('sha256').update(`user:${tenantId}:${email}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

let server: TestServer;
let owner: string;
let operator: string;
let now = Date.UTC(2031, 2, 1, 12);
let n = 0;
const key = () => `refund-${++n}-${Math.random().toString(36).slice(2)}`;
const base = (id: string) => `/api/v1/subscriptions/${id}`;

beforeAll(async () => {
  server = await startTestServer(
    {
      RENEWAL_INTERVAL_SECONDS: '0',
      LICENSE_CHECK_RATE_PER_MINUTE: '100000',
      OPERATOR_ACCOUNTS: `${OPERATOR_TENANT}/${devObjectId(OPERATOR_TENANT, 'ops@outmerge.example')}`,
    },
    { clock: () => now },
  );
  owner = await server.token('olivia@contoso.com');
  operator = await server.token('ops@outmerge.example', { tenantId: OPERATOR_TENANT });
});
afterAll(() => server.close());

const invoices = async (id: string) =>
  (await server.call('GET', `${base(id)}/invoices`, { token: owner })).json<{ invoices: InvoiceView[] }>().invoices;
const refund = (invoiceId: string, body: unknown, token = operator, idempotencyKey = key()) =>
  server.call('POST', `/api/v1/operator/invoices/${invoiceId}/refunds`, {
    token,
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });
const status = async (id: string) =>
  (await server.call('GET', base(id), { token: owner })).json<{ status: string }>().status;
const check = async () =>
  (
    await server.call('POST', '/api/v1/license/check', {
      token: owner,
      body: { nonce: `nonce-${Math.random().toString(36).slice(2)}-0000` },
    })
  ).json<{ code: string }>().code;

describe('refunds', () => {
  it('customers and strangers cannot refund: the invoice does not exist for them', async () => {
    const id = await buySubscription(server, owner, 2);
    const [purchase] = await invoices(id);
    for (const token of [owner, await server.token('mallory@fabrikam.example')]) {
      const refused = await refund(purchase!.id, { amountMinor: 100, endService: true }, token);
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ error: { code: 'INVOICE_NOT_FOUND' } });
    }
    expect((await server.call('GET', `${base(id)}/credit-notes`, { token: owner })).json()).toEqual({
      creditNotes: [],
    });
  });

  it('while seats are in use, no money back without ending the service; ending it gives back the unused paid time, no more, and the seats stop', async () => {
    const id = await buySubscription(server, owner, 2);
    await server.call('POST', `${base(id)}/assignments`, { token: owner, body: { emails: ['olivia@contoso.com'] } });
    expect(await check()).toBe('ACTIVE');
    const [purchase] = await invoices(id);
    now += 10 * DAY;
    const keep = await refund(purchase!.id, { amountMinor: 1, endService: false });
    expect(keep.statusCode).toBe(409);
    expect(keep.json()).toMatchObject({ error: { code: 'REFUND_TOO_LARGE', details: { refundableMinor: 0 } } });
    const whole = await refund(purchase!.id, { amountMinor: purchase!.totalMinor, endService: true });
    expect(whole.json()).toMatchObject({ error: { code: 'REFUND_TOO_LARGE' } });
    const allowed = whole.json<{ error: { details: { refundableMinor: number } } }>().error.details.refundableMinor;
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(purchase!.totalMinor);
    expect(await status(id)).toBe('active');

    const idempotencyKey = key();
    const done = await refund(purchase!.id, { amountMinor: allowed, endService: true }, operator, idempotencyKey);
    expect(done.statusCode).toBe(201);
    const note = done.json<CreditNoteView>();
    expect(note).toMatchObject({
      invoiceNumber: purchase!.number,
      kind: 'refund',
      totalMinor: allowed,
      endedService: true,
    });
    expect(note.number).toMatch(/^CN-2031-\d{6}$/);
    // The same key is the same refund; the provider was asked once.
    const again = await refund(purchase!.id, { amountMinor: allowed, endService: true }, operator, idempotencyKey);
    expect(again.json()).toEqual(note);
    expect(await server.services.uow.read.creditNotes.list(id)).toHaveLength(1);
    // The seats check in as ended: the time given back is not licensed any more.
    expect(await status(id)).toBe('cancelled');
    expect(await check()).not.toBe('ACTIVE');
    // Nothing more can go back on it.
    expect((await refund(purchase!.id, { amountMinor: 1, endService: true })).json()).toMatchObject({
      error: { code: 'REFUND_TOO_LARGE' },
    });
  });

  it('the credit note names the invoice it corrects, reads as the invoice did, and has its own gap-free numbers', async () => {
    const id = await buySubscription(server, owner, 3);
    const [purchase] = await invoices(id);
    const first = (await refund(purchase!.id, { amountMinor: 100, endService: true })).json<CreditNoteView>();
    const listed = (await server.call('GET', `${base(id)}/credit-notes`, { token: owner })).json<{
      creditNotes: CreditNoteView[];
    }>().creditNotes;
    expect(listed).toEqual([first]);
    const page = (await server.call('GET', `${base(id)}/credit-notes/${first.id}/html?lang=fr`, { token: owner })).body;
    expect(page).toContain(`Avoir ${first.number}`);
    expect(page).toContain(`Corrige la facture ${purchase!.number}`);
    expect(page).toContain(`Remboursement de la facture ${purchase!.number}`);
    const pdf = await server.call('GET', `${base(id)}/credit-notes/${first.id}/pdf?lang=de`, { token: owner });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf.rawPayload)).toContain(`Korrigiert die Rechnung ${purchase!.number}`);
    const numbers = (await server.services.uow.read.creditNotes.allNumbers()).map((number) => Number(number.slice(-6)));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Another organisation cannot read it.
    const stranger = await server.token('mallory@fabrikam.example');
    expect(
      (await server.call('GET', `${base(id)}/credit-notes/${first.id}/html`, { token: stranger })).statusCode,
    ).toBe(404);
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    const id = await buySubscription(server, owner, 1);
    const [purchase] = await invoices(id);
    expect((await refund(purchase!.id, { amountMinor: 0, endService: true })).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect((await refund(purchase!.id, { amountMinor: 1.5, endService: true })).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(
      (
        await server.call('POST', `/api/v1/operator/invoices/${purchase!.id}/refunds`, {
          token: operator,
          body: { amountMinor: 1, endService: true },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_MISSING' } });
    expect(await server.services.uow.read.creditNotes.list(id)).toEqual([]);
    expect(await status(id)).toBe('active');
  });
});

describe('a refund cut by a crash', () => {
  it('made but not recorded: in progress until the lease runs out, then asked again with the same key and recorded once as one credit note', async () => {
    const LEASE = 60_000;
    const provider = server.services.paymentProvider;
    if (!(provider instanceof SimulatedPaymentProvider)) throw new Error('These tests run on the simulated provider.');
    const dying = new DyingProvider(provider, 'after');
    // The process that dies during the refund, and the one after it, on the server's database, provider and clock.
    const crashed = paymentServices(server, dying, { clock: () => now, leaseMs: LEASE });
    const restarted = paymentServices(server, provider, { clock: () => now, leaseMs: LEASE });
    const operatorIdentity = await server.services.authenticate(`Bearer ${operator}`);
    const id = await buySubscription(server, owner, 2);
    const [purchase] = await invoices(id);
    const made = provider.records.refunds().length;
    const idempotencyKey = key();
    const request = { amountMinor: 100, endService: true };

    void crashed.refunds.refund(operatorIdentity, purchase!.id, request, idempotencyKey);
    await expect.poll(() => dying.died).toBe(1);
    expect(provider.records.refunds()).toHaveLength(made + 1);
    await expect(
      restarted.refunds.refund(operatorIdentity, purchase!.id, request, idempotencyKey),
    ).rejects.toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY_KEY_IN_USE' });

    now += LEASE + 1;
    const answer = await restarted.refunds.refund(operatorIdentity, purchase!.id, request, idempotencyKey);
    expect(answer).toMatchObject({
      statusCode: 201,
      body: { invoiceNumber: purchase!.number, totalMinor: 100, endedService: true },
    });
    expect(provider.records.refunds()).toHaveLength(made + 1);
    expect(await server.services.uow.read.creditNotes.list(id)).toHaveLength(1);
    expect(await restarted.refunds.refund(operatorIdentity, purchase!.id, request, idempotencyKey)).toEqual(answer);
    // The billing lock the crashed refund took went with the record.
    expect(await server.services.uow.read.subscriptions.isBillingLocked(id, now)).toBe(false);
  });

  it('never made, and refused when asked again (refunded at the provider meanwhile): the claim and the billing lock go, the answer is a refusal, nothing is recorded', async () => {
    const LEASE = 60_000;
    const provider = server.services.paymentProvider;
    if (!(provider instanceof SimulatedPaymentProvider)) throw new Error('These tests run on the simulated provider.');
    const dying = new DyingProvider(provider, 'before');
    const crashed = paymentServices(server, dying, { clock: () => now, leaseMs: LEASE });
    const restarted = paymentServices(server, provider, { clock: () => now, leaseMs: LEASE });
    const operatorIdentity = await server.services.authenticate(`Bearer ${operator}`);
    const id = await buySubscription(server, owner, 2);
    const [purchase] = await invoices(id);
    const idempotencyKey = key();
    const request = { amountMinor: 100, endService: true };

    void crashed.refunds.refund(operatorIdentity, purchase!.id, request, idempotencyKey);
    await expect.poll(() => dying.died).toBe(1);
    // Meanwhile the whole payment is refunded at the provider (Stripe: from its Dashboard).
    const payment = await server.services.uow.read.creditNotes.invoicePayment(purchase!.id);
    await provider.refund(payment!.reference, payment!.amountMinor, { idempotencyKey: `dashboard-${idempotencyKey}` });

    now += LEASE + 1;
    await expect(
      restarted.refunds.refund(operatorIdentity, purchase!.id, request, idempotencyKey),
    ).rejects.toMatchObject({ statusCode: 409, code: 'REFUND_REFUSED' });
    expect(await server.services.uow.read.creditNotes.list(id)).toEqual([]);
    expect(await server.services.uow.read.subscriptions.isBillingLocked(id, now)).toBe(false);
    expect(await status(id)).toBe('active');
  });
});
