/**
 * Secrets carried in emailed links (delegate invitations, partner requests and offers), OWASP's
 * forgot-password model: 256 random bits, URL-safe; only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}
