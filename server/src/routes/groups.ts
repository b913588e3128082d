/** Seats that follow Microsoft 365 groups (issue 17): the linked groups, the picker's search, linking, unlinking, syncing now. */
import { Type } from 'typebox';
import { Uuid } from '#shared/api/schemaKit.js';
import { DirectoryGroupViewSchema, GroupSyncViewSchema } from '#shared/api/groupViews.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import type { Services } from '../services.js';
import { type Api, LanguageString, Strict, SubscriptionIdParams } from './schemas.js';

const LinkParams = Type.Object({ id: SubscriptionIdParams.properties.id, linkId: Uuid() });

export function registerGroupRoutes(app: Api, services: Services): void {
  // Each search and each link is a call to Microsoft Graph made by the server: bounded per client.
  const graphLimit = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get(
    '/subscriptions/:id/groups',
    {
      schema: {
        summary: 'Linked Microsoft 365 groups, the last sync and its result, the members waiting for a seat',
        params: SubscriptionIdParams,
        response: { 200: GroupSyncViewSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) => services.groups.view(request.caller, request.params.id),
  );

  app.get(
    '/subscriptions/:id/groups/search',
    {
      config: graphLimit,
      schema: {
        summary:
          "Groups of the organisation's own Microsoft 365 tenant whose name has a word starting with q (owner, delegates with assign)",
        params: SubscriptionIdParams,
        querystring: Strict({ q: Type.Optional(Type.String({ maxLength: 120 })) }),
        response: {
          200: Type.Object({ groups: Type.Array(DirectoryGroupViewSchema) }),
          ...errorAnswers(403, 404, 409, 503),
        },
      },
    },
    async (request) => ({
      groups: await services.groups.search(request.caller, request.params.id, request.query.q ?? ''),
    }),
  );

  app.post(
    '/subscriptions/:id/groups',
    {
      config: graphLimit,
      schema: {
        summary:
          "Link a group of the organisation's own tenant and sync at once: 201 when linked now, 200 when it already was",
        params: SubscriptionIdParams,
        body: Strict({ groupId: Uuid(), language: Type.Optional(LanguageString) }),
        response: { 200: GroupSyncViewSchema, 201: GroupSyncViewSchema, ...errorAnswers(400, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const { view, created } = await services.groups.link(
        request.caller,
        request.params.id,
        request.body.groupId,
        request.body.language,
        request.ip,
      );
      return reply.code(created ? 201 : 200).send(view);
    },
  );

  app.delete(
    '/subscriptions/:id/groups/:linkId',
    {
      schema: {
        summary: 'Unlink a group: the seats it gave go now, unless their person is in another linked group',
        params: LinkParams,
        response: { 204: NoContent, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      await services.groups.unlink(request.caller, request.params.id, request.params.linkId, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/subscriptions/:id/groups/sync',
    {
      config: graphLimit,
      schema: {
        summary: 'Sync the linked groups now',
        params: SubscriptionIdParams,
        response: { 200: GroupSyncViewSchema, ...errorAnswers(403, 404, 409, 503) },
      },
    },
    async (request) => services.groups.syncNow(request.caller, request.params.id),
  );
}
