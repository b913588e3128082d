/**
 * Errors Fastify and Node meet before a route runs, in the API's one shape
 * `{"error": {"code", "message"}}` (../app.ts registers them): the router's (a path that is not
 * valid percent-encoding; a parameter longer than the router's limit) and the socket's (a request
 * that did not arrive within HTTP_REQUEST_TIMEOUT_SECONDS, headers too large, not HTTP at all).
 * Fastify's defaults answer these with its own `{"error", "code": "FST_…", "statusCode"}`.
 */
import type { FastifyReply } from 'fastify';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiErrorCode } from '#shared/api/errors.js';

function body(code: ApiErrorCode, message: string): { error: { code: ApiErrorCode; message: string } } {
  return { error: { code, message } };
}

/** Fastify's `frameworkErrors`: FST_ERR_BAD_URL, FST_ERR_MAX_PARAM_LENGTH, FST_ERR_ASYNC_CONSTRAINT. */
export function routerError(error: { code?: string }, reply: FastifyReply): FastifyReply {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return reply
      .code(414)
      .send(body('VALIDATION_FAILED', 'A part of the address is too long (at most 100 characters between slashes).'));
  if (error.code === 'FST_ERR_BAD_URL')
    return reply
      .code(400)
      .send(body('VALIDATION_FAILED', 'The address is not valid: a part of it is not correctly percent-encoded.'));
  return reply
    .code(400)
    .send(body('VALIDATION_FAILED', 'The request could not be routed. Check the address and its headers.'));
}

/** Fastify's `clientErrorHandler` (Node's 'clientError'): answers what it can on the raw socket, then closes it. */
export function clientError(error: Error & { code?: string }, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status: number;
  let payload: ReturnType<typeof body>;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    payload = body('REQUEST_TIMEOUT', 'The request did not arrive in time. Check your connection and send it again.');
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    payload = body('HEADERS_TOO_LARGE', 'The request headers are too large.');
  } else {
    status = 400;
    payload = body('VALIDATION_FAILED', 'The request is not valid HTTP.');
  }
  const text = JSON.stringify(payload);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
