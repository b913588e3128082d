/**
 * Configuration from environment variables, validated once at start. Every embedded default
 * works on a fresh machine with no Microsoft 365 tenant; every development stand-in is replaced
 * by the real service through configuration and refuses to run when NODE_ENV=production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { GRAPH_PERMISSIONS } from '#shared/api/graphScopes.js';
import { LICENSE_TOKEN_MAX_TTL_DAYS } from '#shared/license/licenseToken.js';
import { canonicalEmail } from '#shared/email/normalizeEmail.js';
import { STANDARD_VAT_RATES_BP } from '#shared/billing/tax.js';
import { normalizeVatId } from '#shared/billing/vatId.js';

export type IdentityProviderKind = 'development' | 'entra';
export type PaymentProviderKind = 'simulated' | 'stripe';

export interface PlanConfig {
  id: string;
  interval: 'month' | 'year';
  /** Price per seat per interval, in integer minor units of `currency`. */
  unitPriceMinor: number;
}

export interface Config {
  production: boolean;
  host: string;
  port: number;
  /** Where users reach this deployment; every link in emails and the manifest is built from it. */
  publicUrl: string;
  dataDir: string;
  /**
   * PostgreSQL (`DATABASE_URL`, any number of instances share it) or, without it, SQLite in the
   * data folder (one server). `poolSize`: connections each instance holds at most.
   */
  database: { url: string | null; poolSize: number };
  staticDir: string;
  trustProxy: string | false;
  /** Certificate and key files for HTTPS (sideloading into Outlook needs https://localhost). */
  tls: { certFile: string; keyFile: string } | null;
  identity: {
    provider: IdentityProviderKind;
    /** Application (client) id of the Entra app registration: the API's audience. */
    clientId: string;
    apiScope: string;
    issuerTemplate: string;
    jwksUrl: string;
  };
  graph: {
    /** Base URL the pane sends mail through: Microsoft Graph, or the development stand-in. */
    baseUrl: string;
    standInEnabled: boolean;
    /**
     * Origins the pane PUTs large attachments to: the `uploadUrl` of a Graph upload session is on
     * Exchange's origin, not Graph's; with the stand-in, its own upload server (known once it listens).
     */
    uploadOrigins: string[];
    /** The development identity provider's granted Graph permissions (the app registration's consent). */
    developmentScopes: string[];
    standIn: {
      ratePerMinute: number;
      rateWindowSeconds: number;
      dailyRecipients: number;
      latencyMs: number;
      /** Shared mailbox → user → mailbox rights (FullAccess, SendAs, SendOnBehalf). */
      sharedMailboxes: Record<string, Record<string, MailboxRight[]>>;
      /** How long a sent message stays in Drafts before transport moves it to Sent Items (random in [min, max], seeded). */
      sendDelayMs: { min: number; max: number; seed: number };
      /** Requests per 10 minutes per app and mailbox (Outlook service limit: 10,000). */
      requestsPer10Minutes: number;
      /** Bytes of POST/PUT/PATCH bodies per 5 minutes per app and mailbox (Outlook service limit: 150 MB). */
      uploadBytesPer5Minutes: number;
      /** Messages beyond the 24-hour recipient limit after which the sender is restricted (5.1.8) until released. */
      restrictAfterOverLimitMessages: number;
      /** Port of the stand-in's upload origin (0: any free port). */
      uploadPort: number;
      /** The identity service's resource units per app and tenant in 10 seconds (then 429 with Retry-After). */
      directoryUnitsPer10Seconds: number;
      /** Addresses the stand-in's directory does not know: a 5.1.1 non-delivery report comes back for them. */
      unknownRecipients: string[];
    };
  };
  /**
   * The pane's sending: it starts at `ratePerMinute` and follows the mailbox's limit as its 429s
   * show it, never faster than `maxRatePerMinute` (addin/src/campaign/sendPacer.ts).
   */
  sending: { ratePerMinute: number; maxRatePerMinute: number; dailyRecipients: number };
  /** Seats that follow Microsoft 365 groups (issue 17): the server reads groups with application permissions. */
  groups: {
    /** The app registration's client secret for client-credentials tokens (`ENTRA_CLIENT_SECRET`); null: group sync is off. */
    clientSecret: string | null;
    /** Where the server asks for tokens: `{tokenAuthority}/{tenant}/oauth2/v2.0/token`. */
    tokenAuthority: string;
    /** Where an administrator's browser goes to grant the application permissions (`{consentAuthority}/{tenant}/adminconsent`). */
    consentAuthority: string;
    /** Microsoft Graph as the server reaches it (the stand-in on the server's own address in development). */
    graphBaseUrl: string;
    /** How often linked groups are synced (0: never; tests run the job themselves). */
    syncIntervalSeconds: number;
  };
  /**
   * How long the server waits for slow clients, in milliseconds: a connection that sends nothing
   * (`connectionMs`, Node's socket timeout), the headers (`headersMs`) and the whole request
   * (`requestMs`, so a body trickled one byte at a time cannot hold a connection), and an idle
   * keep-alive connection between requests (`keepAliveMs`: behind a proxy, longer than the proxy's own).
   */
  http: { connectionMs: number; headersMs: number; requestMs: number; keepAliveMs: number; drainMs: number };
  /** Per client IP; an organisation behind one NAT address shares it. */
  rateLimits: {
    licenseCheckPerMinute: number;
    invitationsPerMinute: number;
    domainChecksPerMinute: number;
    purchasesPerMinute: number;
  };
  license: {
    tokenTtlSeconds: number;
    issuer: string;
    signingKeysJson: string | null;
  };
  payments: {
    provider: PaymentProviderKind;
    currency: 'EUR' | 'CHF' | 'USD';
    plans: PlanConfig[];
    /** Graduated volume discount (B2): seats from `fromQuantity` on cost `discountBp` basis points less. */
    volume: { fromQuantity: number; discountBp: number };
    /** Tax on invoices in basis points (810 = 8.1 %) for a subscription without a billing profile. */
    taxRateBp: number;
    /** Who sells: named on every invoice; its country decides domestic VAT (shared/src/billing/tax.ts). */
    seller: { name: string; address: string; country: string; vatId: string | null };
    /** VAT rates by country in basis points: the standard rates, overridden by VAT_RATES_BP (`FR=2000,DE=1900,CH=810`). */
    vatRatesBp: Record<string, number>;
    /** Days a past-due subscription stays usable before it expires. */
    graceDays: number;
    /** The vendor's operators who may refund invoices: Entra accounts as `tenantId/objectId` (OPERATOR_ACCOUNTS, comma-separated). */
    operators: string[];
    /** How often the server runs renewals (0: never; tests call the job themselves). */
    renewalIntervalSeconds: number;
    /** Secrets of the payment provider's webhook signatures (several while rolling over). */
    webhookSecrets: string[];
    /** How long a payment's claim is held before it counts as cut by a crash and is reconciled with the provider. */
    claimLeaseMs: number;
    /** The simulated provider's answer time and search lag (development and tests). */
    simulated: { latencyMs: number; searchLagMs: number };
    /**
     * Stripe (PAYMENT_PROVIDER=stripe): the secret key, the webhook endpoint's signing secrets, the
     * publishable key the portal's Stripe.js uses. `standIn`: no STRIPE_SECRET_KEY in development,
     * so the local Stripe stand-in (server/src/dev/stripe/) plays the API with its own keys.
     */
    stripe: { secretKey: string; webhookSecrets: string[]; publishableKey: string; standIn: boolean } | null;
  };
  /** What free seats anyone can get: trials are the vendor's gift, so the vendor sets their limits. */
  trials: {
    /** Seats of one trial at most (Microsoft 365's trials have 25). */
    maxSeats: number;
    /** Days of one trial at most. */
    maxDays: number;
    /** Trial seats a partner may hand out in total until the vendor approves more (`npm run partner:trial-allowance`). */
    partnerSeatAllowance: number;
  };
  mail: {
    smtpUrl: string | null;
    from: string;
    /** Emails Outmerge sends for one organisation per UTC day (welcome, seat removed); the rest is held back. */
    organisationDailyLimit: number;
  };
  dns: {
    /** Resolvers for domain proofs (`host` or `host:port`); null: the system's, or the stand-in in development. */
    servers: string[] | null;
    /** The development DNS stand-in runs (no DNS_RESOLVERS, development identity provider). */
    standInEnabled: boolean;
    /** Its UDP port (0: any free one). */
    standInPort: number;
  };
  /** The free tier's footer link: by default the public page about Outmerge (`/outmerge.html`). */
  promoUrl: string;
  /** The add-in's page in Microsoft's store (AppSource), once it is listed; null: the page about Outmerge says how to find it in Outlook. */
  appSourceUrl: string | null;
  logLevel: string;
  /** `pretty`: one readable line per event (development); `json`: one JSON object per line for log collectors (production). */
  logFormat: 'pretty' | 'json';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The keys the development Stripe stand-in accepts and signs with: nothing secret, development only. */
export const STRIPE_STANDIN_KEYS = {
  secretKey: 'sk_test_standin',
  webhookSecret: 'whsec_standin',
  publishableKey: 'pk_test_standin',
} as const;

/** Client id used with the development identity provider; a real deployment sets its own. */
export const DEVELOPMENT_CLIENT_ID = '6b1d7f4e-3c2a-4e8b-9d0f-0a1b2c3d4e5f';
/** The development app registration's client secret, which the development identity provider checks. */
export const DEVELOPMENT_CLIENT_SECRET = 'development-client-secret';

/** Exchange's mailbox permissions (Add-MailboxPermission FullAccess, Add-RecipientPermission SendAs, GrantSendOnBehalfTo). */
export type MailboxRight = 'FullAccess' | 'SendAs' | 'SendOnBehalf';
const RIGHTS: Record<string, MailboxRight> = {
  fullaccess: 'FullAccess',
  sendas: 'SendAs',
  sendonbehalf: 'SendOnBehalf',
};

/**
 * `shared@contoso.com=anna@contoso.com:sendas|bob@contoso.com:fullaccess+sendonbehalf;…`. A user
 * without `:rights` (the older form) gets Full Access and Send As.
 */
function sharedMailboxes(raw: string | undefined, problems: string[]): Record<string, Record<string, MailboxRight[]>> {
  const both: MailboxRight[] = ['FullAccess', 'SendAs'];
  const result: Record<string, Record<string, MailboxRight[]>> = {
    'team@contoso.com': { 'anna@contoso.com': both, 'olivia@contoso.com': both },
  };
  if (!raw) return result;
  for (const entry of raw.split(';').filter((e) => e.trim() !== '')) {
    const [mailbox, users] = entry.split('=');
    if (!mailbox || !users) {
      problems.push(
        `GRAPH_STANDIN_SHARED_MAILBOXES: "${entry}" is not shared@domain=user@domain[:rights]|user@domain[:rights].`,
      );
      continue;
    }
    const grants: Record<string, MailboxRight[]> = {};
    for (const grant of users.split('|')) {
      const [user, rights] = grant.split(':').map((part) => part.trim());
      const parsed = rights === undefined ? both : rights.split('+').map((r) => RIGHTS[r.toLowerCase()]);
      if (!user || parsed.some((r) => r === undefined)) {
        problems.push(
          `GRAPH_STANDIN_SHARED_MAILBOXES: "${grant}" names rights other than fullaccess, sendas, sendonbehalf.`,
        );
        continue;
      }
      grants[user] = parsed as MailboxRight[];
    }
    result[mailbox.trim()] = grants;
  }
  return result;
}

/**
 * Where Graph's upload sessions point, per Graph deployment: Exchange Online's origin in the same
 * cloud (learn.microsoft.com/graph/outlook-large-attachments: "in the https://outlook.office.com
 * domain"; national clouds: learn.microsoft.com/graph/deployments). GRAPH_UPLOAD_ORIGINS overrides.
 */
function exchangeUploadOrigins(graphBaseUrl: string, raw: string | undefined, problems: string[]): string[] {
  if (raw) {
    const origins = raw.split(/\s+/).filter((o) => o !== '');
    for (const origin of origins)
      if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$/i.test(origin))
        problems.push(`GRAPH_UPLOAD_ORIGINS: "${origin}" is not an https:// origin.`);
    return origins;
  }
  const host = new URL(graphBaseUrl).hostname;
  if (host === 'graph.microsoft.us') return ['https://outlook.office365.us'];
  if (host === 'dod-graph.microsoft.us') return ['https://outlook-dod.office365.us'];
  if (host === 'microsoftgraph.chinacloudapi.cn') return ['https://partner.outlook.cn'];
  return ['https://outlook.office.com', 'https://outlook.office365.com'];
}

/** `500-3000` (milliseconds) or a single number. */
function delayRange(raw: string | undefined, problems: string[]): { min: number; max: number } {
  if (raw === undefined || raw === '') return { min: 500, max: 3000 };
  const match = /^(\d{1,7})(?:-(\d{1,7}))?$/.exec(raw.trim());
  const min = Number(match?.[1]);
  const max = Number(match?.[2] ?? match?.[1]);
  if (!match || max < min) {
    problems.push(`GRAPH_STANDIN_SEND_DELAY_MS must be milliseconds "min-max" (got "${raw}").`);
    return { min: 500, max: 3000 };
  }
  return { min, max };
}

/** DEV_IDP_GRAPH_SCOPES: space-separated permission names; by default every permission the README registers. */
function developmentScopes(raw: string | undefined, problems: string[]): string[] {
  if (raw === undefined) return [...GRAPH_PERMISSIONS];
  const scopes = raw.split(/\s+/).filter((s) => s !== '');
  for (const scope of scopes)
    if (!/^[A-Z][A-Za-z]*(\.[A-Za-z]+)+$/.test(scope))
      problems.push(`DEV_IDP_GRAPH_SCOPES: "${scope}" is not a Microsoft Graph permission name (like Mail.Send).`);
  return scopes;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, fallback: string): string => {
    const raw = env[name] || fallback;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL (got "${raw}").`);
      return fallback;
    }
  };
  const optionalHttpsUrl = (name: string): string | null => {
    const raw = env[name];
    if (raw === undefined || raw === '') return null;
    if (URL.canParse(raw) && new URL(raw).protocol === 'https:') return raw;
    problems.push(`${name} must be an https URL (got "${raw}").`);
    return null;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
      return fallback;
    }
    return raw as T;
  };

  const port = integer('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';

  let tls: Config['tls'] = null;
  if (env.TLS_CERT_FILE || env.TLS_KEY_FILE) {
    const certFile = path.resolve(cwd, env.TLS_CERT_FILE ?? '');
    const keyFile = path.resolve(cwd, env.TLS_KEY_FILE ?? '');
    if (!env.TLS_CERT_FILE || !env.TLS_KEY_FILE)
      problems.push('Set both TLS_CERT_FILE and TLS_KEY_FILE to serve HTTPS.');
    else if (!fs.existsSync(certFile) || !fs.existsSync(keyFile))
      problems.push(`TLS_CERT_FILE or TLS_KEY_FILE does not exist (${certFile}, ${keyFile}).`);
    else tls = { certFile, keyFile };
  }
  const scheme = tls ? 'https' : 'http';
  const publicUrl = url('PUBLIC_URL', `${scheme}://localhost:${port}`);
  // How the server reaches itself (the development IdP's key set); localhost certificates name "localhost".
  const internalUrl = `${scheme}://${tls ? 'localhost' : '127.0.0.1'}:${port}`;

  // Exchange Online's 30 messages a minute; going faster only where the deployment says its mailboxes allow it.
  const sendRate = integer('SEND_RATE_PER_MINUTE', 30, 1, 100000);
  const maxSendRate = integer('SEND_RATE_MAX_PER_MINUTE', sendRate, 1, 100000);
  if (maxSendRate < sendRate)
    problems.push(
      `SEND_RATE_MAX_PER_MINUTE (${maxSendRate}) must not be below SEND_RATE_PER_MINUTE (${sendRate}): it is the fastest the pane may send.`,
    );
  const identityProvider = oneOf<IdentityProviderKind>(
    'IDENTITY_PROVIDER',
    ['development', 'entra'],
    production ? 'entra' : 'development',
  );
  const development = identityProvider === 'development';
  const clientId = env.ENTRA_CLIENT_ID || (development ? DEVELOPMENT_CLIENT_ID : '');
  if (!GUID.test(clientId))
    problems.push('ENTRA_CLIENT_ID must be the GUID of the Entra app registration (Application (client) ID).');

  const graphStandIn = !env.GRAPH_BASE_URL;
  const graphBaseUrl = graphStandIn ? `${publicUrl}/dev/graph` : url('GRAPH_BASE_URL', 'https://graph.microsoft.com');

  // Domain proofs: the resolvers to ask for TXT records (Node's Resolver.setServers takes "ip" or "ip:port").
  let dnsServers: string[] | null = null;
  if (env.DNS_RESOLVERS) {
    dnsServers = env.DNS_RESOLVERS.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const bad = dnsServers.filter(
      (s) => !/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-f:]+\](:\d{1,5})?|[0-9a-f:]+)$/i.test(s),
    );
    if (bad.length > 0 || dnsServers.length === 0)
      problems.push(
        `DNS_RESOLVERS must be comma-separated IP addresses, each optionally with :port (got "${env.DNS_RESOLVERS}").`,
      );
  }

  // postgres://user:password@host:5432/database?sslmode=require, as pg reads it.
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl !== null && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl))
    problems.push(
      'DATABASE_URL must be a PostgreSQL connection string: postgres://user:password@host:5432/database (add ?sslmode=require for a managed server).',
    );
  const paymentProvider = oneOf<PaymentProviderKind>('PAYMENT_PROVIDER', ['simulated', 'stripe'], 'simulated');
  let stripe: Config['payments']['stripe'] = null;
  if (paymentProvider === 'stripe') {
    const standIn = !env.STRIPE_SECRET_KEY && !production;
    const secretKey = env.STRIPE_SECRET_KEY || STRIPE_STANDIN_KEYS.secretKey;
    const webhookSecrets = (env.STRIPE_WEBHOOK_SECRET || (standIn ? STRIPE_STANDIN_KEYS.webhookSecret : ''))
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const publishableKey = env.STRIPE_PUBLISHABLE_KEY || (standIn ? STRIPE_STANDIN_KEYS.publishableKey : '');
    // Stripe's key prefixes ("API keys"): secret sk_, restricted rk_, publishable pk_; webhook signing secrets whsec_.
    if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secretKey))
      problems.push('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…).');
    if (webhookSecrets.length === 0 || webhookSecrets.some((s) => !/^whsec_[A-Za-z0-9+/=]+$/.test(s)))
      problems.push(
        "STRIPE_WEBHOOK_SECRET must be the webhook endpoint's signing secret (whsec_…; several comma-separated while rolling over).",
      );
    if (!/^pk_(test|live)_[A-Za-z0-9]+$/.test(publishableKey))
      problems.push(
        "STRIPE_PUBLISHABLE_KEY must be the Stripe publishable key (pk_live_… or pk_test_…) the portal's card form uses.",
      );
    stripe = { secretKey, webhookSecrets, publishableKey, standIn };
  }
  const currency = oneOf('CURRENCY', ['EUR', 'CHF', 'USD'] as const, 'EUR');

  const vatRatesBp: Record<string, number> = { ...STANDARD_VAT_RATES_BP };
  for (const entry of (env.VAT_RATES_BP ?? '').split(',').filter((e) => e.trim() !== '')) {
    const match = /^\s*([A-Z]{2})=(\d{1,4})\s*$/.exec(entry);
    if (!match || Number(match[2]) > 5000)
      problems.push(`VAT_RATES_BP: "${entry}" is not COUNTRY=basis points (FR=2000).`);
    else vatRatesBp[match[1]!] = Number(match[2]);
  }
  const operators = (env.OPERATOR_ACCOUNTS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  for (const operator of operators)
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(operator))
      problems.push(`OPERATOR_ACCOUNTS lists tenantId/objectId pairs of Entra accounts (got "${operator}").`);
  const sellerCountry = (env.SELLER_COUNTRY || 'FR').toUpperCase();
  if (vatRatesBp[sellerCountry] === undefined)
    problems.push(`SELLER_COUNTRY must be a country with a VAT rate (got "${sellerCountry}"; add it to VAT_RATES_BP).`);
  const sellerVatId = env.SELLER_VAT_ID ? normalizeVatId(sellerCountry, env.SELLER_VAT_ID) : null;
  if (env.SELLER_VAT_ID && !sellerVatId) problems.push(`SELLER_VAT_ID is not a VAT number of ${sellerCountry}.`);
  if (production && (!env.SELLER_NAME || !env.SELLER_ADDRESS || !env.SELLER_VAT_ID))
    problems.push(
      'SELLER_NAME, SELLER_ADDRESS and SELLER_VAT_ID are required with NODE_ENV=production: every invoice names the seller.',
    );

  const http = {
    connectionMs: integer('HTTP_CONNECTION_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    headersMs: integer('HTTP_HEADERS_TIMEOUT_SECONDS', 30, 1, 3600) * 1000,
    requestMs: integer('HTTP_REQUEST_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    keepAliveMs: integer('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 72, 1, 3600) * 1000,
    // On SIGTERM, readiness answers 503 this long before the server stops taking requests (the load balancer takes it out first).
    drainMs: integer('SHUTDOWN_DRAIN_SECONDS', 0, 0, 600) * 1000,
  };
  // Node refuses a headers timeout longer than the request timeout (the headers are part of the request).
  if (http.headersMs > http.requestMs)
    problems.push('HTTP_HEADERS_TIMEOUT_SECONDS must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS.');

  if (production) {
    if (development)
      problems.push(
        'The development identity provider cannot run with NODE_ENV=production: set IDENTITY_PROVIDER=entra and ENTRA_CLIENT_ID.',
      );
    if (graphStandIn)
      problems.push(
        'The Graph stand-in cannot run with NODE_ENV=production: set GRAPH_BASE_URL=https://graph.microsoft.com.',
      );
    if (paymentProvider === 'simulated')
      problems.push(
        'The simulated payment provider cannot run with NODE_ENV=production: configure a real PAYMENT_PROVIDER.',
      );
    if (paymentProvider === 'simulated' && !env.PAYMENT_WEBHOOK_SECRET)
      problems.push(
        "PAYMENT_WEBHOOK_SECRET is required with NODE_ENV=production (the payment provider's webhook signing secret).",
      );
    if (!env.SMTP_URL)
      problems.push('SMTP_URL is required with NODE_ENV=production (the local outbox is for development only).');
    if (!env.PUBLIC_URL?.startsWith('https://'))
      problems.push('PUBLIC_URL must be the https:// address users reach in production.');
  }

  const config: Config = {
    production,
    host,
    port,
    publicUrl,
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    database: { url: databaseUrl, poolSize: integer('DATABASE_POOL_SIZE', 10, 1, 200) },
    staticDir: path.resolve(cwd, env.STATIC_DIR || 'build/addin'),
    trustProxy: env.TRUSTED_PROXY || false,
    tls,
    identity: {
      provider: identityProvider,
      clientId,
      apiScope: env.ENTRA_API_SCOPE || 'access_as_user',
      issuerTemplate:
        env.ENTRA_ISSUER_TEMPLATE ||
        (development ? `${publicUrl}/dev/idp/{tid}/v2.0` : 'https://login.microsoftonline.com/{tid}/v2.0'),
      jwksUrl: url(
        'ENTRA_JWKS_URL',
        development
          ? `${internalUrl}/dev/idp/discovery/v2.0/keys`
          : 'https://login.microsoftonline.com/common/discovery/v2.0/keys',
      ),
    },
    graph: {
      baseUrl: graphBaseUrl,
      standInEnabled: graphStandIn,
      // The stand-in's upload origin is added by the app once its upload server listens.
      uploadOrigins: graphStandIn ? [] : exchangeUploadOrigins(graphBaseUrl, env.GRAPH_UPLOAD_ORIGINS, problems),
      developmentScopes: developmentScopes(env.DEV_IDP_GRAPH_SCOPES, problems),
      standIn: {
        ratePerMinute: integer('GRAPH_STANDIN_RATE_PER_MINUTE', 30, 1, 100000),
        rateWindowSeconds: integer('GRAPH_STANDIN_RATE_WINDOW_SECONDS', 60, 1, 3600),
        dailyRecipients: integer('GRAPH_STANDIN_DAILY_RECIPIENTS', 10_000, 1, 10_000_000),
        latencyMs: integer('GRAPH_STANDIN_LATENCY_MS', 20, 0, 60_000),
        sharedMailboxes: sharedMailboxes(env.GRAPH_STANDIN_SHARED_MAILBOXES, problems),
        sendDelayMs: {
          ...delayRange(env.GRAPH_STANDIN_SEND_DELAY_MS, problems),
          seed: integer('GRAPH_STANDIN_SEED', 1, 0, 2 ** 31 - 1),
        },
        requestsPer10Minutes: integer('GRAPH_STANDIN_REQUESTS_PER_10_MINUTES', 10_000, 1, 10_000_000),
        uploadBytesPer5Minutes: integer('GRAPH_STANDIN_UPLOAD_BYTES_PER_5_MINUTES', 150 * 1024 * 1024, 1, 2 ** 40),
        restrictAfterOverLimitMessages: integer('GRAPH_STANDIN_RESTRICT_AFTER', 3, 0, 1_000_000),
        uploadPort: integer('GRAPH_STANDIN_UPLOAD_PORT', 0, 0, 65535),
        directoryUnitsPer10Seconds: integer('GRAPH_STANDIN_DIRECTORY_UNITS_PER_10_SECONDS', 3500, 1, 1_000_000),
        unknownRecipients: unknownRecipients(env.GRAPH_STANDIN_UNKNOWN_RECIPIENTS, problems),
      },
    },
    groups: {
      clientSecret: env.ENTRA_CLIENT_SECRET || (development ? DEVELOPMENT_CLIENT_SECRET : null),
      tokenAuthority: development
        ? `${internalUrl}/dev/idp`
        : url('ENTRA_AUTHORITY', 'https://login.microsoftonline.com'),
      consentAuthority: development
        ? `${publicUrl}/dev/idp`
        : url('ENTRA_AUTHORITY', 'https://login.microsoftonline.com'),
      // The server calls Graph itself: the stand-in on the address the server reaches itself by.
      graphBaseUrl: graphStandIn ? `${internalUrl}/dev/graph` : graphBaseUrl,
      syncIntervalSeconds: integer('GROUP_SYNC_INTERVAL_SECONDS', 900, 0, 86400),
    },
    http,
    sending: {
      ratePerMinute: sendRate,
      maxRatePerMinute: maxSendRate,
      dailyRecipients: integer('DAILY_RECIPIENT_LIMIT', 10_000, 1, 10_000_000),
    },
    rateLimits: {
      licenseCheckPerMinute: integer('LICENSE_CHECK_RATE_PER_MINUTE', 600, 1, 10_000_000),
      invitationsPerMinute: integer('INVITATION_RATE_PER_MINUTE', 30, 1, 10_000_000),
      // Each domain check is a DNS look-up made by the server.
      domainChecksPerMinute: integer('DOMAIN_CHECK_RATE_PER_MINUTE', 30, 1, 10_000_000),
      purchasesPerMinute: integer('PURCHASE_RATE_PER_MINUTE', 30, 1, 10_000_000),
    },
    license: {
      tokenTtlSeconds: integer('LICENSE_TOKEN_TTL_DAYS', 7, 1, LICENSE_TOKEN_MAX_TTL_DAYS) * 86400,
      issuer: publicUrl,
      signingKeysJson: env.LICENSE_SIGNING_KEYS || null,
    },
    payments: {
      provider: paymentProvider,
      currency,
      plans: [
        { id: 'monthly', interval: 'month', unitPriceMinor: integer('PRICE_MONTHLY_MINOR', 500, 1, 10_000_000) },
        { id: 'annual', interval: 'year', unitPriceMinor: integer('PRICE_ANNUAL_MINOR', 5000, 1, 100_000_000) },
      ],
      volume: {
        fromQuantity: integer('VOLUME_DISCOUNT_FROM', 10, 2, 100_000),
        discountBp: integer('VOLUME_DISCOUNT_BP', 2000, 0, 9000),
      },
      taxRateBp: integer('TAX_RATE_BP', 0, 0, 5000),
      seller: {
        name: env.SELLER_NAME || 'Outmerge (development)',
        address: env.SELLER_ADDRESS || '1 rue de l’Exemple, 75001 Paris',
        country: sellerCountry,
        vatId: sellerVatId,
      },
      vatRatesBp,
      graceDays: integer('PAST_DUE_GRACE_DAYS', 14, 0, 90),
      operators,
      renewalIntervalSeconds: integer('RENEWAL_INTERVAL_SECONDS', 3600, 0, 86400),
      webhookSecrets: (env.PAYMENT_WEBHOOK_SECRET || (production ? '' : 'whsec_development'))
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      claimLeaseMs: integer('PAYMENT_CLAIM_LEASE_SECONDS', 300, 1, 86_400) * 1000,
      simulated: {
        latencyMs: integer('SIMULATED_PAYMENT_LATENCY_MS', 0, 0, 60_000),
        searchLagMs: integer('SIMULATED_PAYMENT_SEARCH_LAG_SECONDS', 30, 0, 3600) * 1000,
      },
      stripe,
    },
    trials: {
      maxSeats: integer('TRIAL_MAX_SEATS', 25, 1, 1000),
      maxDays: integer('TRIAL_MAX_DAYS', 30, 1, 90),
      partnerSeatAllowance: integer('PARTNER_TRIAL_SEAT_ALLOWANCE', 0, 0, 1_000_000),
    },
    mail: {
      smtpUrl: env.SMTP_URL || null,
      from: env.MAIL_FROM || 'Outmerge <no-reply@outmerge.localhost>',
      organisationDailyLimit: integer('ORGANISATION_DAILY_EMAIL_LIMIT', 500, 0, 1_000_000),
    },
    dns: {
      servers: dnsServers,
      standInEnabled: dnsServers === null && development,
      standInPort: integer('DNS_STANDIN_PORT', 0, 0, 65535),
    },
    promoUrl: url('PROMO_URL', `${publicUrl}/outmerge.html`),
    appSourceUrl: optionalHttpsUrl('APPSOURCE_URL'),
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: oneOf<'pretty' | 'json'>('LOG_FORMAT', ['pretty', 'json'], production ? 'json' : 'pretty'),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** GRAPH_STANDIN_UNKNOWN_RECIPIENTS: comma-separated addresses the stand-in's directory does not know. */
function unknownRecipients(raw: string | undefined, problems: string[]): string[] {
  const value = raw ?? 'nobody@fabrikam.com';
  const addresses = value
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
  const bad = addresses.filter((a) => canonicalEmail(a) === null);
  if (bad.length > 0) problems.push(`GRAPH_STANDIN_UNKNOWN_RECIPIENTS: "${bad.join(', ')}" is not an email address.`);
  return addresses.flatMap((a) => canonicalEmail(a) ?? []);
}
