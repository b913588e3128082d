/** About the signed-in person rather than a subscription: their own license (A8), leaving another organisation's seat, and their tenant's admin-consent link (A10). */
import { Type } from 'typebox';
import { Uuid } from '#shared/api/schemaKit.js';
import { MyLicenseViewSchema } from '#shared/api/views.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import type { Services } from '../services.js';
import type { Api } from './schemas.js';

export function registerMeRoutes(app: Api, services: Services): void {
  app.get(
    '/me/license',
    {
      schema: {
        summary:
          "The caller's own seat: status, plan and whom to ask (the subscription owner); how many subscriptions they administer",
        response: { 200: MyLicenseViewSchema },
      },
    },
    async (request) => services.organisations.myLicense(request.caller),
  );

  app.post(
    '/me/seats/:seatId/leave',
    {
      schema: {
        summary: 'Leave a seat that an organisation of another tenant assigned to you',
        params: Type.Object({ seatId: Uuid() }),
        response: { 204: NoContent, ...errorAnswers(404, 409) },
      },
    },
    async (request, reply) => {
      await services.organisations.leaveSeat(request.caller, request.params.seatId, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/admin-consent',
    {
      schema: {
        summary: "The admin-consent link for the caller's Microsoft 365 tenant",
        response: { 200: Type.Object({ tenantId: Type.String(), url: Type.String({ format: 'uri' }) }) },
      },
    },
    async (request) => services.adminConsent(request.caller),
  );
}
