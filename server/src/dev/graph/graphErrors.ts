/**
 * Microsoft Graph's error answers (learn.microsoft.com/graph/errors): the body
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`, the
 * `request-id` and `client-request-id` headers on every answer (the client's own
 * `client-request-id` echoed), and `Retry-After` in seconds on 429.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export class GraphError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Sets Graph's correlation headers on an answer and returns the ids. */
export function correlate(
  request: FastifyRequest,
  reply: FastifyReply,
): { requestId: string; clientRequestId: string } {
  const header = request.headers['client-request-id'];
  const given = typeof header === 'string' && /^[\w-]{1,100}$/.test(header) ? header : null;
  const ids = { requestId: randomUUID(), clientRequestId: given ?? randomUUID() };
  void reply.header('request-id', ids.requestId).header('client-request-id', ids.clientRequestId);
  return ids;
}

/** Graph's date in innerError: UTC without fraction or zone letter, as in Microsoft's examples. */
function graphDate(at: number): string {
  return new Date(at).toISOString().slice(0, 19);
}

export function sendGraphError(
  reply: FastifyReply,
  error: GraphError,
  ids: { requestId: string; clientRequestId: string },
  now: number,
) {
  if (error.retryAfterSeconds !== undefined) void reply.header('Retry-After', String(error.retryAfterSeconds));
  return reply.code(error.statusCode).send({
    error: {
      code: error.code,
      message: error.message,
      innerError: { date: graphDate(now), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  });
}
