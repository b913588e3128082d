/** About the signed-in person rather than a subscription: their own license (A8), leaving another organisation's seat, and their tenant's admin-consent link (A10). */
import type { FastifyInstance } from 'fastify';
import { adminConsentUrl } from '../../../shared/src/api/adminConsent.js';
import type { Services } from '../services.js';

export function registerMeRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/me/license', { schema: { summary: 'The caller\'s own seat: status, plan and whom to ask (the subscription owner); how many subscriptions they administer' } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.organisations.myLicense(caller);
  });

  app.post<{ Params: { seatId: string } }>(
    '/api/v1/me/seats/:seatId/leave',
    { schema: { summary: 'Leave a seat that an organisation of another tenant assigned to you', params: { type: 'object', required: ['seatId'], properties: { seatId: { type: 'string', format: 'uuid' } } } } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      services.organisations.leaveSeat(caller, request.params.seatId, request.ip);
      return reply.code(204).send();
    },
  );

  app.get('/api/v1/me/admin-consent', { schema: { summary: 'The admin-consent link for the caller\'s Microsoft 365 tenant' } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    const { clientId, apiScope } = services.config.identity;
    return { tenantId: caller.tenantId, url: adminConsentUrl({ tenant: caller.tenantId, clientId, apiScope, publicUrl: services.config.publicUrl }) };
  });
}
