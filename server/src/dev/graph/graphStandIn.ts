/**
 * Development stand-in for the part of Microsoft Graph the pane uses, speaking the same HTTP so
 * that the production Graph client runs unchanged against it:
 *
 *   POST {me|users/{id}}/sendMail                    202, or 400/401/403/429 like Graph
 *   POST {me|users/{id}}/messages                    201 draft (with the row marker property)
 *   POST {me|users/{id}}/messages/{id}/send          202; the draft moves to Sent Items
 *   GET  {me|users/{id}}/mailFolders/{drafts|sentitems}/messages?$filter=<marker filter>
 *   DELETE {me|users/{id}}/messages/{id}
 *   POST {me|users/{id}}/messages/{id}/attachments   201; one fileAttachment added to a draft
 *   POST {me|users/{id}}/messages/{id}/attachments/createUploadSession   201 {uploadUrl}; then
 *   PUT  <uploadUrl> in byte ranges of at most 4 MiB, no Authorization header (files of 3–150 MB)
 *   GET  {me|users/{id}}/contacts[?$filter=categories/any(c:c eq 'X')&$top=n&$skip=n]   paged with @odata.nextLink
 *
 * with Send-As rights per shared mailbox, 4 requests in flight per mailbox (429 MailboxConcurrency),
 * a message rate per window with Retry-After, the rolling 24-hour recipient budget, a response
 * latency, and seeded fault injection for tests (`PUT /dev/graph/faults`). What was sent is listed
 * for the mailbox page at `GET /dev/mailbox/messages`.
 * Development only: it refuses to run with NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createLocalJWKSet, type JWK } from 'jose';
import { ROW_MARKER_PROPERTY_ID } from '../../../../shared/src/api/graphMarker.js';
import { normalizeEmail } from '../../../../shared/src/email/normalizeEmail.js';
import { createAccessTokenValidator } from '../../identity/accessTokenValidator.js';
import { assertDevelopment } from '../assertDevelopment.js';
import { GRAPH_AUDIENCE } from '../identityProvider.js';
import { contactsFor } from './contacts.js';
import { FaultInjector, type FaultPlan } from './faults.js';
import { GraphError, MailboxStore, type MessageContent, type StoredMessage } from './mailboxStore.js';
import { MAX_RANGE_BYTES, UploadSessions } from './uploadSessions.js';

export interface GraphStandInOptions {
  identityJwks: { keys: JWK[] };
  issuerTemplate: string;
  /** Messages accepted per window (a minute, unless rateWindowSeconds scales it down for benchmarks). */
  ratePerMinute: number;
  /** Length of the rate window in seconds; 2 with a rate of 30 means "30 per 2 s". */
  rateWindowSeconds?: number;
  dailyRecipients?: number;
  latencyMs?: number;
  /** Shared mailbox address → addresses of the users who may send as it. */
  sharedMailboxes?: Record<string, string[]>;
  clock?: () => number;
}

export interface GraphStandIn {
  store: MailboxStore;
  faults: FaultInjector;
}

const MAX_RECIPIENTS_PER_MESSAGE = 500;

interface GraphRecipient {
  emailAddress?: { address?: unknown };
}

interface MessageBody {
  subject?: unknown;
  body?: { contentType?: unknown; content?: unknown };
  toRecipients?: unknown;
  ccRecipients?: unknown;
  bccRecipients?: unknown;
  attachments?: unknown;
  singleValueExtendedProperties?: unknown;
}

type Params = { id?: string; messageId?: string; folder?: string };

/** Graph refuses a JSON request body over 4 MB: bigger files go through upload sessions. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export function registerGraphStandIn(app: FastifyInstance, options: GraphStandInOptions): GraphStandIn {
  assertDevelopment('The Graph stand-in');
  // Tests move the stand-in's time forward (a day, for the 24-hour budget) instead of waiting.
  const baseClock = options.clock ?? Date.now;
  let clockOffsetMs = 0;
  const clock = () => baseClock() + clockOffsetMs;
  const validate = createAccessTokenValidator({ jwks: createLocalJWKSet(options.identityJwks), audience: GRAPH_AUDIENCE, issuerTemplate: options.issuerTemplate, requiredScope: 'Mail.Send' });
  const sendAs = new Map<string, Set<string>>();
  for (const [shared, users] of Object.entries(options.sharedMailboxes ?? {})) {
    const mailbox = canonical(shared);
    if (mailbox) sendAs.set(mailbox, new Set(users.map(canonical).filter((u): u is string => u !== null)));
  }
  const windowSeconds = options.rateWindowSeconds ?? 60;
  const store = new MailboxStore(
    { messagesPerWindow: options.ratePerMinute, windowMs: windowSeconds * 1000, dailyRecipients: options.dailyRecipients ?? 10_000, concurrency: 4 },
    sendAs,
    clock,
  );
  const faults = new FaultInjector();
  const latency = options.latencyMs ?? 0;

  /** Authenticates, picks the mailbox, holds a concurrency slot, applies faults, and answers like Graph. */
  const handle = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    operation: 'create' | 'send' | 'sendMail' | 'list' | 'delete' | 'upload',
    work: (mailbox: string, sentBy: string) => { status: number; body?: unknown },
  ) => {
    let release = () => {};
    try {
      const caller = await validate(request.headers.authorization).catch((error: unknown) => {
        throw new GraphError(401, 'InvalidAuthenticationToken', error instanceof Error ? error.message : 'Access token validation failure.');
      });
      const callerMailbox = canonical(caller.email ?? '');
      if (!callerMailbox) throw new GraphError(400, 'ErrorInvalidUser', 'The signed-in user has no mailbox.');
      const requested = request.params.id === undefined ? null : canonical(decodeURIComponent(request.params.id));
      if (request.params.id !== undefined && requested === null) throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${request.params.id}' is invalid.`);
      const mailbox = store.mailboxFor(callerMailbox, requested);
      release = store.acquire(mailbox);
      const fault = operation === 'delete' ? null : faults.next(operation);
      if (fault === 'drop-before') return drop(request, reply);
      if (fault === '503') throw new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
      if (fault === '429') throw new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', faults.current()?.retryAfterSeconds ?? 1);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const result = work(mailbox, callerMailbox);
      if (fault === 'drop-after') return drop(request, reply);
      if (fault === '504') throw new GraphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.');
      return result.body === undefined ? reply.code(result.status).send() : reply.code(result.status).send(result.body);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, innerError: { date: new Date(clock()).toISOString(), 'request-id': randomUUID() } } });
    } finally {
      release();
    }
  };

  const routeOptions = { schema: { hide: true }, bodyLimit: MAX_REQUEST_BYTES };
  const uploads = new UploadSessions(store, clock);
  for (const prefix of ['/dev/graph/v1.0/me', '/dev/graph/v1.0/users/:id']) {
    app.post<{ Params: Params; Body: { message?: MessageBody; saveToSentItems?: unknown } }>(`${prefix}/sendMail`, routeOptions, (request, reply) =>
      handle(request, reply, 'sendMail', (mailbox, sentBy) => {
        if (!request.body?.message || typeof request.body.message !== 'object') throw new GraphError(400, 'ErrorInvalidRequest', 'Empty Payload. JSON content expected.');
        store.sendMail(mailbox, sentBy, parseMessage(request.body.message, true));
        return { status: 202 };
      }),
    );
    app.post<{ Params: Params; Body: MessageBody }>(`${prefix}/messages`, routeOptions, (request, reply) =>
      handle(request, reply, 'create', (mailbox, sentBy) => ({ status: 201, body: messageJson(store.createDraft(mailbox, sentBy, parseMessage(request.body ?? {}, false))) })),
    );
    app.post<{ Params: Params }>(`${prefix}/messages/:messageId/send`, routeOptions, (request, reply) =>
      handle(request, reply, 'send', (mailbox) => {
        store.sendDraft(mailbox, request.params.messageId ?? '');
        return { status: 202 };
      }),
    );
    app.post<{ Params: Params; Body: unknown }>(`${prefix}/messages/:messageId/attachments`, routeOptions, (request, reply) =>
      handle(request, reply, 'upload', (mailbox) => {
        const [attachment] = parseAttachments([request.body]);
        store.attach(mailbox, request.params.messageId ?? '', attachment!);
        return { status: 201, body: { '@odata.type': '#microsoft.graph.fileAttachment', id: randomUUID(), ...attachment } };
      }),
    );
    app.post<{ Params: Params; Body: unknown }>(`${prefix}/messages/:messageId/attachments/createUploadSession`, routeOptions, (request, reply) =>
      handle(request, reply, 'upload', (mailbox) => {
        const session = uploads.create(mailbox, request.params.messageId ?? '', request.body);
        return {
          status: 201,
          body: {
            '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession',
            uploadUrl: `${request.protocol}://${request.host}/dev/graph/upload/${session.id}?authtoken=${session.token}`,
            expirationDateTime: new Date(session.expiresAt).toISOString(),
            nextExpectedRanges: ['0-'],
          },
        };
      }),
    );
    app.delete<{ Params: Params }>(`${prefix}/messages/:messageId`, routeOptions, (request, reply) =>
      handle(request, reply, 'delete', (mailbox) => {
        store.delete(mailbox, request.params.messageId ?? '');
        return { status: 204 };
      }),
    );
    app.get<{ Params: Params; Querystring: { $filter?: string } }>(`${prefix}/mailFolders/:folder/messages`, routeOptions, (request, reply) =>
      handle(request, reply, 'list', (mailbox) => {
        const folder = (request.params.folder ?? '').toLowerCase();
        if (folder !== 'drafts' && folder !== 'sentitems') throw new GraphError(404, 'ErrorFolderNotFound', `The folder '${request.params.folder}' was not found.`);
        return { status: 200, body: { value: store.list(mailbox, folder, parseMarkerFilter(request.query.$filter)).map(messageJson) } };
      }),
    );
  }

  for (const prefix of ['/dev/graph/v1.0/me', '/dev/graph/v1.0/users/:id']) {
    app.get<{ Params: Params; Querystring: { $filter?: string; $top?: string; $skip?: string; $select?: string } }>(`${prefix}/contacts`, routeOptions, (request, reply) =>
      handle(request, reply, 'list', (mailbox) => {
        const filter = request.query.$filter;
        let category: string | null = null;
        if (filter !== undefined) {
          const match = /^categories\/any\(c:\s*c eq '((?:[^']|'')*)'\)$/.exec(filter.trim());
          if (!match) throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
          category = (match[1] ?? '').replace(/''/g, "'");
        }
        const top = Math.min(Math.max(Number(request.query.$top ?? 10) || 10, 1), 1000);
        const skip = Math.max(Number(request.query.$skip ?? 0) || 0, 0);
        const all = contactsFor(mailbox).filter((c) => category === null || c.categories.some((k) => k.toLowerCase() === category.toLowerCase()));
        const page = all.slice(skip, skip + top);
        const next = skip + top < all.length ? new URL(request.url, 'http://stand-in') : null;
        next?.searchParams.set('$skip', String(skip + top));
        next?.searchParams.set('$top', String(top));
        return { status: 200, body: { value: page, ...(next ? { '@odata.nextLink': `${request.protocol}://${request.host}${next.pathname}${next.search}` } : {}) } };
      }),
    );
  }

  // The pre-authenticated upload URL: raw bytes, in its own scope so the binary parser stays here.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_RANGE_BYTES + 1024 }, (_request, body, done) => done(null, body));
    scope.put<{ Params: { sessionId: string }; Querystring: { authtoken?: string }; Body: Buffer }>('/dev/graph/upload/:sessionId', { schema: { hide: true } }, async (request, reply) => {
      try {
        const fault = faults.next('upload');
        if (fault === 'drop-before') return drop(request, reply);
        if (fault === '503') throw new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
        if (fault === '429') throw new GraphError(429, 'ApplicationThrottled', 'Too many requests.', faults.current()?.retryAfterSeconds ?? 1);
        const chunk = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = uploads.put(request.params.sessionId, request.query.authtoken, request.headers.authorization, request.headers['content-range'], chunk);
        if (fault === 'drop-after') return drop(request, reply);
        if (fault === '504') throw new GraphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.');
        if (result.complete) return reply.code(201).header('Location', `${request.protocol}://${request.host}/dev/graph/v1.0/me/messages/${result.session.messageId}/attachments/${result.session.id}`).send();
        return reply.code(200).send({ expirationDateTime: new Date(result.session.expiresAt).toISOString(), nextExpectedRanges: [`${result.session.received}-`] });
      } catch (error) {
        if (!(error instanceof GraphError)) throw error;
        if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
        return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
      }
    });
  });

  app.put<{ Body: FaultPlan | null }>('/dev/graph/faults', { schema: { hide: true } }, async (request) => {
    faults.set(request.body && typeof request.body === 'object' ? request.body : null);
    return { plan: faults.current() };
  });
  app.get('/dev/graph/faults', { schema: { hide: true } }, async () => ({ plan: faults.current(), injected: faults.injected, counters: store.counters }));
  app.post<{ Body: { advanceMs: number } }>(
    '/dev/graph/clock',
    { schema: { hide: true, body: { type: 'object', required: ['advanceMs'], additionalProperties: false, properties: { advanceMs: { type: 'integer', minimum: 0, maximum: 366 * 24 * 3600_000 } } } } },
    async (request) => {
      clockOffsetMs += request.body.advanceMs;
      return { now: new Date(clock()).toISOString() };
    },
  );
  app.get('/dev/mailbox/messages', { schema: { hide: true } }, async () => store.sent().map(recordedJson));
  app.delete('/dev/mailbox/messages', { schema: { hide: true } }, async (_request, reply) => {
    store.clear();
    faults.set(null);
    return reply.code(204).send();
  });

  return { store, faults };
}

/** Cuts the connection without an answer, as a network failure would. */
function drop(request: FastifyRequest, reply: FastifyReply) {
  reply.hijack();
  request.raw.socket.destroy();
  return reply;
}

function canonical(address: string): string | null {
  const result = normalizeEmail(address);
  return result.ok ? result.canonical : null;
}

function messageJson(message: StoredMessage) {
  return {
    id: message.id,
    isDraft: message.folder === 'drafts',
    subject: message.subject,
    createdDateTime: new Date(message.createdAt).toISOString(),
    sentDateTime: message.sentAt === null ? null : new Date(message.sentAt).toISOString(),
    toRecipients: message.to.map((address) => ({ emailAddress: { address } })),
  };
}

function recordedJson(message: StoredMessage) {
  return {
    id: message.id,
    mailbox: message.mailbox,
    sentBy: message.sentBy,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    contentType: message.contentType,
    html: message.html,
    attachments: message.attachments,
    marker: message.marker,
    sentAt: new Date(message.sentAt ?? message.createdAt).toISOString(),
  };
}

const MARKER_FILTER = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/;

function parseMarkerFilter(filter: string | undefined): string | null {
  if (filter === undefined) return null;
  const match = MARKER_FILTER.exec(filter.trim());
  if (!match || match[1] !== ROW_MARKER_PROPERTY_ID) throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
  return (match[2] ?? '').replace(/''/g, "'");
}

function recipients(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GraphError(400, 'ErrorInvalidRequest', `${field} must be an array of recipients.`);
  return value.map((entry: GraphRecipient) => {
    const address = entry?.emailAddress?.address;
    if (typeof address !== 'string' || !normalizeEmail(address).ok) throw new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid., Recipient '${String(address)}' is not resolved.`);
    return address;
  });
}

function parseMessage(message: MessageBody, requireRecipients: boolean): MessageContent {
  const to = recipients(message.toRecipients, 'toRecipients');
  const cc = recipients(message.ccRecipients, 'ccRecipients');
  const bcc = recipients(message.bccRecipients, 'bccRecipients');
  const count = to.length + cc.length + bcc.length;
  if (requireRecipients && count === 0) throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is required, but none were found.');
  if (count > MAX_RECIPIENTS_PER_MESSAGE) throw new GraphError(400, 'ErrorTooManyRecipients', 'The message exceeds the maximum number of recipients (500).');
  const subject = message.subject ?? '';
  if (typeof subject !== 'string' || /[\r\n]/.test(subject)) throw new GraphError(400, 'ErrorInvalidRequest', 'The subject must be a single line of text.');
  const contentType = typeof message.body?.contentType === 'string' ? message.body.contentType.toLowerCase() : 'text';
  if (contentType !== 'html' && contentType !== 'text') throw new GraphError(400, 'ErrorInvalidRequest', `Invalid body contentType '${String(message.body?.contentType)}'.`);
  const content = message.body?.content ?? '';
  if (typeof content !== 'string') throw new GraphError(400, 'ErrorInvalidRequest', 'The body content must be a string.');
  const attachments = message.attachments ?? [];
  if (!Array.isArray(attachments)) throw new GraphError(400, 'ErrorInvalidRequest', 'attachments must be an array.');
  const properties = message.singleValueExtendedProperties ?? [];
  if (!Array.isArray(properties)) throw new GraphError(400, 'ErrorInvalidRequest', 'singleValueExtendedProperties must be an array.');
  const marker = (properties as Array<{ id?: unknown; value?: unknown }>).find((p) => p?.id === ROW_MARKER_PROPERTY_ID)?.value;
  return {
    to,
    cc,
    bcc,
    subject,
    contentType,
    html: content,
    marker: typeof marker === 'string' ? marker : null,
    attachments: parseAttachments(attachments),
  };
}

function parseAttachments(attachments: unknown[]): MessageContent['attachments'] {
  return attachments.map((a) => {
    const file = a as { name?: unknown; contentType?: unknown; contentBytes?: unknown; isInline?: unknown; contentId?: unknown } | null;
    if (typeof file?.name !== 'string' || typeof file.contentBytes !== 'string') throw new GraphError(400, 'ErrorInvalidRequest', 'A fileAttachment needs a name and contentBytes.');
    // fileAttachment resource: isInline Boolean, contentId String (what the body's cid: references name).
    if (file.isInline !== undefined && typeof file.isInline !== 'boolean') throw new GraphError(400, 'ErrorInvalidRequest', 'isInline must be a Boolean.');
    if (file.contentId !== undefined && file.contentId !== null && typeof file.contentId !== 'string') throw new GraphError(400, 'ErrorInvalidRequest', 'contentId must be a String.');
    return {
      name: file.name,
      contentType: typeof file.contentType === 'string' ? file.contentType : 'application/octet-stream',
      size: Buffer.from(file.contentBytes, 'base64').length,
      // Recorded for the mailbox page only when inline: what a body's cid: reference can resolve to.
      ...(file.isInline === true ? { isInline: true, contentId: typeof file.contentId === 'string' ? file.contentId : null } : {}),
    };
  });
}
