/**
 * Builds the Fastify application: security headers, rate limits, error shape, API routes, the
 * development stand-ins (only when configured and never in production) and the built pages.
 * `main.ts` only loads the configuration and listens; tests build the app the same way.
 */
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type RouteOptions,
} from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { registerClientCredentialsRoutes } from './dev/clientCredentials.js';
import {
  createDevelopmentIdentityProvider,
  DEVELOPMENT_ORGANISATIONS,
  registerDevelopmentIdentityRoutes,
} from './dev/identityProvider.js';
import { registerGraphStandIn } from './dev/graph/graphStandIn.js';
import { registerDnsStandInRoutes, startDnsStandIn } from './dev/dnsStandIn.js';
import { startUploadOrigin } from './dev/graph/uploadOrigin.js';
import { registerOutboxRoutes } from './dev/outboxRoutes.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { documentFrameworkAnswers } from './http/answers.js';
import { ApiError } from './http/apiError.js';
import { authenticateRoutes, documentPublicRoutes } from './http/authentication.js';
import { logEachRequest, loggerOptions } from './http/loggerOptions.js';
import {
  builtFilePath,
  STRIPE_CSP_SOURCES,
  staticFileHeaders,
  withAddedSources,
  withFrameAncestors,
  type StaticFileHeaders,
} from './http/pageHeaders.js';
import { startStripeStandIn } from './dev/stripe/stripeStandIn.js';
import { clientError, routerError } from './http/frameworkErrors.js';
import { databaseRateLimitStore } from './http/rateLimitStore.js';
import { registerSecurityHeaders } from './http/securityHeaders.js';
import { runExclusively } from './jobs/exclusiveJob.js';
import { registerBillingRoutes } from './routes/billing.js';
import { registerConsolidationRoutes } from './routes/consolidation.js';
import { registerCheckoutRoutes } from './routes/checkout.js';
import { readiness, registerHealthRoutes } from './routes/health.js';
import { registerLicenseRoutes } from './routes/license.js';
import { registerManifestRoutes } from './routes/manifests.js';
import { registerMeRoutes } from './routes/me.js';
import { registerPublicConfigRoutes } from './routes/publicConfig.js';
import { registerDelegationRoutes } from './routes/delegation.js';
import { registerGroupRoutes } from './routes/groups.js';
import { registerOrganisationRoutes } from './routes/organisation.js';
import { registerPartnerRoutes } from './routes/partners.js';
import { registerSubscriptionRoutes } from './routes/subscriptions.js';
import { createServices, type Services } from './services.js';

/** How often the outbox is swept for emails to retry. */
const EMAIL_SWEEP_MS = 60_000;
/** How often each instance reads the shared license signing keys again (a rotated key is published by all before it signs). */
const SIGNING_KEYS_REFRESH_MS = 60_000;
/** How long one instance holds the renewal job: longer than a run takes; a dead holder's job is taken over after it. */
const RENEWAL_LEASE_MS = 10 * 60_000;
/** How long one instance holds the group sync job: longer than a run of due syncs usually takes (each sync holds its own lease too). */
const GROUP_SYNC_LEASE_MS = 15 * 60_000;
/** Shared rate-limit counts (PostgreSQL) of windows long over are forgotten this often. */
const RATE_LIMIT_CLEANUP_MS = 10 * 60_000;

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
  /** The development Stripe stand-in, when PAYMENT_PROVIDER=stripe runs without a key (tests drive its 3-D Secure page). */
  stripeStandIn: Awaited<ReturnType<typeof startStripeStandIn>> | null;
  /** Stopping: readiness answers 503 from now on, so the load balancer sends requests elsewhere (../main.ts). */
  drain(): void;
}

/** What server/src/http/pageHeaders.ts decided for a built file, over helmet's headers for everything. */
function applyStaticFileHeaders(reply: FastifyReply, headers: StaticFileHeaders, config: Config): void {
  let csp = reply.raw.getHeader('content-security-policy');
  if (headers.payments && config.payments.provider === 'stripe' && typeof csp === 'string')
    csp = withAddedSources(csp, STRIPE_CSP_SOURCES);
  if (headers.frameAncestors && typeof csp === 'string') csp = withFrameAncestors(csp, headers.frameAncestors);
  if (typeof csp === 'string') reply.header('content-security-policy', csp);
  // Helmet wrote its headers on the raw response; a header set on the reply replaces them, one removed there is gone.
  if (!headers.openerPolicy) reply.raw.removeHeader('cross-origin-opener-policy');
  reply.header('cross-origin-resource-policy', headers.resourcePolicy);
  reply.header('cache-control', headers.cacheControl);
}

/**
 * `assetsDir`: where the app package's icons are (addin/public/assets, from the working directory).
 * `onRoute` is called with every route as it is registered.
 * `clock` is the time every service reads (Date.now unless given): the value-for-money property
 * drives months of billing in seconds with it. It is not a test mode: nothing branches on it.
 */
export async function buildApp(
  config: Config,
  options: { assetsDir?: string; logger?: boolean; clock?: () => number; onRoute?: (route: RouteOptions) => void } = {},
): Promise<BuiltApp> {
  // Slow clients cannot hold the server: the headers and the whole request must arrive in time (Node
  // checks both on an interval, set to a quarter of the shorter one), idle connections are closed.
  const timeouts = {
    headersTimeout: config.http.headersMs,
    requestTimeout: config.http.requestMs,
    keepAliveTimeout: config.http.keepAliveMs,
    connectionsCheckingInterval: Math.max(
      100,
      Math.min(30_000, Math.floor(Math.min(config.http.headersMs, config.http.requestMs) / 4)),
    ),
  };
  const app = Fastify({
    ...(config.tls
      ? { https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile), ...timeouts } }
      : { http: timeouts }),
    connectionTimeout: config.http.connectionMs,
    requestTimeout: config.http.requestMs,
    keepAliveTimeout: config.http.keepAliveMs,
    // Errors met before routing (a path that is not valid percent-encoding, a parameter over the
    // router's length limit) and on the socket (a request that took too long) answer in the API's one shape.
    frameworkErrors: (error, _request, reply) => routerError(error, reply),
    clientErrorHandler: clientError,
    logger: options.logger === false ? false : loggerOptions(config),
    // One line per request comes from http/loggerOptions.ts; Fastify's own two lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Strict validation: an unknown field or a wrongly typed value is the client's mistake to be told
    // about (400), not something to strip or coerce silently. Query numbers are parsed by their routes.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
  });
  // `onRoute`: sees every route as it is registered (the route contract test enumerates them so).
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  logEachRequest(app);
  // Development: domain proofs ask a local DNS stand-in through the production resolver code.
  const dnsStandIn = config.dns.standInEnabled ? await startDnsStandIn(config.dns.standInPort) : null;
  // Development with PAYMENT_PROVIDER=stripe and no key: the production Stripe provider talks to a local stand-in of Stripe's API.
  const stripeConfig = config.payments.stripe;
  const stripeStandIn = stripeConfig?.standIn
    ? await startStripeStandIn({
        secretKey: stripeConfig.secretKey,
        ...(options.clock ? { clock: options.clock } : {}),
      })
    : null;
  if (stripeStandIn && stripeConfig) {
    const self = `${config.tls ? 'https://localhost' : 'http://127.0.0.1'}:${config.port}`;
    stripeStandIn.setWebhookEndpoint(`${self}/api/v1/payments/webhook`, stripeConfig.webhookSecrets[0]!);
  }
  const services = await createServices(config, (error, message) => app.log.error({ err: error }, message), {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(dnsStandIn ? { dnsServers: [dnsStandIn.address] } : {}),
    ...(stripeStandIn
      ? { stripeApi: { host: stripeStandIn.host, port: stripeStandIn.port, protocol: stripeStandIn.protocol } }
      : {}),
  });
  app.addHook('onClose', async () => {
    await stripeStandIn?.close();
    await services.close();
    await dnsStandIn?.close();
  });
  // Payments whose claim was cut by a crash are reconciled with the provider once their lease has run out.
  const sweep = setInterval(
    () =>
      void services.charges
        .recoverStale()
        .catch((error: unknown) => app.log.error({ err: error }, 'reconciling payment claims failed')),
    config.payments.claimLeaseMs,
  );
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
  // Emails are delivered right after their change commits; this sweep retries failures and takes over rows a dead process held.
  const emailSweep = setInterval(() => void services.outbox.sweep(), EMAIL_SWEEP_MS);
  emailSweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(emailSweep);
    await services.outbox.settled();
  });
  // Renewals, past due, expiry and trial ends (B3/B4/P2), then the partners' notification emails (P3): every instance's
  // timer fires, one instance runs the job at a time (a lease in the database); tests call them with a clock.
  if (config.payments.renewalIntervalSeconds > 0) {
    let running: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      running ??= runExclusively(services.uow, { name: 'renewals', leaseMs: RENEWAL_LEASE_MS }, async () => {
        await services.billing.runRenewals();
        await services.partners.customers.deliverNotifications();
      })
        .then((ran) =>
          app.log.info(
            { job: 'renewals' },
            ran
              ? 'renewals and partner digests: ran here'
              : 'renewals and partner digests: another instance holds the job',
          ),
        )
        .catch((error: unknown) => app.log.error({ err: error }, 'renewal run failed'))
        .finally(() => (running = null));
    }, config.payments.renewalIntervalSeconds * 1000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  }

  // Instances share their license signing keys through the database (configured or file keys do not change): a rotated key appears here.
  const keyRefresh = setInterval(
    () =>
      void services.keys
        .refresh()
        .catch((error: unknown) =>
          app.log.error({ err: error }, 'reading the license signing keys failed; the ones read before still sign'),
        ),
    SIGNING_KEYS_REFRESH_MS,
  );
  keyRefresh.unref();
  app.addHook('onClose', async () => clearInterval(keyRefresh));
  // Several instances count rate limits in one table: windows long over are dropped by one of them now and then.
  if (services.uow.engine === 'postgres') {
    const cleanup = setInterval(
      () =>
        void runExclusively(services.uow, { name: 'rate-limit-cleanup', leaseMs: RATE_LIMIT_CLEANUP_MS }, async () => {
          await services.uow.read.rateLimits.forgetBefore(Date.now() - 3600_000);
        }).catch((error: unknown) => app.log.error({ err: error }, 'forgetting old rate-limit counts failed')),
      RATE_LIMIT_CLEANUP_MS,
    );
    cleanup.unref();
    app.addHook('onClose', async () => clearInterval(cleanup));
  }

  // Linked Microsoft 365 groups (issue 17): every instance's timer fires, one instance runs the due syncs at a
  // time (a lease in the database, ./jobs/exclusiveJob.ts); each subscription's sync also holds a lease of its own,
  // so a "Sync now" on another instance never runs beside it.
  if (config.groups.syncIntervalSeconds > 0 && config.groups.clientSecret) {
    let syncing: Promise<unknown> | null = null;
    const groupTimer = setInterval(
      () => {
        syncing ??= runExclusively(services.uow, { name: 'group-sync', leaseMs: GROUP_SYNC_LEASE_MS }, async () => {
          await services.groups.syncDue();
        })
          .catch((error: unknown) => app.log.error({ err: error }, 'group sync run failed'))
          .finally(() => (syncing = null));
      },
      Math.min(config.groups.syncIntervalSeconds, 60) * 1000,
    );
    groupTimer.unref();
    app.addHook('onClose', async () => {
      clearInterval(groupTimer);
      await syncing;
    });
  }

  const graphOrigin = new URL(config.graph.baseUrl).origin;
  // The Graph stand-in's upload origin listens before the CSP is built, so that connect-src names it.
  const standIn = config.graph.standInEnabled && config.identity.provider === 'development';
  const uploadOrigin = standIn
    ? await startUploadOrigin({
        host: config.host,
        port: config.graph.standIn.uploadPort,
        publicHostname: new URL(config.publicUrl).hostname,
        tls: config.tls,
      })
    : null;
  if (uploadOrigin) app.addHook('onClose', () => uploadOrigin.close());
  const uploadOrigins = uploadOrigin ? [uploadOrigin.origin] : config.graph.uploadOrigins;
  // Helmet, built once (./http/securityHeaders.ts).
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Office.js comes from Microsoft's CDN. No 'unsafe-eval': merge templates run without generated code (shared/src/merge/templateProgram.ts).
        scriptSrc: ["'self'", 'https://appsforoffice.microsoft.com'],
        // Fluent UI (Griffel) inserts its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Large attachments go to the upload session's URL, on Exchange's origin rather than Graph's.
        connectSrc: ["'self'", graphOrigin, ...uploadOrigins, 'https://login.microsoftonline.com'],
        frameSrc: ["'self'", 'https://login.microsoftonline.com'],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    // frame-ancestors above replaces X-Frame-Options, which cannot allow Outlook's origins (the pane's list: setHeaders below).
    xFrameOptions: false,
    // Pages keep the popups they open (MSAL's sign-in); pages popups return to send none (pageHeaders.ts).
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, {
    global: false,
    // Several instances (PostgreSQL) count each client once, in the database; one SQLite process counts in memory.
    ...(services.uow.engine === 'postgres' ? { store: databaseRateLimitStore(services.uow) } : {}),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests. Try again in ${context.after}.`,
    }),
  });

  // Every documented route also documents the answers Fastify and the plugins give on their own (./http/answers.ts).
  documentFrameworkAnswers(app);
  documentPublicRoutes(app);

  await app.register(swagger, {
    // OpenAPI 3.0 has no `const`: one-value enums instead.
    convertConstToEnum: true,
    openapi: {
      info: {
        title: 'Outmerge API',
        version: '1',
        description: 'License checks, subscriptions, seats and checkout. Errors are {"error": {"code", "message"}}.',
      },
      components: {
        securitySchemes: { entra: { type: 'http', scheme: 'bearer', bearerFormat: 'Microsoft Entra v2 access token' } },
      },
      security: [{ entra: [] }],
    },
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      });
    }
    if (error.validation)
      return reply
        .code(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: `Invalid request: ${error.message}.` } });
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: error.message } });
    if (status === 413)
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } });
    if (status === 415)
      return reply
        .code(415)
        .send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' } });
    if (status >= 400 && status < 500)
      return reply.code(status).send({ error: { code: 'VALIDATION_FAILED', message: error.message } });
    request.log.error({ err: error }, 'request failed');
    return reply.code(status >= 500 ? status : 500).send({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side. Try again; if it keeps happening, contact support.',
      },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } }),
  );

  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  let draining = false;
  registerHealthRoutes(
    api,
    readiness(
      () => services.uow.ping(),
      () => draining,
    ),
  );
  api.get(
    '/api/docs',
    {
      schema: {
        hide: true,
        response: {
          200: Type.Object({}, { additionalProperties: true, description: 'This API as an OpenAPI 3.0 document' }),
        },
      },
    },
    async () => app.swagger(),
  );
  registerPublicConfigRoutes(api, config, services.keys);
  registerManifestRoutes(api, config, options.assetsDir ?? 'addin/public/assets');
  // The API: one authentication hook for the prefix (./http/authentication.ts); handlers read request.caller.
  await api.register(
    async (scope) => {
      authenticateRoutes(scope, services.authenticate);
      registerLicenseRoutes(scope, services);
      registerCheckoutRoutes(scope, services);
      registerBillingRoutes(scope, services);
      registerConsolidationRoutes(scope, services);
      registerSubscriptionRoutes(scope, services);
      registerGroupRoutes(scope, services);
      registerDelegationRoutes(scope, services);
      registerOrganisationRoutes(scope, services);
      registerPartnerRoutes(scope, services);
      registerMeRoutes(scope, services);
    },
    { prefix: '/api/v1' },
  );

  if (config.identity.provider === 'development') {
    const idp = await createDevelopmentIdentityProvider({
      issuerTemplate: config.identity.issuerTemplate,
      apiAudience: config.identity.clientId,
      apiScope: config.identity.apiScope,
      clientId: config.identity.clientId,
      graphScopes: config.graph.developmentScopes,
    });
    registerDevelopmentIdentityRoutes(app, idp);
    if (config.groups.clientSecret)
      registerClientCredentialsRoutes(app, idp, {
        clientId: config.identity.clientId,
        clientSecret: config.groups.clientSecret,
        publicUrl: config.publicUrl,
      });
    if (uploadOrigin) {
      const graph = registerGraphStandIn(app, {
        identityJwks: idp.jwks,
        issuerTemplate: config.identity.issuerTemplate,
        uploadOrigin,
        ...config.graph.standIn,
      });
      // Something to link on a fresh machine: two groups of Contoso's directory.
      const contoso = DEVELOPMENT_ORGANISATIONS[0].tenantId;
      graph.directory.createGroup(contoso, {
        displayName: 'Sales',
        description: 'Sales team',
        kind: 'security',
        members: [{ email: 'anna@contoso.com' }, { email: 'bob@contoso.com' }],
      });
      graph.directory.createGroup(contoso, {
        displayName: 'Marketing',
        description: 'Marketing team',
        kind: 'microsoft365',
        members: [{ email: 'carl@contoso.com' }],
      });
    }
  }
  if (dnsStandIn) registerDnsStandInRoutes(app, dnsStandIn);
  if (!config.mail.smtpUrl) registerOutboxRoutes(app, services.uow);

  if (fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    // Compressed copies written at build time (scripts/precompress.ts), chosen by Accept-Encoding;
    // caching per file as pageHeaders.ts decides (content-hashed scripts immutable, pages max-age=0).
    await app.register(fastifyStatic, {
      root: config.staticDir,
      // An array: with preCompressed, @fastify/static looks for the compressed index only in an array of names.
      index: ['index.html'],
      preCompressed: true,
      maxAge: 0,
      setHeaders: (reply, file) =>
        applyStaticFileHeaders(
          reply,
          staticFileHeaders(builtFilePath(path.relative(config.staticDir, file).split(path.sep).join('/'))),
          config,
        ),
    });
  } else {
    app.log.warn(
      `No built pages in ${config.staticDir}: run "npm run build" to serve the pane, portal and playground.`,
    );
  }
  return {
    app,
    services,
    stripeStandIn,
    drain: () => {
      draining = true;
    },
  };
}
