/** Plans, purchase (B1, B2, B5) and completing a payment that needed the buyer's authentication. */
import { Type } from 'typebox';
import { Uuid } from '#shared/api/schemaKit.js';
import {
  CartLineSchema,
  CheckoutPaidSchema,
  ConsolidationResultSchema,
  InvoicePaidSchema,
  KeyPurchaseResultSchema,
  PaymentActionRequiredSchema,
  PlanCatalogViewSchema,
  QuantityChangeResultSchema,
} from '#shared/api/views.js';
import { errorAnswers } from '../http/answers.js';
import { idempotencyKeyOf } from '../http/idempotencyKey.js';
import type { Services } from '../services.js';
import { type Api, IdempotencyKeyHeader, Strict } from './schemas.js';
import { sendOutcome } from './outcome.js';

export function registerCheckoutRoutes(app: Api, services: Services): void {
  app.get(
    '/plans',
    {
      schema: {
        summary: 'Plans, per-seat prices and volume tiers in integer minor units, tax rate in basis points',
        response: { 200: PlanCatalogViewSchema },
      },
    },
    async () => services.checkout.catalogue(services.config.trials),
  );

  app.post(
    '/checkout',
    {
      config: { rateLimit: { max: services.config.rateLimits.purchasesPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary:
          'Buy subscriptions (a cart of plan lines, or one plan and quantity); the buyer becomes their owner. 202 when the bank asks for confirmation.',
        headers: IdempotencyKeyHeader,
        body: Strict({
          lines: Type.Optional(Type.Array(CartLineSchema, { minItems: 1, maxItems: 10 })),
          plan: Type.Optional(Type.String({ maxLength: 40 })),
          quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          card: Type.String({
            minLength: 1,
            maxLength: 64,
            description: 'Payment method: a test card number for the simulated provider',
          }),
        }),
        response: { 201: CheckoutPaidSchema, 202: PaymentActionRequiredSchema, ...errorAnswers(402, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'purchase');
      return sendOutcome(reply, await services.checkout.purchase(request.caller, request.body, key, request.ip));
    },
  );

  app.post(
    '/payment-actions/:actionId/complete',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary:
          'Finish a payment that needed additional authentication (3-D Secure): the final answer of the purchase, quantity change, invoice payment, consolidation, offer or product keys',
        params: Type.Object({ actionId: Uuid() }),
        body: Strict({
          approved: Type.Boolean({
            description: "The simulated bank's answer; a real provider's status is read from the provider",
          }),
        }),
        response: {
          200: Type.Union([InvoicePaidSchema, QuantityChangeResultSchema, ConsolidationResultSchema]),
          201: Type.Union([CheckoutPaidSchema, KeyPurchaseResultSchema]),
          202: PaymentActionRequiredSchema,
          ...errorAnswers(402, 404, 409),
        },
      },
    },
    async (request, reply) =>
      sendOutcome(
        reply,
        await services.billing.completeAction(request.caller, request.params.actionId, request.body.approved),
      ),
  );
}
