/**
 * One canonicalisation for every email address the product compares: seat assignment, CSV
 * import, duplicate detection, invitation acceptance, license binding.
 *
 * Policy (OWASP Input Validation Cheat Sheet, "Email Address Validation"; RFC 5321 / RFC 5890 for IDN):
 * - Unicode NFC, surrounding white space removed;
 * - the domain lower-cased and converted to punycode (IDN compared in ASCII form);
 * - the local part lower-cased too: Exchange Online treats it case-insensitively, and two seats
 *   for `Anna@` and `anna@` would be the same mailbox;
 * - no provider tricks (no plus-tag or dot removal): `a+b@` is a different address;
 * - the original form is kept by callers for display and for sending.
 */

export type EmailProblem = 'empty' | 'too_long' | 'missing_at' | 'invalid_local_part' | 'invalid_domain';

export type NormalizedEmail =
  | { ok: true; canonical: string; display: string; domain: string }
  | { ok: false; problem: EmailProblem; display: string };

// RFC 5322 dot-atom characters, plus any non-ASCII letter or digit (SMTPUTF8 local parts).
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{N}\p{M}]+$/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Recipient lists repeat a few domains thousands of times; converting each once is enough. */
const asciiDomains = new Map<string, string | null>();
const DOMAIN_CACHE_SIZE = 10_000;

/** Converts a domain to lower-case ASCII (punycode) the same way in Node and in browsers. */
export function domainToAscii(domain: string): string | null {
  const cached = asciiDomains.get(domain);
  if (cached !== undefined) return cached;
  let ascii: string | null = null;
  if (domain.length > 0 && !/[\s/\\?#@:[\]%]/.test(domain)) {
    try {
      const host = new URL(`http://${domain}`).hostname;
      ascii = host.length > 0 ? host : null;
    } catch {
      ascii = null;
    }
  }
  if (asciiDomains.size >= DOMAIN_CACHE_SIZE) asciiDomains.clear();
  asciiDomains.set(domain, ascii);
  return ascii;
}

/** Plain ASCII dot-atom: the local part of nearly every real address, checked without Unicode classes. */
const ASCII_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const ASCII = /^[\x21-\x7e]*$/;
const UPPER = /[^a-z0-9!#$%&'*+/=?^_`{|}~.-]/;

/** The domain in ASCII if it is a valid domain name for email, else null; cached like the conversion. */
const validDomains = new Map<string, string | null>();
function validDomain(rawDomain: string): string | null {
  const cached = validDomains.get(rawDomain);
  if (cached !== undefined) return cached;
  const domain = rawDomain.endsWith('.') ? null : domainToAscii(rawDomain);
  const labels = domain?.split('.') ?? [];
  const tld = labels[labels.length - 1] ?? '';
  const valid =
    domain !== null &&
    domain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    (/^[a-z]{2,63}$/.test(tld) || /^xn--[a-z0-9-]+$/.test(tld));
  if (validDomains.size >= DOMAIN_CACHE_SIZE) validDomains.clear();
  validDomains.set(rawDomain, valid ? domain : null);
  return valid ? domain : null;
}

export function normalizeEmail(input: string): NormalizedEmail {
  // NFC only matters outside ASCII; most addresses skip it.
  const display = (ASCII.test(input) ? input : input.normalize('NFC')).trim();
  if (display.length === 0) return { ok: false, problem: 'empty', display };
  if (display.length > 254) return { ok: false, problem: 'too_long', display };
  const at = display.lastIndexOf('@');
  if (at < 0) return { ok: false, problem: 'missing_at', display };
  const local = display.slice(0, at);
  const rawDomain = display.slice(at + 1);

  const localValid =
    local.length > 0 &&
    local.length <= 64 &&
    (ASCII_LOCAL.test(local) ||
      (!local.startsWith('.') &&
        !local.endsWith('.') &&
        !local.includes('..') &&
        local.split('.').every((atom) => LOCAL_ATOM.test(atom))));
  if (!localValid) return { ok: false, problem: 'invalid_local_part', display };

  const domain = validDomain(rawDomain);
  if (domain === null) return { ok: false, problem: 'invalid_domain', display };
  // Most addresses are already canonical: no new string for them (pre-flight runs this on 100,000 rows).
  const canonical = domain === rawDomain && !UPPER.test(local) ? display : `${local.toLowerCase()}@${domain}`;
  return { ok: true, canonical, display, domain };
}

export function isValidEmail(input: string): boolean {
  return normalizeEmail(input).ok;
}

/** The canonical form, or null when the address is not valid. */
export function canonicalEmail(input: string): string | null {
  const result = normalizeEmail(input);
  return result.ok ? result.canonical : null;
}
