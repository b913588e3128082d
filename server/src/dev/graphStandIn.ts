/**
 * Development stand-in for Microsoft Graph's mail sending, so that the pane's production Graph
 * client can be used on one machine. It speaks the same HTTP: bearer token required (401
 * InvalidAuthenticationToken), `POST /v1.0/me/sendMail` and `/v1.0/users/{id}/sendMail` answer
 * 202 with no body, malformed messages 400 with Graph's error codes, Send-As to a mailbox that
 * is not the caller's 403 ErrorSendAsDenied, and more messages per minute than the configured
 * rate 429 with Retry-After. What it accepts is recorded for the mailbox page.
 * Development only: it refuses to run with NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createLocalJWKSet, type JWK } from 'jose';
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { createAccessTokenValidator, type CallerIdentity } from '../identity/accessTokenValidator.js';
import { assertDevelopment } from './assertDevelopment.js';
import { GRAPH_AUDIENCE } from './identityProvider.js';

export interface RecordedMessage {
  id: string;
  /** The mailbox it was sent from. */
  mailbox: string;
  sentBy: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  contentType: 'html' | 'text';
  html: string;
  attachments: Array<{ name: string; contentType: string; size: number }>;
  sentAt: string;
}

interface GraphRecipient {
  emailAddress?: { address?: unknown; name?: unknown };
}

interface SendMailBody {
  message?: {
    subject?: unknown;
    body?: { contentType?: unknown; content?: unknown };
    toRecipients?: unknown;
    ccRecipients?: unknown;
    bccRecipients?: unknown;
    attachments?: unknown;
  };
  saveToSentItems?: unknown;
}

class GraphError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const MAX_RECIPIENTS_PER_MESSAGE = 500;
const MAX_RECORDED = 20_000;

export interface GraphStandIn {
  messages(): RecordedMessage[];
  clear(): void;
}

export function registerGraphStandIn(app: FastifyInstance, options: { identityJwks: { keys: JWK[] }; issuerTemplate: string; ratePerMinute: number; clock?: () => number }): GraphStandIn {
  assertDevelopment('The Graph stand-in');
  const clock = options.clock ?? Date.now;
  const validate = createAccessTokenValidator({
    jwks: createLocalJWKSet(options.identityJwks),
    audience: GRAPH_AUDIENCE,
    issuerTemplate: options.issuerTemplate,
    requiredScope: 'Mail.Send',
  });
  const recorded: RecordedMessage[] = [];
  const recentSends = new Map<string, number[]>();

  const authenticate = async (authorization: string | undefined): Promise<CallerIdentity> => {
    try {
      return await validate(authorization);
    } catch (error) {
      throw new GraphError(401, 'InvalidAuthenticationToken', error instanceof Error ? error.message : 'Access token validation failure.');
    }
  };

  const throttle = (mailbox: string): void => {
    const now = clock();
    const window = (recentSends.get(mailbox) ?? []).filter((t) => t > now - 60_000);
    if (window.length >= options.ratePerMinute) {
      const retryAfter = Math.max(1, Math.ceil(((window[0] ?? now) + 60_000 - now) / 1000));
      recentSends.set(mailbox, window);
      throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxSendRate limit. Retry after the time in the Retry-After header.', retryAfter);
    }
    window.push(now);
    recentSends.set(mailbox, window);
  };

  const send = async (authorization: string | undefined, mailboxParam: string | null, body: SendMailBody) => {
    const caller = await authenticate(authorization);
    const callerMailbox = normalizeEmail(caller.email ?? '');
    if (!callerMailbox.ok) throw new GraphError(400, 'ErrorInvalidUser', 'The signed-in user has no mailbox.');
    let mailbox = callerMailbox;
    if (mailboxParam !== null) {
      const requested = normalizeEmail(decodeURIComponent(mailboxParam));
      if (!requested.ok) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${mailboxParam}' is invalid.`);
      if (requested.canonical !== callerMailbox.canonical) throw new GraphError(403, 'ErrorSendAsDenied', 'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.');
      mailbox = requested;
    }
    const message = parseMessage(body);
    throttle(mailbox.canonical);
    recorded.push({ id: randomUUID(), mailbox: mailbox.display, sentBy: callerMailbox.display, ...message, sentAt: new Date(clock()).toISOString() });
    if (recorded.length > MAX_RECORDED) recorded.splice(0, recorded.length - MAX_RECORDED);
  };

  const reply = (response: FastifyReply, error: unknown) => {
    if (!(error instanceof GraphError)) throw error;
    if (error.retryAfterSeconds !== undefined) void response.header('Retry-After', String(error.retryAfterSeconds));
    return response.code(error.statusCode).send({ error: { code: error.code, message: error.message, innerError: { date: new Date(clock()).toISOString(), 'request-id': randomUUID() } } });
  };

  const bodySchema = { schema: { hide: true }, bodyLimit: 36 * 1024 * 1024 };
  app.post<{ Body: SendMailBody }>('/dev/graph/v1.0/me/sendMail', bodySchema, async (request, response) => {
    try {
      await send(request.headers.authorization, null, request.body ?? {});
      return response.code(202).send();
    } catch (error) {
      return reply(response, error);
    }
  });
  app.post<{ Body: SendMailBody; Params: { id: string } }>('/dev/graph/v1.0/users/:id/sendMail', bodySchema, async (request, response) => {
    try {
      await send(request.headers.authorization, request.params.id, request.body ?? {});
      return response.code(202).send();
    } catch (error) {
      return reply(response, error);
    }
  });
  app.get('/dev/mailbox/messages', { schema: { hide: true } }, async () => recorded);
  app.delete('/dev/mailbox/messages', { schema: { hide: true } }, async (_request, response) => {
    recorded.length = 0;
    recentSends.clear();
    return response.code(204).send();
  });

  return { messages: () => [...recorded], clear: () => void (recorded.length = 0) };
}

function recipients(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GraphError(400, 'ErrorInvalidRequest', `${field} must be an array of recipients.`);
  return value.map((entry: GraphRecipient) => {
    const address = entry?.emailAddress?.address;
    if (typeof address !== 'string' || !normalizeEmail(address).ok) {
      throw new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid., Recipient '${String(address)}' is not resolved.`);
    }
    return address;
  });
}

function parseMessage(body: SendMailBody): Omit<RecordedMessage, 'id' | 'mailbox' | 'sentBy' | 'sentAt'> {
  const message = body.message;
  if (!message || typeof message !== 'object') throw new GraphError(400, 'ErrorInvalidRequest', 'Empty Payload. JSON content expected.');
  const to = recipients(message.toRecipients, 'toRecipients');
  const cc = recipients(message.ccRecipients, 'ccRecipients');
  const bcc = recipients(message.bccRecipients, 'bccRecipients');
  if (to.length + cc.length + bcc.length === 0) throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is required, but none were found.');
  if (to.length + cc.length + bcc.length > MAX_RECIPIENTS_PER_MESSAGE) throw new GraphError(400, 'ErrorTooManyRecipients', 'The message exceeds the maximum number of recipients (500).');
  const subject = message.subject ?? '';
  if (typeof subject !== 'string' || /[\r\n]/.test(subject)) throw new GraphError(400, 'ErrorInvalidRequest', 'The subject must be a single line of text.');
  const contentType = typeof message.body?.contentType === 'string' ? message.body.contentType.toLowerCase() : 'text';
  if (contentType !== 'html' && contentType !== 'text') throw new GraphError(400, 'ErrorInvalidRequest', `Invalid body contentType '${String(message.body?.contentType)}'.`);
  const content = message.body?.content ?? '';
  if (typeof content !== 'string') throw new GraphError(400, 'ErrorInvalidRequest', 'The body content must be a string.');
  const attachments = message.attachments === undefined ? [] : message.attachments;
  if (!Array.isArray(attachments)) throw new GraphError(400, 'ErrorInvalidRequest', 'attachments must be an array.');
  return {
    to,
    cc,
    bcc,
    subject,
    contentType,
    html: content,
    attachments: attachments.map((a: { name?: unknown; contentType?: unknown; contentBytes?: unknown }) => {
      if (typeof a?.name !== 'string' || typeof a.contentBytes !== 'string') throw new GraphError(400, 'ErrorInvalidRequest', 'A fileAttachment needs a name and contentBytes.');
      return { name: a.name, contentType: typeof a.contentType === 'string' ? a.contentType : 'application/octet-stream', size: Buffer.from(a.contentBytes, 'base64').length };
    }),
  };
}
