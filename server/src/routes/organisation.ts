/** The organisation's domains and their proofs (A6), its administrators, and the activity journal (A7). */
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
  const domainBody = { type: 'object', required: ['domain'], additionalProperties: false, properties: { domain: { type: 'string', minLength: 3, maxLength: 253 } } } as const;
  const domainParams = { type: 'object', required: ['id', 'domain'], properties: { id: { type: 'string', format: 'uuid' }, domain: { type: 'string', maxLength: 253 } } } as const;
  // "Check now" makes the server ask DNS: bounded per client.
  const checkLimit = { rateLimit: { max: services.config.rateLimits.domainChecksPerMinute, timeWindow: '1 minute' } };

  app.get<{ Params: { id: string } }>('/api/v1/subscriptions/:id/domains', { schema: { summary: 'Domains of the organisation, proven or pending; the TXT record for those who manage them', params: subscriptionIdParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.domains.list(caller, request.params.id);
  });

  app.post<{ Params: { id: string }; Body: { domain: string } }>(
    '/api/v1/subscriptions/:id/domains',
    { config: checkLimit, schema: { summary: 'Add a domain to prove (organisation administrators); checked at once', params: subscriptionIdParams, body: domainBody } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      const result = await services.domains.add(caller, { via: 'subscription', subscriptionId: request.params.id }, request.body.domain, request.ip);
      return reply.code(result.added ? 201 : 200).send(result);
    },
  );

  app.post<{ Params: { id: string; domain: string } }>(
    '/api/v1/subscriptions/:id/domains/:domain/check',
    { config: checkLimit, schema: { summary: 'Check the proof of a domain now (its TXT record, or the own tenant)', params: domainParams } },
    async (request) => {
      const caller = await services.authenticate(request.headers.authorization);
      return services.domains.check(caller, { via: 'subscription', subscriptionId: request.params.id }, request.params.domain, request.ip);
    },
  );

  app.delete<{ Params: { id: string; domain: string } }>(
    '/api/v1/subscriptions/:id/domains/:domain',
    { schema: { summary: 'Remove a domain of the organisation (organisation administrators)', params: domainParams } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      services.domains.remove(caller, { via: 'subscription', subscriptionId: request.params.id }, request.params.domain, request.ip);
      return reply.code(204).send();
    },
  );

  // The caller's own organisation (their tenant's), for its administrators, with or without a role in a subscription.
  const orgDomainParams = { type: 'object', required: ['domain'], properties: { domain: { type: 'string', maxLength: 253 } } } as const;
  app.get('/api/v1/organisation', { schema: { summary: 'Your tenant\'s organisation: domains, TXT record, administrators (organisation administrators)' } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.domains.organisation(caller);
  });
  app.post<{ Body: { domain: string } }>('/api/v1/organisation/domains', { config: checkLimit, schema: { summary: 'Add a domain to prove', body: domainBody } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    const result = await services.domains.add(caller, { via: 'organisation' }, request.body.domain, request.ip);
    return reply.code(result.added ? 201 : 200).send(result);
  });
  app.post<{ Params: { domain: string } }>('/api/v1/organisation/domains/:domain/check', { config: checkLimit, schema: { summary: 'Check the proof of a domain now', params: orgDomainParams } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return services.domains.check(caller, { via: 'organisation' }, request.params.domain, request.ip);
  });
  app.delete<{ Params: { domain: string } }>('/api/v1/organisation/domains/:domain', { schema: { summary: 'Remove a domain', params: orgDomainParams } }, async (request, reply) => {
    const caller = await services.authenticate(request.headers.authorization);
    services.domains.remove(caller, { via: 'organisation' }, request.params.domain, request.ip);
    return reply.code(204).send();
  });
  app.get('/api/v1/organisation/administrators', { schema: { summary: 'Organisation administrators' } }, async (request) => {
    const caller = await services.authenticate(request.headers.authorization);
    return { administrators: services.domains.administrators(caller) };
  });
  app.post<{ Body: { email: string } }>(
    '/api/v1/organisation/administrators',
    { schema: { summary: 'Appoint an owner or delegate of one of the organisation\'s subscriptions as organisation administrator', body: { type: 'object', required: ['email'], additionalProperties: false, properties: { email: { type: 'string', minLength: 3, maxLength: 254 } } } } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      return reply.code(201).send(services.domains.appoint(caller, request.body.email, request.ip));
    },
  );
  app.delete<{ Params: { administratorId: string } }>(
    '/api/v1/organisation/administrators/:administratorId',
    { schema: { summary: 'Dismiss an organisation administrator', params: { type: 'object', required: ['administratorId'], properties: { administratorId: { type: 'string', maxLength: 64 } } } } },
    async (request, reply) => {
      const caller = await services.authenticate(request.headers.authorization);
      services.domains.dismiss(caller, request.params.administratorId, request.ip);
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
