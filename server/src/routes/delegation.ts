/** Delegated administrators and their invitations (A5), and ownership transfer. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { emailString, languageString, permissionList, subscriptionIdParams } from './schemas.js';

const itemParams = (name: string) => ({ type: 'object', required: ['id', name], properties: { id: { type: 'string', format: 'uuid' }, [name]: { type: 'string', format: 'uuid' } } }) as const;

export function registerDelegationRoutes(app: FastifyInstance, services: Services): void {
  // Invitation endpoints carry secrets or send email: limited per client IP.
  const limit = (factor: number) => ({ rateLimit: { max: services.config.rateLimits.invitationsPerMinute * factor, timeWindow: '1 minute' } });

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/delegates', { schema: { summary: 'Delegated administrators and pending invitations', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.delegation.list(caller, request.params.id);
  });

  app.post<{ Params: { id: string }; Body: { email: string; permissions: string[]; language?: string } }>(
    '/api/v1/subscriptions/:id/delegates',
    {
      config: limit(2),
      schema: {
        summary: 'Invite a delegated administrator by email; the invitation is emailed',
        params: subscriptionIdParams,
        body: { type: 'object', required: ['email', 'permissions'], additionalProperties: false, properties: { email: emailString, permissions: permissionList, language: languageString } },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      return reply.code(201).send({ invitation: await services.delegation.invite(caller, request.params.id, request.body, request.ip) });
    },
  );

  app.patch<{ Params: { id: string; delegateId: string }; Body: { permissions: string[] } }>(
    '/api/v1/subscriptions/:id/delegates/:delegateId',
    { schema: { summary: 'Change a delegate\'s permissions', params: itemParams('delegateId'), body: { type: 'object', required: ['permissions'], additionalProperties: false, properties: { permissions: permissionList } } } },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.delegation.editPermissions(caller, request.params.id, request.params.delegateId, request.body.permissions, request.ip);
    },
  );

  app.delete<{ Params: { id: string; delegateId: string } }>('/api/v1/subscriptions/:id/delegates/:delegateId', { schema: { summary: 'Remove a delegate', params: itemParams('delegateId') } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    services.delegation.remove(caller, request.params.id, request.params.delegateId, request.ip);
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string; invitationId: string } }>(
    '/api/v1/subscriptions/:id/invitations/:invitationId/resend',
    { config: limit(1), schema: { summary: 'Send a new invitation link; the previous one stops working', params: itemParams('invitationId') } },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return { invitation: await services.delegation.resend(caller, request.params.id, request.params.invitationId, request.ip) };
    },
  );

  app.delete<{ Params: { id: string; invitationId: string } }>('/api/v1/subscriptions/:id/invitations/:invitationId', { schema: { summary: 'Revoke a pending invitation', params: itemParams('invitationId') } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    services.delegation.revoke(caller, request.params.id, request.params.invitationId, request.ip);
    return reply.code(204).send();
  });

  app.post<{ Body: { token: string } }>(
    '/api/v1/invitations/accept',
    {
      config: limit(1),
      schema: { summary: 'Accept an invitation as the signed-in person', body: { type: 'object', required: ['token'], additionalProperties: false, properties: { token: { type: 'string', minLength: 1, maxLength: 200 } } } },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.delegation.accept(caller, request.body.token, request.ip);
    },
  );

  app.post<{ Params: { id: string }; Body: { delegateId?: string; email?: string; language?: string } }>(
    '/api/v1/subscriptions/:id/ownership',
    {
      schema: {
        summary: 'Transfer ownership to one of the subscription\'s delegates, chosen by id or by email address',
        params: subscriptionIdParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { delegateId: { type: 'string', format: 'uuid' }, email: emailString, language: languageString },
          oneOf: [{ required: ['delegateId'] }, { required: ['email'] }],
        },
      },
    },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const { delegateId, email, language } = request.body;
      await services.delegation.transferOwnership(caller, request.params.id, { ...(delegateId === undefined ? {} : { delegateId }), ...(email === undefined ? {} : { email }) }, language, request.ip);
      return reply.code(204).send();
    },
  );
}
