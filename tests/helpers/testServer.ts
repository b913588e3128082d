/**
 * Starts the real application on a free loopback port with its own data folder (a real SQLite
 * file, or with OUTMERGE_TEST_DATABASE=postgres a database of its own on the run's embedded
 * PostgreSQL: ./postgresGlobalSetup.ts), as `npm start` would, minus the pages. Tests use `inject` for API calls and the
 * listening socket where a real HTTP round trip matters (the JWKS the validator fetches, the
 * production Graph client against the stand-in).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { DATABASE_FILE, type Services } from '../../server/src/services.js';
import type { StripeStandIn } from '../../server/src/dev/stripe/stripeStandIn.js';
import { UnitOfWork } from '../../server/src/storage/unitOfWork.js';
import { auditAnswers } from './answerAudit.js';
import { createDatabase, dropDatabase } from './embeddedPostgres.js';

export async function freePort(): Promise<number> {
  const reserved = await reservePort();
  await reserved.release();
  return reserved.port;
}

/**
 * A port the system gave, held open until `release`: a server built meanwhile that opens ports of
 * its own (the Stripe stand-in, upload origins, on port 0), or another test file's, cannot be
 * given it. Released just before the real listen, which follows in the same turn.
 */
export function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ port, release: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

/** The configuration of `env`; a configuration refused lets the reserved port go before the error. */
function configured(
  reserved: { release(): Promise<void> },
  env: Record<string, string>,
): ReturnType<typeof loadConfig> {
  try {
    return loadConfig(env);
  } catch (error) {
    void reserved.release();
    throw error;
  }
}

/** The embedded PostgreSQL server of the run, when this project runs on PostgreSQL (OUTMERGE_TEST_DATABASE=postgres). */
export function testDatabaseServer(): string | null {
  return process.env.OUTMERGE_TEST_DATABASE === 'postgres' ? inject('postgresUrl') : null;
}

export interface TestServer {
  app: FastifyInstance;
  services: Services;
  baseUrl: string;
  dataDir: string;
  /** The development Stripe stand-in, with PAYMENT_PROVIDER=stripe and no key. */
  stripeStandIn: StripeStandIn | null;
  /** What SIGTERM starts (../../server/src/main.ts): readiness answers 503 from now on. */
  drain(): void;
  /** A development access token for the Outmerge API (or for Graph). */
  token(email: string, options?: { tenantId?: string; resource?: 'api' | 'graph'; scopes?: string[] }): Promise<string>;
  /** Another connection to the server's database, as a second process or instance has (close it). */
  openStorage(): Promise<UnitOfWork>;
  /** JSON request with an optional bearer token. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: { clock?: () => number; onRoute?: (route: RouteOptions) => void } = {},
): Promise<TestServer> {
  const reserved = await reservePort();
  const port = reserved.port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-test-'));
  // The project that runs on PostgreSQL gives every server a fresh database (dropped on close).
  const databaseUrl = testDatabaseServer() ? await createDatabase(testDatabaseServer()!) : null;
  // PUBLIC_URL on the address it listens on, as the server-process helper does: links and the Graph stand-in's URLs reach it.
  const config = configured(reserved, {
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    STATIC_DIR: path.join(dataDir, 'no-pages'),
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
  const { app, services, stripeStandIn, drain } = await buildApp(config, {
    logger: false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  }).finally(() => reserved.release());
  const audit = auditAnswers(app);
  await app.listen({ host: '127.0.0.1', port });
  const call: TestServer['call'] = (method, url, options = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      ...(options.body === undefined ? {} : { payload: options.body as object }),
    });
  return {
    app,
    services,
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    stripeStandIn,
    drain,
    call,
    openStorage: () =>
      UnitOfWork.open({ databaseUrl: config.database.url, sqliteFile: path.join(dataDir, DATABASE_FILE) }),
    async token(email, options = {}) {
      const response = await call('POST', '/dev/idp/token', { body: { email, ...options } });
      if (response.statusCode !== 200) throw new Error(`token: ${response.statusCode} ${response.body}`);
      return response.json<{ access_token: string }>().access_token;
    },
    async close() {
      await app.close();
      if (databaseUrl) await dropDatabase(databaseUrl);
      fs.rmSync(dataDir, { recursive: true, force: true });
      const undocumented = audit.undocumented();
      if (undocumented.length > 0)
        throw new Error(
          `Answers sent without a schema for their status (declare them in the route's schema.response):\n${undocumented.join('\n')}`,
        );
    },
  };
}

/** Buys a subscription as `email` and returns its id. */
export async function buySubscription(server: TestServer, token: string, quantity = 5): Promise<string> {
  const response = await server.call('POST', '/api/v1/checkout', {
    token,
    body: { plan: 'monthly', quantity, card: '4242 4242 4242 4242' },
    headers: { 'idempotency-key': `key-${Math.random().toString(36).slice(2)}` },
  });
  if (response.statusCode !== 201) throw new Error(`checkout: ${response.statusCode} ${response.body}`);
  return response.json<{ subscriptionId: string }>().subscriptionId;
}

/** A server, an owner's token and a subscription of `quantity` seats: the start of most API tests. */
export async function startWithSubscription(
  quantity: number,
  env: Record<string, string> = {},
): Promise<{ server: TestServer; owner: string; subscriptionId: string }> {
  const server = await startTestServer(env);
  const owner = await server.token('olivia@contoso.com');
  return { server, owner, subscriptionId: await buySubscription(server, owner, quantity) };
}
