/**
 * A local stand-in for Stripe's API (development and tests only), a specification of the calls
 * Outmerge's Stripe provider makes, traced row by row in docs/stripe-behaviour.md. It is a
 * separate HTTP server on its own port, as Stripe is a separate service: the production SDK is
 * pointed at it with its `host`, `port` and `protocol` options and speaks to it exactly as to
 * api.stripe.com (form-encoded bodies, `/v1/…` paths, Bearer secret key, Idempotency-Key).
 *
 * What it enforces, as Stripe does: the secret key (401); Stripe's error object and statuses;
 * idempotent requests (the first answer of a key is replayed for 24 hours with
 * `Idempotent-Replayed: true`, another request under the same key is a 400 `idempotency_error`, a
 * key still in flight a 409; a request refused by validation is not saved); the sandbox rate
 * limit (25 reads and 25 writes a second, then 429 `rate_limit` with `Stripe-Should-Retry`);
 * search that lags writes; signed webhooks (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 of
 * `t.payload` with the endpoint's secret) redelivered while the endpoint does not answer 2xx.
 *
 * Controls for tests, outside `/v1`: `POST /_standin/payment_intents/:id/authenticate`
 * `{"outcome": "complete"|"fail"}` plays the buyer on the bank's 3-D Secure page (what Stripe.js
 * shows in the browser); `POST /_standin/faults` `{"rateLimited": n}` answers the next n API
 * requests with 429.
 */
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertDevelopment } from '../assertDevelopment.js';
import { invalidRequest, StripeApiError } from './stripeErrors.js';
import { parseStripeForm } from './stripeForm.js';
import { StripeObjects, stripeId, type StripeEventType } from './stripeObjects.js';

export interface StripeStandInOptions {
  /** The secret key the stand-in accepts (sk_test_…). */
  secretKey: string;
  /** How long a new object stays out of search results (Stripe: "searchable in less than a minute"). */
  searchLagMs?: number;
  /** Requests per second per kind (read, write) before 429 (Stripe's sandbox: 25). */
  ratePerSecond?: number;
  /** Delays before each redelivery of a webhook the endpoint refused (Stripe retries for up to three days). */
  webhookRetryDelaysMs?: readonly number[];
  clock?: () => number;
}

export interface WebhookDelivery {
  eventId: string;
  type: StripeEventType;
  /** The id of the object the event is about (pi_…, seti_…, re_…). */
  objectId: string;
  status: number | null;
  attempt: number;
}

export interface StripeStandIn {
  /** `http://127.0.0.1:<port>`, and the parts the SDK takes. */
  origin: string;
  host: string;
  port: number;
  protocol: 'http';
  objects: StripeObjects;
  /** Where events go and the endpoint's signing secret (Stripe: a webhook endpoint's `secret`, whsec_…). */
  setWebhookEndpoint(url: string, secret: string): void;
  deliveries(): readonly WebhookDelivery[];
  /** Resolves when no webhook is waiting to be delivered or redelivered. */
  webhooksSettled(): Promise<void>;
  /** Resolves when an event of this type about this object was delivered and answered 2xx. */
  webhookAccepted(type: StripeEventType, objectId: string): Promise<WebhookDelivery>;
  close(): Promise<void>;
}

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;
const API_VERSION = '2026-10-28.endive';

interface SavedAnswer {
  method: string;
  path: string;
  fingerprint: string;
  at: number;
  answer: { status: number; body: unknown } | null;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  assertDevelopment('The Stripe stand-in');
  const clock = options.clock ?? Date.now;
  const ratePerSecond = options.ratePerSecond ?? 25;
  const retryDelays = options.webhookRetryDelaysMs ?? [1000, 5000, 30_000];
  let endpoint: { url: string; secret: string } | null = null;
  const deliveries: WebhookDelivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  let idle: Array<() => void> = [];
  let closed = false;
  let acceptedWaiters: Array<{
    type: StripeEventType;
    objectId: string;
    resolve: (delivery: WebhookDelivery) => void;
  }> = [];
  const accepted = (record: WebhookDelivery) => {
    const [done, waiting] = [
      acceptedWaiters.filter((w) => w.type === record.type && w.objectId === record.objectId),
      acceptedWaiters.filter((w) => w.type !== record.type || w.objectId !== record.objectId),
    ];
    acceptedWaiters = waiting;
    for (const waiter of done) waiter.resolve(record);
  };
  const faults = { rateLimited: 0 };
  const windows = { read: { second: 0, count: 0 }, write: { second: 0, count: 0 } };
  const idempotency = new Map<string, SavedAnswer>();

  const settle = () => {
    if (pending === 0) for (const resolve of idle.splice(0)) resolve();
  };

  // Events: sent after the answer that caused them, signed with the endpoint's secret.
  const deliver = (
    event: { id: string; type: StripeEventType; data: { object: unknown } },
    payload: string,
    attempt: number,
  ) => {
    if (closed) return;
    if (!endpoint) {
      pending--;
      settle();
      return;
    }
    const target = endpoint;
    const t = Math.floor(clock() / 1000);
    const signature = createHmac('sha256', target.secret).update(`${t}.${payload}`, 'utf8').digest('hex');
    const record: WebhookDelivery = {
      eventId: event.id,
      type: event.type,
      objectId: (event.data.object as { id: string }).id,
      status: null,
      attempt,
    };
    deliveries.push(record);
    fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'stripe-signature': `t=${t},v1=${signature}`,
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      },
      body: payload,
    })
      .then(
        async (response) => {
          record.status = response.status;
          await response.arrayBuffer();
          if (response.ok) accepted(record);
          return response.ok;
        },
        () => false,
      )
      .then((ok) => {
        if (closed) return;
        const delay = retryDelays[attempt - 1];
        if (ok || delay === undefined) {
          pending--;
          settle();
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          deliver(event, payload, attempt + 1);
        }, delay);
        timers.add(timer);
      });
  };
  const emit = (type: StripeEventType, object: unknown) => {
    if (!endpoint) return;
    const event = {
      id: stripeId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: Math.floor(clock() / 1000),
      type,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
    };
    pending++;
    // After the answer of the request that caused it, as Stripe delivers events asynchronously.
    setImmediate(() => deliver(event, JSON.stringify(event), 1));
  };
  const objects = new StripeObjects(clock, emit);

  /** The API itself: returns status and body, or throws StripeApiError. */
  const route = (
    method: string,
    path: string,
    query: URLSearchParams,
    params: Record<string, unknown>,
  ): { status: number; body: unknown } => {
    const p = params as Parameters<StripeObjects['createCustomer']>[0];
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/customers') return { status: 200, body: objects.createCustomer(p) };
    if (method === 'GET' && (match = /^\/v1\/customers\/([^/]+)$/.exec(path)))
      return { status: 200, body: objects.customer(match[1]!) };
    if (method === 'GET' && (match = /^\/v1\/payment_methods\/([^/]+)$/.exec(path)))
      return { status: 200, body: objects.retrievePaymentMethod(match[1]!) };
    if (method === 'POST' && path === '/v1/setup_intents') return { status: 200, body: objects.createSetupIntent(p) };
    if (method === 'POST' && path === '/v1/payment_intents')
      return { status: 200, body: objects.view(objects.createPaymentIntent(p)) };
    if (method === 'GET' && path === '/v1/payment_intents/search') {
      const q = query.get('query');
      if (!q) throw invalidRequest('Missing required param: query.', 'query');
      const found = objects.search(q, clock() - (options.searchLagMs ?? 0));
      return {
        status: 200,
        body: {
          object: 'search_result',
          url: '/v1/payment_intents/search',
          has_more: false,
          next_page: null,
          data: found.slice(0, 10).map((intent) => objects.view(intent)),
        },
      };
    }
    if (method === 'GET' && (match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)))
      return { status: 200, body: objects.view(objects.paymentIntent(match[1]!)) };
    if (method === 'POST' && path === '/v1/refunds') return { status: 200, body: objects.createRefund(p) };
    throw invalidRequest(
      `Unrecognized request URL (${method}: ${path}). The Stripe stand-in serves only the calls Outmerge makes.`,
      undefined,
      undefined,
      404,
    );
  };

  const api = (
    req: http.IncomingMessage,
    raw: string,
    url: URL,
  ): { status: number; body: unknown; headers?: Record<string, string> } => {
    const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (key !== options.secretKey) {
      return {
        status: 401,
        body: {
          error: {
            type: 'invalid_request_error',
            message: key
              ? `Invalid API Key provided: ${key.slice(0, 8)}${'*'.repeat(8)}`
              : "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
          },
        },
      };
    }
    const method = req.method ?? 'GET';
    // Rate limits ("Rate limits"): per second, reads and writes counted apart; a 429 may be retried.
    const kind = method === 'GET' ? 'read' : 'write';
    const second = Math.floor(clock() / 1000);
    const window = windows[kind];
    if (window.second !== second) Object.assign(window, { second, count: 0 });
    window.count++;
    if (faults.rateLimited > 0 || window.count > ratePerSecond) {
      if (faults.rateLimited > 0) faults.rateLimited--;
      return {
        status: 429,
        headers: { 'stripe-should-retry': 'true' },
        body: {
          error: {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message:
              'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
            doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
          },
        },
      };
    }
    let params: Record<string, unknown> = {};
    if (method === 'POST') {
      if (raw !== '' && !/^application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? ''))
        return errorAnswer(invalidRequest('Stripe takes request bodies as application/x-www-form-urlencoded.'));
      const parsed = parseStripeForm(raw);
      if (!parsed) return errorAnswer(invalidRequest('Invalid request body: a parameter is given twice or malformed.'));
      params = parsed;
    }
    const idempotencyKey = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    if (typeof idempotencyKey !== 'string') return run(method, url, params);
    if (idempotencyKey.length > 255)
      return errorAnswer(invalidRequest('Idempotency keys must be at most 255 characters long.'));
    const now = clock();
    const fingerprint = createHash('sha256').update(canonical(params)).digest('hex');
    const saved = idempotency.get(idempotencyKey);
    if (saved && saved.at > now - IDEMPOTENCY_WINDOW_MS) {
      if (saved.answer === null)
        return {
          status: 409,
          body: {
            error: {
              type: 'idempotency_error',
              message:
                'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ' +
                idempotencyKey +
                '. Please try again later.',
            },
          },
        };
      if (saved.method !== method || saved.path !== url.pathname || saved.fingerprint !== fingerprint) {
        return {
          status: 400,
          body: {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          },
        };
      }
      return { ...saved.answer, headers: { 'idempotent-replayed': 'true', 'original-request': 'req_replayed' } };
    }
    const entry: SavedAnswer = { method, path: url.pathname, fingerprint, at: now, answer: null };
    idempotency.set(idempotencyKey, entry);
    const answer = run(method, url, params);
    // "We save results only after the execution of an endpoint begins": a request refused by validation is not saved.
    if (answer.status === 400 || answer.status === 404 || answer.status === 401) idempotency.delete(idempotencyKey);
    else entry.answer = { status: answer.status, body: answer.body };
    return answer;
  };

  const run = (method: string, url: URL, params: Record<string, unknown>) => {
    try {
      return route(method, url.pathname, url.searchParams, params);
    } catch (error) {
      if (error instanceof StripeApiError) return errorAnswer(error);
      throw error;
    }
  };

  const control = (method: string, path: string, body: unknown): { status: number; body: unknown } => {
    let match: RegExpExecArray | null;
    const input = (body ?? {}) as { outcome?: unknown; rateLimited?: unknown };
    if (method === 'POST' && (match = /^\/_standin\/payment_intents\/([^/]+)\/authenticate$/.exec(path))) {
      if (input.outcome !== 'complete' && input.outcome !== 'fail')
        return { status: 400, body: { error: 'outcome must be "complete" or "fail"' } };
      try {
        return { status: 200, body: objects.view(objects.authenticate(match[1]!, input.outcome)) };
      } catch (error) {
        if (error instanceof StripeApiError) return errorAnswer(error);
        throw error;
      }
    }
    if (method === 'POST' && path === '/_standin/faults') {
      faults.rateLimited = typeof input.rateLimited === 'number' ? input.rateLimited : 0;
      return { status: 200, body: faults };
    }
    return { status: 404, body: { error: 'not found' } };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stripe.standin');
      const raw = Buffer.concat(chunks).toString('utf8');
      let answer: { status: number; body: unknown; headers?: Record<string, string> };
      if (size > 1024 * 1024)
        answer = errorAnswer(invalidRequest('Request body too large.', undefined, undefined, 413));
      else if (url.pathname.startsWith('/_standin/')) {
        let body: unknown;
        try {
          body = raw ? JSON.parse(raw) : null;
        } catch {
          body = null;
        }
        answer = control(req.method ?? 'GET', url.pathname, body);
      } else answer = api(req, raw, url);
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'request-id': stripeId('req'),
        'stripe-version': API_VERSION,
        ...answer.headers,
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    objects,
    setWebhookEndpoint(url, secret) {
      endpoint = { url, secret };
    },
    deliveries: () => deliveries,
    webhooksSettled: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
    webhookAccepted(type, objectId) {
      const done = deliveries.find(
        (d) => d.type === type && d.objectId === objectId && d.status !== null && d.status >= 200 && d.status < 300,
      );
      return done ? Promise.resolve(done) : new Promise((resolve) => acceptedWaiters.push({ type, objectId, resolve }));
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      pending = 0;
      settle();
      idle = [];
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function errorAnswer(error: StripeApiError): { status: number; body: unknown; headers?: Record<string, string> } {
  return { status: error.status, body: { error: error.body }, headers: error.headers };
}
