/**
 * Sends the product's own emails (welcome, later invitations and receipts) through nodemailer:
 * to the configured SMTP server, or, when none is configured, into the local outbox (the real
 * MIME message nodemailer built, stored and shown on the development outbox page).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Storage } from '../storage/storage.js';

export interface OutgoingEmail {
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

export function createMailer(options: { smtpUrl: string | null; from: string; storage: Storage; clock?: () => number }): Mailer {
  const clock = options.clock ?? Date.now;
  if (options.smtpUrl) {
    const transport: Transporter = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(email) {
        await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(email) {
      const info = await transport.sendMail({ from: options.from, to: email.to, subject: email.subject, html: email.html, text: email.text });
      const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : String(info.message);
      options.storage.transaction(() =>
        options.storage.insertOutboxMessage({ messageId: info.messageId, kind: email.kind, to: email.to, subject: email.subject, html: email.html, text: email.text, raw, createdAt: clock() }),
      );
    },
  };
}
