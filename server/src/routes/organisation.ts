/** Approved domains (A6) and the activity journal (A7) of a subscription's organisation. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';
import { isoDateTime, integerText, parseInteger, parseTime, subscriptionIdParams } from './schemas.js';

interface JournalQuery {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: string;
  order?: 'asc' | 'desc';
}

const journalQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { actor: { type: 'string', maxLength: 320 }, action: { type: 'string', maxLength: 64 }, from: isoDateTime, to: isoDateTime, limit: integerText, order: { type: 'string', enum: ['asc', 'desc'] } },
} as const;

export function registerOrganisationRoutes(app: FastifyInstance, services: Services): void {
  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/domains', { schema: { summary: 'Approved domains of the organisation', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return { domains: services.organisations.listDomains(caller, request.params.id) };
  });

  app.post<{ Params: { id: string }; Body: { domain: string } }>(
    '/api/v1/subscriptions/:id/domains',
    { schema: { summary: 'Approve a domain for seat assignment', params: subscriptionIdParams, body: { type: 'object', required: ['domain'], additionalProperties: false, properties: { domain: { type: 'string', minLength: 3, maxLength: 253 } } } } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const result = services.organisations.addDomain(caller, request.params.id, request.body.domain, request.ip);
      return reply.code(result.added ? 201 : 200).send(result);
    },
  );

  app.delete<{ Params: { id: string; domain: string } }>(
    '/api/v1/subscriptions/:id/domains/:domain',
    { schema: { summary: 'Withdraw approval of a domain', params: { type: 'object', required: ['id', 'domain'], properties: { id: { type: 'string', format: 'uuid' }, domain: { type: 'string', maxLength: 253 } } } } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      services.organisations.removeDomain(caller, request.params.id, request.params.domain, request.ip);
      return reply.code(204).send();
    },
  );

  const filter = (q: JournalQuery) => ({ actor: q.actor, action: q.action, from: parseTime(q.from), to: parseTime(q.to), limit: parseInteger(q.limit, 1000, 10_000), newestFirst: q.order === 'desc' });

  app.get<{ Params: { id: string }; Querystring: JournalQuery }>('/api/v1/subscriptions/:id/journal', { schema: { summary: 'Activity journal, filterable', params: subscriptionIdParams, querystring: journalQuery } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return { entries: services.organisations.journal(caller, request.params.id, filter(request.query)) };
  });

  app.get<{ Params: { id: string }; Querystring: JournalQuery }>('/api/v1/subscriptions/:id/journal/export', { schema: { summary: 'Activity journal as CSV', params: subscriptionIdParams, querystring: journalQuery } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="outmerge-journal.csv"').send(services.organisations.journalCsv(caller, request.params.id, filter(request.query)));
  });
}
