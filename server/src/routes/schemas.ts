/**
 * The request pieces the route files share, as TypeBox definitions (validation, the handler's
 * types and OpenAPI from one definition; answers are in shared/src/api/views.ts), and the
 * Fastify instance type the route files are written against.
 *
 * Validation stays with Fastify's Ajv, configured strict in ../app.ts (no coercion, no stripping):
 * the type provider's own TypeBox compiler converts query and path values, which would let "1e3"
 * or " 7" through as numbers.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { Type, type TProperties } from 'typebox';
import { Uuid, StringEnum } from '#shared/api/schemaKit.js';
import { PERMISSIONS } from '#shared/permissions/permissions.js';

/** The instance route files register on: request and reply types come from the schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A body or query object: an unknown field is the client's mistake to be told about, never ignored. */
export function Strict<T extends TProperties>(properties: T, options: { description?: string } = {}) {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

export const SubscriptionIdParams = Type.Object({ id: Uuid() });

/** Path parameters of an item under a subscription (`/subscriptions/:id/<name>/:<name>`). */
export function SubscriptionItemParams<const N extends string>(name: N) {
  return Type.Object({ id: Uuid(), [name]: Uuid() } as { id: ReturnType<typeof Uuid> } & {
    [K in N]: ReturnType<typeof Uuid>;
  });
}

export const EmailString = Type.String({ minLength: 1, maxLength: 320 });

export const PermissionList = Type.Array(StringEnum(PERMISSIONS), {
  minItems: 1,
  maxItems: PERMISSIONS.length,
  uniqueItems: true,
});

export const LanguageString = Type.String({
  maxLength: 35,
  description: 'Language of emails sent by this call (en, fr, de)',
});

/** Query numbers arrive as text; validation is strict, so routes parse them from these patterns. */
export const IntegerText = Type.String({ pattern: '^[0-9]{1,9}$' });

/** A journal's page: 1 to 10,000 entries. */
export const JournalLimitText = Type.String({
  pattern: '^(?:[1-9][0-9]{0,3}|10000)$',
  description: '1 to 10,000 entries',
});

/** A page size of 1 to 1000 items. */
export const PageLimitText = Type.String({
  pattern: '^(?:[1-9][0-9]{0,2}|1000)$',
  description: '1 to 1000 items per page',
});

export const IsoDateTime = Type.String({ format: 'date-time' });

export const SortOrder = StringEnum(['asc', 'desc']);

/** The language of a printable page. */
export const LanguageQuery = Strict({ lang: Type.Optional(Type.String({ maxLength: 35 })) });

/** Every charging call carries one (8 to 255 printable characters; checked by ../http/idempotencyKey.ts for its own error code). */
export const IdempotencyKeyHeader = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      description: 'A unique key per payment (8 to 255 printable characters): the same key returns the first answer',
    }),
  ),
});

export const CardString = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "A card for the simulated provider, or a real provider's payment-method token",
});

export const HtmlPage = { description: 'A printable HTML page', content: { 'text/html': { schema: Type.String() } } };
export const PdfFile = {
  description: 'A PDF document, as a download',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

export const CsvFile = {
  description: 'A CSV file (UTF-8, formulas neutralised)',
  content: { 'text/csv': { schema: Type.String() } },
};

export function parseInteger(value: string | undefined, fallback: number, max: number): number {
  return value === undefined ? fallback : Math.min(Number(value), max);
}

export function parseTime(value: string | undefined): number | undefined {
  return value === undefined ? undefined : Date.parse(value);
}
