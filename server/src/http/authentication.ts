/**
 * One authentication hook for the API prefix, as fastify/demo's `src/routes/api/autohooks.ts`:
 * every route registered in the scope gets an `onRequest` hook that validates the bearer token
 * and puts the caller on the request (`request.caller`), unless the route is in the explicit
 * public list (./publicRoutes.ts). Handlers never authenticate themselves.
 *
 * The hook is attached per route (through `onRoute`), after the rate limiter's, so a flood of bad
 * tokens is limited before any signature is checked, and no body is read before the token is.
 * A 401 carries `WWW-Authenticate: Bearer` (RFC 6750 §3; Microsoft identity platform: a protected
 * web API answers an unauthenticated call with 401 and a challenge).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import type { AccessTokenValidator, CallerIdentity } from '../identity/accessTokenValidator.js';
import { errorAnswers } from './answers.js';
import { ApiError } from './apiError.js';
import { isPublicRoute } from './publicRoutes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller: set by the API's authentication hook before any protected handler runs. Reading it on a public route is a programming error (it throws). */
    readonly caller: CallerIdentity;
  }
}

const callers = new WeakMap<FastifyRequest, CallerIdentity>();

function challenge(error: unknown, reply: FastifyReply): void {
  if (!(error instanceof ApiError)) return;
  if (error.code === 'TOKEN_MISSING') reply.header('www-authenticate', 'Bearer');
  else if (error.statusCode === 401) reply.header('www-authenticate', 'Bearer error="invalid_token"');
  else if (error.code === 'TOKEN_SCOPE_MISSING') reply.header('www-authenticate', 'Bearer error="insufficient_scope"');
}

/** Protects every route registered in `scope` from now on, except the public ones. */
export function authenticateRoutes(scope: FastifyInstance, authenticate: AccessTokenValidator): void {
  scope.decorateRequest('caller', {
    getter(this: FastifyRequest): CallerIdentity {
      const caller = callers.get(this);
      if (!caller)
        throw new Error(
          `${this.method} ${this.routeOptions.url ?? ''} has no caller: it is a public route, or the authentication hook did not run.`,
        );
      return caller;
    },
  });

  const hook: onRequestHookHandler = async (request, reply) => {
    try {
      callers.set(request, await authenticate(request.headers.authorization));
    } catch (error) {
      challenge(error, reply);
      throw error;
    }
  };

  scope.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => isPublicRoute(method, route.url))) return;
    const existing =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, hook];
    // The access token's answers: 401 (no valid token), 403 (token without the API's scope), 503 (the identity provider's keys unreachable).
    if (route.schema?.response)
      route.schema = {
        ...route.schema,
        response: { ...errorAnswers(401, 403, 503), ...(route.schema.response as object) },
      };
  });
}

/** OpenAPI: the public routes need no token (the document's default asks for one). For every route registered from now on. */
export function documentPublicRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((method) => isPublicRoute(method, route.url))) route.schema = { ...route.schema, security: [] };
  });
}
