/**
 * How the product's emails leave (welcome, invitations, receipts, …): nodemailer builds the real
 * MIME message and sends it to the configured SMTP server or, when none is configured, into the
 * local outbox (the message is kept and shown on the development outbox page). Only the delivery
 * job (./outbox.ts) calls it; services write emails into the outbox in their change's transaction.
 */
import nodemailer from 'nodemailer';

export interface OutgoingEmail {
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

export interface EmailTransport {
  /** The local outbox keeps what it "sent" (the page shows it); an SMTP server took the message, so nothing is kept here. */
  readonly keepsMessages: boolean;
  send(email: OutgoingEmail): Promise<{ messageId: string; raw: string | null }>;
}

/**
 * Timeouts shorter than nodemailer's defaults (a 10-minute idle socket): a server that hangs
 * fails the attempt, which is retried, well within the delivery job's lease.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export function createEmailTransport(options: { smtpUrl: string | null; from: string }): EmailTransport {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS });
    return {
      keepsMessages: false,
      async send(email) {
        const info = await transport.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
        });
        return { messageId: info.messageId, raw: null };
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    keepsMessages: true,
    async send(email) {
      const info = await transport.sendMail({
        from: options.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
      });
      return {
        messageId: info.messageId,
        raw: Buffer.isBuffer(info.message) ? info.message.toString('utf8') : String(info.message),
      };
    },
  };
}
