/**
 * The one error type routes throw. The error handler (../app.ts) turns it into
 * `{"error": {"code", "message"}}` with its status; anything else is our fault and becomes a 500
 * without internals.
 */
import type { ApiErrorCode } from '#shared/api/errors.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
