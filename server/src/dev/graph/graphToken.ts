/**
 * How the stand-in checks the bearer token, like Graph does: RS256 against the identity
 * provider's keys, audience https://graph.microsoft.com, the per-tenant issuer, not expired;
 * otherwise 401 InvalidAuthenticationToken. It keeps what Graph decides with: the delegated
 * scopes (`scp`), the app (`azp`, for the per-app limits) and the signed-in user.
 */
import { createLocalJWKSet, errors, jwtVerify, type JWK } from 'jose';
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import { GRAPH_AUDIENCE } from '../identityProvider.js';
import { GraphError } from './graphErrors.js';

export interface GraphCaller {
  /** Canonical address of the signed-in user's mailbox. */
  mailbox: string;
  scopes: Set<string>;
  app: string;
}

export function graphTokenReader(jwks: { keys: JWK[] }, issuerTemplate: string) {
  const keys = createLocalJWKSet(jwks);
  return async (authorization: string | undefined): Promise<GraphCaller> => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (!match?.[1]) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        algorithms: ['RS256'],
        audience: GRAPH_AUDIENCE,
        requiredClaims: ['exp', 'iss', 'tid', 'oid'],
      }));
    } catch (error) {
      const reason =
        error instanceof errors.JWTExpired
          ? 'Lifetime validation failed, the token is expired.'
          : error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud'
            ? 'Invalid audience.'
            : 'Invalid signature.';
      throw new GraphError(401, 'InvalidAuthenticationToken', `Access token validation failure. ${reason}`);
    }
    if (typeof payload.tid !== 'string' || payload.iss !== issuerTemplate.replace('{tid}', payload.tid))
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid issuer.');
    const name = typeof payload.preferred_username === 'string' ? normalizeEmail(payload.preferred_username) : null;
    if (!name?.ok)
      throw new GraphError(
        404,
        'MailboxNotEnabledForRESTAPI',
        'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
      );
    return {
      mailbox: name.canonical,
      scopes: new Set(typeof payload.scp === 'string' ? payload.scp.split(' ') : []),
      app: typeof payload.azp === 'string' ? payload.azp : 'unknown-app',
    };
  };
}

/** An app-only caller (client credentials): its tenant, its app and the application permissions granted there (`roles`). */
export interface GraphAppCaller {
  tenantId: string;
  app: string;
  roles: Set<string>;
}

/**
 * App-only tokens for the directory routes, checked as Graph checks them (same signature,
 * audience and issuer rules as above). Graph tells an app token by `idtyp` `app`; the stand-in
 * serves the directory to app tokens only (the group sync's), and refuses a delegated one like
 * a token without the permission: 403 Authorization_RequestDenied.
 */
export function graphAppTokenReader(jwks: { keys: JWK[] }, issuerTemplate: string) {
  const keys = createLocalJWKSet(jwks);
  return async (authorization: string | undefined): Promise<GraphAppCaller> => {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '');
    if (!match?.[1]) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    let payload;
    try {
      ({ payload } = await jwtVerify(match[1], keys, {
        algorithms: ['RS256'],
        audience: GRAPH_AUDIENCE,
        requiredClaims: ['exp', 'iss', 'tid'],
      }));
    } catch (error) {
      const reason =
        error instanceof errors.JWTExpired
          ? 'Lifetime validation failed, the token is expired.'
          : error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud'
            ? 'Invalid audience.'
            : 'Invalid signature.';
      throw new GraphError(401, 'InvalidAuthenticationToken', `Access token validation failure. ${reason}`);
    }
    if (typeof payload.tid !== 'string' || payload.iss !== issuerTemplate.replace('{tid}', payload.tid))
      throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid issuer.');
    if (payload.idtyp !== 'app' || typeof payload.appid !== 'string')
      throw new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return { tenantId: payload.tid.toLowerCase(), app: payload.appid, roles: new Set(roles) };
  };
}
