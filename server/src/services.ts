/**
 * Wires the server's parts together once: storage, identity, license signing, payments, email
 * and the domain services the routes call. Routes receive this object; nothing reaches for a
 * global.
 */
import { type RefundService } from './billing/refundService.js';
import { ConsolidationInvitationService } from './billing/consolidationInvitationService.js';
import path from 'node:path';
import { adminConsentUrl } from '#shared/api/adminConsent.js';
import { type BillingService } from './billing/billingService.js';
import { type CheckoutService } from './billing/checkoutService.js';
import { BillingProfileService } from './billing/billingProfileService.js';
import { type IdempotentCharges } from './billing/idempotentCharge.js';
import { SimulatedPaymentProvider } from './billing/simulatedPaymentProvider.js';
import { StripePaymentProvider } from './billing/stripePaymentProvider.js';
import type { PaymentProvider } from './billing/paymentProvider.js';
import { createPaymentServices } from './billing/paymentServices.js';
import type { Config } from './config.js';
import { createEmailTransport } from './email/mailer.js';
import { Outbox } from './email/outbox.js';
import {
  createAccessTokenValidator,
  type AccessTokenValidator,
  type CallerIdentity,
} from './identity/accessTokenValidator.js';
import { LicenseService } from './licenseCheck/licenseService.js';
import { loadSigningKeys, type SigningKeys } from './licenseCheck/signingKeys.js';
import { createTxtLookup } from './dns/txtLookup.js';
import { DelegationService } from './subscriptions/delegationService.js';
import { DomainService } from './organisations/domainService.js';
import { GraphGroupsClient } from './groups/graphGroupsClient.js';
import { GroupService } from './groups/groupService.js';
import { OrganisationService } from './subscriptions/organisationService.js';
import type { PartnerServices } from './partners/partnerServices.js';
import { SeatService } from './subscriptions/seatService.js';
import { UnitOfWork } from './storage/unitOfWork.js';

export interface Services {
  config: Config;
  /** The database, one transaction per change (./storage/unitOfWork.ts). */
  uow: UnitOfWork;
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
  /** A colleague's individual subscription merged after they accept (./billing/consolidationInvitationService.ts). */
  consolidationInvitations: ConsolidationInvitationService;
  seats: SeatService;
  delegation: DelegationService;
  organisations: OrganisationService;
  domains: DomainService;
  /** The partner use cases: staff, offers, administration requests, product keys, customers. */
  partners: PartnerServices;
  /** Seats that follow Microsoft 365 groups: links, syncs, what the pages show (issue 17). */
  groups: GroupService;
  /** The payment provider every service charges through (the simulated one lists its charges). */
  paymentProvider: PaymentProvider;
  /** Closes what the services opened (databases). */
  close(): Promise<void>;
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
  options: {
    dnsServers?: string[];
    clock?: () => number;
    stripeApi?: { host: string; port: number; protocol: 'http' | 'https' };
  } = {},
): Promise<Services> {
  const clock = options.clock ?? Date.now;
  const uow = await UnitOfWork.open({
    databaseUrl: config.database.url,
    sqliteFile: path.join(config.dataDir, DATABASE_FILE),
    poolSize: config.database.poolSize,
  });
  // The same keys on every instance: configured, or shared through the database on PostgreSQL (./license/signingKeys.ts).
  const keys = await loadSigningKeys({
    configuredJson: config.license.signingKeysJson,
    dataDir: config.dataDir,
    uow,
    clock,
  });
  const outbox = new Outbox(
    uow,
    createEmailTransport({ smtpUrl: config.mail.smtpUrl, from: config.mail.from }),
    clock,
    log,
  );
  const validate = createAccessTokenValidator({
    jwks: new URL(config.identity.jwksUrl),
    audience: config.identity.clientId,
    issuerTemplate: config.identity.issuerTemplate,
    requiredScope: config.identity.apiScope,
  });
  const domains = new DomainService(uow, createTxtLookup({ servers: options.dnsServers ?? config.dns.servers }), clock);
  // Every signed-in member shows a domain their tenant verified: the tenant proof of domains.
  const authenticate: AccessTokenValidator = async (header) => {
    const caller = await validate(header);
    await domains.observe(caller);
    return caller;
  };
  const { currency, webhookSecrets, simulated, stripe, seller, vatRatesBp } = config.payments;
  // The simulated provider is the embedded default; it refuses to exist in production (its constructor checks).
  const simulatedProvider = stripe
    ? null
    : new SimulatedPaymentProvider({
        file: path.join(config.dataDir, SIMULATED_PAYMENTS_FILE),
        latencyMs: simulated.latencyMs,
        searchLagMs: simulated.searchLagMs,
        clock,
        webhookSecrets,
      });
  const paymentProvider: PaymentProvider = stripe
    ? new StripePaymentProvider({
        secretKey: stripe.secretKey,
        webhookSecrets: stripe.webhookSecrets,
        ...(options.stripeApi ? { api: options.stripeApi } : {}),
      })
    : simulatedProvider!;
  // Each service registers how its payments are recorded; all are in place before a claim can be reconciled.
  const { charges, checkout, billing, partners, refunds } = createPaymentServices({
    uow,
    provider: paymentProvider,
    outbox,
    config,
    clock,
    log,
  });
  const seats = new SeatService(
    uow,
    outbox,
    { publicUrl: config.publicUrl, organisationDailyEmailLimit: config.mail.organisationDailyLimit },
    clock,
    domains,
  );
  // Group sync needs the registration's client secret; without one it is off (and says so).
  const graphGroups = config.groups.clientSecret
    ? new GraphGroupsClient({
        clientId: config.identity.clientId,
        clientSecret: config.groups.clientSecret,
        tokenAuthority: config.groups.tokenAuthority,
        graphBaseUrl: config.groups.graphBaseUrl,
        clock,
      })
    : null;
  const groups = new GroupService(
    uow,
    graphGroups,
    seats,
    outbox,
    {
      clientId: config.identity.clientId,
      consentAuthority: config.groups.consentAuthority,
      publicUrl: config.publicUrl,
      syncIntervalSeconds: config.groups.syncIntervalSeconds,
    },
    clock,
    log,
  );
  return {
    config,
    uow,
    keys,
    outbox,
    authenticate,
    adminConsent: (caller) => ({
      tenantId: caller.tenantId,
      url: adminConsentUrl({
        tenant: caller.tenantId,
        clientId: config.identity.clientId,
        apiScope: config.identity.apiScope,
        publicUrl: config.publicUrl,
      }),
    }),
    licenses: new LicenseService(
      uow,
      keys,
      { issuer: config.license.issuer, tokenTtlSeconds: config.license.tokenTtlSeconds },
      clock,
    ),
    charges,
    checkout,
    billing,
    refunds,
    billingProfiles: new BillingProfileService(uow, { seller, vatRatesBp }, clock),
    consolidationInvitations: new ConsolidationInvitationService(
      uow,
      outbox,
      { publicUrl: config.publicUrl, currency },
      clock,
    ),
    seats,
    delegation: new DelegationService(uow, outbox, { publicUrl: config.publicUrl }, clock),
    organisations: new OrganisationService(uow, clock),
    domains,
    paymentProvider,
    partners,
    groups,
    async close() {
      simulatedProvider?.close();
      await uow.close();
    },
  };
}
