/**
 * Whether an invitation refused by the server can still be accepted from this page. After these
 * refusals it cannot (used, withdrawn, replaced by a newer one, expired, not a link the server
 * knows, or for another account): the page keeps the reason and drops the Accept button, which
 * could only be refused again. A network failure or a rate limit can be tried again.
 */
import type { ApiErrorCode } from '#shared/api/errors.js';
import { ApiRequestError } from '../api/apiClient.js';

const SETTLED: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>([
  'INVITATION_NOT_FOUND',
  'INVITATION_USED',
  'INVITATION_REVOKED',
  'INVITATION_SUPERSEDED',
  'INVITATION_EXPIRED',
  'INVITATION_WRONG_ACCOUNT',
]);

export function invitationClosedBy(error: unknown): boolean {
  return error instanceof ApiRequestError && SETTLED.has(error.code as ApiErrorCode);
}
