/**
 * The repositories' contract, run on both engines: the same calls give the same answers on SQLite
 * and on PostgreSQL (numbers as numbers, the same page order, case-insensitive searches), and the
 * locks that replace SQLite's single writer hold under real concurrency on PostgreSQL (a pool of
 * connections running transactions side by side).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedQuery } from '../../server/src/storage/preparedQuery.js';
import type { SeatQuery, SeatRow, SeatSort, UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { ENGINES } from './engines.js';

const DAY = 86_400_000;

describe.each(ENGINES)('repositories on $name', (engine) => {
  let uow: UnitOfWork;
  let other: UnitOfWork;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const database = await engine.create();
    uow = await database.open();
    // A second connection (pool): another instance of the server on the same database.
    other = await database.open();
    drop = database.drop;
  });
  afterAll(async () => {
    await other?.close();
    await uow?.close();
    await drop?.();
  });

  async function subscription(
    quantity = 10,
    periodEnd = Date.now() + 30 * DAY,
  ): Promise<{ id: string; organisationId: string }> {
    const organisationId = randomUUID();
    const id = randomUUID();
    const now = Date.now();
    await uow.transaction(async (tx) => {
      await tx.organisations.insert({
        id: organisationId,
        tenantId: randomUUID(),
        name: `${organisationId}.example`,
        createdAt: now,
      });
      await tx.subscriptions.insert({
        id,
        organisationId,
        planId: 'monthly',
        quantity,
        status: 'active',
        periodStart: now,
        periodEnd,
        ownerTenantId: randomUUID(),
        ownerObjectId: randomUUID(),
        ownerEmail: 'owner@contoso.example',
        createdAt: now,
      });
    });
    return { id, organisationId };
  }

  const seat = (subscriptionId: string, email: string, at = Date.now()) => ({
    id: randomUUID(),
    subscriptionId,
    emailCanonical: email,
    emailDisplay: email,
    language: 'en',
    assignedAt: at,
  });

  it('reads integers back as exact numbers: counts, sums, epoch milliseconds far ahead, minor units beyond 32 bits', async () => {
    const far = Date.UTC(2100, 0, 1);
    const { id } = await subscription(3, far);
    const large = 2 ** 40;
    await uow.transaction(async (tx) => {
      await tx.invoices.insertCredit({
        id: randomUUID(),
        subscriptionId: id,
        description: 'large',
        amountMinor: large,
        remainingMinor: large,
        createdAt: far,
      });
      await tx.invoices.insertCredit({
        id: randomUUID(),
        subscriptionId: id,
        description: 'small',
        amountMinor: 5,
        remainingMinor: 5,
        createdAt: far,
      });
    });
    const row = await uow.read.subscriptions.find(id);
    expect(row).toMatchObject({ periodEnd: far, quantity: 3, assignedCount: 0 });
    expect(typeof row?.periodEnd).toBe('number');
    expect(await uow.read.invoices.creditBalance(id)).toBe(large + 5);
    expect(await uow.read.invoices.countPayments(id)).toEqual({ succeeded: 0, amountMinor: 0 });
    expect(await uow.read.subscriptions.countLiveSeats(id)).toBe(0);
    const outboxId = await uow.transaction((tx) =>
      tx.outbox.add({ kind: 'welcome', to: 'a@contoso.example', subject: 's', html: 'h', text: 't', createdAt: far }),
    );
    expect(typeof outboxId).toBe('number');
  });

  it("keeps each subscription's live-seat count with every seat change, and a rolled-back change leaves it as it was", async () => {
    const source = await subscription(20);
    const target = await subscription(20);
    const live = async (id: string) => ({
      kept: await uow.read.subscriptions.countLiveSeats(id),
      counted: (await uow.read.subscriptions.listLiveSeats(id)).length,
    });
    const seats = ['a@contoso.example', 'b@contoso.example', 'c@contoso.example'].map((email) =>
      seat(source.id, email),
    );
    await uow.transaction(async (tx) => {
      for (const row of seats) await tx.subscriptions.insertSeat(row);
      await tx.subscriptions.removeSeat(seats[0]!.id, Date.now());
      // Removing twice counts once.
      await tx.subscriptions.removeSeat(seats[0]!.id, Date.now());
      await tx.subscriptions.moveSeat(seats[1]!.id, target.id);
      await tx.subscriptions.insertSeats(
        target.id,
        Array.from({ length: 5 }, (_, i) => ({
          ...seat(target.id, `bulk${i}@contoso.example`),
          boundTenantId: null,
          boundObjectId: null,
          lastCheckInAt: null,
          suspendedAt: null,
        })),
      );
    });
    expect(await live(source.id)).toEqual({ kept: 1, counted: 1 });
    expect(await live(target.id)).toEqual({ kept: 6, counted: 6 });
    await expect(
      uow.transaction(async (tx) => {
        await tx.subscriptions.insertSeat(seat(target.id, 'rolled-back@contoso.example'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await live(target.id)).toEqual({ kept: 6, counted: 6 });
  });

  it('never lets concurrent check-then-write transactions overshoot: locking the subscription serialises them', async () => {
    const { id } = await subscription(5);
    const attempt = (n: number, on: UnitOfWork) =>
      on.transaction(async (tx) => {
        const locked = await tx.subscriptions.lock(id);
        if ((await tx.subscriptions.countLiveSeats(id)) >= locked!.quantity) return false;
        await tx.subscriptions.insertSeat(seat(id, `racer${n}@contoso.example`));
        return true;
      });
    const results = await Promise.all(Array.from({ length: 30 }, (_, n) => attempt(n, n % 2 === 0 ? uow : other)));
    expect(results.filter(Boolean)).toHaveLength(5);
    expect(await uow.read.subscriptions.countLiveSeats(id)).toBe(5);
    expect(await uow.read.subscriptions.listLiveSeats(id)).toHaveLength(5);
  });

  it('lets one of several transactions claim a key, the others find it claimed, none fails', async () => {
    const claim = (on: UnitOfWork) =>
      on.transaction((tx) =>
        tx.claims.insert({
          scope: 'contract',
          key: 'one-key',
          requestHash: 'h',
          kind: 'checkout',
          pending: null,
          claimToken: randomUUID(),
          leaseUntil: Date.now() + 60_000,
          createdAt: Date.now(),
        }),
      );
    const results = await Promise.all([claim(uow), claim(other), claim(uow), claim(other)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await uow.read.claims.find('contract', 'one-key')).toMatchObject({ requestHash: 'h', statusCode: null });
  });

  it('numbers invoices without gaps while transactions take numbers at once; a rolled-back one gives its number back', async () => {
    const year = 2031 + (engine.name === 'postgres' ? 1 : 0);
    const take = (n: number) =>
      (n % 2 === 0 ? uow : other).transaction(async (tx) => {
        const number = await tx.invoices.nextInvoiceSequence(year);
        if (n === 3) throw new Error('rolled back');
        return number;
      });
    const settled = await Promise.allSettled(Array.from({ length: 12 }, (_, n) => take(n)));
    const numbers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  });

  it('credit notes: their own gap-free numbers under concurrent transactions, what each invoice got back, and paid spans net of it', async () => {
    const { id, organisationId } = await subscription(2);
    const now = Date.now();
    const invoiceId = randomUUID();
    await uow.transaction(async (tx) => {
      const invoice = {
        id: invoiceId,
        number: `OM-CN-${invoiceId}`,
        subscriptionId: id,
        organisationId,
        kind: 'purchase' as const,
        status: 'paid' as const,
        currency: 'EUR',
        subtotalMinor: 10_000,
        taxRateBp: 2_000,
        taxMinor: 2_000,
        totalMinor: 12_000,
        periodStart: now,
        periodEnd: now + 30 * DAY,
        billTo: 'owner@contoso.example',
        issuedAt: now,
        paidAt: now,
      };
      await tx.invoices.insertInvoice(invoice, []);
      await tx.invoices.insertPayment({
        id: randomUUID(),
        subscriptionId: id,
        provider: 'simulated',
        providerReference: `ch_${invoiceId}`,
        amountMinor: 12_000,
        currency: 'EUR',
        status: 'succeeded',
        description: 'purchase',
        createdAt: now,
        invoiceId,
      });
    });
    expect(await uow.read.creditNotes.invoiceSubscription(invoiceId)).toBe(id);
    expect(await uow.read.creditNotes.invoiceSubscription(randomUUID())).toBeUndefined();
    expect(await uow.read.creditNotes.invoicePayment(invoiceId)).toEqual({
      reference: `ch_${invoiceId}`,
      amountMinor: 12_000,
      provider: 'simulated',
    });
    const year = 2041 + (engine.name === 'postgres' ? 1 : 0);
    const issue = (n: number) =>
      (n % 2 === 0 ? uow : other).transaction(async (tx) => {
        const sequence = await tx.creditNotes.nextSequence(year);
        const note = {
          id: randomUUID(),
          number: `CN-${year}-${String(sequence).padStart(6, '0')}`,
          invoiceId,
          subscriptionId: id,
          kind: 'refund' as const,
          currency: 'EUR',
          subtotalMinor: 100,
          taxRateBp: 2_000,
          taxMinor: 20,
          totalMinor: 120,
          description: 'refund',
          providerReference: `re_${randomUUID()}`,
          endedService: n === 0,
          issuedAt: now + n,
        };
        await tx.creditNotes.insert(note);
        if (n === 3) throw new Error('rolled back');
        return sequence;
      });
    const settled = await Promise.allSettled(Array.from({ length: 6 }, (_, n) => issue(n)));
    const sequences = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(sequences.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect(await uow.read.creditNotes.creditedOn(invoiceId)).toBe(5 * 120);
    const listed = await uow.read.creditNotes.list(id);
    expect(listed).toHaveLength(5);
    expect(listed.filter((note) => note.endedService)).toHaveLength(1);
    expect(typeof listed[0]!.totalMinor).toBe('number');
    expect(await uow.read.creditNotes.find(id, listed[0]!.id)).toEqual(listed[0]);
    expect(await uow.read.creditNotes.find(randomUUID(), listed[0]!.id)).toBeUndefined();
    // A refunded part was not paid for the time: consolidation and refunds count only the money kept.
    expect(await uow.read.invoices.paidSpans(id)).toEqual([
      { invoiceId, totalMinor: 12_000 - 5 * 120, periodStart: now, periodEnd: now + 30 * DAY },
    ]);
  });

  it("consolidation invitations: one pending per source, a decision taken once under racing transactions, found by the invitee's tid/oid, and merge history", async () => {
    const target = await subscription(5);
    const source = await subscription(2);
    const now = Date.now();
    const invitee = { tenantId: randomUUID(), objectId: randomUUID() };
    const row = (id: string) => ({
      id,
      organisationId: target.organisationId,
      targetSubscriptionId: target.id,
      sourceSubscriptionId: source.id,
      inviterTenantId: randomUUID(),
      inviterObjectId: randomUUID(),
      inviterEmail: 'olivia@contoso.example',
      inviteeTenantId: invitee.tenantId,
      inviteeObjectId: invitee.objectId,
      inviteeEmail: 'bob@contoso.example',
      language: 'fr',
      targetTerms: '["t"]',
      status: 'pending' as const,
      createdAt: now,
      expiresAt: now + 7 * DAY,
      decidedAt: null,
    });
    const first = row(randomUUID());
    await uow.transaction((tx) => tx.consolidationInvitations.insert(first));
    // A second pending invitation for the same source is refused by the database itself.
    await expect(uow.transaction((tx) => tx.consolidationInvitations.insert(row(randomUUID())))).rejects.toThrow();
    expect(await uow.read.consolidationInvitations.find(first.id)).toEqual(first);
    expect(await uow.read.consolidationInvitations.findPendingForSource(source.id)).toEqual(first);
    expect(
      await uow.read.consolidationInvitations.listForInvitee(invitee.tenantId, invitee.objectId, ['pending']),
    ).toEqual([first]);
    expect(await uow.read.consolidationInvitations.listForInvitee(invitee.tenantId, randomUUID(), ['pending'])).toEqual(
      [],
    );
    // Two instances decide at once: exactly one wins.
    const decisions = await Promise.all([
      uow.transaction((tx) => tx.consolidationInvitations.decide(first.id, 'accepted', now + 1)),
      other.transaction((tx) => tx.consolidationInvitations.decide(first.id, 'declined', now + 1)),
    ]);
    expect(decisions.filter(Boolean)).toHaveLength(1);
    expect(await uow.read.consolidationInvitations.findPendingForSource(source.id)).toBeUndefined();
    // Decided, the source may be invited again.
    const second = row(randomUUID());
    await uow.transaction((tx) => tx.consolidationInvitations.insert(second));
    expect((await uow.read.consolidationInvitations.listForTarget(target.id)).map((r) => r.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );

    expect(await uow.read.subscriptions.mergeHistory(source.id)).toEqual({ mergedInto: null, tookIn: 0 });
    await uow.transaction((tx) => tx.subscriptions.setMergedInto(source.id, target.id));
    expect(await uow.read.subscriptions.mergeHistory(source.id)).toEqual({ mergedInto: target.id, tookIn: 0 });
    expect(await uow.read.subscriptions.mergeHistory(target.id)).toEqual({ mergedInto: null, tookIn: 1 });
    expect((await uow.read.subscriptions.listInOrganisation(target.organisationId)).map((s) => s.id)).toEqual([
      target.id,
    ]);
  });

  it('hands due outbox rows to claimers running at once without overlap, every row to one of them', async () => {
    const now = Date.now();
    await uow.transaction(async (tx) => {
      for (let n = 0; n < 40; n++)
        await tx.outbox.add({
          kind: 'welcome',
          to: `claim${n}@contoso.example`,
          subject: 's',
          html: 'h',
          text: 't',
          createdAt: now,
        });
    });
    const claimed: number[] = [];
    const claimer = async (on: UnitOfWork) => {
      for (;;) {
        const batch = await on.transaction((tx) => tx.outbox.claim(randomUUID(), now, now + 60_000, 7, false));
        if (batch.length === 0) return;
        claimed.push(...batch.map((row) => row.id));
      }
    };
    await Promise.all([claimer(uow), claimer(other), claimer(uow), claimer(other)]);
    expect(claimed.length).toBeGreaterThanOrEqual(40);
    expect(new Set(claimed).size).toBe(claimed.length);
  });

  it('binds one seat for a person when their checks race, under the lock on their name', async () => {
    const { id } = await subscription(20);
    const rows = Array.from({ length: 8 }, (_, n) => seat(id, `same-person${n}@contoso.example`));
    await uow.transaction(async (tx) => {
      for (const row of rows) await tx.subscriptions.insertSeat(row);
    });
    const check = (n: number) =>
      (n % 2 === 0 ? uow : other).transaction(async (tx) => {
        await tx.locks.lock('person:tenant-x:object-y');
        const bound = await tx.subscriptions.seatsBoundTo('tenant-x', 'object-y');
        if (bound.length > 0) return false;
        return tx.subscriptions.bindSeat(rows[n]!.id, 'tenant-x', 'object-y');
      });
    const results = await Promise.all(rows.map((_, n) => check(n)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await uow.read.subscriptions.seatsBoundTo('tenant-x', 'object-y')).toHaveLength(1);
  });

  it("answers the license check's compiled queries as the builder would, for any values and list lengths", async () => {
    const { id } = await subscription(10);
    const emails = Array.from({ length: 6 }, (_, n) => `compiled${n}-${id}@contoso.example`);
    const rows = emails.map((email, n) => seat(id, email, Date.now() + n));
    await uow.transaction(async (tx) => {
      for (const row of rows) await tx.subscriptions.insertSeat(row);
      await tx.subscriptions.bindSeat(rows[0]!.id, 'tenant-c', 'object-c');
    });
    const ids = (seats: Array<{ id: string }>) => seats.map((s) => s.id);
    // Run twice each: the first run compiles, the next ones reuse it with other values.
    for (let round = 0; round < 2; round++) {
      expect(ids(await uow.read.subscriptions.seatsBoundTo('tenant-c', 'object-c'))).toEqual([rows[0]!.id]);
      expect(await uow.read.subscriptions.seatsBoundTo('tenant-c', 'object-other')).toEqual([]);
      expect(ids(await uow.read.subscriptions.unboundSeatsForEmails([emails[1]!]))).toEqual([rows[1]!.id]);
      expect(ids(await uow.read.subscriptions.unboundSeatsForEmails([emails[0]!, emails[2]!]))).toEqual([rows[2]!.id]);
      expect(ids(await uow.read.subscriptions.unboundSeatsForEmails([emails[3]!, 'nobody@contoso.example']))).toEqual([
        rows[3]!.id,
      ]);
      // Longer than the lists kept compiled: built each time, same answer.
      expect(ids(await uow.read.subscriptions.unboundSeatsForEmails(emails))).toEqual(ids(rows.slice(1)));
    }
    // Inside a transaction the compiled query runs on the transaction's own connection and sees its writes.
    await uow.transaction(async (tx) => {
      await tx.subscriptions.bindSeat(rows[4]!.id, 'tenant-c', 'object-d');
      expect(ids(await tx.subscriptions.seatsBoundTo('tenant-c', 'object-d'))).toEqual([rows[4]!.id]);
    });
    expect(ids(await uow.read.subscriptions.seatsBoundTo('tenant-c', 'object-d'))).toEqual([rows[4]!.id]);
  });

  it('refuses to compile once a value the query writes into its SQL text', async () => {
    const { db } = uow.read;
    const literal = preparedQuery(db, ['email'], (p: { email: string }) =>
      db.selectFrom('seats').select(sql.lit(p.email).as('email')),
    );
    await expect(literal.execute({ email: 'a@contoso.example' })).rejects.toThrow(/email not sent as parameters/);
  });

  it("gives a job's lease to one holder at a time, to the same holder again, and to another once it ran out", async () => {
    const now = Date.now();
    const lease = (holder: string, at: number, on: UnitOfWork = uow) =>
      on.transaction((tx) => tx.jobs.tryLease('contract-job', holder, at, at + 1000));
    const first = await Promise.all([lease('a', now), lease('b', now, other)]);
    expect(first.filter(Boolean)).toHaveLength(1);
    const winner = first[0] ? 'a' : 'b';
    const loser = winner === 'a' ? 'b' : 'a';
    expect(await lease(winner, now + 10)).toBe(true);
    expect(await lease(loser, now + 500)).toBe(false);
    expect(await lease(loser, now + 1010)).toBe(true);
    await uow.transaction((tx) => tx.jobs.finish('contract-job', loser, now + 1020));
    expect(await uow.read.jobs.lastRun('contract-job')).toEqual({ holder: loser, lastRunAt: now + 1020 });
    expect(await lease(winner, now + 1030)).toBe(true);
  });

  it("searches the journal's actors and a partner's customers regardless of ASCII case", async () => {
    const { id, organisationId } = await subscription(2);
    const partnerOrganisation = randomUUID();
    const partnerId = randomUUID();
    await uow.transaction(async (tx) => {
      await tx.journal.append({
        organisationId,
        subscriptionId: id,
        actorTenantId: null,
        actorObjectId: null,
        actorEmail: 'Olivia.Owner@Contoso.example',
        actorRole: 'owner',
        actorPartnerId: null,
        actorStaffRole: null,
        onBehalfOf: null,
        category: 'seats',
        action: 'seat.assigned',
        target: null,
        detail: null,
        ip: null,
        at: Date.now(),
      });
      await tx.organisations.insert({
        id: partnerOrganisation,
        tenantId: randomUUID(),
        name: 'partner.example',
        createdAt: Date.now(),
      });
      await tx.partners.insertPartner({
        id: partnerId,
        organisationId: partnerOrganisation,
        advisorCode: `C${randomUUID().slice(0, 8)}`,
        name: 'Partner',
        contactEmail: 'p@partner.example',
        language: 'en',
        createdAt: Date.now(),
      });
      await tx.subscriptions.setPartnerOfRecord(id, partnerId);
    });
    for (const actor of ['olivia', 'OLIVIA.OWNER', 'contoso.EXAMPLE']) {
      expect(
        await uow.read.journal.query(organisationId, id, { actor, categories: ['seats'], limit: 10 }),
        actor,
      ).toHaveLength(1);
    }
    expect(
      await uow.read.journal.query(organisationId, id, { actor: 'olivia_', categories: ['seats'], limit: 10 }),
    ).toHaveLength(0);
    const now = Date.now();
    const customers = { search: organisationId.slice(0, 8).toUpperCase(), offset: 0, limit: 10 };
    const page = await uow.read.partners.queryCustomers(partnerId, customers, now);
    expect(page).toMatchObject({ total: 1, items: [{ subscriptionId: id, partnerOfRecord: true, assigned: 0 }] });
    // The page's rows alone (the list bench's floor) are the same rows, typed alike on both engines.
    expect(await uow.read.partners.customerRows(partnerId, customers, now)).toEqual(page.items);
  });

  it('pages seats in one order on both engines: byte order of addresses, never checked in first ascending and last descending, read once through the cursors', async () => {
    const { id } = await subscription(100);
    const start = Date.UTC(2026, 0, 1);
    // Characters that sort differently under a language's collation than byte by byte.
    const locals = ['a', 'a.b', 'a-b', 'a_b', 'ab', 'a0', 'b', 'z', '0', 'a.c', 'aa', 'a+b'];
    const rows = locals.flatMap((local, i) =>
      ['contoso.example', 'fabrikam.example'].map((domain, j) => {
        const email = `${local}@${domain}`;
        const n = i * 2 + j;
        return {
          id: randomUUID(),
          emailCanonical: email,
          emailDisplay: email,
          language: 'en',
          boundTenantId: n % 3 === 0 ? 't' : null,
          boundObjectId: n % 3 === 0 ? `o${n}` : null,
          assignedAt: start + (n % 5) * 1000,
          lastCheckInAt: n % 4 === 0 ? null : start + (n % 7) * 1000,
          suspendedAt: n % 5 === 0 ? start : null,
        };
      }),
    );
    await uow.transaction(async (tx) => {
      await tx.subscriptions.lock(id);
      await tx.subscriptions.insertSeats(id, rows);
    });
    const rank = (s: Pick<SeatRow, 'suspendedAt' | 'boundObjectId'>) =>
      s.suspendedAt !== null ? 3 : s.boundObjectId === null ? 1 : 2;
    const key: Record<SeatSort, (s: (typeof rows)[number]) => number | null> = {
      email: () => 0,
      status: rank,
      lastCheckIn: (s) => s.lastCheckInAt,
      assignedAt: (s) => s.assignedAt,
    };
    const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const sort of ['email', 'status', 'lastCheckIn', 'assignedAt'] as const) {
      for (const descending of [false, true]) {
        const expected = [...rows]
          .sort((a, b) => {
            const [ka, kb] = [key[sort](a), key[sort](b)];
            // Never checked in: first ascending, last descending (SQLite's NULL order, kept on PostgreSQL).
            const byKey = ka === kb ? 0 : ka === null ? -1 : kb === null ? 1 : ka - kb;
            const order = byKey !== 0 ? byKey : byteOrder(a.emailCanonical, b.emailCanonical);
            return descending ? -order : order;
          })
          .map((s) => s.emailCanonical);
        const viaCursor: string[] = [];
        let query: SeatQuery = { sort, descending, offset: 0, limit: 5 };
        for (;;) {
          const page = await uow.read.subscriptions.querySeats(id, query);
          expect(page.total).toBe(rows.length);
          viaCursor.push(...page.items.map((s) => s.emailCanonical));
          if (!page.next) break;
          query = { ...query, after: page.next };
        }
        expect(viaCursor, `${sort} ${descending ? 'desc' : 'asc'}`).toEqual(expected);
        const viaOffset = (
          await uow.read.subscriptions.querySeats(id, { sort, descending, offset: 7, limit: 6 })
        ).items.map((s) => s.emailCanonical);
        expect(viaOffset).toEqual(expected.slice(7, 13));
        // The page's rows alone (the list bench's floor) are the page's items.
        const jump: SeatQuery = { sort, descending, offset: 7, limit: 6 };
        expect(await uow.read.subscriptions.seatRows(id, jump)).toEqual(
          (await uow.read.subscriptions.querySeats(id, jump)).items,
        );
      }
    }
    // A search lowers the text and escapes LIKE's wildcards on both engines.
    expect(
      (
        await uow.read.subscriptions.querySeats(id, {
          sort: 'email',
          descending: false,
          offset: 0,
          limit: 50,
          search: 'A_B@',
        })
      ).items.map((s) => s.emailCanonical),
    ).toEqual(['a_b@contoso.example', 'a_b@fabrikam.example']);
  });

  it('refuses a read through uow.read, and a second transaction, inside a transaction', async () => {
    await expect(uow.transaction(async () => uow.read.organisations.find('x'))).rejects.toThrow(/open transaction/);
    await expect(uow.transaction(async () => uow.transaction(async () => 1))).rejects.toThrow(/inside another/);
  });

  it('guards every transaction alike while its context tracking is turned off between them', async () => {
    // Each transaction ends with none open (the tracking off), the next one turns it on again.
    for (let round = 0; round < 3; round++) {
      await expect(uow.transaction(async () => uow.read.organisations.find('x'))).rejects.toThrow(/open transaction/);
      expect(await uow.transaction(async (tx) => tx.organisations.find('x'))).toBeUndefined();
      expect(await uow.read.organisations.find('x')).toBeUndefined();
    }
    // Two at once (a second connection's transaction on the other engine; on SQLite they take turns):
    // the first to end leaves the other guarded.
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = uow.transaction(async () => {
      inside();
      await held;
      return uow.read.organisations.find('x');
    });
    await entered;
    const short = uow.transaction(async (tx) => tx.organisations.find('x'));
    release();
    await expect(long).rejects.toThrow(/open transaction/);
    expect(await short).toBeUndefined();
  });
});
