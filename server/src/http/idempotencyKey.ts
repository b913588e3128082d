import { ApiError } from './apiError.js';

/** The Idempotency-Key header every charging call needs: 8 to 255 printable ASCII characters. */
export function idempotencyKeyOf(value: string | string[] | undefined, what: string): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]{8,255}$/.test(value)) {
    throw new ApiError(
      400,
      'IDEMPOTENCY_KEY_MISSING',
      `Send a unique Idempotency-Key header (8 to 255 printable characters) with every ${what}.`,
    );
  }
  return value;
}
