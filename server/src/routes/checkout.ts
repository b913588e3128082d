import type { FastifyInstance } from 'fastify';
import { ApiError } from '../http/apiError.js';
import type { Services } from '../services.js';

export function registerCheckoutRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/plans', { schema: { summary: 'Plans and per-seat prices in integer minor units' } }, async () => ({
    currency: services.config.payments.currency,
    plans: services.config.payments.plans.map((plan) => ({ id: plan.id, interval: plan.interval, unitPriceMinor: plan.unitPriceMinor })),
  }));

  app.post<{ Body: { plan: string; quantity: number; card: string } }>(
    '/api/v1/checkout',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Buy a subscription; the buyer becomes its owner',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string' } } },
        body: {
          type: 'object',
          required: ['plan', 'quantity', 'card'],
          additionalProperties: false,
          properties: {
            plan: { type: 'string', maxLength: 40 },
            quantity: { type: 'integer', minimum: 1, maximum: 100000 },
            card: { type: 'string', minLength: 1, maxLength: 64, description: 'Payment method: a test card number for the simulated provider' },
          },
        },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !/^[\x21-\x7e]{8,255}$/.test(key)) {
        throw new ApiError(400, 'IDEMPOTENCY_KEY_MISSING', 'Send a unique Idempotency-Key header (8 to 255 printable characters) with every purchase.');
      }
      const result = await services.checkout.purchase(caller, request.body, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );
}
