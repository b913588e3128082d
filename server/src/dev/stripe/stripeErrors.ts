/**
 * Stripe's error answers ("Errors", docs.stripe.com/api/errors): `{"error": {type, code,
 * decline_code, message, param, doc_url, …}}` with 400 (invalid request), 401 (no valid API key),
 * 402 (the parameters were valid but the request failed: card errors), 404 (no such object),
 * 409 (a conflicting request with the same idempotency key), 429 (too many requests). `type` is
 * one of api_error, card_error, idempotency_error, invalid_request_error.
 */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
  payment_intent?: unknown;
  setup_intent?: unknown;
  charge?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'StripeApiError';
  }
}

export function invalidRequest(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return new StripeApiError(status, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` } : {}),
  });
}

/** "No such PaymentIntent: 'pi_…'" (code resource_missing): 404 for an id in the path, 400 for one in a parameter. */
export function noSuch(object: string, id: string, param?: string): StripeApiError {
  return invalidRequest(`No such ${object}: '${id}'`, param, 'resource_missing', param ? 400 : 404);
}

/** The card errors of Stripe's "Error codes" and "Decline codes" pages, with their customer-facing messages. */
export function cardError(
  decline: 'generic_decline' | 'insufficient_funds' | 'expired_card' | 'authentication_required',
  related: { payment_intent?: unknown; setup_intent?: unknown; charge?: string },
): StripeApiError {
  const messages = {
    generic_decline: ['card_declined', 'Your card was declined.'],
    insufficient_funds: ['card_declined', 'Your card has insufficient funds.'],
    expired_card: ['expired_card', 'Your card has expired.'],
    authentication_required: [
      'authentication_required',
      'Your card was declined. This transaction requires authentication.',
    ],
  } as const;
  const [code, message] = messages[decline];
  return new StripeApiError(402, {
    type: 'card_error',
    code,
    decline_code: decline,
    message,
    param: code === 'expired_card' ? 'exp_month' : undefined,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    ...related,
  });
}
