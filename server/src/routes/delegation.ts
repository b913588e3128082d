/** Delegated administrators and their invitations (A5), and ownership transfer. */
import { Type } from 'typebox';
import { StringEnum, Uuid } from '#shared/api/schemaKit.js';
import { DelegateViewSchema, InvitationViewSchema } from '#shared/api/views.js';
import { PERMISSIONS } from '#shared/permissions/permissions.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import type { Services } from '../services.js';
import {
  type Api,
  EmailString,
  LanguageString,
  PermissionList,
  Strict,
  SubscriptionIdParams,
  SubscriptionItemParams,
} from './schemas.js';

const InvitationAnswer = Type.Object({ invitation: InvitationViewSchema });

export function registerDelegationRoutes(app: Api, services: Services): void {
  // Invitation endpoints carry secrets or send email: limited per client IP.
  const limit = (factor: number) => ({
    rateLimit: { max: services.config.rateLimits.invitationsPerMinute * factor, timeWindow: '1 minute' },
  });

  app.get(
    '/subscriptions/:id/delegates',
    {
      schema: {
        summary: 'Delegated administrators and pending invitations',
        params: SubscriptionIdParams,
        response: {
          200: Type.Object({
            delegates: Type.Array(DelegateViewSchema),
            invitations: Type.Array(InvitationViewSchema),
          }),
          ...errorAnswers(403, 404),
        },
      },
    },
    async (request) => services.delegation.list(request.caller, request.params.id),
  );

  app.post(
    '/subscriptions/:id/delegates',
    {
      config: limit(2),
      schema: {
        summary: 'Invite a delegated administrator by email; the invitation is emailed',
        params: SubscriptionIdParams,
        body: Strict({ email: EmailString, permissions: PermissionList, language: Type.Optional(LanguageString) }),
        response: { 201: InvitationAnswer, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        invitation: await services.delegation.invite(request.caller, request.params.id, request.body, request.ip),
      }),
  );

  app.patch(
    '/subscriptions/:id/delegates/:delegateId',
    {
      schema: {
        summary: "Change a delegate's permissions",
        params: SubscriptionItemParams('delegateId'),
        body: Strict({ permissions: PermissionList }),
        response: { 200: DelegateViewSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) =>
      services.delegation.editPermissions(
        request.caller,
        request.params.id,
        request.params.delegateId,
        request.body.permissions,
        request.ip,
      ),
  );

  app.delete(
    '/subscriptions/:id/delegates/:delegateId',
    {
      schema: {
        summary: 'Remove a delegate',
        params: SubscriptionItemParams('delegateId'),
        response: { 204: NoContent, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      await services.delegation.remove(request.caller, request.params.id, request.params.delegateId, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/subscriptions/:id/invitations/:invitationId/resend',
    {
      config: limit(1),
      schema: {
        summary: 'Send a new invitation link; the previous one stops working',
        params: SubscriptionItemParams('invitationId'),
        response: { 200: InvitationAnswer, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) => ({
      invitation: await services.delegation.resend(
        request.caller,
        request.params.id,
        request.params.invitationId,
        request.ip,
      ),
    }),
  );

  app.delete(
    '/subscriptions/:id/invitations/:invitationId',
    {
      schema: {
        summary: 'Revoke a pending invitation',
        params: SubscriptionItemParams('invitationId'),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.delegation.revoke(request.caller, request.params.id, request.params.invitationId, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: limit(1),
      schema: {
        summary: 'Accept an invitation as the signed-in person',
        body: Strict({ token: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: {
          200: Type.Object({
            subscriptionId: Uuid(),
            permissions: Type.Array(StringEnum(PERMISSIONS)),
            invitedBy: Type.String(),
          }),
          ...errorAnswers(403, 404, 409, 410),
        },
      },
    },
    async (request) => services.delegation.accept(request.caller, request.body.token, request.ip),
  );

  app.post(
    '/subscriptions/:id/ownership',
    {
      schema: {
        summary: "Transfer ownership to one of the subscription's delegates, chosen by id or by email address",
        params: SubscriptionIdParams,
        body: Type.Object(
          {
            delegateId: Type.Optional(Uuid()),
            email: Type.Optional(EmailString),
            language: Type.Optional(LanguageString),
          },
          { additionalProperties: false, oneOf: [{ required: ['delegateId'] }, { required: ['email'] }] },
        ),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { delegateId, email, language } = request.body;
      await services.delegation.transferOwnership(
        request.caller,
        request.params.id,
        { ...(delegateId === undefined ? {} : { delegateId }), ...(email === undefined ? {} : { email }) },
        language,
        request.ip,
      );
      return reply.code(204).send(null);
    },
  );
}
