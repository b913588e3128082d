/**
 * Configuration from environment variables, validated once at start. Every embedded default
 * works on a fresh machine with no Microsoft 365 tenant; every development stand-in is replaced
 * by the real service through configuration and refuses to run when NODE_ENV=production.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LICENSE_TOKEN_MAX_TTL_DAYS } from '../../shared/src/license/licenseToken.js';

export type IdentityProviderKind = 'development' | 'entra';
export type PaymentProviderKind = 'simulated';

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
    standIn: { ratePerMinute: number; rateWindowSeconds: number; dailyRecipients: number; latencyMs: number; sharedMailboxes: Record<string, string[]> };
  };
  sending: { ratePerMinute: number; dailyRecipients: number };
  /**
   * How long the server waits for slow clients, in milliseconds: a connection that sends nothing
   * (`connectionMs`, Node's socket timeout), the headers (`headersMs`) and the whole request
   * (`requestMs`, so a body trickled one byte at a time cannot hold a connection), and an idle
   * keep-alive connection between requests (`keepAliveMs`: behind a proxy, longer than the proxy's own).
   */
  http: { connectionMs: number; headersMs: number; requestMs: number; keepAliveMs: number };
  /** Per client IP; an organisation behind one NAT address shares it. */
  rateLimits: { licenseCheckPerMinute: number; invitationsPerMinute: number; purchasesPerMinute: number };
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
    /** Tax on invoices in basis points (810 = 8.1 %). */
    taxRateBp: number;
    /** Days a past-due subscription stays usable before it expires. */
    graceDays: number;
    /** How often the server runs renewals (0: never; tests call the job themselves). */
    renewalIntervalSeconds: number;
    /** Secrets of the payment provider's webhook signatures (several while rolling over). */
    webhookSecrets: string[];
    /** How long a payment's claim is held before it counts as cut by a crash and is reconciled with the provider. */
    claimLeaseMs: number;
    /** The simulated provider's answer time and search lag (development and tests). */
    simulated: { latencyMs: number; searchLagMs: number };
  };
  mail: { smtpUrl: string | null; from: string };
  promoUrl: string;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Client id used with the development identity provider; a real deployment sets its own. */
export const DEVELOPMENT_CLIENT_ID = '6b1d7f4e-3c2a-4e8b-9d0f-0a1b2c3d4e5f';

/** `shared@contoso.com=anna@contoso.com|bob@contoso.com;support@contoso.com=anna@contoso.com` */
function sharedMailboxes(raw: string | undefined, problems: string[]): Record<string, string[]> {
  const result: Record<string, string[]> = { 'team@contoso.com': ['anna@contoso.com', 'olivia@contoso.com'] };
  if (!raw) return result;
  for (const entry of raw.split(';').filter((e) => e.trim() !== '')) {
    const [mailbox, users] = entry.split('=');
    if (!mailbox || !users) {
      problems.push(`GRAPH_STANDIN_SHARED_MAILBOXES: "${entry}" is not shared@domain=user@domain|user@domain.`);
      continue;
    }
    result[mailbox.trim()] = users.split('|').map((u) => u.trim());
  }
  return result;
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
    if (!env.TLS_CERT_FILE || !env.TLS_KEY_FILE) problems.push('Set both TLS_CERT_FILE and TLS_KEY_FILE to serve HTTPS.');
    else if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) problems.push(`TLS_CERT_FILE or TLS_KEY_FILE does not exist (${certFile}, ${keyFile}).`);
    else tls = { certFile, keyFile };
  }
  const scheme = tls ? 'https' : 'http';
  const publicUrl = url('PUBLIC_URL', `${scheme}://localhost:${port}`);
  // How the server reaches itself (the development IdP's key set); localhost certificates name "localhost".
  const internalUrl = `${scheme}://${tls ? 'localhost' : '127.0.0.1'}:${port}`;

  const identityProvider = oneOf<IdentityProviderKind>('IDENTITY_PROVIDER', ['development', 'entra'], production ? 'entra' : 'development');
  const development = identityProvider === 'development';
  const clientId = env.ENTRA_CLIENT_ID || (development ? DEVELOPMENT_CLIENT_ID : '');
  if (!GUID.test(clientId)) problems.push('ENTRA_CLIENT_ID must be the GUID of the Entra app registration (Application (client) ID).');

  const graphStandIn = !env.GRAPH_BASE_URL;

  const paymentProvider = oneOf<PaymentProviderKind>('PAYMENT_PROVIDER', ['simulated'], 'simulated');
  const currency = oneOf('CURRENCY', ['EUR', 'CHF', 'USD'] as const, 'EUR');

  const http = {
    connectionMs: integer('HTTP_CONNECTION_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    headersMs: integer('HTTP_HEADERS_TIMEOUT_SECONDS', 30, 1, 3600) * 1000,
    requestMs: integer('HTTP_REQUEST_TIMEOUT_SECONDS', 60, 1, 3600) * 1000,
    keepAliveMs: integer('HTTP_KEEP_ALIVE_TIMEOUT_SECONDS', 72, 1, 3600) * 1000,
  };
  // Node refuses a headers timeout longer than the request timeout (the headers are part of the request).
  if (http.headersMs > http.requestMs) problems.push('HTTP_HEADERS_TIMEOUT_SECONDS must not be longer than HTTP_REQUEST_TIMEOUT_SECONDS.');

  if (production) {
    if (development) problems.push('The development identity provider cannot run with NODE_ENV=production: set IDENTITY_PROVIDER=entra and ENTRA_CLIENT_ID.');
    if (graphStandIn) problems.push('The Graph stand-in cannot run with NODE_ENV=production: set GRAPH_BASE_URL=https://graph.microsoft.com.');
    if (paymentProvider === 'simulated') problems.push('The simulated payment provider cannot run with NODE_ENV=production: configure a real PAYMENT_PROVIDER.');
    if (!env.PAYMENT_WEBHOOK_SECRET) problems.push('PAYMENT_WEBHOOK_SECRET is required with NODE_ENV=production (the payment provider\'s webhook signing secret).');
    if (!env.SMTP_URL) problems.push('SMTP_URL is required with NODE_ENV=production (the local outbox is for development only).');
    if (!env.PUBLIC_URL?.startsWith('https://')) problems.push('PUBLIC_URL must be the https:// address users reach in production.');
  }

  const config: Config = {
    production,
    host,
    port,
    publicUrl,
    dataDir: path.resolve(cwd, env.DATA_DIR || 'data'),
    staticDir: path.resolve(cwd, env.STATIC_DIR || 'build/addin'),
    trustProxy: env.TRUSTED_PROXY || false,
    tls,
    identity: {
      provider: identityProvider,
      clientId,
      apiScope: env.ENTRA_API_SCOPE || 'access_as_user',
      issuerTemplate: env.ENTRA_ISSUER_TEMPLATE || (development ? `${publicUrl}/dev/idp/{tid}/v2.0` : 'https://login.microsoftonline.com/{tid}/v2.0'),
      jwksUrl: url('ENTRA_JWKS_URL', development ? `${internalUrl}/dev/idp/discovery/v2.0/keys` : 'https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    },
    graph: {
      baseUrl: graphStandIn ? `${publicUrl}/dev/graph` : url('GRAPH_BASE_URL', 'https://graph.microsoft.com'),
      standInEnabled: graphStandIn,
      standIn: {
        ratePerMinute: integer('GRAPH_STANDIN_RATE_PER_MINUTE', 30, 1, 100000),
        rateWindowSeconds: integer('GRAPH_STANDIN_RATE_WINDOW_SECONDS', 60, 1, 3600),
        dailyRecipients: integer('GRAPH_STANDIN_DAILY_RECIPIENTS', 10_000, 1, 10_000_000),
        latencyMs: integer('GRAPH_STANDIN_LATENCY_MS', 20, 0, 60_000),
        sharedMailboxes: sharedMailboxes(env.GRAPH_STANDIN_SHARED_MAILBOXES, problems),
      },
    },
    http,
    sending: { ratePerMinute: integer('SEND_RATE_PER_MINUTE', 30, 1, 100000), dailyRecipients: integer('DAILY_RECIPIENT_LIMIT', 10_000, 1, 10_000_000) },
    rateLimits: {
      licenseCheckPerMinute: integer('LICENSE_CHECK_RATE_PER_MINUTE', 600, 1, 10_000_000),
      invitationsPerMinute: integer('INVITATION_RATE_PER_MINUTE', 30, 1, 10_000_000),
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
      volume: { fromQuantity: integer('VOLUME_DISCOUNT_FROM', 10, 2, 100_000), discountBp: integer('VOLUME_DISCOUNT_BP', 2000, 0, 9000) },
      taxRateBp: integer('TAX_RATE_BP', 0, 0, 5000),
      graceDays: integer('PAST_DUE_GRACE_DAYS', 14, 0, 90),
      renewalIntervalSeconds: integer('RENEWAL_INTERVAL_SECONDS', 3600, 0, 86400),
      webhookSecrets: (env.PAYMENT_WEBHOOK_SECRET || (production ? '' : 'whsec_development')).split(',').map((s) => s.trim()).filter((s) => s !== ''),
      claimLeaseMs: integer('PAYMENT_CLAIM_LEASE_SECONDS', 300, 1, 86_400) * 1000,
      simulated: { latencyMs: integer('SIMULATED_PAYMENT_LATENCY_MS', 0, 0, 60_000), searchLagMs: integer('SIMULATED_PAYMENT_SEARCH_LAG_SECONDS', 30, 0, 3600) * 1000 },
    },
    mail: { smtpUrl: env.SMTP_URL || null, from: env.MAIL_FROM || 'Outmerge <no-reply@outmerge.localhost>' },
    promoUrl: url('PROMO_URL', `${publicUrl}/?ref=footer`),
    logLevel: env.LOG_LEVEL || 'info',
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
