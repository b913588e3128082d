/**
 * The pane's side of the license check (L2–L4): asks the server with a fresh nonce, verifies the
 * signed token against the published keys (algorithm, issuer, audience pinned; bound to the user
 * and the nonce), and caches the token so that a licensed user stays footer-free while the
 * license check is unreachable, until the token expires. A clock set back behind the newest time
 * this pane has seen voids the cache. Sending never waits for or depends on this succeeding.
 *
 * The cache is browser storage, which the user controls: a token read from it is verified only
 * against keys this page fetched from its own origin (`/.well-known/jwks.json`), never against
 * keys stored beside it (a forged token would bring its own), and only while it is younger than
 * the deployment's token lifetime, whatever its expiry claims.
 */
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { LicenseState } from '#shared/license/footerDecision.js';
import { LICENSE_TOKEN_MAX_TTL_DAYS, verifyLicenseToken } from '#shared/license/licenseToken.js';
import { ApiRequestError, apiFetch } from '../api/apiClient.js';
import type { Account } from '../auth/authPort.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

/** What the cache keeps: the token only (an entry written by an older pane may carry keys, which are ignored). */
interface CachedLicense {
  token: string;
}

/** How far the clock may go back (time zone fixes, NTP corrections) before it counts as set back. */
const CLOCK_ROLLBACK_TOLERANCE_MS = 10 * 60 * 1000;

export class LicenseClient {
  /** The license keys as our origin published them, fetched during this page's life; never stored. */
  private trustedKeys: JSONWebKeySet | null = null;

  constructor(
    /** `maxTokenAgeSeconds`: the deployment's token lifetime (ClientConfig.licenseTokenTtlSeconds). */
    private readonly options: { issuer: string; maxTokenAgeSeconds?: number },
    private readonly store: KeyValueStore,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly now: () => number = Date.now,
  ) {}

  async check(account: Account, apiToken: () => Promise<string>): Promise<LicenseState> {
    if (this.clockWasSetBack()) return { kind: 'none', reason: 'clock_rollback' };
    const nonce = randomNonce();
    try {
      const token = await apiToken();
      const answer = await apiFetch<{ licenseToken: string }>(
        '/api/v1/license/check',
        { method: 'POST', token, body: { nonce } },
        this.fetchImpl,
      );
      const jwks = await this.fetchTrustedKeys();
      const claims = await verifyLicenseToken(answer.licenseToken, createLocalJWKSet(jwks), {
        issuer: this.options.issuer,
        tid: account.tenantId,
        oid: account.objectId,
        nonce,
        currentDate: new Date(this.now()),
      });
      this.store.set(cacheKey(account), JSON.stringify({ token: answer.licenseToken } satisfies CachedLicense));
      return { kind: 'verified', claims, source: 'server' };
    } catch (error) {
      if (error instanceof ApiRequestError && (error.code === 'NETWORK' || error.status >= 500 || error.status === 429))
        return this.fromCache(account);
      if (error instanceof ApiRequestError && error.status === 401) return { kind: 'none', reason: 'sign_in_expired' };
      if (error instanceof ApiRequestError) throw error;
      // A token that does not verify is never trusted, and never replaces the cache.
      return { kind: 'none', reason: 'invalid_token' };
    }
  }

  private async fetchTrustedKeys(): Promise<JSONWebKeySet> {
    const jwks = await apiFetch<JSONWebKeySet>('/.well-known/jwks.json', {}, this.fetchImpl);
    this.trustedKeys = jwks;
    return jwks;
  }

  private async fromCache(account: Account): Promise<LicenseState> {
    const raw = this.store.get(cacheKey(account));
    if (!raw) return { kind: 'none', reason: 'unreachable' };
    try {
      const cached = JSON.parse(raw) as CachedLicense;
      // Keys from our origin only: those seen by this page, or fetched now (the license check may be down while the key set is served).
      const keys = this.trustedKeys ?? (await this.fetchTrustedKeys());
      const maxAgeSeconds = Math.min(this.options.maxTokenAgeSeconds ?? Infinity, LICENSE_TOKEN_MAX_TTL_DAYS * 86_400);
      const claims = await verifyLicenseToken(cached.token, createLocalJWKSet(keys), {
        issuer: this.options.issuer,
        tid: account.tenantId,
        oid: account.objectId,
        currentDate: new Date(this.now()),
        maxAgeSeconds,
      });
      return { kind: 'verified', claims, source: 'cache' };
    } catch {
      return { kind: 'none', reason: 'unreachable' };
    }
  }

  private clockWasSetBack(): boolean {
    const now = this.now();
    const newestSeen = Number(this.store.get('outmerge.newestTimeSeen') ?? 0);
    if (now + CLOCK_ROLLBACK_TOLERANCE_MS < newestSeen) return true;
    if (now > newestSeen) this.store.set('outmerge.newestTimeSeen', String(now));
    return false;
  }
}

function cacheKey(account: Account): string {
  return `outmerge.license.${account.tenantId}.${account.objectId}`;
}

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
