/**
 * Every answer the application sends during an API test must have its schema on its route: a
 * status a route answers without declaring it would be serialised unchecked and missing from
 * /api/docs. The test server records such answers and fails the test file when it closes
 * (`startTestServer`), so the whole API suite checks the routes' declarations against what they
 * really answer. Development stand-ins and the built pages are not the API and are skipped.
 */
import type { FastifyInstance } from 'fastify';
import { PUBLIC_PREFIXES, STATIC_ROUTE } from '../../server/src/http/publicRoutes.js';

export interface AnswerAudit {
  /** `METHOD /route → status` for each answer sent without a schema for its status. */
  undocumented(): string[];
}

/** Whether the route's declared answers cover `status` (exactly, by class like `4XX`, or by `default`). */
export function documents(response: Record<string, unknown>, status: number): boolean {
  return String(status) in response || `${String(status)[0]}XX` in response || 'default' in response;
}

export function auditAnswers(app: FastifyInstance): AnswerAudit {
  const missing = new Set<string>();
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.routeOptions.url;
    // No route (the not-found handler), a stand-in or a built page: not the API's answers.
    if (url === undefined || url === STATIC_ROUTE || PUBLIC_PREFIXES.some((prefix) => url.startsWith(prefix)))
      return payload;
    const response = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
    if (!response) missing.add(`${request.method} ${url}: no response schema`);
    else if (!documents(response, reply.statusCode)) missing.add(`${request.method} ${url} → ${reply.statusCode}`);
    return payload;
  });
  return { undocumented: () => [...missing].sort() };
}
