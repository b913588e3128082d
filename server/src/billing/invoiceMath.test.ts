import { describe, expect, it } from 'vitest';
import { invoiceNumber, invoiceTotals, taxFor } from './invoiceMath.js';
import { signWebhook, verifyWebhook } from './webhookSignature.js';

describe('invoice totals', () => {
  it('applies tax in basis points, rounded half up', () => {
    expect(taxFor(2500, 810)).toBe(203);
    expect(taxFor(2500, 0)).toBe(0);
    expect(taxFor(1, 5000)).toBe(1);
  });

  it('offsets credit up to the subtotal and keeps the rest', () => {
    const lines = [{ description: 'Remaining time', quantity: 3, unitAmountMinor: null, amountMinor: 700 }];
    expect(invoiceTotals(lines, 1000, 2000)).toMatchObject({ subtotalMinor: 0, taxMinor: 0, totalMinor: 0, creditAppliedMinor: 700, creditLeftMinor: 300 });
    expect(invoiceTotals(lines, 200, 2000)).toMatchObject({ subtotalMinor: 500, taxMinor: 100, totalMinor: 600, creditAppliedMinor: 200, creditLeftMinor: 0 });
    expect(invoiceTotals(lines, 200, 2000).lines.at(-1)).toMatchObject({ amountMinor: -200 });
  });

  it('numbers invoices per year with six digits', () => {
    expect(invoiceNumber(2026, 1)).toBe('OM-2026-000001');
    expect(invoiceNumber(2027, 1234567)).toBe('OM-2027-1234567');
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const payload = '{"id":"evt_1","type":"payment.succeeded"}';
  const now = 1_800_000_000;

  it('accepts a fresh, correct signature, also among several v1 entries', () => {
    expect(verifyWebhook(payload, signWebhook(payload, secret, now), [secret], now + 10)).toEqual({ ok: true, timestamp: now });
    const rolled = `${signWebhook(payload, 'old', now)},v1=${signWebhook(payload, secret, now).split('v1=')[1]}`;
    expect(verifyWebhook(payload, rolled, [secret], now).ok).toBe(true);
  });

  it('refuses tampered bodies, wrong secrets, old or future timestamps and malformed headers', () => {
    const header = signWebhook(payload, secret, now);
    expect(verifyWebhook(payload.replace('succeeded', 'failed'), header, [secret], now)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhook(payload, header, ['other'], now)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhook(payload, header, [secret], now + 301)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyWebhook(payload, header, [secret], now - 301)).toEqual({ ok: false, reason: 'timestamp_out_of_tolerance' });
    expect(verifyWebhook(payload, header.replace(/t=\d+/, `t=${now + 1}`), [secret], now)).toEqual({ ok: false, reason: 'signature_mismatch' });
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, 't=x,v1=00']) expect(verifyWebhook(payload, bad, [secret], now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
