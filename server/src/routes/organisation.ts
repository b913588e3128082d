/** The organisation's domains and their proofs (A6), its administrators, and the activity journal (A7). */
import { Type, type Static } from 'typebox';
import {
  DomainVerificationRecordSchema,
  DomainViewSchema,
  JournalEntryViewSchema,
  OrganisationAdministratorViewSchema,
} from '#shared/api/views.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import { readerLocale } from '../http/documents.js';
import type { Services } from '../services.js';
import {
  type Api,
  CsvFile,
  IsoDateTime,
  JournalLimitText,
  LanguageQuery,
  parseInteger,
  parseTime,
  SortOrder,
  Strict,
  SubscriptionIdParams,
} from './schemas.js';

const JournalQuery = Strict({
  actor: Type.Optional(Type.String({ maxLength: 320 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(IsoDateTime),
  to: Type.Optional(IsoDateTime),
  limit: Type.Optional(JournalLimitText),
  order: Type.Optional(SortOrder),
});

const JournalExportQuery = Strict({ ...JournalQuery.properties, ...LanguageQuery.properties });
const DomainBody = Strict({ domain: Type.String({ minLength: 3, maxLength: 253 }) });
const Domain = Type.String({ maxLength: 253 });
const DomainParams = Type.Object({ id: SubscriptionIdParams.properties.id, domain: Domain });
const OrganisationDomainParams = Type.Object({ domain: Domain });
/** A domain as added: 201 when new, 200 when it was already there. */
const DomainAdded = Type.Object({ ...DomainViewSchema.properties, added: Type.Boolean() });

export function registerOrganisationRoutes(app: Api, services: Services): void {
  // "Check now" makes the server ask DNS: bounded per client.
  const checkLimit = { rateLimit: { max: services.config.rateLimits.domainChecksPerMinute, timeWindow: '1 minute' } };

  app.get(
    '/subscriptions/:id/domains',
    {
      schema: {
        summary: 'Domains of the organisation, proven or pending; the TXT record for those who manage them',
        params: SubscriptionIdParams,
        response: {
          200: Type.Object({
            domains: Type.Array(DomainViewSchema),
            record: Type.Optional(DomainVerificationRecordSchema),
          }),
          ...errorAnswers(403, 404),
        },
      },
    },
    async (request) => services.domains.list(request.caller, request.params.id),
  );

  app.post(
    '/subscriptions/:id/domains',
    {
      config: checkLimit,
      schema: {
        summary: 'Add a domain to prove (organisation administrators); checked at once',
        params: SubscriptionIdParams,
        body: DomainBody,
        response: { 200: DomainAdded, 201: DomainAdded, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const result = await services.domains.add(
        request.caller,
        { via: 'subscription', subscriptionId: request.params.id },
        request.body.domain,
        request.ip,
      );
      return reply.code(result.added ? 201 : 200).send(result);
    },
  );

  app.post(
    '/subscriptions/:id/domains/:domain/check',
    {
      config: checkLimit,
      schema: {
        summary: 'Check the proof of a domain now (its TXT record, or the own tenant)',
        params: DomainParams,
        response: { 200: DomainViewSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) =>
      services.domains.check(
        request.caller,
        { via: 'subscription', subscriptionId: request.params.id },
        request.params.domain,
        request.ip,
      ),
  );

  app.delete(
    '/subscriptions/:id/domains/:domain',
    {
      schema: {
        summary: 'Remove a domain of the organisation (organisation administrators)',
        params: DomainParams,
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.domains.remove(
        request.caller,
        { via: 'subscription', subscriptionId: request.params.id },
        request.params.domain,
        request.ip,
      );
      return reply.code(204).send(null);
    },
  );

  // The caller's own organisation (their tenant's), for its administrators, with or without a role in a subscription.
  app.get(
    '/organisation',
    {
      schema: {
        summary: "Your tenant's organisation: domains, TXT record, administrators (organisation administrators)",
        response: {
          200: Type.Object({
            name: Type.String(),
            tenantId: Type.String(),
            domains: Type.Array(DomainViewSchema),
            record: DomainVerificationRecordSchema,
            administrators: Type.Array(OrganisationAdministratorViewSchema),
          }),
          ...errorAnswers(403, 404),
        },
      },
    },
    async (request) => services.domains.organisation(request.caller),
  );
  app.post(
    '/organisation/domains',
    {
      config: checkLimit,
      schema: {
        summary: 'Add a domain to prove',
        body: DomainBody,
        response: { 200: DomainAdded, 201: DomainAdded, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      const result = await services.domains.add(
        request.caller,
        { via: 'organisation' },
        request.body.domain,
        request.ip,
      );
      return reply.code(result.added ? 201 : 200).send(result);
    },
  );
  app.post(
    '/organisation/domains/:domain/check',
    {
      config: checkLimit,
      schema: {
        summary: 'Check the proof of a domain now',
        params: OrganisationDomainParams,
        response: { 200: DomainViewSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) =>
      services.domains.check(request.caller, { via: 'organisation' }, request.params.domain, request.ip),
  );
  app.delete(
    '/organisation/domains/:domain',
    {
      schema: {
        summary: 'Remove a domain',
        params: OrganisationDomainParams,
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.domains.remove(request.caller, { via: 'organisation' }, request.params.domain, request.ip);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/organisation/administrators',
    {
      schema: {
        summary: 'Organisation administrators',
        response: {
          200: Type.Object({ administrators: Type.Array(OrganisationAdministratorViewSchema) }),
          ...errorAnswers(403, 404),
        },
      },
    },
    async (request) => ({ administrators: await services.domains.administrators(request.caller) }),
  );
  app.post(
    '/organisation/administrators',
    {
      schema: {
        summary:
          "Appoint an owner or delegate of one of the organisation's subscriptions as organisation administrator",
        body: Strict({ email: Type.String({ minLength: 3, maxLength: 254 }) }),
        response: { 201: OrganisationAdministratorViewSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.domains.appoint(request.caller, request.body.email, request.ip)),
  );
  app.delete(
    '/organisation/administrators/:administratorId',
    {
      schema: {
        summary: 'Dismiss an organisation administrator',
        params: Type.Object({ administratorId: Type.String({ maxLength: 64 }) }),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await services.domains.dismiss(request.caller, request.params.administratorId, request.ip);
      return reply.code(204).send(null);
    },
  );

  const filter = (q: Static<typeof JournalQuery>) => ({
    actor: q.actor,
    action: q.action,
    from: parseTime(q.from),
    to: parseTime(q.to),
    limit: parseInteger(q.limit, 1000, 10_000),
    newestFirst: q.order === 'desc',
  });

  app.get(
    '/subscriptions/:id/journal',
    {
      schema: {
        summary: 'Activity journal, filterable',
        params: SubscriptionIdParams,
        querystring: JournalQuery,
        response: { 200: Type.Object({ entries: Type.Array(JournalEntryViewSchema) }), ...errorAnswers(403, 404) },
      },
    },
    async (request) => ({
      entries: await services.organisations.journal(request.caller, request.params.id, filter(request.query)),
    }),
  );

  app.get(
    '/subscriptions/:id/journal/export',
    {
      schema: {
        summary: 'Activity journal as CSV, in the language of `lang` (or Accept-Language)',
        params: SubscriptionIdParams,
        querystring: JournalExportQuery,
        response: { 200: CsvFile, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="outmerge-journal.csv"')
        .send(
          await services.organisations.journalCsv(
            request.caller,
            request.params.id,
            filter(request.query),
            readerLocale(request),
          ),
        ),
  );
}
