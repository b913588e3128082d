/**
 * Billing routes (B3, B4, B5, A9): quantity preview and change, invoices (JSON and printable
 * HTML), payment method, paying an open invoice, consolidation, and the payment provider's
 * webhook. Quantity routes need `quantity.change`; everything else here `billing.view` or
 * `billing.manage`; consolidation is the owner's.
 */
import type { FastifyInstance } from 'fastify';
import { resolveLocale } from '../../../shared/src/i18n/translate.js';
import { ApiError } from '../http/apiError.js';
import type { Services } from '../services.js';
import type { BillingProfileInput } from '../billing/billingProfileService.js';
import { subscriptionIdParams } from './schemas.js';

/** The Idempotency-Key header every charging call needs: 8 to 255 printable ASCII characters. */
export function idempotencyKeyOf(value: string | string[] | undefined, what: string): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{8,255}$/.test(value)) {
    throw new ApiError(400, 'IDEMPOTENCY_KEY_MISSING', `Send a unique Idempotency-Key header (8 to 255 printable characters) with every ${what}.`);
  }
  return value;
}

const idempotencyHeader = { type: 'object', properties: { 'idempotency-key': { type: 'string' } } } as const;
const cardString = { type: 'string', minLength: 1, maxLength: 64, description: 'A card for the simulated provider, or a real provider\'s payment-method token' } as const;
const invoiceParams = { type: 'object', required: ['id', 'invoiceId'], properties: { id: { type: 'string', format: 'uuid' }, invoiceId: { type: 'string', format: 'uuid' } } } as const;

export function registerBillingRoutes(app: FastifyInstance, services: Services): void {
  const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get<{ Params: { id: string }; Querystring: { quantity: string } }>(
    '/api/v1/subscriptions/:id/quantity/preview',
    {
      schema: {
        summary: 'What a new quantity costs now (prorated to the second) and per period; pass prorationDate and amountDueMinor back to confirm',
        params: subscriptionIdParams,
        querystring: { type: 'object', required: ['quantity'], additionalProperties: false, properties: { quantity: { type: 'string', pattern: '^[1-9][0-9]{0,5}$' } } },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      const quantity = Number(request.query.quantity);
      if (quantity > 100_000) throw new ApiError(400, 'VALIDATION_FAILED', 'A subscription holds at most 100,000 seats.');
      return services.billing.previewQuantity(caller, request.params.id, quantity);
    },
  );

  app.post<{ Params: { id: string }; Body: { quantity: number; prorationDate: string; expectedAmountMinor: number } }>(
    '/api/v1/subscriptions/:id/quantity',
    {
      config: limited,
      schema: {
        summary: 'Change the quantity as previewed: increases are charged now, decreases take effect at renewal',
        params: subscriptionIdParams,
        headers: idempotencyHeader,
        body: {
          type: 'object',
          required: ['quantity', 'prorationDate', 'expectedAmountMinor'],
          additionalProperties: false,
          properties: {
            quantity: { type: 'integer', minimum: 1, maximum: 100000 },
            prorationDate: { type: 'string', format: 'date-time', description: "The preview's prorationDate (at most 15 minutes old)" },
            expectedAmountMinor: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "The preview's amountDueMinor" },
          },
        },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'quantity change');
      const result = await services.billing.changeQuantity(caller, request.params.id, request.body, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/billing', { schema: { summary: 'Billing summary: price, renewal, payment method, open invoice', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.billing.summary(caller, request.params.id);
  });

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/billing-profile', { schema: { summary: 'The billing profile invoices name, and the tax it leads to', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.billingProfiles.get(caller, request.params.id);
  });

  app.put<{ Params: { id: string }; Body: BillingProfileInput }>(
    '/api/v1/subscriptions/:id/billing-profile',
    {
      config: limited,
      schema: {
        summary: 'Set who invoices name: company, address, country, VAT number (format checked per country; empty for a consumer), billing email, invoice language',
        params: subscriptionIdParams,
        body: {
          type: 'object',
          required: ['companyName', 'address', 'country', 'billingEmail', 'language'],
          additionalProperties: false,
          properties: {
            companyName: { type: 'string', minLength: 1, maxLength: 200 },
            address: { type: 'string', minLength: 1, maxLength: 500 },
            country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
            vatId: { type: ['string', 'null'], maxLength: 40 },
            billingEmail: { type: 'string', minLength: 3, maxLength: 320 },
            language: { type: 'string', enum: ['en', 'fr', 'de'] },
          },
        },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.billingProfiles.save(caller, request.params.id, request.body, request.ip);
    },
  );

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/invoices', { schema: { summary: 'Invoices, newest first', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return { invoices: services.billing.invoices(caller, request.params.id) };
  });

  app.get<{ Params: { id: string; invoiceId: string }; Querystring: { lang?: string } }>(
    '/api/v1/subscriptions/:id/invoices/:invoiceId/html',
    {
      schema: {
        summary: 'An invoice as a printable HTML page',
        params: invoiceParams,
        querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 35 } } },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const html = services.billing.invoiceHtml(caller, request.params.id, request.params.invoiceId, resolveLocale(request.query.lang ?? request.headers['accept-language']));
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    },
  );

  app.put<{ Params: { id: string }; Body: { card: string } }>(
    '/api/v1/subscriptions/:id/payment-method',
    {
      config: limited,
      schema: { summary: 'Replace the payment method used for renewals and quantity changes', params: subscriptionIdParams, body: { type: 'object', required: ['card'], additionalProperties: false, properties: { card: cardString } } },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.billing.replacePaymentMethod(caller, request.params.id, request.body.card, request.ip);
    },
  );

  app.post<{ Params: { id: string; invoiceId: string }; Body: { card?: string } }>(
    '/api/v1/subscriptions/:id/invoices/:invoiceId/pay',
    {
      config: limited,
      schema: {
        summary: 'Pay an open invoice with a new card (which then becomes the payment method) or the stored one; reactivates a past-due or expired subscription',
        params: invoiceParams,
        headers: idempotencyHeader,
        body: { type: 'object', additionalProperties: false, properties: { card: cardString } },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'payment');
      const result = await services.billing.payInvoice(caller, request.params.id, request.params.invoiceId, request.body.card, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );

  app.post<{ Params: { id: string }; Body: { sources: string[] } }>(
    '/api/v1/subscriptions/:id/consolidate',
    {
      config: limited,
      schema: {
        summary: "Merge other subscriptions of the organisation into this one: seats move, the others end with a prorated credit",
        params: subscriptionIdParams,
        headers: idempotencyHeader,
        body: { type: 'object', required: ['sources'], additionalProperties: false, properties: { sources: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', format: 'uuid' } } } },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'consolidation');
      const result = await services.billing.consolidate(caller, request.params.id, request.body.sources, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );

  // The provider's webhook: signed (HMAC with a timestamp), so the raw body is kept for verification.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_request, body, done) => done(null, body));
    scope.post<{ Body: string }>(
      '/api/v1/payments/webhook',
      { config: { rateLimit: { max: 600, timeWindow: '1 minute' } }, schema: { summary: "The payment provider's signed events (Stripe-Signature, or the simulated provider's Outmerge-Signature: t=…,v1=…)", security: [] } },
      async (request) => services.billing.handleWebhook(typeof request.body === 'string' ? request.body : '', request.headers),
    );
  });
}
