/**
 * Development stand-in for the part of Microsoft Graph the pane uses, speaking the same HTTP so
 * that the production Graph client runs unchanged against it. It is a specification of the real
 * service: every behaviour is traced to Microsoft's page in docs/microsoft-behaviour.md.
 *
 *   POST {me|users/{id}}/sendMail                    202, or 400/401/403/429 like Graph
 *   POST {me|users/{id}}/messages                    201 draft (with the row marker property, optional `from`)
 *   POST {me|users/{id}}/messages/{id}/send          202; transport moves it to Sent Items later
 *   GET  {me|users/{id}}/mailFolders/{drafts|sentitems|inbox}/messages?$filter&$select&$orderby&$top&$skip&$expand
 *   DELETE {me|users/{id}}/messages/{id}
 *   POST {me|users/{id}}/messages/{id}/attachments   201; one fileAttachment added to a draft
 *   POST {me|users/{id}}/messages/{id}/attachments/createUploadSession   201 {uploadUrl} on the upload origin
 *   GET  {me|users/{id}}/contacts[?$filter=categories/any(c:c eq 'X')&$top=n&$skip=n]   paged with @odata.nextLink
 *   groups, their members and delta queries, users (app-only tokens): ./directoryRoutes.ts
 *   GET  {me|users/{id}}/mailFolders[?includeHiddenFolders=true]   POST …/mailFolders {displayName, isHidden}
 *   GET|POST {me|users/{id}}/mailFolders/{created folder id}/messages
 *
 * with per-operation delegated scopes, mailbox rights (Full Access, Send As, Send on Behalf), the
 * Outlook service limits (4 concurrent requests per mailbox, 10,000 requests per 10 minutes and
 * 150 MB of uploads per 5 minutes per app and mailbox), a message rate, delayed transport with
 * the 24-hour recipient limit enforced by non-delivery reports, Graph's error shape and
 * correlation headers, a response latency, and seeded fault injection for tests
 * (`PUT /dev/graph/faults`). Development only: it refuses to run with NODE_ENV=production.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import {
  CAMPAIGN_MARKER_PROPERTY_ID,
  DEFERRED_SEND_TIME_PROPERTY_ID,
  ROW_MARKER_PROPERTY_ID,
} from '#shared/api/graphMarker.js';
import { canonicalEmail, normalizeEmail } from '#shared/email/normalizeEmail.js';
import type { MailboxRight } from '../../config.js';
import { assertDevelopment } from '../assertDevelopment.js';
import { contactsFor } from './contacts.js';
import { registerDirectoryRoutes } from './directoryRoutes.js';
import type { DirectoryStore } from './directoryStore.js';
import { FaultInjector, type FaultKind, type FaultPlan } from './faults.js';
import { correlate, GraphError, sendGraphError } from './graphErrors.js';
import { graphTokenReader, type GraphCaller } from './graphToken.js';
import {
  MailboxStore,
  type Delivery,
  type Folder,
  type MailFolder,
  type MessageContent,
  type SendDelay,
} from './mailboxStore.js';
import { applyMessageQuery, messageJson, parseMessageQuery } from './messageQuery.js';
import { requireScope, type Operation } from './scopes.js';
import { ServiceLimits } from './serviceLimits.js';
import type { UploadAnswer, UploadOrigin, UploadRequest } from './uploadOrigin.js';
import { UploadSessions } from './uploadSessions.js';

export interface GraphStandInOptions {
  identityJwks: { keys: JWK[] };
  issuerTemplate: string;
  /** The stand-in's second origin, where upload sessions point (Exchange's origin in reality). */
  uploadOrigin: UploadOrigin;
  /** Messages accepted per window (a minute, unless rateWindowSeconds scales it down for benchmarks). */
  ratePerMinute: number;
  /** Length of the rate window in seconds; 2 with a rate of 30 means "30 per 2 s". */
  rateWindowSeconds?: number;
  dailyRecipients?: number;
  latencyMs?: number;
  /** Shared mailbox address → user address → rights. */
  sharedMailboxes?: Record<string, Record<string, MailboxRight[]>>;
  sendDelayMs?: SendDelay;
  requestsPer10Minutes?: number;
  uploadBytesPer5Minutes?: number;
  restrictAfterOverLimitMessages?: number;
  /** The identity service's resource units per app and tenant in 10 seconds (Microsoft: 3,500 for a tenant under 50 users). */
  directoryUnitsPer10Seconds?: number;
  /** Addresses the directory does not know: transport returns a 5.1.1 non-delivery report for them. */
  unknownRecipients?: readonly string[];
  clock?: () => number;
}

export interface GraphStandIn {
  store: MailboxStore;
  faults: FaultInjector;
  /** Tenants' users and groups (./directoryStore.ts). */
  directory: DirectoryStore;
}

const MAX_RECIPIENTS_PER_MESSAGE = 500;
const RIGHT_NAMES: readonly MailboxRight[] = ['FullAccess', 'SendAs', 'SendOnBehalf'];

interface GraphRecipient {
  emailAddress?: { address?: unknown };
}

interface MessageBody {
  subject?: unknown;
  body?: { contentType?: unknown; content?: unknown };
  toRecipients?: unknown;
  ccRecipients?: unknown;
  bccRecipients?: unknown;
  from?: unknown;
  attachments?: unknown;
  singleValueExtendedProperties?: unknown;
  internetMessageHeaders?: unknown;
}

type Params = { id?: string; messageId?: string; folder?: string };
type FaultOperation = 'create' | 'send' | 'sendMail' | 'list' | 'upload';

/** Graph refuses a JSON request body over 4 MB: bigger files go through upload sessions. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export function registerGraphStandIn(app: FastifyInstance, options: GraphStandInOptions): GraphStandIn {
  assertDevelopment('The Graph stand-in');
  // Tests move the stand-in's time forward (a day, for the 24-hour limit) instead of waiting.
  const baseClock = options.clock ?? Date.now;
  let clockOffsetMs = 0;
  const clock = () => baseClock() + clockOffsetMs;
  const readToken = graphTokenReader(options.identityJwks, options.issuerTemplate);
  const rights = new Map<string, Map<string, Set<MailboxRight>>>();
  for (const [shared, users] of Object.entries(options.sharedMailboxes ?? {})) {
    const mailbox = canonicalEmail(shared);
    if (!mailbox) continue;
    rights.set(
      mailbox,
      new Map(
        Object.entries(users).flatMap(([user, granted]) =>
          canonicalEmail(user) ? [[canonicalEmail(user) as string, new Set(granted)]] : [],
        ),
      ),
    );
  }
  const windowSeconds = options.rateWindowSeconds ?? 60;
  const store = new MailboxStore(
    {
      messagesPerWindow: options.ratePerMinute,
      windowMs: windowSeconds * 1000,
      dailyRecipients: options.dailyRecipients ?? 10_000,
      concurrency: 4,
      restrictAfterOverLimitMessages: options.restrictAfterOverLimitMessages ?? 3,
    },
    rights,
    clock,
    options.sendDelayMs ?? { min: 0, max: 0, seed: 1 },
    (options.unknownRecipients ?? []).flatMap((a) => canonicalEmail(a) ?? []),
  );
  const limits = new ServiceLimits(
    {
      requestsPer10Minutes: options.requestsPer10Minutes ?? 10_000,
      uploadBytesPer5Minutes: options.uploadBytesPer5Minutes ?? 150 * 1024 * 1024,
    },
    clock,
  );
  const faults = new FaultInjector();
  const latency = options.latencyMs ?? 0;
  const uploads = new UploadSessions(store, clock);

  interface Context {
    caller: GraphCaller;
    /** The mailbox the request acts on. */
    mailbox: string;
    /** Whether it is another user's mailbox (/users/{other}: `.Shared` scopes, Full Access). */
    other: boolean;
  }

  /**
   * Authenticates, picks the mailbox (Full Access for another one), checks the operation's
   * scope, applies the Outlook service limits, holds a concurrency slot, applies faults, and
   * answers like Graph.
   */
  const handle = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    fault: FaultOperation | null,
    operation: Operation | ((context: Context) => Operation),
    work: (context: Context) => { status: number; body?: unknown },
  ) => {
    const ids = correlate(request, reply);
    let release = () => {};
    try {
      const caller = await readToken(request.headers.authorization);
      const requested = request.params.id === undefined ? null : canonicalEmail(decodeURIComponent(request.params.id));
      if (request.params.id !== undefined && requested === null)
        throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${request.params.id}' is invalid.`);
      const mailbox = store.mailboxFor(caller.mailbox, requested);
      const context: Context = { caller, mailbox, other: mailbox !== caller.mailbox };
      requireScope(caller.scopes, typeof operation === 'function' ? operation(context) : operation, context.other);
      limits.admit(
        caller.app,
        mailbox,
        request.method === 'GET' || request.method === 'DELETE' ? 0 : Number(request.headers['content-length'] ?? 0),
      );
      release = store.acquire(mailbox);
      const injected = fault === null ? null : faults.next(fault);
      if (injected === 'drop-before') return drop(request, reply);
      failBefore(injected);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      const result = work(context);
      if (injected === 'drop-after') return drop(request, reply);
      if (injected === '504')
        throw new GraphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.');
      return result.body === undefined ? reply.code(result.status).send() : reply.code(result.status).send(result.body);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      return sendGraphError(reply, error, ids, clock());
    } finally {
      release();
    }
  };

  const failBefore = (injected: FaultKind | null) => {
    if (injected === '503') throw new GraphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
    if (injected === '429')
      throw new GraphError(
        429,
        'ApplicationThrottled',
        'Application is over its MailboxConcurrency limit.',
        faults.current()?.retryAfterSeconds ?? 1,
      );
  };

  const routeOptions = { schema: { hide: true }, bodyLimit: MAX_REQUEST_BYTES };
  for (const prefix of ['/dev/graph/v1.0/me', '/dev/graph/v1.0/users/:id']) {
    app.post<{ Params: Params; Body: { message?: MessageBody; saveToSentItems?: unknown } }>(
      `${prefix}/sendMail`,
      routeOptions,
      (request, reply) =>
        handle(
          request,
          reply,
          'sendMail',
          (context) => (sendsAsOther(request.body?.message, context) ? 'sendShared' : 'send'),
          ({ caller, mailbox }) => {
            if (!request.body?.message || typeof request.body.message !== 'object')
              throw new GraphError(400, 'ErrorInvalidRequest', 'Empty Payload. JSON content expected.');
            store.sendMail(
              mailbox,
              caller.mailbox,
              parseMessage(request.body.message, true),
              request.body.saveToSentItems !== false,
            );
            return { status: 202 };
          },
        ),
    );
    app.post<{ Params: Params; Body: MessageBody }>(`${prefix}/messages`, routeOptions, (request, reply) =>
      handle(request, reply, 'create', 'writeMail', ({ mailbox }) => ({
        status: 201,
        body: messageJson(store.createDraft(mailbox, parseMessage(request.body ?? {}, false)), null),
      })),
    );
    app.post<{ Params: Params }>(`${prefix}/messages/:messageId/send`, routeOptions, (request, reply) =>
      handle(
        request,
        reply,
        'send',
        (context) =>
          sendsAsOther(store.draft(context.mailbox, request.params.messageId ?? ''), context) ? 'sendShared' : 'send',
        ({ caller, mailbox }) => {
          store.sendDraft(mailbox, request.params.messageId ?? '', caller.mailbox);
          return { status: 202 };
        },
      ),
    );
    app.post<{ Params: Params; Body: unknown }>(
      `${prefix}/messages/:messageId/attachments`,
      routeOptions,
      (request, reply) =>
        handle(request, reply, 'upload', 'writeMail', ({ mailbox }) => {
          const [attachment] = parseAttachments([request.body]);
          store.attach(mailbox, request.params.messageId ?? '', attachment!);
          return {
            status: 201,
            body: { '@odata.type': '#microsoft.graph.fileAttachment', id: randomUUID(), ...attachment },
          };
        }),
    );
    app.post<{ Params: Params; Body: unknown }>(
      `${prefix}/messages/:messageId/attachments/createUploadSession`,
      routeOptions,
      (request, reply) =>
        handle(request, reply, 'upload', 'writeMail', ({ caller, mailbox, other }) => {
          // Graph's known issue: with delegated permissions an upload session works only on an item in the signed-in user's own mailbox.
          if (other)
            throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
          const session = uploads.create(caller.app, mailbox, request.params.messageId ?? '', request.body);
          const path = `/api/v2.0/Users('${encodeURIComponent(mailbox)}')/Messages('${session.messageId}')/AttachmentSessions('${session.id}')`;
          return {
            status: 201,
            body: {
              '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession',
              uploadUrl: `${options.uploadOrigin.origin}${path}?authtoken=${session.token}`,
              expirationDateTime: new Date(session.expiresAt).toISOString(),
              nextExpectedRanges: ['0-'],
            },
          };
        }),
    );
    app.delete<{ Params: Params }>(`${prefix}/messages/:messageId`, routeOptions, (request, reply) =>
      handle(request, reply, null, 'writeMail', ({ mailbox }) => {
        store.delete(mailbox, request.params.messageId ?? '');
        return { status: 204 };
      }),
    );
    app.get<{ Params: Params; Querystring: Record<string, unknown> }>(
      `${prefix}/mailFolders/:folder/messages`,
      routeOptions,
      (request, reply) => {
        let query: ReturnType<typeof parseMessageQuery> | null = null;
        return handle(
          request,
          reply,
          'list',
          () => {
            query = parseMessageQuery(request.query);
            return query.readsBeyondBasic ? 'readMail' : 'readBasicMail';
          },
          ({ mailbox }) => {
            const folder: Folder = store.folderOf(mailbox, request.params.folder ?? '');
            const parsed = query ?? parseMessageQuery(request.query);
            const { page, more } = applyMessageQuery(store.list(mailbox, folder), parsed);
            const next = more ? new URL(request.url, 'http://stand-in') : null;
            next?.searchParams.set('$skip', String(parsed.skip + parsed.top));
            return {
              status: 200,
              body: {
                value: page.map((m) => messageJson(m, parsed.select, parsed.expand)),
                ...(next
                  ? { '@odata.nextLink': `${request.protocol}://${request.host}${next.pathname}${next.search}` }
                  : {}),
              },
            };
          },
        );
      },
    );
    // Hidden folders: an app's own data in the mailbox, out of the user's sight (user-post-mailfolders, user-list-mailfolders).
    app.post<{ Params: Params; Body: { displayName?: unknown; isHidden?: unknown } }>(
      `${prefix}/mailFolders`,
      routeOptions,
      (request, reply) =>
        handle(request, reply, null, 'writeMail', ({ mailbox }) => {
          const { displayName, isHidden } = request.body ?? {};
          if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 255)
            throw new GraphError(400, 'ErrorInvalidRequest', 'The displayName must be a non-empty string.');
          if (isHidden !== undefined && typeof isHidden !== 'boolean')
            throw new GraphError(400, 'ErrorInvalidRequest', 'isHidden must be a Boolean.');
          const unknown = Object.keys(request.body ?? {}).find((k) => k !== 'displayName' && k !== 'isHidden');
          if (unknown)
            throw new GraphError(
              400,
              'ErrorInvalidRequest',
              `displayName and isHidden are the only writable properties of a mailFolder ('${unknown}').`,
            );
          return { status: 201, body: folderJson(store.createFolder(mailbox, displayName, isHidden === true)) };
        }),
    );
    app.get<{ Params: Params; Querystring: Record<string, unknown> }>(
      `${prefix}/mailFolders`,
      routeOptions,
      (request, reply) =>
        handle(request, reply, 'list', 'readBasicMail', ({ mailbox }) => {
          const include = request.query.includeHiddenFolders;
          if (include !== undefined && include !== 'true' && include !== 'false')
            throw new GraphError(400, 'BadRequest', 'includeHiddenFolders must be true or false.');
          return { status: 200, body: { value: store.listFolders(mailbox, include === 'true').map(folderJson) } };
        }),
    );
    app.post<{ Params: Params; Body: MessageBody }>(
      `${prefix}/mailFolders/:folder/messages`,
      routeOptions,
      (request, reply) =>
        handle(request, reply, 'create', 'writeMail', ({ mailbox }) => {
          const folder = store.folderOf(mailbox, request.params.folder ?? '');
          return {
            status: 201,
            body: messageJson(store.createDraft(mailbox, parseMessage(request.body ?? {}, false), folder), null),
          };
        }),
    );
    app.get<{ Params: Params; Querystring: { $filter?: string; $top?: string; $skip?: string; $select?: string } }>(
      `${prefix}/contacts`,
      routeOptions,
      (request, reply) =>
        handle(request, reply, 'list', 'readContacts', ({ mailbox }) => {
          const filter = request.query.$filter;
          let category: string | null = null;
          if (filter !== undefined) {
            const match = /^categories\/any\(c:\s*c eq '((?:[^']|'')*)'\)$/.exec(filter.trim());
            if (!match)
              throw new GraphError(
                400,
                'ErrorInvalidUrlQueryFilter',
                'The query filter contains one or more invalid nodes.',
              );
            category = (match[1] ?? '').replace(/''/g, "'");
          }
          const top = Math.min(Math.max(Number(request.query.$top ?? 10) || 10, 1), 1000);
          const skip = Math.max(Number(request.query.$skip ?? 0) || 0, 0);
          const all = contactsFor(mailbox).filter(
            (c) => category === null || c.categories.some((k) => k.toLowerCase() === category.toLowerCase()),
          );
          const page = all.slice(skip, skip + top);
          const next = skip + top < all.length ? new URL(request.url, 'http://stand-in') : null;
          next?.searchParams.set('$skip', String(skip + top));
          next?.searchParams.set('$top', String(top));
          return {
            status: 200,
            body: {
              value: page,
              ...(next
                ? { '@odata.nextLink': `${request.protocol}://${request.host}${next.pathname}${next.search}` }
                : {}),
            },
          };
        }),
    );
  }

  // The pre-authenticated upload URL, on the upload origin (Exchange's in reality).
  options.uploadOrigin.serve(async (request: UploadRequest): Promise<UploadAnswer | null> => {
    const requestId = randomUUID();
    const fail = (error: GraphError): UploadAnswer => ({
      status: error.statusCode,
      headers: {
        'request-id': requestId,
        ...(error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) }),
      },
      body: { error: { code: error.code, message: error.message } },
    });
    try {
      const sessionId = /^\/api\/v2\.0\/Users\('[^']+'\)\/Messages\('[^']+'\)\/AttachmentSessions\('([^']+)'\)$/.exec(
        request.path,
      )?.[1];
      if (request.method !== 'PUT' || sessionId === undefined)
        throw new GraphError(404, 'ErrorInvalidUrl', 'The URL is not a valid upload session.');
      const session = uploads.find(sessionId, request.query.get('authtoken'));
      limits.admit(session.app, session.mailbox, request.body.length);
      const injected = faults.next('upload');
      if (injected === 'drop-before') {
        request.drop();
        return null;
      }
      failBefore(injected);
      const result = uploads.put(
        sessionId,
        request.query.get('authtoken'),
        request.headers.authorization,
        request.headers['content-range'],
        request.body,
      );
      if (injected === 'drop-after') {
        request.drop();
        return null;
      }
      if (injected === '504')
        throw new GraphError(504, 'GatewayTimeout', 'The gateway did not receive a timely response.');
      if (result.complete)
        return {
          status: 201,
          headers: {
            'request-id': requestId,
            Location: `${options.uploadOrigin.origin}/api/v2.0/Users('${encodeURIComponent(session.mailbox)}')/Messages('${session.messageId}')/Attachments('${session.id}')`,
          },
        };
      return {
        status: 200,
        headers: { 'request-id': requestId },
        body: {
          expirationDateTime: new Date(result.session.expiresAt).toISOString(),
          nextExpectedRanges: [`${result.session.received}-`],
        },
      };
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      return fail(error);
    }
  });

  const directory = registerDirectoryRoutes(app, {
    identityJwks: options.identityJwks,
    issuerTemplate: options.issuerTemplate,
    clock,
    latencyMs: latency,
    unitsPer10Seconds: options.directoryUnitsPer10Seconds ?? 3500,
  });
  registerControls(app, { store, faults, limits, advance: (ms) => (clockOffsetMs += ms), clock });
  return { store, faults, directory: directory.store };
}

/** Test and development controls of the stand-in (not part of Graph). */
function registerControls(
  app: FastifyInstance,
  s: {
    store: MailboxStore;
    faults: FaultInjector;
    limits: ServiceLimits;
    advance: (ms: number) => void;
    clock: () => number;
  },
) {
  const hide = { schema: { hide: true } };
  app.put<{ Body: FaultPlan | null }>('/dev/graph/faults', hide, async (request) => {
    s.faults.set(request.body && typeof request.body === 'object' ? request.body : null);
    return { plan: s.faults.current() };
  });
  app.get('/dev/graph/faults', hide, async () => ({
    plan: s.faults.current(),
    injected: s.faults.injected,
    counters: s.store.counters,
  }));
  app.post<{ Body: { advanceMs: number } }>(
    '/dev/graph/clock',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['advanceMs'],
          additionalProperties: false,
          properties: { advanceMs: { type: 'integer', minimum: 0, maximum: 366 * 24 * 3600_000 } },
        },
      },
    },
    async (request) => {
      s.advance(request.body.advanceMs);
      return { now: new Date(s.clock()).toISOString() };
    },
  );
  app.put<{ Body: SendDelay }>(
    '/dev/graph/delivery',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['min', 'max', 'seed'],
          additionalProperties: false,
          properties: {
            min: { type: 'integer', minimum: 0, maximum: 3600_000 },
            max: { type: 'integer', minimum: 0, maximum: 3600_000 },
            seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 },
          },
        },
      },
    },
    async (request, reply) => {
      if (request.body.max < request.body.min)
        return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: 'max must not be below min.' } });
      s.store.setDelay(request.body);
      return request.body;
    },
  );
  app.put<{ Body: { mailbox: string; user: string; rights: MailboxRight[] } }>(
    '/dev/graph/rights',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['mailbox', 'user', 'rights'],
          additionalProperties: false,
          properties: {
            mailbox: { type: 'string', maxLength: 254 },
            user: { type: 'string', maxLength: 254 },
            rights: { type: 'array', maxItems: 3, items: { type: 'string', enum: [...RIGHT_NAMES] } },
          },
        },
      },
    },
    async (request, reply) => {
      const mailbox = canonicalEmail(request.body.mailbox);
      const user = canonicalEmail(request.body.user);
      if (!mailbox || !user)
        return reply
          .code(400)
          .send({ error: { code: 'VALIDATION_FAILED', message: 'mailbox and user must be email addresses.' } });
      s.store.setRights(mailbox, user, request.body.rights);
      return { mailbox, user, rights: request.body.rights };
    },
  );
  app.post<{ Body: { user: string } }>(
    '/dev/graph/restrictions/release',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['user'],
          additionalProperties: false,
          properties: { user: { type: 'string', maxLength: 254 } },
        },
      },
    },
    async (request, reply) => {
      const user = canonicalEmail(request.body.user);
      if (!user)
        return reply
          .code(400)
          .send({ error: { code: 'VALIDATION_FAILED', message: 'user must be an email address.' } });
      s.store.release(user);
      return reply.code(204).send();
    },
  );
  app.put<{ Body: { address: string; exists: boolean } }>(
    '/dev/graph/directory',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['address', 'exists'],
          additionalProperties: false,
          properties: { address: { type: 'string', maxLength: 254 }, exists: { type: 'boolean' } },
        },
      },
    },
    async (request, reply) => {
      const address = canonicalEmail(request.body.address);
      if (!address)
        return reply
          .code(400)
          .send({ error: { code: 'VALIDATION_FAILED', message: 'address must be an email address.' } });
      s.store.setUnknownRecipient(address, !request.body.exists);
      return { address, exists: request.body.exists };
    },
  );
  // A message from outside arrives in a mailbox's Inbox (a recipient replies): not Graph, the world around it.
  app.post<{ Body: { mailbox: string; from: string; subject: string; html: string; inReplyTo?: string } }>(
    '/dev/graph/inbound',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['mailbox', 'from', 'subject', 'html'],
          additionalProperties: false,
          properties: {
            mailbox: { type: 'string', maxLength: 254 },
            from: { type: 'string', maxLength: 254 },
            subject: { type: 'string', maxLength: 255 },
            html: { type: 'string', maxLength: 100_000 },
            inReplyTo: { type: 'string', maxLength: 998 },
          },
        },
      },
    },
    async (request, reply) => {
      const mailbox = canonicalEmail(request.body.mailbox);
      const from = canonicalEmail(request.body.from);
      if (!mailbox || !from)
        return reply
          .code(400)
          .send({ error: { code: 'VALIDATION_FAILED', message: 'mailbox and from must be email addresses.' } });
      const item = s.store.receive(mailbox, {
        from,
        subject: request.body.subject,
        html: request.body.html,
        inReplyTo: request.body.inReplyTo ?? null,
      });
      return reply
        .code(201)
        .send({ id: item.id, conversationId: item.conversationId, internetMessageId: item.internetMessageId });
    },
  );
  /** What a mailbox's Sent Items hold (tests reply to them by their Message-ID). */
  app.get<{ Querystring: { mailbox: string } }>(
    '/dev/graph/sent',
    {
      schema: {
        hide: true,
        querystring: {
          type: 'object',
          required: ['mailbox'],
          properties: { mailbox: { type: 'string', maxLength: 254 } },
        },
      },
    },
    async (request) =>
      s.store.list(canonicalEmail(request.query.mailbox) ?? '', 'sentitems').map((m) => ({
        to: m.to,
        subject: m.subject,
        internetMessageId: m.internetMessageId,
        conversationId: m.conversationId,
        marker: m.marker,
        headers: m.headers ?? [],
      })),
  );
  app.get('/dev/mailbox/messages', hide, async () => s.store.delivered().map(recordedJson));
  app.delete('/dev/mailbox/messages', hide, async (_request, reply) => {
    s.store.clear();
    s.limits.clear();
    s.faults.set(null);
    return reply.code(204).send();
  });
}

/** Whether a message goes out with `from` set to a mailbox other than the signed-in user's. */
function sendsAsOther(
  message: { from?: unknown } | MessageContent | undefined,
  context: { caller: GraphCaller; mailbox: string },
): boolean {
  const from =
    message && typeof message.from === 'string'
      ? message.from
      : message && message.from
        ? fromAddress(message.from)
        : null;
  return (from ?? context.mailbox) !== context.caller.mailbox;
}

/** Cuts the connection without an answer, as a network failure would. */
function drop(request: FastifyRequest, reply: FastifyReply) {
  reply.hijack();
  request.raw.socket.destroy();
  return reply;
}

function recordedJson(message: Delivery) {
  return {
    id: message.id,
    mailbox: message.mailbox,
    from: message.from,
    sender: message.sender,
    sentBy: message.submittedBy,
    to: message.to,
    cc: message.cc,
    bcc: message.bcc,
    subject: message.subject,
    contentType: message.contentType,
    html: message.html,
    attachments: message.attachments,
    marker: message.marker,
    headers: message.headers ?? [],
    sentAt: new Date(message.sentAt).toISOString(),
  };
}

function folderJson(folder: MailFolder) {
  return {
    id: folder.id,
    displayName: folder.displayName,
    parentFolderId: 'msgfolderroot',
    childFolderCount: 0,
    unreadItemCount: 0,
    totalItemCount: 0,
    isHidden: folder.isHidden,
  };
}

/**
 * Custom internet headers: Graph takes them only when a message is created, only names starting
 * with `x-` or `X-` (400 InvalidInternetMessageHeader otherwise: List-Unsubscribe, In-Reply-To…),
 * and at most five (400 InvalidInternetMessageHeaderCollection). (message resource,
 * internetMessageHeaders; user-sendmail example "with custom Internet message headers".)
 */
function parseHeaders(value: unknown): Array<{ name: string; value: string }> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new GraphError(400, 'ErrorInvalidRequest', 'internetMessageHeaders must be an array.');
  if (value.length > 5)
    throw new GraphError(
      400,
      'InvalidInternetMessageHeaderCollection',
      'Maximum number of headers in one message should be less than or equal to 5.',
    );
  return value.map((entry: { name?: unknown; value?: unknown } | null) => {
    const name = entry?.name;
    if (typeof name !== 'string' || typeof entry?.value !== 'string')
      throw new GraphError(400, 'ErrorInvalidRequest', 'An internet message header needs a name and a value.');
    if (!/^x-[!-9;-~]+$/i.test(name))
      throw new GraphError(
        400,
        'InvalidInternetMessageHeader',
        `The internet message header name '${name}' should start with 'x-' or 'X-'.`,
      );
    if (/[\r\n]/.test(entry.value))
      throw new GraphError(
        400,
        'InvalidInternetMessageHeader',
        `The internet message header '${name}' has an invalid value.`,
      );
    return { name, value: entry.value };
  });
}

function recipients(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new GraphError(400, 'ErrorInvalidRequest', `${field} must be an array of recipients.`);
  return value.map((entry: GraphRecipient) => {
    const address = entry?.emailAddress?.address;
    if (typeof address !== 'string' || !normalizeEmail(address).ok)
      throw new GraphError(
        400,
        'ErrorInvalidRecipients',
        `At least one recipient is not valid., Recipient '${String(address)}' is not resolved.`,
      );
    return address;
  });
}

/** The canonical address of a message's `from` recipient, or 400 like Graph. */
function fromAddress(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const address = (value as GraphRecipient)?.emailAddress?.address;
  const parsed = typeof address === 'string' ? canonicalEmail(address) : null;
  if (parsed === null)
    throw new GraphError(400, 'ErrorInvalidRecipients', `The from address '${String(address)}' is not valid.`);
  return parsed;
}

function parseMessage(message: MessageBody, requireRecipients: boolean): MessageContent {
  const to = recipients(message.toRecipients, 'toRecipients');
  const cc = recipients(message.ccRecipients, 'ccRecipients');
  const bcc = recipients(message.bccRecipients, 'bccRecipients');
  const count = to.length + cc.length + bcc.length;
  if (requireRecipients && count === 0)
    throw new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is required, but none were found.');
  if (count > MAX_RECIPIENTS_PER_MESSAGE)
    throw new GraphError(400, 'ErrorTooManyRecipients', 'The message exceeds the maximum number of recipients (500).');
  const subject = message.subject ?? '';
  if (typeof subject !== 'string' || /[\r\n]/.test(subject))
    throw new GraphError(400, 'ErrorInvalidRequest', 'The subject must be a single line of text.');
  const contentType = typeof message.body?.contentType === 'string' ? message.body.contentType.toLowerCase() : 'text';
  if (contentType !== 'html' && contentType !== 'text')
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `Invalid body contentType '${String(message.body?.contentType)}'.`,
    );
  const content = message.body?.content ?? '';
  if (typeof content !== 'string')
    throw new GraphError(400, 'ErrorInvalidRequest', 'The body content must be a string.');
  const attachments = message.attachments ?? [];
  if (!Array.isArray(attachments)) throw new GraphError(400, 'ErrorInvalidRequest', 'attachments must be an array.');
  const properties = message.singleValueExtendedProperties ?? [];
  if (!Array.isArray(properties))
    throw new GraphError(400, 'ErrorInvalidRequest', 'singleValueExtendedProperties must be an array.');
  const values = extendedProperties(properties);
  const marker = values.get(ROW_MARKER_PROPERTY_ID);
  const deferred = values.get(DEFERRED_SEND_TIME_PROPERTY_ID);
  const headers = parseHeaders(message.internetMessageHeaders);
  return {
    campaign: values.get(CAMPAIGN_MARKER_PROPERTY_ID) ?? null,
    deferredUntil: deferred === undefined ? null : Date.parse(deferred),
    to,
    cc,
    bcc,
    subject,
    ...(headers.length > 0 ? { headers } : {}),
    contentType,
    html: content,
    marker: marker ?? null,
    attachments: parseAttachments(attachments),
    from: fromAddress(message.from),
  };
}

function parseAttachments(attachments: unknown[]): MessageContent['attachments'] {
  return attachments.map((a) => {
    const file = a as {
      name?: unknown;
      contentType?: unknown;
      contentBytes?: unknown;
      isInline?: unknown;
      contentId?: unknown;
    } | null;
    if (typeof file?.name !== 'string' || typeof file.contentBytes !== 'string')
      throw new GraphError(400, 'ErrorInvalidRequest', 'A fileAttachment needs a name and contentBytes.');
    // fileAttachment resource: isInline Boolean, contentId String (what the body's cid: references name).
    if (file.isInline !== undefined && typeof file.isInline !== 'boolean')
      throw new GraphError(400, 'ErrorInvalidRequest', 'isInline must be a Boolean.');
    if (file.contentId !== undefined && file.contentId !== null && typeof file.contentId !== 'string')
      throw new GraphError(400, 'ErrorInvalidRequest', 'contentId must be a String.');
    return {
      name: file.name,
      contentType: typeof file.contentType === 'string' ? file.contentType : 'application/octet-stream',
      size: Buffer.from(file.contentBytes, 'base64').length,
      // Recorded for the mailbox page only when inline: what a body's cid: reference can resolve to.
      ...(file.isInline === true
        ? { isInline: true, contentId: typeof file.contentId === 'string' ? file.contentId : null }
        : {}),
    };
  });
}

/**
 * A message's single-value extended properties by id, refused like Exchange refuses them: an id in
 * none of the three forms of the Outlook extended properties overview ("{type} {proptag}",
 * "{type} {guid} Name {name}", "{type} {guid} Id {id}") is 400 ErrorInvalidExtendedProperty; a
 * value that is not a string, or a SystemTime value that is not an ISO 8601 time
 * (singleValueLegacyExtendedProperty: "value: A property value"; PT_SYSTIME), is 400
 * ErrorInvalidExtendedPropertyValue.
 */
function extendedProperties(properties: unknown[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const entry of properties as Array<{ id?: unknown; value?: unknown } | null>) {
    const id = entry?.id;
    if (typeof id !== 'string' || !EXTENDED_PROPERTY_ID.test(id))
      throw new GraphError(
        400,
        'ErrorInvalidExtendedProperty',
        'The extended property attribute combination is invalid.',
      );
    const value = entry?.value;
    if (typeof value !== 'string')
      throw new GraphError(400, 'ErrorInvalidExtendedPropertyValue', 'The extended property value is invalid.');
    if (id.startsWith('SystemTime ') && !(ISO_TIME.test(value) && Number.isFinite(Date.parse(value))))
      throw new GraphError(
        400,
        'ErrorInvalidExtendedPropertyValue',
        `The value '${value}' of the extended property '${id}' is not a valid date and time.`,
      );
    values.set(id, value);
  }
  return values;
}

const MAPI_TYPES = 'Binary|Boolean|Currency|Double|Float|Integer|Long|Short|String|SystemTime|CLSID|ApplicationTime';
const EXTENDED_PROPERTY_ID = new RegExp(
  `^(?:${MAPI_TYPES}) (?:0x[0-9A-Fa-f]{1,4}|\\{[0-9A-Fa-f-]{36}\\} (?:Name \\S.*|Id 0x[0-9A-Fa-f]{1,4}))$`,
);
/** ISO 8601 with a date, a time and a zone (Z or an offset): what Graph's DateTimeOffset values take. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})$/;
