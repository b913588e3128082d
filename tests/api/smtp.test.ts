/** With SMTP_URL set, Outmerge's emails go to that SMTP server through nodemailer (here a real SMTP server on loopback). */
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buySubscription, freePort, startTestServer, type TestServer } from '../helpers/testServer.js';

interface Received {
  from: string;
  to: string[];
  data: string;
}

let smtp: SMTPServer;
let port: number;
const received: Received[] = [];
let delivered: () => void = () => {};

beforeAll(async () => {
  port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
        delivered();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('email over SMTP', () => {
  let server: TestServer;
  afterAll(() => server?.close());

  it('delivers the welcome email to the configured SMTP server, and keeps no local outbox', async () => {
    server = await startTestServer({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Outmerge <licensing@outmerge.example>',
    });
    const owner = await server.token('olivia@contoso.com');
    const subscriptionId = await buySubscription(server, owner, 2);
    const arrived = new Promise<void>((resolve) => (delivered = resolve));
    await server.call('POST', `/api/v1/subscriptions/${subscriptionId}/assignments`, {
      token: owner,
      body: { emails: ['Paul@contoso.com'], language: 'de' },
    });
    await arrived;
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'licensing@outmerge.example', to: ['Paul@contoso.com'] });
    expect(received[0]!.data).toMatch(
      /^Subject: =\?UTF-8\?Q\?Deine_Outmerge-Lizenz_ist_bereit\?=|^Subject: Deine Outmerge-Lizenz ist bereit/m,
    );
    expect(received[0]!.data).toContain('Content-Type: text/html');
    expect((await server.call('GET', '/dev/outbox/messages')).statusCode).toBe(404);
  });
});
