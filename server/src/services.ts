/**
 * Wires the server's parts together once: storage, identity, license signing, payments, email
 * and the domain services the routes call. Routes receive this object; nothing reaches for a
 * global.
 */
import { RefundService } from './billing/refundService.js';
import path from 'node:path';
import { adminConsentUrl } from '../../shared/src/api/adminConsent.js';
import { BillingService } from './billing/billingService.js';
import { CheckoutService } from './billing/checkoutService.js';
import { BillingProfileService } from './billing/billingProfileService.js';
import { IdempotentCharges } from './billing/idempotentCharge.js';
import { SimulatedPaymentProvider } from './billing/simulatedPaymentProvider.js';
import { StripePaymentProvider } from './billing/stripePaymentProvider.js';
import type { PaymentProvider } from './billing/paymentProvider.js';
import type { Config } from './config.js';
import { createEmailTransport } from './email/mailer.js';
import { Outbox } from './email/outbox.js';
import { createAccessTokenValidator, type AccessTokenValidator, type CallerIdentity } from './identity/accessTokenValidator.js';
import { LicenseService } from './licenseCheck/licenseService.js';
import { loadSigningKeys, type SigningKeys } from './licenseCheck/signingKeys.js';
import { createTxtLookup } from './dns/txtLookup.js';
import { DelegationService } from './subscriptions/delegationService.js';
import { DomainService } from './organisations/domainService.js';
import { OrganisationService } from './subscriptions/organisationService.js';
import { createPartnerServices, type PartnerServices } from './partners/partnerServices.js';
import { SeatService } from './subscriptions/seatService.js';
import { Storage } from './storage/storage.js';

export interface Services {
  config: Config;
  storage: Storage;
  keys: SigningKeys;
  /** Emails written with their change and delivered after commit (./email/outbox.ts). */
  outbox: Outbox;
  authenticate: AccessTokenValidator;
  /** The admin-consent link for the caller's own Microsoft 365 tenant (A10): this deployment's app registration and portal. */
  adminConsent(caller: CallerIdentity): { tenantId: string; url: string };
  licenses: LicenseService;
  /** The one way money is taken (./billing/idempotentCharge.ts), and where cut claims are reconciled. */
  charges: IdempotentCharges;
  checkout: CheckoutService;
  billing: BillingService;
  /** Refunds by the vendor's operators, and the credit notes customers read (./billing/refundService.ts). */
  refunds: RefundService;
  billingProfiles: BillingProfileService;
  seats: SeatService;
  delegation: DelegationService;
  organisations: OrganisationService;
  domains: DomainService;
  /** The partner use cases: staff, offers, administration requests, product keys, customers. */
  partners: PartnerServices;
  /** The payment provider every service charges through (the simulated one lists its charges). */
  paymentProvider: PaymentProvider;
  /** Closes what the services opened (databases). */
  close(): void;
}

export const DATABASE_FILE = 'outmerge.sqlite';
/** The simulated payment provider's own records: a separate service's, so a separate file. */
export const SIMULATED_PAYMENTS_FILE = 'simulated-payments.sqlite';

/**
 * `stripeApi`: where the Stripe provider's SDK connects when it is not api.stripe.com (the
 * development stand-in the app started).
 */
export async function createServices(
  config: Config,
  log: (error: unknown, message: string) => void,
  options: { dnsServers?: string[]; clock?: () => number; stripeApi?: { host: string; port: number; protocol: 'http' | 'https' } } = {},
): Promise<Services> {
  const clock = options.clock ?? Date.now;
  const storage = Storage.open(path.join(config.dataDir, DATABASE_FILE));
  const keys = await loadSigningKeys({ configuredJson: config.license.signingKeysJson, dataDir: config.dataDir });
  const outbox = new Outbox(storage, createEmailTransport({ smtpUrl: config.mail.smtpUrl, from: config.mail.from }), clock, log);
  const validate = createAccessTokenValidator({
    jwks: new URL(config.identity.jwksUrl),
    audience: config.identity.clientId,
    issuerTemplate: config.identity.issuerTemplate,
    requiredScope: config.identity.apiScope,
  });
  const domains = new DomainService(storage, createTxtLookup({ servers: options.dnsServers ?? config.dns.servers }), clock);
  // Every signed-in member shows a domain their tenant verified: the tenant proof of domains.
  const authenticate: AccessTokenValidator = async (header) => {
    const caller = await validate(header);
    domains.observe(caller);
    return caller;
  };
  const { plans, currency, volume, taxRateBp, graceDays, webhookSecrets, claimLeaseMs, simulated, stripe, seller, vatRatesBp } = config.payments;
  // The simulated provider is the embedded default; it refuses to exist in production (its constructor checks).
  const simulatedProvider = stripe ? null : new SimulatedPaymentProvider({ file: path.join(config.dataDir, SIMULATED_PAYMENTS_FILE), latencyMs: simulated.latencyMs, searchLagMs: simulated.searchLagMs, clock, webhookSecrets });
  const paymentProvider: PaymentProvider = stripe ? new StripePaymentProvider({ secretKey: stripe.secretKey, webhookSecrets: stripe.webhookSecrets, ...(options.stripeApi ? { api: options.stripeApi } : {}) }) : simulatedProvider!;
  const charges = new IdempotentCharges(storage, paymentProvider, { leaseMs: claimLeaseMs, afterCommit: () => outbox.deliver() }, clock, log);
  // Each service registers how its payments are recorded; all are in place before a claim can be reconciled.
  const checkout = new CheckoutService(storage, charges, { plans, currency, volume, taxRateBp });
  const billing = new BillingService(storage, charges, { plans, currency, volume, taxRateBp, graceDays, seller, vatRatesBp, publicUrl: config.publicUrl }, clock, outbox);
  const partners = createPartnerServices(storage, charges, checkout, outbox, { plans, currency, volume, taxRateBp, publicUrl: config.publicUrl, trials: config.trials }, clock);
  return {
    config,
    storage,
    keys,
    outbox,
    authenticate,
    adminConsent: (caller) => ({ tenantId: caller.tenantId, url: adminConsentUrl({ tenant: caller.tenantId, clientId: config.identity.clientId, apiScope: config.identity.apiScope, publicUrl: config.publicUrl }) }),
    licenses: new LicenseService(storage, keys, { issuer: config.license.issuer, tokenTtlSeconds: config.license.tokenTtlSeconds }, clock),
    charges,
    checkout,
    billing,
    refunds: new RefundService(storage, charges, new Set(config.payments.operators), clock),
    billingProfiles: new BillingProfileService(storage, { seller, vatRatesBp }, clock),
    seats: new SeatService(storage, outbox, { publicUrl: config.publicUrl, organisationDailyEmailLimit: config.mail.organisationDailyLimit }, clock, domains),
    delegation: new DelegationService(storage, outbox, { publicUrl: config.publicUrl }, clock),
    organisations: new OrganisationService(storage, clock),
    domains,
    paymentProvider,
    partners,
    close() {
      simulatedProvider?.close();
      storage.close();
    },
  };
}
