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
}
