/**
 * What the browser pages need to know about this deployment, and the public keys derived from it
 * (the manifests: ./manifests.ts). The same build of the pages works for every deployment because of this.
 */
import type { FastifyInstance } from 'fastify';
import type { ClientConfig } from '../../../shared/src/api/clientConfig.js';
import type { Config } from '../config.js';
import type { SigningKeys } from '../license/signingKeys.js';


export function clientConfig(config: Config): ClientConfig {
  return {
    identity: {
      provider: config.identity.provider,
      clientId: config.identity.clientId,
      apiScope: config.identity.provider === 'entra' ? `api://${config.identity.clientId}/${config.identity.apiScope}` : config.identity.apiScope,
    },
    graphBaseUrl: config.graph.baseUrl,
    sendRatePerMinute: config.sending.ratePerMinute,
    dailyRecipientLimit: config.sending.dailyRecipients,
    licenseIssuer: config.license.issuer,
    licenseTokenTtlSeconds: config.license.tokenTtlSeconds,
    promoUrl: config.promoUrl,
    currency: config.payments.currency,
    payments: config.payments.stripe ? { provider: 'stripe', publishableKey: config.payments.stripe.publishableKey } : { provider: 'simulated' },
  };
}

export function registerPublicConfigRoutes(app: FastifyInstance, config: Config, keys: SigningKeys): void {
  const body = clientConfig(config);
  app.get('/app-config.json', { schema: { hide: true } }, async (_request, reply) => reply.header('Cache-Control', 'no-store').send(body));
  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_request, reply) => reply.header('Cache-Control', 'public, max-age=3600').send(keys.jwks));
}
