/**
 * Consolidation by invitation (issue 15, point 4): the target's owner previews, invites, lists and
 * withdraws (`subscription.consolidate`, the owner's); the invited account lists, accepts and
 * declines its requests under /me (bound to the token's tid/oid in the service). No payment: an
 * acceptance fits in seats already paid for.
 */
import { Type } from 'typebox';
import {
  ConsolidationAcceptedSchema,
  ConsolidationInvitationViewSchema,
  ConsolidationPreviewSchema,
} from '#shared/api/views.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import type { Services } from '../services.js';
import {
  type Api,
  EmailString,
  LanguageString,
  Strict,
  SubscriptionIdParams,
  SubscriptionItemParams,
} from './schemas.js';

const InvitationParams = Strict({ invitationId: Type.String({ format: 'uuid' }) });

export function registerConsolidationRoutes(app: Api, services: Services): void {
  const limited = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const invitations = services.consolidationInvitations;

  app.get(
    '/subscriptions/:id/consolidation-invitations/preview',
    {
      config: limited,
      schema: {
        summary:
          "What merging a colleague's individual subscription (found by its owner's address) into this one would do today: seats, room, credit",
        params: SubscriptionIdParams,
        querystring: Strict({ email: EmailString }),
        response: { 200: ConsolidationPreviewSchema, ...errorAnswers(400, 403, 404, 409) },
      },
    },
    async (request) => invitations.preview(request.caller, request.params.id, request.query.email),
  );

  app.post(
    '/subscriptions/:id/consolidation-invitations',
    {
      config: limited,
      schema: {
        summary:
          'Invite a colleague to merge their individual subscription into this one; they are emailed and accept or decline in the portal within 7 days',
        params: SubscriptionIdParams,
        body: Strict({ email: EmailString, language: Type.Optional(LanguageString) }),
        response: { 201: ConsolidationInvitationViewSchema, ...errorAnswers(400, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await invitations.invite(request.caller, request.params.id, request.body, request.ip)),
  );

  app.get(
    '/subscriptions/:id/consolidation-invitations',
    {
      schema: {
        summary:
          'The invitations to merge this subscription sent, newest first, with what accepting would do for pending ones',
        params: SubscriptionIdParams,
        response: {
          200: Type.Object({ invitations: Type.Array(ConsolidationInvitationViewSchema) }),
          ...errorAnswers(403, 404),
        },
      },
    },
    async (request) => ({ invitations: await invitations.sent(request.caller, request.params.id) }),
  );

  app.delete(
    '/subscriptions/:id/consolidation-invitations/:invitationId',
    {
      config: limited,
      schema: {
        summary: 'Withdraw a pending invitation to merge',
        params: SubscriptionItemParams('invitationId'),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await invitations.withdraw(request.caller, request.params.id, request.params.invitationId, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/consolidation-invitations',
    {
      schema: {
        summary:
          "Requests to merge the signed-in account's subscription into a colleague's, waiting for an answer, with what accepting does now",
        response: { 200: Type.Object({ invitations: Type.Array(ConsolidationInvitationViewSchema) }) },
      },
    },
    async (request) => ({ invitations: await invitations.mine(request.caller) }),
  );

  app.post(
    '/me/consolidation-invitations/:invitationId/accept',
    {
      config: limited,
      schema: {
        summary:
          "Accept: the subscription's ownership passes to the inviter, its people move into theirs, it ends, and its unused paid time is credited there with credit notes",
        params: InvitationParams,
        response: { 200: ConsolidationAcceptedSchema, ...errorAnswers(404, 409) },
      },
    },
    async (request) => invitations.accept(request.caller, request.params.invitationId, request.ip),
  );

  app.post(
    '/me/consolidation-invitations/:invitationId/decline',
    {
      config: limited,
      schema: {
        summary: 'Decline a request to merge: nothing changes, the inviter is told',
        params: InvitationParams,
        response: { 204: NoContent, ...errorAnswers(404, 409) },
      },
    },
    async (request, reply) => {
      await invitations.decline(request.caller, request.params.invitationId, request.ip);
      return reply.code(204).send(null);
    },
  );
}
