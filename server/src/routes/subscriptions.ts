/** Subscriptions and their seats (A1–A4). Every handler authenticates, then a service asks the permission function. */
import type { FastifyInstance } from 'fastify';
import type { SeatSort } from '../storage/storage.js';
import type { Services } from '../services.js';
import { ApiError } from '../http/apiError.js';
import { decodeSeatCursor, encodeSeatCursor, seatListScope } from '../http/seatCursor.js';
import { emailString, integerText, languageString, parseInteger, subscriptionIdParams } from './schemas.js';

export function registerSubscriptionRoutes(app: FastifyInstance, services: Services): void {
  app.get('/api/v1/subscriptions', { schema: { summary: 'Subscriptions the caller owns or administers, with what they may do there' } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return { subscriptions: services.organisations.listSubscriptions(caller) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id', { schema: { summary: 'One subscription', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.organisations.get(caller, request.params.id);
  });

  app.get<{ Params: { id: string }; Querystring: { search?: string; sort?: SeatSort; order?: 'asc' | 'desc'; offset?: string; after?: string; limit?: string } }>(
    '/api/v1/subscriptions/:id/seats',
    {
      schema: {
        summary: 'Assigned seats with status and last check-in; searchable, sortable, paged',
        params: subscriptionIdParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            search: { type: 'string', maxLength: 320 },
            sort: { type: 'string', enum: ['email', 'status', 'lastCheckIn', 'assignedAt'] },
            order: { type: 'string', enum: ['asc', 'desc'] },
            offset: { ...integerText, description: 'Seats to skip (a jump); not with after' },
            after: { type: 'string', minLength: 1, maxLength: 2048, pattern: '^[A-Za-z0-9_-]+$', description: "The previous page's next: the page after it (same search and order), read without skipping rows" },
            limit: { type: 'string', pattern: '^(?:[1-9][0-9]{0,2}|1000)$', description: '1 to 1000 seats per page' },
          },
        },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      const q = request.query;
      if (q.after !== undefined && q.offset !== undefined) throw new ApiError(400, 'VALIDATION_FAILED', 'Give either offset (a jump) or after (the next page), not both.');
      const scope = seatListScope({ sort: q.sort ?? 'email', descending: q.order === 'desc', search: q.search });
      const after = q.after === undefined ? undefined : decodeSeatCursor(q.after, scope);
      const page = services.seats.query(caller, request.params.id, { search: q.search, sort: scope.sort, descending: scope.descending, offset: parseInteger(q.offset, 0, 1_000_000_000), ...(after ? { after } : {}), limit: parseInteger(q.limit, 100, 1000) });
      return { ...page, next: page.next && encodeSeatCursor(scope, page.next) };
    },
  );

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/seats/export', { schema: { summary: 'All seats as CSV', params: subscriptionIdParams } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="outmerge-seats.csv"').send(services.seats.exportCsv(caller, request.params.id));
  });

  app.post<{ Params: { id: string }; Body: { emails: string[]; language?: string } }>(
    '/api/v1/subscriptions/:id/assignments',
    {
      schema: {
        summary: 'Assign seats by email (up to 10,000 at once); one result per address',
        params: subscriptionIdParams,
        body: { type: 'object', required: ['emails'], additionalProperties: false, properties: { emails: { type: 'array', minItems: 1, maxItems: 10000, items: emailString }, language: languageString } },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return { results: await services.seats.assign(caller, request.params.id, request.body.emails, request.body.language, request.ip) };
    },
  );

  app.post<{ Params: { id: string }; Body: { from: string; to: string; language?: string } }>(
    '/api/v1/subscriptions/:id/assignments/transfer',
    {
      schema: {
        summary: 'Move a seat from one person to another in one step',
        params: subscriptionIdParams,
        body: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: emailString, to: emailString, language: languageString } },
      },
    },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.seats.transfer(caller, request.params.id, request.body.from, request.body.to, request.body.language, request.ip);
    },
  );

  const seatParams = { type: 'object', required: ['id', 'email'], properties: { id: { type: 'string', format: 'uuid' }, email: emailString } } as const;

  app.patch<{ Params: { id: string; email: string }; Body: { suspended: boolean } }>(
    '/api/v1/subscriptions/:id/assignments/:email',
    { schema: { summary: 'Suspend or resume a seat', params: seatParams, body: { type: 'object', required: ['suspended'], additionalProperties: false, properties: { suspended: { type: 'boolean' } } } } },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.seats.setSuspended(caller, request.params.id, request.params.email, request.body.suspended, request.ip);
    },
  );

  app.delete<{ Params: { id: string; email: string } }>('/api/v1/subscriptions/:id/assignments/:email', { schema: { summary: 'Remove a seat', params: seatParams } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    await services.seats.unassign(caller, request.params.id, request.params.email, request.ip);
    return reply.code(204).send();
  });
}
