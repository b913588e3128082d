/**
 * Validates Microsoft Entra v2 access tokens of a multi-tenant app (L1). This is the production
 * code; the development identity provider issues tokens of the same shape from a local key set,
 * so only the JWKS URL and the issuer template differ between the two.
 *
 * Rules (Microsoft identity platform, "Access tokens" and "Validate tokens"; multi-tenant apps:
 * "Convert single-tenant app to multitenant", the per-tenant issuer check):
 * - signature against the published key set, fetched over HTTP and cached (jose remote JWKS,
 *   refetched on an unknown `kid` with a cooldown);
 * - algorithm pinned to RS256, audience pinned to our client id, `exp` required;
 * - `tid` must be a GUID and `iss` exactly the per-tenant issuer built from it (jose can only
 *   match a fixed issuer, so this check is ours);
 * - the API's delegated scope must be present;
 * - users are (`tid`, `oid`), never the email claim alone; the addresses Entra vouches for (and
 *   the tenant's verified domain) are read by `verifiedClaims.ts`;
 * - a token that passed all of this is remembered until its `exp` (`verifiedTokenCache.ts`): the
 *   same token again is answered from memory while the key that verified it is still the key
 *   set's key for its `kid` (Microsoft rotates signing keys and publishes the new set first:
 *   "Signing key rollover in the Microsoft identity platform"; jose reloads the set on an unknown
 *   `kid` or when it is older than a day, and a reloaded set ends every remembered token).
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ApiError } from '../http/apiError.js';
import { verifiedClaims } from './verifiedClaims.js';
import { tokenHash, VERIFIED_TOKEN_CACHE_SIZE, VerifiedTokenCache } from './verifiedTokenCache.js';

export interface CallerIdentity {
  tenantId: string;
  objectId: string;
  /** The sign-in name or email claim, for display only: never an identity, never a reason to bind (see verifiedClaims.ts). */
  email: string | null;
  name: string | null;
  /** Addresses Entra vouches for (canonical): the only ones a seat binds on. */
  verifiedEmails?: readonly string[];
  /** A domain the caller's tenant verified (a member's UPN domain), or null. */
  tenantDomain?: string | null;
  /** Directory role template ids (`wids`). */
  directoryRoles?: readonly string[];
}

export interface AccessTokenValidatorOptions {
  /** Either the JWKS URL (production, development IdP) or a key resolver (tests). */
  jwks: URL | JWTVerifyGetKey;
  audience: string;
  issuerTemplate: string;
  requiredScope: string;
  clockToleranceSeconds?: number;
  /** Verified tokens remembered at most (0: none). */
  cacheSize?: number;
  /** How soon after a reload an unknown `kid` may reload the remote key set again (jose's default: 30 s). */
  jwksCooldownSeconds?: number;
  /** The time tokens are checked at (Date.now unless given). */
  clock?: () => number;
}

export type AccessTokenValidator = (authorizationHeader: string | undefined) => Promise<CallerIdentity>;

/** Full verifications and answers from the cache since the validator was made. */
export interface ValidatorStats {
  verified: number;
  cached: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAccessTokenValidator(
  options: AccessTokenValidatorOptions,
): AccessTokenValidator & { stats(): ValidatorStats } {
  const keys =
    options.jwks instanceof URL
      ? createRemoteJWKSet(options.jwks, {
          cacheMaxAge: 24 * 3600 * 1000,
          ...(options.jwksCooldownSeconds === undefined
            ? {}
            : { cooldownDuration: options.jwksCooldownSeconds * 1000 }),
        })
      : options.jwks;
  const clock = options.clock ?? Date.now;
  const cache = new VerifiedTokenCache<CallerIdentity>(options.cacheSize ?? VERIFIED_TOKEN_CACHE_SIZE);
  const stats: ValidatorStats = { verified: 0, cached: 0 };
  /** The key set's current key for a header, or null (kid gone, key set unreachable). */
  const currentKey = async (header: Readonly<Record<string, unknown>>): Promise<unknown> => {
    try {
      return await keys(
        header as Parameters<JWTVerifyGetKey>[0],
        undefined as unknown as Parameters<JWTVerifyGetKey>[1],
      );
    } catch {
      return null;
    }
  };

  const validate = async (authorizationHeader: string | undefined): Promise<CallerIdentity> => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorizationHeader ?? '');
    if (!match?.[1])
      throw new ApiError(
        401,
        'TOKEN_MISSING',
        'Sign in with Microsoft 365: send the access token as "Authorization: Bearer <token>".',
      );
    const token = match[1];
    const hash = tokenHash(token);
    const now = clock();
    const remembered = options.cacheSize === 0 ? undefined : cache.get(hash, now);
    if (remembered) {
      if ((await currentKey(remembered.header)) === remembered.key) {
        stats.cached++;
        return remembered.value;
      }
      cache.delete(hash);
    }

    stats.verified++;
    let payload: JWTPayload;
    let header: Readonly<Record<string, unknown>>;
    let verifiedWith: unknown = null;
    try {
      ({ payload, protectedHeader: header } = await jwtVerify(
        token,
        async (protectedHeader, input) => {
          const key = await keys(protectedHeader, input);
          verifiedWith = key;
          return key;
        },
        {
          algorithms: ['RS256'],
          audience: options.audience,
          requiredClaims: ['exp', 'iat', 'iss', 'tid', 'oid'],
          clockTolerance: options.clockToleranceSeconds ?? 60,
          currentDate: new Date(now),
        },
      ));
    } catch (error) {
      throw toApiError(error);
    }

    const tid = payload.tid;
    if (typeof tid !== 'string' || !GUID.test(tid))
      throw new ApiError(401, 'TOKEN_INVALID', 'The access token has no valid tenant id.');
    if (payload.iss !== options.issuerTemplate.replace('{tid}', tid)) {
      throw new ApiError(401, 'TOKEN_WRONG_ISSUER', 'The access token was not issued by this tenant.');
    }
    const oid = payload.oid;
    if (typeof oid !== 'string' || !GUID.test(oid))
      throw new ApiError(401, 'TOKEN_INVALID', 'The access token has no valid object id.');
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(options.requiredScope)) {
      throw new ApiError(403, 'TOKEN_SCOPE_MISSING', `The access token lacks the "${options.requiredScope}" scope.`);
    }
    const email =
      typeof payload.preferred_username === 'string'
        ? payload.preferred_username
        : typeof payload.email === 'string'
          ? payload.email
          : null;
    const caller = deepFreeze({
      tenantId: tid.toLowerCase(),
      objectId: oid.toLowerCase(),
      email,
      name: typeof payload.name === 'string' ? payload.name : null,
      ...verifiedClaims({ ...payload, tid: tid.toLowerCase() }),
    });
    // requiredClaims makes `exp` present and jose checked it is a number.
    if (options.cacheSize !== 0)
      cache.set(hash, { value: caller, expiresAtMs: (payload.exp as number) * 1000, key: verifiedWith, header });
    return caller;
  };
  return Object.assign(validate, { stats: () => ({ ...stats }) });
}

/** Every caller answered from the cache shares one object: nobody may change it. */
function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const inner of Object.values(value)) if (inner && typeof inner === 'object') Object.freeze(inner);
  return Object.freeze(value);
}

function toApiError(error: unknown): ApiError {
  if (error instanceof errors.JWTExpired)
    return new ApiError(401, 'TOKEN_EXPIRED', 'The access token has expired: sign in again.');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
    return new ApiError(401, 'TOKEN_WRONG_AUDIENCE', 'The access token was issued for another application.');
  }
  // The key set could not be fetched (network failure, timeout, not a key set): our problem, not the caller's.
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError) {
    return new ApiError(503, 'INTERNAL', 'The identity provider keys could not be fetched; try again shortly.');
  }
  return new ApiError(401, 'TOKEN_INVALID', 'The access token is not valid: sign in again.');
}
