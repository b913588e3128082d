/**
 * Error codes of the JSON API. Every error answer is `{"error": {"code", "message"}}` with a 4xx
 * status (5xx only for our own faults). Codes are stable: clients branch on them, never on text.
 */
export const API_ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_WRONG_AUDIENCE',
  'TOKEN_WRONG_ISSUER',
  'TOKEN_SCOPE_MISSING',
  'FORBIDDEN',
  'RATE_LIMITED',
  'PLAN_UNKNOWN',
  'PAYMENT_DECLINED',
  'PAYMENT_CARD_INVALID',
  'IDEMPOTENCY_KEY_MISSING',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
  'SUBSCRIPTION_NOT_FOUND',
  'ASSIGNMENT_NOT_FOUND',
  'ALREADY_OWNER',
  'INVITATION_ALREADY_PENDING',
  'INVITATION_NOT_FOUND',
  'INVITATION_USED',
  'INVITATION_REVOKED',
  'INVITATION_SUPERSEDED',
  'INVITATION_EXPIRED',
  'INVITATION_WRONG_ACCOUNT',
  'INVITATION_NOT_PENDING',
  'DELEGATE_NOT_FOUND',
  'DOMAIN_NOT_FOUND',
  'PAYMENT_ACTION_NOT_FOUND',
  'PAYMENT_METHOD_MISSING',
  'QUANTITY_BELOW_ASSIGNED',
  'QUANTITY_PREVIEW_EXPIRED',
  'QUANTITY_PREVIEW_STALE',
  'SUBSCRIPTION_NOT_ACTIVE',
  'BILLING_BUSY',
  'INVOICE_NOT_FOUND',
  'INVOICE_NOT_OPEN',
  'CONSOLIDATION_INVALID',
  'WEBHOOK_SIGNATURE_INVALID',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}

export function isApiErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}
