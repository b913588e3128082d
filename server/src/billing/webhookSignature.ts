/**
 * Webhook signatures in Stripe's scheme: the header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">` (several v1 entries allowed while a secret is rolled over). A request is
 * accepted only with a matching signature whose timestamp lies within the tolerance of our clock
 * (default 300 s); a replay inside the tolerance is caught by the event id (stored once).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookVerification =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'malformed' | 'timestamp_out_of_tolerance' | 'signature_mismatch' };

export function webhookSignature(payload: string, secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
}

export function signWebhook(payload: string, secret: string, timestamp: number): string {
  return `t=${timestamp},v1=${webhookSignature(payload, secret, timestamp)}`;
}

export function verifyWebhook(
  payload: string,
  header: string | undefined,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): WebhookVerification {
  if (!header || header.length > 2000) return { ok: false, reason: 'malformed' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  for (const secret of secrets) {
    const expected = Buffer.from(webhookSignature(payload, secret, timestamp), 'hex');
    if (signatures.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected)))
      return { ok: true, timestamp };
  }
  return { ok: false, reason: 'signature_mismatch' };
}
