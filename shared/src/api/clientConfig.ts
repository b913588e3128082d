import { Type, type Static } from 'typebox';
import { Nullable, StringEnum } from './schemaKit.js';

/** What `GET /app-config.json` tells the browser pages about the deployment they belong to. */
export const ClientConfigSchema = Type.Object({
  identity: Type.Object({
    provider: StringEnum(['development', 'entra']),
    clientId: Type.String(),
    apiScope: Type.String(),
  }),
  graphBaseUrl: Type.String(),
  sendRatePerMinute: Type.Integer({ description: 'The pace the pane starts sending at, messages per minute.' }),
  sendRateMaxPerMinute: Type.Integer({
    description: "The fastest the pane may send when the mailbox's limit allows more, messages per minute.",
  }),
  dailyRecipientLimit: Type.Integer({
    description: "The mailbox's recipients per rolling 24 hours; bigger campaigns go out over days.",
  }),
  licenseIssuer: Type.String(),
  licenseTokenTtlSeconds: Type.Integer({
    description: "How long this deployment's license tokens live: the longest the pane trusts a cached one.",
  }),
  promoUrl: Type.String(),
  appSourceUrl: Nullable(
    Type.String({ description: "The add-in's page in Microsoft's store (AppSource); null until it is listed." }),
  ),
  currency: Type.String(),
  payments: Type.Union(
    [
      Type.Object({ provider: Type.Literal('simulated') }),
      Type.Object({ provider: Type.Literal('stripe'), publishableKey: Type.String() }),
    ],
    {
      description:
        'Who takes card details: the simulated provider (test card numbers typed in), or Stripe (Stripe.js with this publishable key).',
    },
  ),
});
export type ClientConfig = Static<typeof ClientConfigSchema>;
