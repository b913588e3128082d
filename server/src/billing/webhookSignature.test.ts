import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhookSignature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const payload = '{"id":"evt_1","type":"payment.succeeded"}';
  const now = 1_800_000_000;

  it('accepts a fresh, correct signature, also among several v1 entries', () => {
    expect(verifyWebhook(payload, signWebhook(payload, secret, now), [secret], now + 10)).toEqual({
      ok: true,
      timestamp: now,
    });
    const rolled = `${signWebhook(payload, 'old', now)},v1=${signWebhook(payload, secret, now).split('v1=')[1]}`;
    expect(verifyWebhook(payload, rolled, [secret], now).ok).toBe(true);
  });

  it('refuses tampered bodies, wrong secrets, old or future timestamps and malformed headers', () => {
    const header = signWebhook(payload, secret, now);
    expect(verifyWebhook(payload.replace('succeeded', 'failed'), header, [secret], now)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    expect(verifyWebhook(payload, header, ['other'], now)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhook(payload, header, [secret], now + 301)).toEqual({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
    expect(verifyWebhook(payload, header, [secret], now - 301)).toEqual({
      ok: false,
      reason: 'timestamp_out_of_tolerance',
    });
    expect(verifyWebhook(payload, header.replace(/t=\d+/, `t=${now + 1}`), [secret], now)).toEqual({
      ok: false,
      reason: 'signature_mismatch',
    });
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, 't=x,v1=00'])
      expect(verifyWebhook(payload, bad, [secret], now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
