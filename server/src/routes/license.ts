/** The license check (L3): the signed-in sender's license as a signed token. */
import { Type } from 'typebox';
import { LicenseCheckViewSchema } from '#shared/api/views.js';
import type { Services } from '../services.js';
import { type Api, Strict } from './schemas.js';

export function registerLicenseRoutes(app: Api, services: Services): void {
  app.post(
    '/license/check',
    {
      config: { rateLimit: { max: services.config.rateLimits.licenseCheckPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: "Check the signed-in sender's license and get a signed license token",
        body: Strict({
          nonce: Type.String({
            pattern: '^[A-Za-z0-9_-]{16,128}$',
            description: 'Random value echoed in the signed token',
          }),
        }),
        response: { 200: LicenseCheckViewSchema },
      },
    },
    async (request) => services.licenses.check(request.caller, request.body.nonce),
  );
}
