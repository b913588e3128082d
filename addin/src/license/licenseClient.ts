/**
 * The pane's side of the license check (L2–L4): asks the server with a fresh nonce, verifies the
 * signed token against the published keys (algorithm, issuer, audience pinned; bound to the user
 * and the nonce), and caches token and keys so that a licensed user stays footer-free while the
 * server is unreachable, until the token expires. A clock set back behind the newest time this
 * pane has seen voids the cache. Sending never waits for or depends on this succeeding.
 */
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { LicenseState } from '../../../shared/src/license/footerDecision.js';
import { verifyLicenseToken } from '../../../shared/src/license/licenseToken.js';
import { ApiRequestError, apiFetch } from '../api/apiClient.js';
import type { Account } from '../auth/authPort.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';

interface CachedLicense {
  token: string;
  jwks: JSONWebKeySet;
}

/** How far the clock may go back (time zone fixes, NTP corrections) before it counts as set back. */
const CLOCK_ROLLBACK_TOLERANCE_MS = 10 * 60 * 1000;

export class LicenseClient {
  constructor(
    private readonly options: { issuer: string },
    private readonly store: KeyValueStore,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly now: () => number = Date.now,
  ) {}

  async check(account: Account, apiToken: () => Promise<string>): Promise<LicenseState> {
    if (this.clockWasSetBack()) return { kind: 'none', reason: 'clock_rollback' };
    const nonce = randomNonce();
    try {
      const token = await apiToken();
      const answer = await apiFetch<{ licenseToken: string }>('/api/v1/license/check', { method: 'POST', token, body: { nonce } }, this.fetchImpl);
      const jwks = await apiFetch<JSONWebKeySet>('/.well-known/jwks.json', {}, this.fetchImpl);
      const claims = await verifyLicenseToken(answer.licenseToken, createLocalJWKSet(jwks), { issuer: this.options.issuer, tid: account.tenantId, oid: account.objectId, nonce, currentDate: new Date(this.now()) });
      this.store.set(cacheKey(account), JSON.stringify({ token: answer.licenseToken, jwks } satisfies CachedLicense));
      return { kind: 'verified', claims, source: 'server' };
    } catch (error) {
      if (error instanceof ApiRequestError && (error.code === 'NETWORK' || error.status >= 500 || error.status === 429)) return this.fromCache(account);
      if (error instanceof ApiRequestError && error.status === 401) return { kind: 'none', reason: 'sign_in_expired' };
      if (error instanceof ApiRequestError) throw error;
      // A token that does not verify is never trusted, and never replaces the cache.
      return { kind: 'none', reason: 'invalid_token' };
    }
  }

  private async fromCache(account: Account): Promise<LicenseState> {
    const raw = this.store.get(cacheKey(account));
    if (!raw) return { kind: 'none', reason: 'unreachable' };
    try {
      const cached = JSON.parse(raw) as CachedLicense;
      const claims = await verifyLicenseToken(cached.token, createLocalJWKSet(cached.jwks), { issuer: this.options.issuer, tid: account.tenantId, oid: account.objectId, currentDate: new Date(this.now()) });
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
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
