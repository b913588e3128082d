/**
 * The contract every route keeps, checked on every registered route (Fastify's onRoute hook):
 * - it is in the explicit public list (server/src/http/publicRoutes.ts), or it refuses a request
 *   without a valid token with 401 in the API's error shape and a Bearer challenge;
 * - it declares its answers (success and the error shape of each status it can send; what it
 *   really sends is checked across the whole API suite by tests/helpers/answerAudit.ts);
 * - its body and query refuse unknown fields;
 * - /api/docs is an OpenAPI 3.0 document listing every documented route with those answers.
 * Development stand-ins and the built pages are not the API: they are public and undocumented.
 */
import Fastify, { type HTTPMethods, type RouteOptions } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { PUBLIC_PREFIXES, PUBLIC_ROUTES, STATIC_ROUTE, isPublicRoute } from '../../server/src/http/publicRoutes.js';
import { auditAnswers, documents } from '../helpers/answerAudit.js';

let built: BuiltApp;
let dataDir: string;
const routes: RouteOptions[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-routes-'));
  // A built page, so that the static files' route is registered too.
  const staticDir = path.join(dataDir, 'pages');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Outmerge</title>');
  const config = loadConfig({
    PUBLIC_URL: 'http://127.0.0.1:3999',
    DATA_DIR: dataDir,
    STATIC_DIR: staticDir,
    LOG_LEVEL: 'silent',
  });
  built = await buildApp(config, { logger: false, onRoute: (route) => routes.push(route) });
  await built.app.ready();
});
afterAll(async () => {
  await built.app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const methodsOf = (route: RouteOptions) =>
  (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethods[];
const isStandIn = (route: RouteOptions) =>
  route.url === STATIC_ROUTE || PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix));
/** The API's own routes: everything but the stand-ins and the pages. */
const documented = () => routes.filter((route) => !isStandIn(route));
const protectedRoutes = () =>
  routes.filter((route) => methodsOf(route).some((method) => !isPublicRoute(method, route.url)));

/** A concrete URL for a route pattern: the hook runs before validation, so any value does. */
function urlOf(pattern: string): string {
  return pattern.replace(/:([A-Za-z]+)/g, (_match, name: string) =>
    name === 'email'
      ? 'anna%40contoso.com'
      : name === 'domain'
        ? 'contoso.com'
        : '00000000-0000-4000-8000-000000000000',
  );
}

describe('authentication', () => {
  it('sees every route: the API, the stand-ins and the pages', () => {
    const urls = new Set(routes.map((route) => route.url));
    for (const url of [
      '/api/v1/license/check',
      '/api/v1/subscriptions/:id/seats',
      '/api/v1/partners/:partnerId/customers',
      '/dev/idp/token',
      STATIC_ROUTE,
    ])
      expect(urls).toContain(url);
    expect(routes.length).toBeGreaterThan(100);
  });

  it('every public entry names a registered route', () => {
    const registered = new Set(routes.flatMap((route) => methodsOf(route).map((method) => `${method} ${route.url}`)));
    for (const entry of PUBLIC_ROUTES) expect(registered, entry).toContain(entry);
  });

  it('only /api/v1 holds protected routes, and everything outside it is listed as public', () => {
    for (const route of protectedRoutes())
      expect(route.url, `${methodsOf(route).join(',')} ${route.url}`).toMatch(/^\/api\/v1\//);
  });

  it('every other route refuses a request without a token, or with a bad one, with 401 in the error shape and a Bearer challenge', async () => {
    const checked: string[] = [];
    for (const route of protectedRoutes()) {
      for (const method of methodsOf(route)) {
        if (method === 'HEAD') continue;
        const url = urlOf(route.url);
        const verb = method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        const without = await built.app.inject({
          method: verb,
          url,
          headers: { 'content-type': 'application/json' },
          payload: '{}',
        });
        expect(without.statusCode, `${method} ${route.url}`).toBe(401);
        expect(without.json(), `${method} ${route.url}`).toEqual({
          error: { code: 'TOKEN_MISSING', message: expect.any(String) },
        });
        expect(without.headers['www-authenticate']).toBe('Bearer');
        const forged = await built.app.inject({
          method: verb,
          url,
          headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'content-type': 'application/json' },
          payload: '{}',
        });
        expect(forged.statusCode, `${method} ${route.url}`).toBe(401);
        expect(forged.json<{ error: { code: string } }>().error.code).toMatch(/^TOKEN_/);
        expect(forged.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
        checked.push(`${method} ${route.url}`);
      }
    }
    expect(checked.length).toBeGreaterThan(60);
  });

  it('the public API routes answer without a token', async () => {
    expect((await built.app.inject({ method: 'GET', url: '/api/v1/plans' })).statusCode).toBe(200);
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: '/api/v1/offers/view',
          payload: { code: 'nope', token: 'x'.repeat(20) },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: '/api/v1/payments/webhook',
          payload: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).json(),
    ).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE_INVALID' } });
  });

  it('a raw URL cannot make a protected route look public: only the route pattern counts', async () => {
    for (const url of [
      '/api/v1/plans/../subscriptions',
      '/api/v1/subscriptions?/api/v1/plans',
      '/api/v1/subscriptions?x=/api/v1/plans',
      '/api/v1//subscriptions',
      '/api/v1/subscriptions/',
      '/api/v1/%70lans/../subscriptions',
    ]) {
      const response = await built.app.inject({ method: 'GET', url });
      // Refused, or not a route at all (the pages' handler refuses what is no file): never the subscriptions.
      expect([401, 403, 404], url).toContain(response.statusCode);
      expect(response.body, url).not.toContain('"subscriptions"');
    }
  });

  it('rate limits come before authentication: a flood of bad tokens is refused before any signature is checked', async () => {
    const statuses: number[] = [];
    // 30 a minute (routes/checkout.ts); earlier tests here sent it two.
    for (let i = 0; i < 31; i++)
      statuses.push(
        (
          await built.app.inject({
            method: 'POST',
            url: '/api/v1/payment-actions/00000000-0000-4000-8000-000000000000/complete',
            headers: { authorization: 'Bearer x.y.z' },
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 25).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('a public route cannot read a caller: request.caller throws rather than answering for nobody', async () => {
    const { authenticateRoutes } = await import('../../server/src/http/authentication.js');
    const app = Fastify();
    await app.register(
      async (scope) => {
        authenticateRoutes(scope, async () => ({ tenantId: 't', objectId: 'o', email: null, name: null }));
        scope.get('/plans', async (request) => ({ tenant: request.caller.tenantId }));
        scope.get('/subscriptions', async (request) => ({ tenant: request.caller.tenantId }));
      },
      { prefix: '/api/v1' },
    );
    expect((await app.inject({ method: 'GET', url: '/api/v1/plans' })).statusCode).toBe(500);
    expect((await app.inject({ method: 'GET', url: '/api/v1/subscriptions' })).json()).toEqual({ tenant: 't' });
    await app.close();
  });
});

describe('answers', () => {
  const errorShape = (schema: unknown) =>
    (schema as { properties?: { error?: { properties?: Record<string, unknown> } } }).properties?.error?.properties;

  it('every route of the API declares a success and the error shape for each status it can send', () => {
    const problems: string[] = [];
    for (const route of documented()) {
      const name = `${methodsOf(route).join(',')} ${route.url}`;
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (!response) {
        problems.push(`${name}: no response schema`);
        continue;
      }
      const statuses = Object.keys(response).map(Number);
      if (!statuses.some((status) => status >= 200 && status < 300)) problems.push(`${name}: no success answer`);
      const methods = methodsOf(route);
      const readsBody = methods.some((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method));
      const expected = [500];
      if (readsBody || route.schema?.params || route.schema?.querystring || route.schema?.headers) expected.push(400);
      if (readsBody) expected.push(413, 415);
      if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) expected.push(429);
      if (methods.some((method) => !isPublicRoute(method, route.url))) expected.push(401, 403, 503);
      for (const status of expected) if (!documents(response, status)) problems.push(`${name}: ${status} undeclared`);
      for (const status of statuses.filter((s) => s >= 400)) {
        const fields = errorShape(response[status]);
        if (!fields?.code || !fields.message) problems.push(`${name}: ${status} is not the error shape`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('every body and query refuses unknown fields', () => {
    const loose: string[] = [];
    for (const route of documented()) {
      for (const part of ['body', 'querystring'] as const) {
        const schema = route.schema?.[part] as { additionalProperties?: unknown } | undefined;
        if (schema && schema.additionalProperties !== false) loose.push(`${route.url} ${part}`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('an answer is serialised through its schema: nothing undeclared leaves the server', async () => {
    const response = await built.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    for (const key of response.json<{ keys: Array<Record<string, unknown>> }>().keys)
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
  });

  it('the answer audit the API suite runs under catches a status a route did not declare', async () => {
    const app = Fastify();
    const audit = auditAnswers(app);
    app.get('/api/v1/teapot', { schema: { response: { 200: { type: 'object' } } } }, async (_request, reply) =>
      reply.code(418 as 200).send({}),
    );
    app.get('/api/v1/fine', { schema: { response: { 200: { type: 'object' } } } }, async () => ({}));
    await app.inject({ method: 'GET', url: '/api/v1/teapot' });
    await app.inject({ method: 'GET', url: '/api/v1/fine' });
    expect(audit.undocumented()).toEqual(['GET /api/v1/teapot → 418']);
    await app.close();
  });
});

describe('/api/docs', () => {
  interface Operation {
    security?: unknown[];
    parameters?: Array<{ name: string; in: string; required?: boolean }>;
    responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  }
  let document: {
    openapi: string;
    info: { title: string; version: string };
    paths: Record<string, Record<string, Operation>>;
    components?: unknown;
  };

  beforeAll(async () => {
    const response = await built.app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    document = response.json();
  });

  /** Keywords of an OpenAPI 3.0 Schema Object (OpenAPI 3.0.3 §4.7.24): anything else (`const`, `$id`, a `type` list, `type: "null"`) makes the document invalid. */
  const SCHEMA_KEYWORDS = new Set([
    'title',
    'multipleOf',
    'maximum',
    'exclusiveMaximum',
    'minimum',
    'exclusiveMinimum',
    'maxLength',
    'minLength',
    'pattern',
    'maxItems',
    'minItems',
    'uniqueItems',
    'maxProperties',
    'minProperties',
    'required',
    'enum',
    'type',
    'allOf',
    'oneOf',
    'anyOf',
    'not',
    'items',
    'properties',
    'additionalProperties',
    'description',
    'format',
    'default',
    'nullable',
    'discriminator',
    'readOnly',
    'writeOnly',
    'xml',
    'externalDocs',
    'example',
    'deprecated',
    '$ref',
  ]);
  const TYPES = new Set(['array', 'boolean', 'integer', 'number', 'object', 'string']);

  function schemaProblems(schema: unknown, where: string): string[] {
    if (typeof schema !== 'object' || schema === null) return [`${where}: not a schema`];
    const problems: string[] = [];
    for (const [key, value] of Object.entries(schema)) {
      if (!SCHEMA_KEYWORDS.has(key) && !key.startsWith('x-')) problems.push(`${where}: keyword ${key}`);
      if (key === 'type' && !TYPES.has(value as string)) problems.push(`${where}: type ${JSON.stringify(value)}`);
      if (key === 'properties')
        for (const [name, child] of Object.entries(value as object))
          problems.push(...schemaProblems(child, `${where}.${name}`));
      if ((key === 'items' || key === 'not') && typeof value === 'object')
        problems.push(...schemaProblems(value, `${where}[]`));
      if (key === 'additionalProperties' && typeof value === 'object')
        problems.push(...schemaProblems(value, `${where}{}`));
      if (['allOf', 'oneOf', 'anyOf'].includes(key))
        (value as unknown[]).forEach((child, i) => problems.push(...schemaProblems(child, `${where}|${i}`)));
      if (key === 'nullable' && !('type' in schema)) problems.push(`${where}: nullable without type`);
    }
    return problems;
  }

  it('is an OpenAPI 3.0 document: info, operations with described answers, declared path parameters, 3.0 schemas only', () => {
    expect(document.openapi).toMatch(/^3\.0\.\d$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const problems: string[] = [];
    for (const [pathName, item] of Object.entries(document.paths)) {
      const pathParams = [...pathName.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${pathName}`;
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path');
        for (const name of pathParams)
          if (!declared.some((p) => p.name === name && p.required === true))
            problems.push(`${where}: path parameter ${name} undeclared`);
        if (Object.keys(operation.responses ?? {}).length === 0) problems.push(`${where}: no responses`);
        for (const [status, answer] of Object.entries(operation.responses ?? {})) {
          if (!/^(?:[1-5](?:[0-9]{2}|XX)|default)$/.test(status)) problems.push(`${where}: status ${status}`);
          if (typeof answer.description !== 'string') problems.push(`${where} ${status}: no description`);
          for (const [type, media] of Object.entries(answer.content ?? {}))
            if (media.schema !== undefined)
              problems.push(...schemaProblems(media.schema, `${where} ${status} ${type}`));
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists every documented route of the API with each answer it declares', () => {
    const missing: string[] = [];
    for (const route of documented()) {
      if ((route.schema as { hide?: boolean } | undefined)?.hide) continue;
      const pathName = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
      for (const method of methodsOf(route)) {
        if (method === 'HEAD') continue;
        const operation = document.paths[pathName]?.[method.toLowerCase()];
        if (!operation) {
          missing.push(`${method} ${pathName}`);
          continue;
        }
        for (const status of Object.keys(route.schema?.response as object))
          if (!(status in operation.responses)) missing.push(`${method} ${pathName} ${status}`);
        if (isPublicRoute(method, route.url) && JSON.stringify(operation.security) !== '[]')
          missing.push(`${method} ${pathName}: public but asks for a token`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(document.paths).some((p) => p.startsWith('/dev/'))).toBe(false);
  });

  it('documents answer bodies and the enums from the lists in shared/', () => {
    const check = document.paths['/api/v1/license/check']!.post!.responses;
    const body = JSON.stringify(check['200']);
    for (const code of ['ACTIVE', 'NO_LICENSE', 'SUBSCRIPTION_EXPIRED', 'SUSPENDED', 'SEAT_REMOVED'])
      expect(body).toContain(code);
    expect(JSON.stringify(check['401'])).toContain('TOKEN_MISSING');
    const subscription = JSON.stringify(document.paths['/api/v1/subscriptions/{id}']!.get!.responses['200']);
    for (const action of ['seats.assign', 'subscription.consolidate', 'billing.manage'])
      expect(subscription).toContain(action);
  });
});
