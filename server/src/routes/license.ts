import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

export function registerLicenseRoutes(app: FastifyInstance, services: Services): void {
  app.post<{ Body: { nonce: string } }>(
    '/api/v1/license/check',
    {
      config: { rateLimit: { max: services.config.rateLimits.licenseCheckPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: 'Check the signed-in sender\'s license and get a signed license token',
        body: {
          type: 'object',
          required: ['nonce'],
          additionalProperties: false,
          properties: { nonce: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$', description: 'Random value echoed in the signed token' } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              valid: { type: 'boolean' },
              code: { type: 'string', enum: ['ACTIVE', 'NO_LICENSE', 'SUBSCRIPTION_EXPIRED', 'SUSPENDED', 'SEAT_REMOVED'] },
              footer: { type: 'boolean' },
              plan: { type: ['string', 'null'] },
              subscriptionId: { type: ['string', 'null'] },
              licenseToken: { type: 'string' },
              expiresAt: { type: 'string' },
            },
          },
        },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.licenses.check(caller, request.body.nonce);
    },
  );
}
