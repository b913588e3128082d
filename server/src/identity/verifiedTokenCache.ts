/**
 * Access tokens this process has verified, with what verifying them produced, so that the same
 * token presented again (a pane checks its license with the token it holds for up to an hour)
 * costs a hash and a look-up instead of an RSA verification (issue 12).
 *
 * What keeps it safe (accessTokenValidator.ts decides what goes in and when an entry counts):
 * - keyed by the SHA-256 of the whole token, so a token differing in any character (tampered,
 *   truncated, another signature) is another key and goes through full validation; tokens
 *   themselves are not kept;
 * - only successes go in, with the caller identity validation produced, frozen;
 * - an entry ends at the token's `exp` (no clock tolerance), and counts only while the key that
 *   verified the token is still the key set's key for its `kid` (checked on every hit: a key set
 *   reloaded after a rotation, or past its cache age, makes the entry a miss);
 * - bounded: least recently used entries leave first.
 *
 * A JavaScript Map keeps insertion order, which is all an LRU needs; no dependency for it.
 */
import { createHash } from 'node:crypto';

export interface VerifiedToken<T> {
  /** What validation produced: frozen, shared by every hit. */
  value: T;
  /** The token's `exp`, in milliseconds. */
  expiresAtMs: number;
  /** The key that verified the signature, as the key set returned it. */
  key: unknown;
  /** The token's protected header: how to ask the key set for its key again. */
  header: Readonly<Record<string, unknown>>;
}

/** Entries kept at most: about 1 KB each. A pane holds one token at a time; 10,000 is many concurrent users per process. */
export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, VerifiedToken<T>>();

  constructor(private readonly maxEntries = VERIFIED_TOKEN_CACHE_SIZE) {}

  get size(): number {
    return this.entries.size;
  }

  /** The entry for this token hash, unless it has expired at `nowMs` (then it is dropped). */
  get(hash: string, nowMs: number): VerifiedToken<T> | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    this.entries.delete(hash);
    if (entry.expiresAtMs <= nowMs) return undefined;
    this.entries.set(hash, entry);
    return entry;
  }

  set(hash: string, entry: VerifiedToken<T>): void {
    this.entries.delete(hash);
    this.entries.set(hash, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(hash: string): void {
    this.entries.delete(hash);
  }
}
