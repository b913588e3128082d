/** What `GET /app-config.json` tells the browser pages about the deployment they belong to. */
export interface ClientConfig {
  identity: { provider: 'development' | 'entra'; clientId: string; apiScope: string };
  graphBaseUrl: string;
  sendRatePerMinute: number;
  /** The mailbox's recipients per rolling 24 hours; bigger campaigns go out over days. */
  dailyRecipientLimit: number;
  licenseIssuer: string;
  /** How long this deployment's license tokens live: the longest the pane trusts a cached one. */
  licenseTokenTtlSeconds: number;
  promoUrl: string;
  currency: string;
  /** Who takes card details: the simulated provider (test card numbers typed in), or Stripe (Stripe.js with this publishable key). */
  payments: { provider: 'simulated' } | { provider: 'stripe'; publishableKey: string };
}
