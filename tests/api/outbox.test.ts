/**
 * The transactional outbox: an email is written with its change and delivered after the commit by
 * a job that retries with backoff, gives up (logged) after its attempts, and claims rows so that two
 * jobs (two processes on one database here, later two instances) never send one email twice.
 */
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailTransport, OutgoingEmail } from '../../server/src/email/mailer.js';
import { DELIVERY_LEASE_MS, MAX_ATTEMPTS, Outbox, retryDelayMs } from '../../server/src/email/outbox.js';
import type { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { buySubscription, freePort, startTestServer, type TestServer } from '../helpers/testServer.js';

const mail = (n: number): OutgoingEmail => ({
  kind: 'welcome',
  to: `person${n}@contoso.com`,
  subject: `Hello ${n}`,
  html: `<p>${n}</p>`,
  text: String(n),
});

describe('email after a change, over SMTP that refuses for a while', () => {
  let smtp: SMTPServer;
  let server: TestServer;
  let refusing = true;
  const unknownMailboxes = new Set(['nobody@contoso.com']);
  let now = Date.UTC(2026, 0, 5, 9);
  const received: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (unknownMailboxes.has(address.address))
          return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          if (refusing) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
          received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    server = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { clock: () => now });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('keeps the change when the mail server refuses, retries after the backoff, and keeps no body of what it sent', async () => {
    const owner = await server.token('olivia@contoso.com');
    const subscriptionId = await buySubscription(server, owner, 2);
    const assigned = await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['paul@contoso.com'] },
    });
    expect(assigned.json()).toEqual({ results: [{ email: 'paul@contoso.com', result: 'assigned' }] });
    const [row] = await server.services.uow.read.outbox.statuses(1);
    expect(row).toMatchObject({
      kind: 'welcome',
      to: 'paul@contoso.com',
      status: 'pending',
      attempts: 1,
      nextAttemptAt: now + retryDelayMs(1),
      lastError: expect.stringContaining('Mailbox busy'),
    });

    // Not due yet: the sweep leaves it alone even though the server accepts again.
    refusing = false;
    now += retryDelayMs(1) - 1000;
    await server.services.outbox.sweep();
    expect((await server.services.uow.read.outbox.statuses(1))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(received).toEqual([]);

    now += 1000;
    await server.services.outbox.sweep();
    expect((await server.services.uow.read.outbox.statuses(1))[0]).toMatchObject({
      status: 'sent',
      attempts: 2,
      lastError: null,
    });
    expect(received).toEqual(['paul@contoso.com']);
    // The message went to the SMTP server: its links and keys are not kept here.
    expect((await server.services.uow.read.outbox.listSent(1))[0]).toMatchObject({
      to: 'paul@contoso.com',
      html: '',
      text: '',
    });
  });

  it('gives up at once on a permanent refusal (5yz), such as an unknown mailbox', async () => {
    const owner = await server.token('olivia@contoso.com');
    const subscriptionId = await buySubscription(server, owner, 2);
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['nobody@contoso.com'] },
    });
    expect((await server.services.uow.read.outbox.statuses(1))[0]).toMatchObject({
      to: 'nobody@contoso.com',
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('No such mailbox'),
    });
  });
});

describe('the delivery job', () => {
  let server: TestServer;
  let storage: UnitOfWork;
  let other: UnitOfWork;
  let now = Date.UTC(2026, 0, 5, 9);
  const clock = () => now;

  beforeAll(async () => {
    server = await startTestServer();
    // Two more connections to the same database: what a second process (or instance) sees.
    storage = await server.openStorage();
    other = await server.openStorage();
  });
  afterAll(async () => {
    await storage.close();
    await other.close();
    await server.close();
  });

  function transport(send: (email: OutgoingEmail) => Promise<void>): EmailTransport {
    return {
      keepsMessages: true,
      send: async (email) => (await send(email), { messageId: `<${email.to}>`, raw: null }),
    };
  }

  it('writes nothing when the change rolls back', async () => {
    const outbox = new Outbox(
      storage,
      transport(async () => {}),
      clock,
    );
    const before = (await storage.read.outbox.statuses(1))[0]?.id ?? 0;
    await expect(
      storage.transaction(async (tx) => {
        await outbox.add(tx, mail(0), now);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await storage.read.outbox.statuses(1))[0]?.id ?? 0).toBe(before);
  });

  it('gives up after its attempts, logs each failure, and keeps no body', async () => {
    const logged: string[] = [];
    const outbox = new Outbox(
      storage,
      transport(() => Promise.reject(new Error('connection refused'))),
      clock,
      (_error, message) => logged.push(message),
    );
    await storage.transaction((tx) => outbox.add(tx, mail(1), now));
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await outbox.sweep();
      const [row] = await storage.read.outbox.statuses(1);
      expect(row).toMatchObject({
        attempts: attempt,
        status: attempt === MAX_ATTEMPTS ? 'failed' : 'pending',
        lastError: 'connection refused',
      });
      now += retryDelayMs(attempt);
    }
    await outbox.sweep();
    expect((await storage.read.outbox.statuses(1))[0]).toMatchObject({ attempts: MAX_ATTEMPTS, status: 'failed' });
    expect(logged).toHaveLength(MAX_ATTEMPTS);
    expect(logged.at(-1)).toMatch(/given up/);
  });

  it('after a change sends what was just written and leaves retries to the sweep', async () => {
    let failing = true;
    const sent: string[] = [];
    const outbox = new Outbox(
      storage,
      transport(async (email) => (failing ? Promise.reject(new Error('down')) : void sent.push(email.to))),
      clock,
    );
    await storage.transaction((tx) => outbox.add(tx, mail(50), now));
    await outbox.deliver();
    failing = false;
    now += retryDelayMs(1);
    await storage.transaction((tx) => outbox.add(tx, mail(51), now));
    await outbox.deliver();
    expect(sent).toEqual(['person51@contoso.com']);
    await outbox.sweep();
    expect(sent).toEqual(['person51@contoso.com', 'person50@contoso.com']);
  });

  it('never sends one email twice when two jobs run at once, and sends every one', async () => {
    const sent: string[] = [];
    const slowly = transport(async (email) => {
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(email.to);
    });
    const first = new Outbox(storage, slowly, clock);
    const second = new Outbox(other, slowly, clock);
    await storage.transaction(async (tx) => {
      for (let n = 100; n < 130; n++) await first.add(tx, mail(n), now);
    });
    await Promise.all([first.deliver(), second.deliver(), first.deliver(), second.deliver()]);
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
  });

  it('takes over the rows of a job that died once their lease ran out', async () => {
    // The hung job's mail server never answers; it says when it is asked, i.e. once the row is claimed.
    let claimed!: () => void;
    const holdsTheLease = new Promise<void>((resolve) => (claimed = resolve));
    const hung = new Outbox(
      storage,
      transport(() => {
        claimed();
        return new Promise<void>(() => {});
      }),
      clock,
    );
    const sent: string[] = [];
    const survivor = new Outbox(
      other,
      transport(async (email) => void sent.push(email.to)),
      clock,
    );
    await storage.transaction((tx) => hung.add(tx, mail(200), now));
    void hung.deliver();
    // Not before: a sweep that ran first would claim the row itself (seen on PostgreSQL under load).
    await holdsTheLease;
    await survivor.sweep();
    expect(sent).toEqual([]);
    now += DELIVERY_LEASE_MS;
    await survivor.sweep();
    expect(sent).toEqual(['person200@contoso.com']);
    expect((await storage.read.outbox.listSent(1))[0]).toMatchObject({
      to: 'person200@contoso.com',
      html: '<p>200</p>',
    });
  });
});
