/**
 * The few TypeBox builders the API's schemas share (shared/src/api/views.ts, the server's request
 * schemas). TypeBox gives, from one definition, the JSON Schema Fastify validates and serialises
 * with, the TypeScript type and the OpenAPI document: nothing is written twice.
 */
import { Type, type TSchema, type TUnsafe } from 'typebox';

/** A string from one of the project's lists (permissions, license codes, statuses…): `{type, enum}`, which OpenAPI 3.0 reads as is. */
export function StringEnum<const Values extends readonly string[]>(
  values: Values,
  options: { description?: string } = {},
): TUnsafe<Values[number]> {
  return Type.Unsafe<Values[number]>({ type: 'string', enum: [...values], ...options });
}

/** A value or null (OpenAPI 3.0: `nullable: true`, which @fastify/swagger writes from this). */
export function Nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** An instant as ISO 8601 text (every time in the API is one). */
export const DateTime = (options: { description?: string } = {}) => Type.String({ format: 'date-time', ...options });

/** An id the server generated. */
export const Uuid = (options: { description?: string } = {}) => Type.String({ format: 'uuid', ...options });

/** Money in integer minor units (cents): never a float. */
export const Minor = (options: { description?: string } = {}) => Type.Integer({ ...options });
