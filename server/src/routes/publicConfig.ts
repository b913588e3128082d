/**
 * What the browser pages need to know about this deployment, and the public keys derived from it
 * (the manifests: ./manifests.ts). The same build of the pages works for every deployment because of this.
 */
import { Type, type Static } from 'typebox';
import { ClientConfigSchema, type ClientConfig } from '#shared/api/clientConfig.js';
import type { Config } from '../config.js';
import type { SigningKeys } from '../licenseCheck/signingKeys.js';
import type { Api } from './schemas.js';

export function clientConfig(config: Config): ClientConfig {
  return {
    identity: {
      provider: config.identity.provider,
      clientId: config.identity.clientId,
      apiScope:
        config.identity.provider === 'entra'
          ? `api://${config.identity.clientId}/${config.identity.apiScope}`
          : config.identity.apiScope,
    },
    graphBaseUrl: config.graph.baseUrl,
    sendRatePerMinute: config.sending.ratePerMinute,
    sendRateMaxPerMinute: config.sending.maxRatePerMinute,
    dailyRecipientLimit: config.sending.dailyRecipients,
    licenseIssuer: config.license.issuer,
    licenseTokenTtlSeconds: config.license.tokenTtlSeconds,
    promoUrl: config.promoUrl,
    appSourceUrl: config.appSourceUrl,
    currency: config.payments.currency,
    payments: config.payments.stripe
      ? { provider: 'stripe', publishableKey: config.payments.stripe.publishableKey }
      : { provider: 'simulated' },
  };
}

/** The public half of a license signing key (RFC 7517): only these members are ever sent, so a private `d` cannot leak. */
const PublicJwk = Type.Object({
  kty: Type.String(),
  crv: Type.String(),
  x: Type.String(),
  y: Type.String(),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.String(),
});
const JwkSet = Type.Object({ keys: Type.Array(PublicJwk) });

export function registerPublicConfigRoutes(app: Api, config: Config, keys: SigningKeys): void {
  const body = clientConfig(config);
  app.get(
    '/app-config.json',
    { schema: { hide: true, response: { 200: ClientConfigSchema } } },
    async (_request, reply) => reply.header('Cache-Control', 'no-store').send(body),
  );
  app.get('/.well-known/jwks.json', { schema: { hide: true, response: { 200: JwkSet } } }, async (_request, reply) =>
    // signingKeys.ts builds each public JWK with every member above.
    reply.header('Cache-Control', 'public, max-age=3600').send(keys.jwks as Static<typeof JwkSet>),
  );
}
