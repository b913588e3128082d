import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalEmail, normalizeEmail } from './normalizeEmail.js';

describe('normalizeEmail', () => {
  it('lower-cases, trims and keeps the original for display', () => {
    const result = normalizeEmail('  Anna.Muster@Contoso.COM ');
    expect(result).toEqual({
      ok: true,
      canonical: 'anna.muster@contoso.com',
      display: 'Anna.Muster@Contoso.COM',
      domain: 'contoso.com',
    });
  });

  it('converts internationalised domains to punycode', () => {
    expect(canonicalEmail('jürgen@Müller.de')).toBe('jürgen@xn--mller-kva.de');
    expect(canonicalEmail('x@xn--mller-kva.de')).toBe(canonicalEmail('x@müller.de'));
  });

  it('normalises Unicode so composed and decomposed forms are one address', () => {
    expect(canonicalEmail('zoe\u0301@example.com')).toBe(canonicalEmail('zoé@example.com'));
  });

  it('does not apply provider tricks', () => {
    expect(canonicalEmail('a.b+news@gmail.com')).toBe('a.b+news@gmail.com');
    expect(canonicalEmail('ab@gmail.com')).not.toBe(canonicalEmail('a.b@gmail.com'));
  });

  it.each([
    ['', 'empty'],
    ['anna', 'missing_at'],
    ['@contoso.com', 'invalid_local_part'],
    ['an na@contoso.com', 'invalid_local_part'],
    ['anna..b@contoso.com', 'invalid_local_part'],
    ['anna@', 'invalid_domain'],
    ['anna@localhost', 'invalid_domain'],
    ['anna@-contoso.com', 'invalid_domain'],
    ['anna@contoso.c', 'invalid_domain'],
    ['anna@contoso.com\r\nBcc: x@evil.com', 'invalid_local_part'],
  ])('rejects %j as %s', (input, problem) => {
    const result = normalizeEmail(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe(problem);
  });

  it('is idempotent and case-insensitive (property)', () => {
    const local = fc
      .stringMatching(/^[A-Za-z0-9._%+-]{1,20}$/)
      .filter((s) => !s.startsWith('.') && !s.endsWith('.') && !s.includes('..'));
    const domain = fc.stringMatching(/^[A-Za-z0-9]{1,10}\.(com|de|fr|ch)$/);
    fc.assert(
      fc.property(local, domain, (l, d) => {
        const canonical = canonicalEmail(`${l}@${d}`);
        expect(canonical).not.toBeNull();
        expect(canonicalEmail(canonical!)).toBe(canonical);
        expect(canonicalEmail(`${l.toUpperCase()}@${d.toUpperCase()}`)).toBe(canonical);
      }),
    );
  });

  it('never accepts control characters or spaces inside an address (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('\r', '\n', '\t', '\0', ' '), fc.string(), (a, ctrl, b) => {
        expect(canonicalEmail(`x${a}${ctrl}${b}y@example.com`)).toBeNull();
        expect(canonicalEmail(`xy@exa${a}${ctrl}${b}mple.com`)).toBeNull();
      }),
    );
  });
});
