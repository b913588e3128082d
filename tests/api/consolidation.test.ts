/**
 * Consolidation as users meet it (issue 15, point 4), read as an attacker: the owner of a
 * subscription invites a colleague of the same organisation and tenant to merge their individual
 * subscription in; nothing merges without the colleague's acceptance, which only their account
 * (tid/oid) can give; every refusal has its own code and changes nothing; the credit shown before
 * confirming, on both sides, is the credit given, only from money paid, documented by credit
 * notes in the gap-free CN sequence against the colleague's invoices and readable in the
 * inviter's billing tab.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConsolidationAccepted,
  ConsolidationInvitationView,
  ConsolidationPreview,
  CreditNoteView,
  InvoiceView,
} from '#shared/api/views.js';
import { unusedPaidMinor } from '../../server/src/billing/consolidationCredit.js';
import { setPartnerTrialAllowance } from '../../server/src/partners/trialAllowance.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';
import { pdfText } from '../helpers/pdfText.js';

const DAY = 86_400_000;
let server: TestServer;
let now = Date.UTC(2031, 4, 1, 12);
let n = 0;
const base = (id: string) => `/api/v1/subscriptions/${id}`;
const idem = () => ({ 'idempotency-key': `consolidation-${++n}-${randomUUID()}` });

beforeAll(async () => {
  server = await startTestServer(
    { RENEWAL_INTERVAL_SECONDS: '0', LICENSE_CHECK_RATE_PER_MINUTE: '100000' },
    { clock: () => now },
  );
});
afterAll(() => server.close());

/** A person of a fresh organisation (its own domain), or a colleague at `domain`. */
let org = 0;
const domain = () => `merge${++org}.contoso-test.example`;
const person = (email: string, options: { tenantId?: string } = {}) => server.token(email, options);

const preview = (token: string, target: string, email: string) =>
  server.call('GET', `${base(target)}/consolidation-invitations/preview?email=${encodeURIComponent(email)}`, { token });
const invite = (token: string, target: string, email: string) =>
  server.call('POST', `${base(target)}/consolidation-invitations`, { token, body: { email, language: 'en' } });
const mine = async (token: string) =>
  (await server.call('GET', '/api/v1/me/consolidation-invitations', { token })).json<{
    invitations: ConsolidationInvitationView[];
  }>().invitations;
const accept = (token: string, id: string) =>
  server.call('POST', `/api/v1/me/consolidation-invitations/${id}/accept`, { token });
const decline = (token: string, id: string) =>
  server.call('POST', `/api/v1/me/consolidation-invitations/${id}/decline`, { token });
const subscription = async (id: string) => (await server.services.uow.read.subscriptions.find(id))!;
const assign = (token: string, id: string, emails: string[]) =>
  server.call('POST', `${base(id)}/assignments`, { token, body: { emails } });
const emailsTo = async (to: string) =>
  (await server.services.uow.read.outbox.statuses(200)).filter((row) => row.to === to).map((row) => row.kind);

/** Olivia owns A (5 seats, 1 assigned); Bob, her colleague, owns B (2 seats, both assigned), bought 10 days before. */
async function colleagues() {
  const d = domain();
  const oliviaEmail = `olivia@${d}`;
  const bobEmail = `bob@${d}`;
  const olivia = await person(oliviaEmail);
  const bob = await person(bobEmail);
  const a = await buySubscription(server, olivia, 5);
  await assign(olivia, a, [oliviaEmail]);
  const b = await buySubscription(server, bob, 2);
  await assign(bob, b, [bobEmail, `carol@${d}`]);
  now += 10 * DAY;
  return { d, olivia, bob, oliviaEmail, bobEmail, a, b };
}

/** Everything an acceptance could change, to prove a refusal changed nothing. */
async function state(a: string, b: string) {
  const read = server.services.uow.read;
  return {
    a: await subscription(a),
    b: await subscription(b),
    credit: await read.invoices.creditBalance(a),
    notes: await read.creditNotes.allNumbers(),
    invitations: (await read.consolidationInvitations.listForTarget(a)).map((row) => row.status),
  };
}

describe('consolidation by invitation', () => {
  it('shows the same credit to both sides before confirming, and accepting merges: ownership, seats, credit with credit notes, journal, emails', async () => {
    const { olivia, bob, bobEmail, oliviaEmail, a, b } = await colleagues();
    const expected = unusedPaidMinor(await server.services.uow.read.invoices.paidSpans(b), now);
    expect(expected).toBeGreaterThan(0);

    const seen = await preview(olivia, a, bobEmail.toUpperCase());
    expect(seen.statusCode).toBe(200);
    expect(seen.json<ConsolidationPreview>()).toMatchObject({
      colleague: bobEmail,
      terms: {
        seatsMoving: 2,
        seatsAlreadyThere: 0,
        freeSeats: 4,
        fits: true,
        creditMinor: expected,
        source: { quantity: 2, assigned: 2 },
      },
    });
    expect(Date.parse(seen.json<ConsolidationPreview>().expiresAt)).toBe(now + 7 * DAY);

    const sent = await invite(olivia, a, bobEmail);
    expect(sent.statusCode).toBe(201);
    const invitation = sent.json<ConsolidationInvitationView>();
    expect(invitation).toMatchObject({
      status: 'pending',
      inviter: oliviaEmail,
      invitee: bobEmail,
      terms: { creditMinor: expected },
    });
    expect(await emailsTo(bobEmail)).toContain('merge-invitation');

    // The colleague sees who asks, what happens to their seats, and the same credit.
    const waiting = await mine(bob);
    expect(waiting).toEqual([invitation]);
    expect(await mine(olivia)).toEqual([]);

    const accepted = await accept(bob, invitation.id);
    expect(accepted.statusCode).toBe(200);
    const result = accepted.json<ConsolidationAccepted>();
    expect(result).toMatchObject({ subscriptionId: a, seatsMoved: 2, creditMinor: expected });
    expect(result.creditNotes).toHaveLength(1);

    const [source, target] = [await subscription(b), await subscription(a)];
    expect(source).toMatchObject({ status: 'cancelled', ownerEmail: oliviaEmail, assignedCount: 0 });
    expect(target).toMatchObject({ status: 'active', quantity: 5, assignedCount: 3 });
    expect(await server.services.uow.read.invoices.creditBalance(a)).toBe(expected);
    // Bob keeps a license: his seat is now A's.
    const check = await server.call('POST', '/api/v1/license/check', {
      token: bob,
      body: { nonce: `nonce-${randomUUID()}` },
    });
    expect(check.json<{ code: string }>().code).toBe('ACTIVE');
    // Bob owns nothing any more; Olivia sees the ended subscription as its owner.
    expect((await server.call('GET', base(b), { token: bob })).statusCode).toBe(404);
    expect((await server.call('GET', base(b), { token: olivia })).json()).toMatchObject({
      status: 'cancelled',
      role: 'owner',
    });

    // The credit note: in A's billing tab, correcting B's invoice, printable and as a PDF.
    const [bInvoice] = (await server.call('GET', `${base(b)}/invoices`, { token: olivia })).json<{
      invoices: InvoiceView[];
    }>().invoices;
    const notes = (await server.call('GET', `${base(a)}/credit-notes`, { token: olivia })).json<{
      creditNotes: CreditNoteView[];
    }>().creditNotes;
    expect(notes).toEqual([
      expect.objectContaining({
        number: result.creditNotes[0],
        kind: 'credit',
        invoiceNumber: bInvoice!.number,
        totalMinor: expected,
      }),
    ]);
    const page = (await server.call('GET', `${base(a)}/credit-notes/${notes[0]!.id}/html?lang=fr`, { token: olivia }))
      .body;
    expect(page).toContain(`Avoir ${notes[0]!.number}`);
    expect(page).toContain(`Corrige la facture ${bInvoice!.number}`);
    expect(page).toContain(`Temps payé non utilisé de la facture ${bInvoice!.number}`);
    const pdf = await server.call('GET', `${base(a)}/credit-notes/${notes[0]!.id}/pdf?lang=de`, { token: olivia });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf.rawPayload)).toContain(`Korrigiert die Rechnung ${bInvoice!.number}`);
    const numbers = (await server.services.uow.read.creditNotes.allNumbers()).map((number) => Number(number.slice(-6)));
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));

    // Journaled in both subscriptions; the inviter is told.
    const journal = (id: string, token: string) =>
      server
        .call('GET', `${base(id)}/journal`, { token })
        .then((r) => r.json<{ entries: Array<{ action: string }> }>().entries.map((e) => e.action));
    expect(await journal(a, olivia)).toEqual(
      expect.arrayContaining(['consolidation.invited', 'consolidation.accepted', 'subscription.consolidated']),
    );
    expect(await journal(b, olivia)).toEqual(
      expect.arrayContaining(['consolidation.invited', 'subscription.merged_into']),
    );
    expect(await emailsTo(oliviaEmail)).toContain('merge-accepted');

    // Accepting twice, or declining after, is refused and changes nothing.
    const before = await state(a, b);
    expect((await accept(bob, invitation.id)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_INVITATION_ACCEPTED' },
    });
    expect((await decline(bob, invitation.id)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_INVITATION_ACCEPTED' },
    });
    expect(await state(a, b)).toEqual(before);
    // Bob owns no subscription any more: nothing of his can be invited again.
    expect((await invite(olivia, a, bobEmail)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_NOT_ELIGIBLE', details: { reason: 'no_subscription' } },
    });
  });

  it('only the invited account accepts: not the inviter, not another tenant, not the same address signed in from another tenant', async () => {
    const { olivia, bobEmail, a, b, d } = await colleagues();
    const invitation = (await invite(olivia, a, bobEmail)).json<ConsolidationInvitationView>();
    const before = await state(a, b);
    const strangers = [
      olivia,
      await person('mallory@fabrikam.com'),
      await person(bobEmail, { tenantId: '0b0b0b0b-0000-4000-8000-00000000f00d' }),
      await person(`carol@${d}`),
    ];
    for (const token of strangers) {
      for (const answer of [await accept(token, invitation.id), await decline(token, invitation.id)]) {
        expect(answer.statusCode).toBe(404);
        expect(answer.json()).toMatchObject({ error: { code: 'CONSOLIDATION_INVITATION_NOT_FOUND' } });
      }
      expect(await mine(token)).toEqual([]);
    }
    expect(await state(a, b)).toEqual(before);
  });

  it('refuses subscriptions that may not be merged: another organisation, the own one, one that took others in, one already merged, no free seats', async () => {
    const { olivia, bob, bobEmail, oliviaEmail, a, b, d } = await colleagues();
    // Another organisation's person: not found in Olivia's organisation.
    const mallory = await person('mallory@fabrikam.com');
    await buySubscription(server, mallory, 1);
    for (const answer of [
      await preview(olivia, a, 'mallory@fabrikam.com'),
      await invite(olivia, a, 'mallory@fabrikam.com'),
    ]) {
      expect(answer.statusCode).toBe(409);
      expect(answer.json()).toMatchObject({
        error: { code: 'CONSOLIDATION_NOT_ELIGIBLE', details: { reason: 'no_subscription' } },
      });
    }
    // Her own subscription: merged directly instead.
    await buySubscription(server, olivia, 1);
    expect((await invite(olivia, a, oliviaEmail)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_NOT_ELIGIBLE', details: { reason: 'own_subscription' } },
    });
    // Not enough free seats in A for Bob's two people.
    await assign(olivia, a, [`x1@${d}`, `x2@${d}`, `x3@${d}`]);
    const full = await invite(olivia, a, bobEmail);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({
      error: { code: 'CONSOLIDATION_NO_ROOM', details: { seatsMoving: 2, freeSeats: 1 } },
    });
    // Bob merges another subscription of his into B: B took others in and is no longer individual.
    const c = await buySubscription(server, bob, 1);
    expect(
      (await server.call('POST', `${base(b)}/consolidate`, { token: bob, body: { sources: [c] }, headers: idem() }))
        .statusCode,
    ).toBe(200);
    await server.call('DELETE', `${base(a)}/assignments/${encodeURIComponent(`x1@${d}`)}`, { token: olivia });
    expect((await invite(olivia, a, bobEmail)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_NOT_ELIGIBLE', details: { reason: 'not_individual' } },
    });
    expect(await server.services.uow.read.consolidationInvitations.listForTarget(a)).toEqual([]);
  });

  it('refuses a subscription that kept no money (its invoice given back whole): it would bring seats nobody paid for', async () => {
    const { olivia, bobEmail, a, b } = await colleagues();
    // B's only invoice given back whole by a credit note: nothing paid is left, so nothing to credit.
    const [invoice] = await server.services.uow.read.invoices.listInvoices(b);
    await server.services.uow.transaction(async (tx) => {
      const year = new Date(now).getUTCFullYear();
      await tx.creditNotes.insert({
        id: randomUUID(),
        number: `CN-${year}-${String(await tx.creditNotes.nextSequence(year)).padStart(6, '0')}`,
        invoiceId: invoice!.id,
        subscriptionId: b,
        kind: 'refund',
        currency: invoice!.currency,
        subtotalMinor: invoice!.totalMinor,
        taxRateBp: 0,
        taxMinor: 0,
        totalMinor: invoice!.totalMinor,
        description: 'Refund',
        providerReference: `re_${randomUUID()}`,
        endedService: false,
        issuedAt: now,
      });
    });
    const before = await state(a, b);
    for (const answer of [await preview(olivia, a, bobEmail), await invite(olivia, a, bobEmail)])
      expect(answer.json()).toMatchObject({
        error: { code: 'CONSOLIDATION_NOT_ELIGIBLE', details: { reason: 'not_paid' } },
      });
    expect(await state(a, b)).toEqual(before);
  });

  it('refuses a free trial: it carries no credit and its seats were paid by nobody', async () => {
    const { olivia, bob, bobEmail, a, d } = await colleagues();
    const boss = await person(`boss@partners-${d}`);
    const partner = (
      await server.call('POST', '/api/v1/partners', { token: boss, body: { name: `Partner ${d}` } })
    ).json<{ id: string; advisorCode: string }>();
    await setPartnerTrialAllowance(server.services.uow, partner.advisorCode, 10, now);
    const { link } = (
      await server.call('POST', `/api/v1/partners/${partner.id}/offers`, {
        token: boss,
        body: { kind: 'trial', plan: 'annual', quantity: 3, trialDays: 30 },
      })
    ).json<{ link: string }>();
    const params = new URLSearchParams(new URL(link).hash.replace(/^#\/offer\?/, ''));
    // Bob's paid subscription is merged first, so that his trial (of the plan his organisation does not pay for yet) is the only one left.
    const first = (await invite(olivia, a, bobEmail)).json<ConsolidationInvitationView>();
    expect((await accept(bob, first.id)).statusCode).toBe(200);
    const redeemed = await server.call('POST', '/api/v1/offers/redeem', {
      token: bob,
      body: { code: params.get('code'), token: params.get('token') },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    const trial = redeemed.json<{ subscriptionId: string }>().subscriptionId;
    expect((await subscription(trial)).status).toBe('trial');
    const before = await state(a, trial);
    for (const answer of [await preview(olivia, a, bobEmail), await invite(olivia, a, bobEmail)])
      expect(answer.json()).toMatchObject({
        error: { code: 'CONSOLIDATION_NOT_ELIGIBLE', details: { reason: 'not_paid' } },
      });
    expect(await state(a, trial)).toEqual(before);
  });

  it('a part given back by a credit note is not credited again', async () => {
    const { olivia, bobEmail, a, b } = await colleagues();
    const [invoice] = await server.services.uow.read.invoices.listInvoices(b);
    const full = (await preview(olivia, a, bobEmail)).json<ConsolidationPreview>().terms.creditMinor;
    await server.services.uow.transaction(async (tx) => {
      const year = new Date(now).getUTCFullYear();
      await tx.creditNotes.insert({
        id: randomUUID(),
        number: `CN-${year}-${String(await tx.creditNotes.nextSequence(year)).padStart(6, '0')}`,
        invoiceId: invoice!.id,
        subscriptionId: b,
        kind: 'refund',
        currency: invoice!.currency,
        subtotalMinor: 300,
        taxRateBp: 0,
        taxMinor: 0,
        totalMinor: 300,
        description: 'Refund',
        providerReference: `re_${randomUUID()}`,
        endedService: false,
        issuedAt: now,
      });
    });
    const reduced = (await preview(olivia, a, bobEmail)).json<ConsolidationPreview>().terms.creditMinor;
    expect(reduced).toBeLessThan(full);
    expect(reduced).toBe(unusedPaidMinor(await server.services.uow.read.invoices.paidSpans(b), now));
  });

  it('an invitation that expired, was declined, withdrawn, or whose inviter subscription changed cannot be accepted, and nothing changes', async () => {
    const { olivia, bob, bobEmail, oliviaEmail, a, b } = await colleagues();
    // Expired after 7 days; a new invitation can then be sent.
    const first = (await invite(olivia, a, bobEmail)).json<ConsolidationInvitationView>();
    expect((await invite(olivia, a, bobEmail)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_INVITATION_PENDING' },
    });
    now += 7 * DAY;
    let before = await state(a, b);
    expect((await accept(bob, first.id)).json()).toMatchObject({ error: { code: 'CONSOLIDATION_INVITATION_EXPIRED' } });
    expect(await mine(bob)).toEqual([]);
    expect(await state(a, b)).toEqual(before);

    // Declined: the inviter is told; accepting afterwards is refused.
    now += 60_000;
    const second = (await invite(olivia, a, bobEmail)).json<ConsolidationInvitationView>();
    expect((await decline(bob, second.id)).statusCode).toBe(204);
    expect(await emailsTo(oliviaEmail)).toContain('merge-declined');
    before = await state(a, b);
    expect((await accept(bob, second.id)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_INVITATION_DECLINED' },
    });
    expect(await state(a, b)).toEqual(before);

    // Withdrawn by the inviter (only they can): refused.
    now += 60_000;
    const third = (await invite(olivia, a, bobEmail)).json<ConsolidationInvitationView>();
    expect(
      (await server.call('DELETE', `${base(a)}/consolidation-invitations/${third.id}`, { token: bob })).statusCode,
    ).toBe(404);
    expect(
      (await server.call('DELETE', `${base(a)}/consolidation-invitations/${third.id}`, { token: olivia })).statusCode,
    ).toBe(204);
    expect((await accept(bob, third.id)).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_INVITATION_WITHDRAWN' },
    });

    // The inviter's subscription changed (more seats bought) since the invitation: stale.
    now += 60_000;
    const fourth = (await invite(olivia, a, bobEmail)).json<ConsolidationInvitationView>();
    const quantity = (await server.call('GET', `${base(a)}/quantity/preview?quantity=6`, { token: olivia })).json<{
      prorationDate: string;
      amountDueMinor: number;
    }>();
    expect(
      (
        await server.call('POST', `${base(a)}/quantity`, {
          token: olivia,
          body: { quantity: 6, prorationDate: quantity.prorationDate, expectedAmountMinor: quantity.amountDueMinor },
          headers: idem(),
        })
      ).statusCode,
    ).toBe(200);
    before = await state(a, b);
    expect((await accept(bob, fourth.id)).json()).toMatchObject({ error: { code: 'CONSOLIDATION_INVITATION_STALE' } });
    expect(await state(a, b)).toEqual(before);
    expect(
      (await server.call('GET', `${base(a)}/consolidation-invitations`, { token: olivia }))
        .json<{ invitations: ConsolidationInvitationView[] }>()
        .invitations.map((i) => i.status),
    ).toEqual(['pending', 'withdrawn', 'declined', 'expired']);
  });

  it("the owner's own merge documents its credit the same way: a credit note per credited invoice, in the target's billing tab", async () => {
    const { bob, b } = await colleagues();
    const c = await buySubscription(server, bob, 1);
    now += DAY;
    const expected = unusedPaidMinor(await server.services.uow.read.invoices.paidSpans(c), now);
    const merged = await server.call('POST', `${base(b)}/consolidate`, {
      token: bob,
      body: { sources: [c] },
      headers: idem(),
    });
    expect(merged.json()).toMatchObject({ cancelled: [c], creditMinor: expected });
    const [cInvoice] = await server.services.uow.read.invoices.listInvoices(c);
    const notes = (await server.call('GET', `${base(b)}/credit-notes`, { token: bob })).json<{
      creditNotes: CreditNoteView[];
    }>().creditNotes;
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'credit', invoiceNumber: cInvoice!.number, totalMinor: expected }),
    ]);
    expect(await server.services.uow.read.subscriptions.mergeHistory(c)).toEqual({ mergedInto: b, tookIn: 0 });
  });

  it('refuses bad input with a stable code', async () => {
    const { olivia, bob, a } = await colleagues();
    expect((await invite(olivia, a, 'not an address')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(
      (
        await server.call('POST', `${base(a)}/consolidation-invitations`, {
          token: olivia,
          body: { email: 'x@y.example', extra: 1 },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await accept(bob, 'not-a-uuid')).json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await accept(bob, randomUUID())).json()).toMatchObject({
      error: { code: 'CONSOLIDATION_INVITATION_NOT_FOUND' },
    });
    // Only the target's owner invites: the colleague cannot invite into Olivia's subscription.
    expect((await server.call('GET', `${base(a)}/consolidation-invitations`, { token: bob })).statusCode).toBe(404);
  });
});
