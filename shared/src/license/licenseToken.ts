/**
 * The signed license token (L3): what the server promises about a sender, and how the pane
 * checks it. One definition of the claims for both sides.
 *
 * Verification pins the algorithm (ES256: P-256 is in WebCrypto in every Outlook webview), the
 * issuer and the audience, requires expiry, and ties the token to the signed-in user and to the
 * nonce the pane sent, so a token can be neither forged, nor borrowed from another user, nor
 * replayed from an older answer.
 */
import { errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export const LICENSE_TOKEN_ALGORITHM = 'ES256';
export const LICENSE_TOKEN_AUDIENCE = 'outmerge-addin';
export const LICENSE_TOKEN_TYPE = 'outmerge-license+jwt';

/** The longest a license token may live (LICENSE_TOKEN_TTL_DAYS is at most this): also the cap on a cached token. */
export const LICENSE_TOKEN_MAX_TTL_DAYS = 90;

export const LICENSE_CODES = ['ACTIVE', 'NO_LICENSE', 'SUBSCRIPTION_EXPIRED', 'SUSPENDED', 'SEAT_REMOVED'] as const;
export type LicenseCode = (typeof LICENSE_CODES)[number];

export interface LicenseClaims {
  iss: string;
  aud: string;
  /** The user's Entra object id. */
  sub: string;
  tid: string;
  code: LicenseCode;
  /** Whether merged messages carry the promotional footer. */
  footer: boolean;
  plan: string | null;
  subscriptionId: string | null;
  nonce: string;
  iat: number;
  nbf: number;
  exp: number;
}

export type LicenseTokenProblem =
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'BAD_SIGNATURE'
  | 'WRONG_CLAIMS'
  | 'MALFORMED'
  | 'UNKNOWN_KEY'
  | 'WRONG_USER'
  | 'WRONG_NONCE';

export class LicenseTokenError extends Error {
  constructor(
    readonly problem: LicenseTokenProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LicenseTokenError';
  }
}

export interface LicenseTokenExpectations {
  issuer: string;
  tid: string;
  oid: string;
  /** The nonce sent with the check; omit only when re-reading a cached token. */
  nonce?: string;
  currentDate?: Date;
  /** Refuse a token issued longer ago than this, whatever its expiry says (a cached token's cap). */
  maxAgeSeconds?: number;
}

const CLOCK_TOLERANCE_SECONDS = 60;

export async function verifyLicenseToken(
  token: string,
  keys: JWTVerifyGetKey,
  expected: LicenseTokenExpectations,
): Promise<LicenseClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: [LICENSE_TOKEN_ALGORITHM],
      issuer: expected.issuer,
      audience: LICENSE_TOKEN_AUDIENCE,
      typ: LICENSE_TOKEN_TYPE,
      requiredClaims: ['exp', 'iat', 'nbf', 'sub', 'tid', 'code', 'footer', 'nonce'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(expected.currentDate ? { currentDate: expected.currentDate } : {}),
      // jose's maxTokenAge: "iat" at most this old, and not in the future.
      ...(expected.maxAgeSeconds !== undefined ? { maxTokenAge: expected.maxAgeSeconds } : {}),
    }));
  } catch (error) {
    throw toLicenseTokenError(error);
  }
  const claims = payload as unknown as LicenseClaims;
  if (!LICENSE_CODES.includes(claims.code) || typeof claims.footer !== 'boolean') {
    throw new LicenseTokenError('WRONG_CLAIMS', 'The license token has an unknown code or footer flag.');
  }
  if (claims.sub !== expected.oid || claims.tid !== expected.tid) {
    throw new LicenseTokenError('WRONG_USER', 'The license token belongs to another user.');
  }
  if (expected.nonce !== undefined && claims.nonce !== expected.nonce) {
    throw new LicenseTokenError('WRONG_NONCE', 'The license token does not answer this request.');
  }
  return claims;
}

function toLicenseTokenError(error: unknown): LicenseTokenError {
  if (error instanceof errors.JWTExpired) return new LicenseTokenError('EXPIRED', 'The license token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
    return new LicenseTokenError('NOT_YET_VALID', 'The license token is not valid yet (is the clock right?).');
  }
  if (error instanceof errors.JWTClaimValidationFailed) return new LicenseTokenError('WRONG_CLAIMS', error.message);
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return new LicenseTokenError('BAD_SIGNATURE', 'The license token signature is not valid.');
  if (error instanceof errors.JWKSNoMatchingKey)
    return new LicenseTokenError('UNKNOWN_KEY', 'The license token was signed with an unknown key.');
  if (error instanceof errors.JOSEAlgNotAllowed)
    return new LicenseTokenError('BAD_SIGNATURE', 'The license token uses a forbidden algorithm.');
  return new LicenseTokenError('MALFORMED', error instanceof Error ? error.message : 'The license token is malformed.');
}
