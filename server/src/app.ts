/**
 * Builds the Fastify application: security headers, rate limits, error shape, API routes, the
 * development stand-ins (only when configured and never in production) and the built pages.
 * `main.ts` only loads the configuration and listens; tests build the app the same way.
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { AUTH_DIALOG_PATH } from '../../shared/src/api/authDialog.js';
import type { Config } from './config.js';
import { createDevelopmentIdentityProvider, registerDevelopmentIdentityRoutes } from './dev/identityProvider.js';
import { registerGraphStandIn } from './dev/graph/graphStandIn.js';
import { registerOutboxRoutes } from './dev/outboxRoutes.js';
import { ApiError } from './http/apiError.js';
import { registerBillingRoutes } from './routes/billing.js';
import { registerCheckoutRoutes } from './routes/checkout.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerLicenseRoutes } from './routes/license.js';
import { registerMeRoutes } from './routes/me.js';
import { registerPublicConfigRoutes } from './routes/publicConfig.js';
import { registerDelegationRoutes } from './routes/delegation.js';
import { registerOrganisationRoutes } from './routes/organisation.js';
import { registerPartnerRoutes } from './routes/partners.js';
import { registerSubscriptionRoutes } from './routes/subscriptions.js';
import { createServices, type Services } from './services.js';

export interface BuiltApp {
  app: FastifyInstance;
  services: Services;
}

/** Outlook hosts the task pane in a frame on these origins (Outlook on the web, new Outlook, Office). */
const OFFICE_FRAME_ANCESTORS = ['https://*.office.com', 'https://*.office365.com', 'https://*.outlook.com', 'https://outlook.live.com', 'https://*.officeapps.live.com', 'https://*.microsoft.com'];

export async function buildApp(config: Config, options: { manifestPath?: string; logger?: boolean } = {}): Promise<BuiltApp> {
  const app = Fastify({
    ...(config.tls ? { https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) } } : {}),
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Strict validation: an unknown field or a wrongly typed value is the client's mistake to be told
    // about (400), not something to strip or coerce silently. Query numbers are parsed by their routes.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: true } },
  });
  const services = await createServices(config, (error, message) => app.log.error({ err: error }, message));
  app.addHook('onClose', async () => services.storage.close());
  // Renewals, past due and expiry (B3/B4), then the partners' notification emails (P3): periodically, one run at a time; tests call them with a clock.
  if (config.payments.renewalIntervalSeconds > 0) {
    let running: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      running ??= services.billing
        .runRenewals()
        .then(() => services.partners.deliverNotifications())
        .catch((error: unknown) => app.log.error({ err: error }, 'renewal run failed'))
        .finally(() => (running = null));
    }, config.payments.renewalIntervalSeconds * 1000);
    timer.unref();
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  }

  const graphOrigin = new URL(config.graph.baseUrl).origin;
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Office.js comes from Microsoft's CDN. 'unsafe-eval': Handlebars compiles the merge template to a function in the pane.
        scriptSrc: ["'self'", "'unsafe-eval'", 'https://appsforoffice.microsoft.com'],
        // Fluent UI (Griffel) inserts its styles at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", graphOrigin, 'https://login.microsoftonline.com'],
        frameSrc: ["'self'", 'https://login.microsoftonline.com'],
        frameAncestors: ["'self'", ...OFFICE_FRAME_ANCESTORS],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    // frame-ancestors above replaces X-Frame-Options, which cannot allow Outlook's origins.
    xFrameOptions: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED', message: `Too many requests. Try again in ${context.after}.` }),
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Outmerge API', version: '1', description: 'License checks, subscriptions, seats and checkout. Errors are {"error": {"code", "message"}}.' },
      components: { securitySchemes: { entra: { type: 'http', scheme: 'bearer', bearerFormat: 'Microsoft Entra v2 access token' } } },
      security: [{ entra: [] }],
    },
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } });
    }
    if (error.validation) return reply.code(400).send({ error: { code: 'VALIDATION_FAILED', message: `Invalid request: ${error.message}.` } });
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: error.message } });
    if (status === 413) return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' } });
    if (status === 415) return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' } });
    if (status >= 400 && status < 500) return reply.code(status).send({ error: { code: 'VALIDATION_FAILED', message: error.message } });
    request.log.error({ err: error }, 'request failed');
    return reply.code(status >= 500 ? status : 500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again; if it keeps happening, contact support.' } });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: `Nothing at ${request.method} ${request.url.split('?')[0]}.` } }));

  registerHealthRoutes(app);
  app.get('/api/docs', { schema: { hide: true } }, async () => app.swagger());
  registerPublicConfigRoutes(app, config, services.keys, options.manifestPath ?? 'manifest.xml');
  registerLicenseRoutes(app, services);
  registerCheckoutRoutes(app, services);
  registerBillingRoutes(app, services);
  registerSubscriptionRoutes(app, services);
  registerDelegationRoutes(app, services);
  registerOrganisationRoutes(app, services);
  registerPartnerRoutes(app, services);
  registerMeRoutes(app, services);

  if (config.identity.provider === 'development') {
    const idp = await createDevelopmentIdentityProvider({ issuerTemplate: config.identity.issuerTemplate, apiAudience: config.identity.clientId, apiScope: config.identity.apiScope, clientId: config.identity.clientId });
    registerDevelopmentIdentityRoutes(app, idp);
    if (config.graph.standInEnabled) registerGraphStandIn(app, { identityJwks: idp.jwks, issuerTemplate: config.identity.issuerTemplate, ...config.graph.standIn });
  }
  if (!config.mail.smtpUrl) registerOutboxRoutes(app, services.storage);

  // The sign-in page in Office's dialog keeps its opener: with COOP same-origin Office reports the
  // dialog closed (12006) and never gets its message (Office's dialog error reference).
  app.addHook('onSend', async (request, reply) => {
    if (request.url.split('?')[0] === AUTH_DIALOG_PATH) reply.header('Cross-Origin-Opener-Policy', 'unsafe-none');
  });

  if (fs.existsSync(path.join(config.staticDir, 'index.html'))) {
    // max-age=0: a new deployment's pages are picked up at once (Outlook caches add-in pages hard).
    await app.register(fastifyStatic, { root: config.staticDir, index: 'index.html', maxAge: 0 });
  } else {
    app.log.warn(`No built pages in ${config.staticDir}: run "npm run build" to serve the pane, portal and playground.`);
  }
  return { app, services };
}
