/**
 * The API's error answers as schemas: `{"error": {"code", "message", "details"?}}` with the codes
 * of shared/src/api/errors.ts, described per status. Routes declare the errors their service can
 * send (`errorAnswers(404, 409)`); `addFrameworkAnswers` declares, on every documented route, the
 * ones Fastify and the plugins send themselves (validation, body parsing, rate limits, our own
 * faults), and ./authentication.ts the ones of the access token. So every status a route answers
 * has its schema, its serialiser and its line in /api/docs, each declared where it arises.
 */
import type { RouteOptions } from 'fastify';
import { Type, type TObject } from 'typebox';
import { API_ERROR_CODES } from '#shared/api/errors.js';
import { StringEnum } from '#shared/api/schemaKit.js';

const ERROR_DESCRIPTIONS = {
  400: 'The request is not valid (VALIDATION_FAILED, or a code naming what is wrong): correct it before sending it again',
  401: 'No valid access token (TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_WRONG_AUDIENCE, TOKEN_WRONG_ISSUER): sign in again',
  402: "The payment was declined (PAYMENT_DECLINED; details.reason is the bank's reason)",
  403: 'Signed in, but not allowed (FORBIDDEN, TOKEN_SCOPE_MISSING, or a code naming the rule)',
  404: 'Not found, or not visible to the caller (a code naming what)',
  409: 'Conflicts with the current state (a code naming it)',
  410: 'No longer usable: expired, used, revoked or superseded (a code naming which)',
  413: 'The request body is too large (PAYLOAD_TOO_LARGE)',
  415: 'The body is not JSON (UNSUPPORTED_MEDIA_TYPE)',
  422: 'The Idempotency-Key was used for a different request (IDEMPOTENCY_KEY_REUSED)',
  429: 'Too many requests from this client (RATE_LIMITED): try again later',
  500: 'Our fault (INTERNAL): try again; if it keeps happening, contact support',
  503: 'A service we depend on is unreachable (INTERNAL): try again shortly',
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

export function errorBody(description: string) {
  return Type.Object(
    {
      error: Type.Object({
        code: StringEnum(API_ERROR_CODES),
        message: Type.String({ description: 'For people: says what to do' }),
        details: Type.Optional(Type.Unknown()),
      }),
    },
    { description },
  );
}

export const ApiErrorBodySchema = errorBody('An error');

type ErrorAnswers<S extends ErrorStatus> = { [K in S]: ReturnType<typeof errorBody> };

/** The error answers a route's service can send, by status. */
export function errorAnswers<const S extends ErrorStatus>(...statuses: S[]): ErrorAnswers<S> {
  return Object.fromEntries(
    statuses.map((status) => [status, errorBody(ERROR_DESCRIPTIONS[status])]),
  ) as ErrorAnswers<S>;
}

/** What a success means when its schema does not say (OpenAPI requires a description per answer). */
const SUCCESS_DESCRIPTIONS: Record<string, string> = {
  200: 'Done',
  201: 'Created',
  202: "Waiting for the payer's bank: complete the payment action (POST /api/v1/payment-actions/{actionId}/complete)",
  204: 'Done; nothing to return',
};

/** 204: nothing in the body. */
export const NoContent = Type.Null({ description: 'Done; nothing to return' });

// Fastify parses a body for these (DELETE too, when one is sent).
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The answers Fastify and the plugins give on their own, added to a route that documents its
 * answers (`schema.response`): 400 when it validates input, 413 and 415 when it reads a body,
 * 429 when it is rate limited, 500 always. A route's own declaration of a status wins.
 */
export function addFrameworkAnswers(route: RouteOptions): void {
  const schema = route.schema;
  if (!schema?.response) return;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const readsBody = methods.some((method) => BODY_METHODS.has(method));
  const validates =
    readsBody || schema.params !== undefined || schema.querystring !== undefined || schema.headers !== undefined;
  const limited = (route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== undefined;
  const statuses: ErrorStatus[] = [
    ...(validates ? [400 as const] : []),
    ...(readsBody ? [413 as const, 415 as const] : []),
    ...(limited ? [429 as const] : []),
    500,
  ];
  const declared = Object.fromEntries(
    Object.entries(schema.response as Record<string, TObject & { description?: string }>).map(([status, answer]) => [
      status,
      answer.description === undefined && status in SUCCESS_DESCRIPTIONS
        ? { ...answer, description: SUCCESS_DESCRIPTIONS[status] }
        : answer,
    ]),
  );
  route.schema = { ...schema, response: { ...errorAnswers(...statuses), ...declared } };
}

/** Adds the framework's answers to every documented route registered from now on. */
export function documentFrameworkAnswers(app: {
  addHook(name: 'onRoute', hook: (route: RouteOptions) => void): unknown;
}): void {
  app.addHook('onRoute', addFrameworkAnswers);
}
