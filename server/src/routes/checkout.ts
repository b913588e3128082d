/** Plans, purchase (B1, B2, B5) and completing a payment that needed the buyer's authentication. */
import type { FastifyInstance } from 'fastify';
import type { CartLine, PlanCatalogView } from '../../../shared/src/api/views.js';
import { priceTiers } from '../../../shared/src/billing/pricing.js';
import type { Services } from '../services.js';
import { idempotencyKeyOf } from './billing.js';

const cartLine = {
  type: 'object',
  required: ['plan', 'quantity'],
  additionalProperties: false,
  properties: { plan: { type: 'string', maxLength: 40 }, quantity: { type: 'integer', minimum: 1, maximum: 100000 } },
} as const;

export function registerCheckoutRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/plans', { schema: { summary: 'Plans, per-seat prices and volume tiers in integer minor units, tax rate in basis points' } }, async (): Promise<PlanCatalogView> => {
    const { currency, plans, volume, taxRateBp } = services.config.payments;
    const { maxSeats, maxDays } = services.config.trials;
    return { currency, taxRateBp, plans: plans.map((plan) => ({ id: plan.id, interval: plan.interval, unitPriceMinor: plan.unitPriceMinor, tiers: priceTiers(plan, volume) })), trial: { maxSeats, maxDays } };
  });

  app.post<{ Body: { lines?: CartLine[]; plan?: string; quantity?: number; card: string } }>(
    '/api/v1/checkout',
    {
      config: { rateLimit: { max: services.config.rateLimits.purchasesPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: 'Buy subscriptions (a cart of plan lines, or one plan and quantity); the buyer becomes their owner. 202 when the bank asks for confirmation.',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } },
        body: {
          type: 'object',
          required: ['card'],
          additionalProperties: false,
          properties: {
            lines: { type: 'array', minItems: 1, maxItems: 10, items: cartLine },
            plan: { type: 'string', maxLength: 40 },
            quantity: { type: 'integer', minimum: 1, maximum: 100000 },
            card: { type: 'string', minLength: 1, maxLength: 64, description: 'Payment method: a test card number for the simulated provider' },
          },
        },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'purchase');
      const result = await services.checkout.purchase(caller, request.body, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );

  app.post<{ Params: { actionId: string }; Body: { approved: boolean } }>(
    '/api/v1/payment-actions/:actionId/complete',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Finish a payment that needed additional authentication (3-D Secure): the final answer of the purchase or invoice payment',
        params: { type: 'object', required: ['actionId'], properties: { actionId: { type: 'string', format: 'uuid' } } },
        body: { type: 'object', required: ['approved'], additionalProperties: false, properties: { approved: { type: 'boolean', description: "The simulated bank's answer; a real provider's status is read from the provider" } } },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const result = await services.billing.completeAction(caller, request.params.actionId, request.body.approved);
      return reply.code(result.statusCode).send(result.body);
    },
  );
}
