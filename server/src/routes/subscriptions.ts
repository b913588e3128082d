import type { FastifyInstance } from 'fastify';
import type { SubscriptionRow } from '../storage/storage.js';
import type { Services } from '../services.js';

const idParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;

function subscriptionView(subscription: SubscriptionRow) {
  return {
    id: subscription.id,
    plan: subscription.planId,
    quantity: subscription.quantity,
    assigned: subscription.assignedCount,
    status: subscription.status,
    periodStart: new Date(subscription.periodStart).toISOString(),
    periodEnd: new Date(subscription.periodEnd).toISOString(),
    owner: subscription.ownerEmail,
  };
}

export function registerSubscriptionRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/subscriptions', { schema: { summary: 'Subscriptions the caller owns or administers' } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return { subscriptions: services.storage.listSubscriptionsOwnedBy(caller.tenantId, caller.objectId).map(subscriptionView) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id', { schema: { params: idParam } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    const { subscription, seats } = services.seats.list(caller, request.params.id);
    return { ...subscriptionView(subscription), seats };
  });

  app.post<{ Params: { id: string }; Body: { emails: string[]; language?: string } }>(
    '/api/v1/subscriptions/:id/assignments',
    {
      schema: {
        summary: 'Assign seats by email; one result per address',
        params: idParam,
        body: {
          type: 'object',
          required: ['emails'],
          additionalProperties: false,
          properties: {
            emails: { type: 'array', minItems: 1, maxItems: 10000, items: { type: 'string', maxLength: 320 } },
            language: { type: 'string', maxLength: 35, description: 'Language of the welcome email (en, fr, de)' },
          },
        },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return { results: await services.seats.assign(caller, request.params.id, request.body.emails, request.body.language, request.ip) };
    },
  );

  app.delete<{ Params: { id: string; email: string } }>(
    '/api/v1/subscriptions/:id/assignments/:email',
    { schema: { params: { type: 'object', required: ['id', 'email'], properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string', maxLength: 320 } } } } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      services.seats.unassign(caller, request.params.id, request.params.email, request.ip);
      return reply.code(204).send();
    },
  );
}
