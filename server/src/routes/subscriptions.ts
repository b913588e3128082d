/** Subscriptions and their seats (A1–A4). The caller comes from the API's authentication hook; each service asks the permission function. */
import { Type } from 'typebox';
import { Nullable, StringEnum } from '#shared/api/schemaKit.js';
import { AssignmentResultSchema, SEAT_SORTS, SeatViewSchema, SubscriptionViewSchema } from '#shared/api/views.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import { readerLocale } from '../http/documents.js';
import type { Services } from '../services.js';
import {
  type Api,
  CsvFile,
  EmailString,
  LanguageQuery,
  LanguageString,
  PageLimitText,
  parseInteger,
  SortOrder,
  Strict,
  SubscriptionIdParams,
} from './schemas.js';
import { ApiError } from '../http/apiError.js';
import { decodeSeatCursor, encodeSeatCursor, seatListScope } from '../http/seatCursor.js';

const SeatParams = Type.Object({ id: SubscriptionIdParams.properties.id, email: EmailString });

export function registerSubscriptionRoutes(app: Api, services: Services): void {
  app.get(
    '/subscriptions',
    {
      schema: {
        summary: 'Subscriptions the caller owns or administers, with what they may do there',
        response: { 200: Type.Object({ subscriptions: Type.Array(SubscriptionViewSchema) }) },
      },
    },
    async (request) => ({ subscriptions: await services.organisations.listSubscriptions(request.caller) }),
  );

  app.get(
    '/subscriptions/:id',
    {
      schema: {
        summary: 'One subscription',
        params: SubscriptionIdParams,
        response: { 200: SubscriptionViewSchema, ...errorAnswers(404) },
      },
    },
    async (request) => services.organisations.get(request.caller, request.params.id),
  );

  app.get(
    '/subscriptions/:id/seats',
    {
      schema: {
        summary: 'Assigned seats with status and last check-in; searchable, sortable, paged',
        params: SubscriptionIdParams,
        querystring: Strict({
          search: Type.Optional(Type.String({ maxLength: 320 })),
          sort: Type.Optional(StringEnum(SEAT_SORTS)),
          order: Type.Optional(SortOrder),
          offset: Type.Optional(
            Type.String({ pattern: '^[0-9]{1,9}$', description: 'Seats to skip (a jump); not with after' }),
          ),
          after: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 2048,
              pattern: '^[A-Za-z0-9_-]+$',
              description:
                "The previous page's next: the page after it (same search and order), read without skipping rows",
            }),
          ),
          limit: Type.Optional(PageLimitText),
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(SeatViewSchema),
            next: Nullable(Type.String({ description: 'Give it as after for the next page; null on the last page' })),
          }),
          ...errorAnswers(403, 404),
        },
      },
    },
    async (request) => {
      const q = request.query;
      if (q.after !== undefined && q.offset !== undefined)
        throw new ApiError(400, 'VALIDATION_FAILED', 'Give either offset (a jump) or after (the next page), not both.');
      const scope = seatListScope({ sort: q.sort ?? 'email', descending: q.order === 'desc', search: q.search });
      const after = q.after === undefined ? undefined : decodeSeatCursor(q.after, scope);
      const page = await services.seats.query(request.caller, request.params.id, {
        search: q.search,
        sort: scope.sort,
        descending: scope.descending,
        offset: parseInteger(q.offset, 0, 1_000_000_000),
        ...(after ? { after } : {}),
        limit: parseInteger(q.limit, 100, 1000),
      });
      return { ...page, next: page.next && encodeSeatCursor(scope, page.next) };
    },
  );

  app.get(
    '/subscriptions/:id/seats/export',
    {
      schema: {
        summary: 'All seats as CSV, in the language of `lang` (or Accept-Language)',
        params: SubscriptionIdParams,
        querystring: LanguageQuery,
        response: { 200: CsvFile, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="outmerge-seats.csv"')
        .send(await services.seats.exportCsv(request.caller, request.params.id, readerLocale(request))),
  );

  app.post(
    '/subscriptions/:id/assignments',
    {
      schema: {
        summary: 'Assign seats by email (up to 10,000 at once); one result per address',
        params: SubscriptionIdParams,
        body: Strict({
          emails: Type.Array(EmailString, { minItems: 1, maxItems: 10000 }),
          language: Type.Optional(LanguageString),
        }),
        response: { 200: Type.Object({ results: Type.Array(AssignmentResultSchema) }), ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) => ({
      results: await services.seats.assign(
        request.caller,
        request.params.id,
        request.body.emails,
        request.body.language,
        request.ip,
      ),
    }),
  );

  app.post(
    '/subscriptions/:id/assignments/transfer',
    {
      schema: {
        summary: 'Move a seat from one person to another in one step',
        params: SubscriptionIdParams,
        body: Strict({ from: EmailString, to: EmailString, language: Type.Optional(LanguageString) }),
        response: { 200: AssignmentResultSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) =>
      services.seats.transfer(
        request.caller,
        request.params.id,
        request.body.from,
        request.body.to,
        request.body.language,
        request.ip,
      ),
  );

  app.patch(
    '/subscriptions/:id/assignments/:email',
    {
      schema: {
        summary: 'Suspend or resume a seat',
        params: SeatParams,
        body: Strict({ suspended: Type.Boolean() }),
        response: { 200: SeatViewSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) =>
      services.seats.setSuspended(
        request.caller,
        request.params.id,
        request.params.email,
        request.body.suspended,
        request.ip,
      ),
  );

  app.delete(
    '/subscriptions/:id/assignments/:email',
    {
      schema: { summary: 'Remove a seat', params: SeatParams, response: { 204: NoContent, ...errorAnswers(403, 404) } },
    },
    async (request, reply) => {
      await services.seats.unassign(request.caller, request.params.id, request.params.email, request.ip);
      return reply.code(204).send(null);
    },
  );
}
