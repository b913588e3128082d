/**
 * The JSON shapes the API answers with: one TypeBox definition each, which gives the server its
 * response schema (validation of what is sent, serialisation that drops anything else, OpenAPI)
 * and the server and the portal their TypeScript type (`Static`). Lists of values come from the
 * lists that define them (permissions, roles, actions), never retyped.
 */
import { Type, type Static } from 'typebox';
import { TAX_TREATMENTS } from '../billing/tax.js';
import { ACTOR_ROLES, JOURNAL_ACTION_NAMES, NOTIFICATION_KINDS } from '../journal/journalActions.js';
import { LICENSE_CODES } from '../license/licenseToken.js';
import { PERMISSIONS, ROLES, SUBSCRIPTION_ACTIONS, type Permission } from '../permissions/permissions.js';
import { DateTime, Minor, Nullable, StringEnum, Uuid } from './schemaKit.js';

const Permissions = Type.Array(StringEnum(PERMISSIONS));
/** The same list where the server hands over its own read-only copy. */
const ReadonlyPermissions = Type.Unsafe<readonly Permission[]>(Permissions);

export const SUBSCRIPTION_STATUSES = ['trial', 'active', 'past_due', 'expired', 'cancelled'] as const;
export const SubscriptionStatusSchema = StringEnum(SUBSCRIPTION_STATUSES);
export type SubscriptionStatus = Static<typeof SubscriptionStatusSchema>;

export const SubscriptionViewSchema = Type.Object({
  id: Uuid(),
  plan: Type.String(),
  quantity: Type.Integer(),
  assigned: Type.Integer(),
  status: SubscriptionStatusSchema,
  periodStart: DateTime(),
  periodEnd: DateTime(),
  owner: Type.String(),
  role: StringEnum(ROLES),
  permissions: ReadonlyPermissions,
  actions: Type.Array(StringEnum(SUBSCRIPTION_ACTIONS), {
    description: 'What the caller may do here; the pages show only these.',
  }),
  delegates: Type.Optional(
    Type.Array(Type.Object({ email: Type.String(), permissions: Permissions }), {
      description:
        'The delegated administrators and what each may do; present only for callers allowed `delegates.view`.',
    }),
  ),
});
export type SubscriptionView = Static<typeof SubscriptionViewSchema>;

export const SEAT_STATUSES = ['pending', 'active', 'expired', 'suspended'] as const;
export type SeatStatus = (typeof SEAT_STATUSES)[number];
/** A seat as its holder sees it: removed seats stay visible to them. */
const HeldSeatStatus = StringEnum([...SEAT_STATUSES, 'removed']);

/** A seat bound to the caller, for leaving seats of other organisations (`foreign`). */
export const MySeatViewSchema = Type.Object({
  id: Uuid(),
  organisation: Type.String(),
  foreign: Type.Boolean({
    description: "The seat belongs to an organisation of another Microsoft 365 tenant than the caller's.",
  }),
  status: HeldSeatStatus,
  contact: Type.String(),
  assignedAt: DateTime(),
});
export type MySeatView = Static<typeof MySeatViewSchema>;

/**
 * The caller's own seat, for the pane (A8): what their license status means and whom to ask.
 * `contact` is the subscription owner's address, which the welcome email already told the seat
 * holder; nothing else of the subscription is revealed. `seat` is null without a seat.
 */
export const MyLicenseViewSchema = Type.Object({
  seat: Nullable(
    Type.Object({
      status: HeldSeatStatus,
      plan: Type.String(),
      subscriptionStatus: SubscriptionStatusSchema,
      contact: Type.String(),
      assignedAt: DateTime(),
    }),
  ),
  administers: Type.Integer({
    description: 'How many subscriptions the caller owns or administers: whether the pane shows its admin view.',
  }),
  foreignSeats: Type.Optional(
    Type.Array(MySeatViewSchema, {
      description: 'Seats of organisations of other tenants bound to the caller, which they may leave.',
    }),
  ),
});
export type MyLicenseView = Static<typeof MyLicenseViewSchema>;

export const SeatViewSchema = Type.Object({
  email: Type.String(),
  status: StringEnum(SEAT_STATUSES),
  assignedAt: DateTime(),
  lastCheckInAt: Nullable(DateTime()),
});
export type SeatView = Static<typeof SeatViewSchema>;

export const SEAT_SORTS = ['email', 'status', 'lastCheckIn', 'assignedAt'] as const;
export type SeatSort = (typeof SEAT_SORTS)[number];

export const ASSIGNMENT_OUTCOMES = [
  'assigned',
  'already_assigned',
  'invalid',
  'domain_not_approved',
  'no_seat_left',
] as const;
export type AssignmentOutcome = (typeof ASSIGNMENT_OUTCOMES)[number];

export const AssignmentResultSchema = Type.Object({
  email: Type.String(),
  result: StringEnum(ASSIGNMENT_OUTCOMES),
  welcomeEmail: Type.Optional(
    StringEnum(['daily_limit_reached'], {
      description:
        'A seat was assigned but its welcome email was held back: the organisation reached its daily email limit (the seat works all the same).',
    }),
  ),
});
export type AssignmentResult = Static<typeof AssignmentResultSchema>;

export const DOMAIN_CHECK_RESULTS = ['proven', 'record_missing', 'domain_not_found', 'lookup_failed'] as const;
export type DomainCheckResult = (typeof DOMAIN_CHECK_RESULTS)[number];

/**
 * A domain of the organisation. `proven` by `dns` (the organisation's TXT record was found) or by
 * `tenant` (a member of the organisation's own Entra tenant signed in with a user principal name at
 * it, which Entra allows only for the tenant's verified domains); `pending` until then. Seats are
 * assigned, and emails sent, only at proven domains.
 */
export const DomainViewSchema = Type.Object({
  domain: Type.String(),
  status: StringEnum(['proven', 'pending']),
  method: Nullable(StringEnum(['dns', 'tenant'])),
  provenAt: Nullable(DateTime()),
  addedAt: DateTime(),
  lastCheck: Nullable(
    Type.Object(
      { at: DateTime(), result: StringEnum(DOMAIN_CHECK_RESULTS) },
      { description: 'The last "Check now": when, and what was found.' },
    ),
  ),
});
export type DomainView = Static<typeof DomainViewSchema>;

/** The TXT record that proves the organisation controls a domain (the same value for every domain), published at the domain's apex like Microsoft 365's own verification record. */
export const DomainVerificationRecordSchema = Type.Object({
  type: Type.Literal('TXT'),
  host: Type.Literal('@'),
  value: Type.String(),
});
export type DomainVerificationRecord = Static<typeof DomainVerificationRecordSchema>;

export const OrganisationAdministratorViewSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  since: DateTime(),
});
export type OrganisationAdministratorView = Static<typeof OrganisationAdministratorViewSchema>;

export const DelegateViewSchema = Type.Object({
  id: Uuid(),
  email: Type.String(),
  permissions: Permissions,
  since: DateTime(),
});
export type DelegateView = Static<typeof DelegateViewSchema>;

export const InvitationViewSchema = Type.Object({
  id: Uuid(),
  email: Type.String(),
  permissions: Permissions,
  status: StringEnum(['pending', 'accepted', 'revoked']),
  invitedBy: Type.String(),
  createdAt: DateTime(),
  expiresAt: DateTime(),
});
export type InvitationView = Static<typeof InvitationViewSchema>;

export const JournalEntryViewSchema = Type.Object({
  id: Type.Integer(),
  at: DateTime(),
  actor: Nullable(Type.String({ description: "The actor's address; null for the system and the vendor." })),
  actorRole: Nullable(StringEnum(ACTOR_ROLES)),
  partner: Nullable(Type.String({ description: "The partner organisation's name when partner staff acted." })),
  onBehalfOf: Nullable(Type.String()),
  action: StringEnum(JOURNAL_ACTION_NAMES),
  target: Nullable(Type.String()),
  detail: Type.Unknown(),
  ip: Nullable(Type.String()),
});
export type JournalEntryView = Static<typeof JournalEntryViewSchema>;

/** The license check's answer (L3): the decision, and the signed token the pane verifies and caches. */
export const LicenseCheckViewSchema = Type.Object({
  valid: Type.Boolean(),
  code: StringEnum(LICENSE_CODES),
  footer: Type.Boolean({ description: 'Whether merged messages carry the promotional footer' }),
  plan: Nullable(Type.String()),
  subscriptionId: Nullable(Uuid()),
  licenseToken: Type.String({
    description: 'ES256 JWS bound to the user and the nonce; verify it against /.well-known/jwks.json',
  }),
  expiresAt: DateTime(),
});
export type LicenseCheckView = Static<typeof LicenseCheckViewSchema>;

// --- billing (B1–B5, A9) -----------------------------------------------------------------------

export const PLAN_INTERVALS = ['month', 'year'] as const;
const PlanInterval = StringEnum(PLAN_INTERVALS);

export const PriceTierViewSchema = Type.Object({
  from: Type.Integer(),
  to: Nullable(Type.Integer()),
  unitPriceMinor: Minor(),
});
export type PriceTierView = Static<typeof PriceTierViewSchema>;

export const PlanViewSchema = Type.Object({
  id: Type.String(),
  interval: PlanInterval,
  unitPriceMinor: Minor(),
  tiers: Type.Array(PriceTierViewSchema, {
    description: 'Graduated volume pricing: each seat is priced by the tier it falls in.',
  }),
});
export type PlanView = Static<typeof PlanViewSchema>;

export const PlanCatalogViewSchema = Type.Object({
  currency: Type.String(),
  taxRateBp: Type.Integer(),
  plans: Type.Array(PlanViewSchema),
  trial: Type.Object(
    { maxSeats: Type.Integer(), maxDays: Type.Integer() },
    { description: "The vendor's limits on one trial (offers beyond them are refused)." },
  ),
});
export type PlanCatalogView = Static<typeof PlanCatalogViewSchema>;

export const CartLineSchema = Type.Object(
  { plan: Type.String({ maxLength: 40 }), quantity: Type.Integer({ minimum: 1, maximum: 100000 }) },
  { additionalProperties: false },
);
export type CartLine = Static<typeof CartLineSchema>;

/** 202: the bank asks for additional authentication (complete the action with POST /api/v1/payment-actions/{actionId}/complete). */
export const PaymentActionRequiredSchema = Type.Object({
  status: Type.Literal('requires_action'),
  actionId: Uuid(),
  amountMinor: Minor(),
  currency: Type.String(),
  clientSecret: Type.Optional(
    Type.String({
      description:
        "With Stripe: what Stripe.js needs to show the bank's confirmation (handleNextAction); answered to the payer only.",
    }),
  ),
});

export const CheckoutPaidSchema = Type.Object({
  status: Type.Literal('active'),
  subscriptionId: Uuid(),
  subscriptionIds: Type.Array(Uuid()),
  plan: Type.String(),
  quantity: Type.Integer(),
  amountMinor: Minor(),
  currency: Type.String(),
  periodEnd: DateTime(),
  invoiceNumbers: Type.Array(Type.String()),
});
/** 201: paid; 202: the bank asks for additional authentication (complete the action). */
export type CheckoutResult = Static<typeof CheckoutPaidSchema> | Static<typeof PaymentActionRequiredSchema>;

const Effective = StringEnum(['now', 'renewal', 'none'], {
  description: 'now: charged at once; renewal: a decrease, from the next period; none: nothing changes.',
});

export const QuantityPreviewViewSchema = Type.Object({
  quantity: Type.Integer(),
  newQuantity: Type.Integer(),
  assigned: Type.Integer(),
  effective: Effective,
  prorationDate: DateTime({
    description: 'The second the proration is computed at; pass it back to confirm (valid 15 minutes).',
  }),
  currency: Type.String(),
  creditMinor: Minor({ description: 'Negative: unused time of the current quantity.' }),
  debitMinor: Minor({ description: 'Remaining time of the new quantity.' }),
  creditAppliedMinor: Minor(),
  subtotalMinor: Minor(),
  taxRateBp: Type.Integer(),
  taxMinor: Minor(),
  amountDueMinor: Minor({ description: 'What will be charged now, tax included.' }),
  recurringMinor: Minor({ description: 'The new price per period, before tax.' }),
  recurringTotalMinor: Minor({ description: 'The new price per period, with tax.' }),
  periodEnd: DateTime(),
});
export type QuantityPreviewView = Static<typeof QuantityPreviewViewSchema>;

export const QuantityChangeResultSchema = Type.Object({
  quantity: Type.Integer(),
  pendingQuantity: Nullable(Type.Integer()),
  effective: Effective,
  chargedMinor: Minor(),
  currency: Type.String(),
  invoiceNumber: Nullable(Type.String()),
});
export type QuantityChangeResult = Static<typeof QuantityChangeResultSchema>;

export const INVOICE_STATUSES = ['open', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const InvoiceViewSchema = Type.Object({
  id: Uuid(),
  number: Type.String(),
  kind: StringEnum(['purchase', 'quantity_change', 'renewal', 'consolidation']),
  status: StringEnum(INVOICE_STATUSES),
  currency: Type.String(),
  subtotalMinor: Minor(),
  taxMinor: Minor(),
  totalMinor: Minor(),
  periodStart: DateTime(),
  periodEnd: DateTime(),
  issuedAt: DateTime(),
  paidAt: Nullable(DateTime()),
});
export type InvoiceView = Static<typeof InvoiceViewSchema>;

/** A credit note: money given back on an invoice (a refund to the card, or credit), in its own numbering. */
export const CreditNoteViewSchema = Type.Object({
  id: Uuid(),
  number: Type.String(),
  invoiceNumber: Type.String(),
  kind: StringEnum(['refund', 'credit']),
  currency: Type.String(),
  totalMinor: Minor(),
  /** The refund ended the subscription (its unused paid time was given back). */
  endedService: Type.Boolean(),
  issuedAt: DateTime(),
});
export type CreditNoteView = Static<typeof CreditNoteViewSchema>;

export const PaymentMethodViewSchema = Type.Object({ brand: Type.String(), last4: Type.String() });
export type PaymentMethodView = Static<typeof PaymentMethodViewSchema>;

export const BillingSummaryViewSchema = Type.Object({
  status: SubscriptionStatusSchema,
  currency: Type.String(),
  plan: Type.String(),
  quantity: Type.Integer(),
  pendingQuantity: Nullable(Type.Integer()),
  recurringMinor: Minor(),
  taxRateBp: Type.Integer(),
  periodEnd: DateTime(),
  graceUntil: Nullable(DateTime()),
  creditMinor: Minor(),
  paymentMethod: Nullable(PaymentMethodViewSchema),
  openInvoice: Nullable(InvoiceViewSchema),
});
export type BillingSummaryView = Static<typeof BillingSummaryViewSchema>;

export const InvoicePaidSchema = Type.Object({ status: Type.Literal('paid'), invoice: InvoiceViewSchema });
export type PaymentResult = Static<typeof InvoicePaidSchema> | Static<typeof PaymentActionRequiredSchema>;

export const ConsolidationResultSchema = Type.Object({
  subscriptionId: Uuid(),
  quantity: Type.Integer(),
  seatsMoved: Type.Integer(),
  cancelled: Type.Array(Uuid()),
  creditMinor: Minor(),
  chargedMinor: Minor(),
  currency: Type.String(),
  invoiceNumber: Nullable(Type.String()),
});
export type ConsolidationResult = Static<typeof ConsolidationResultSchema>;

/** A consolidation invitation's states (a pending one past its end reads as expired). */
export const CONSOLIDATION_INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn', 'expired'] as const;

/** What accepting would do now, computed as the merge itself computes it (server/src/billing/consolidationTerms.ts). */
export const ConsolidationTermsSchema = Type.Object({
  /** The colleague's subscription that would end. */
  source: Type.Object({
    plan: Type.String(),
    quantity: Type.Integer(),
    assigned: Type.Integer(),
    periodEnd: DateTime(),
  }),
  /** The subscription it would be merged into. */
  target: Type.Object({ plan: Type.String(), quantity: Type.Integer(), assigned: Type.Integer() }),
  seatsMoving: Type.Integer(),
  seatsAlreadyThere: Type.Integer(),
  freeSeats: Type.Integer(),
  /** The moving seats fit in the seats the target paid for. */
  fits: Type.Boolean(),
  /** The source's unused paid time, credited to the target (gross, minor units). */
  creditMinor: Minor(),
  currency: Type.String(),
});
export type ConsolidationTerms = Static<typeof ConsolidationTermsSchema>;

export const ConsolidationPreviewSchema = Type.Object({
  colleague: Type.String(),
  terms: ConsolidationTermsSchema,
  expiresAt: DateTime(),
});
export type ConsolidationPreview = Static<typeof ConsolidationPreviewSchema>;

export const ConsolidationInvitationViewSchema = Type.Object({
  id: Uuid(),
  status: StringEnum(CONSOLIDATION_INVITATION_STATUSES),
  inviter: Type.String(),
  invitee: Type.String(),
  /** What accepting would do now; only while the invitation is pending. */
  terms: Nullable(ConsolidationTermsSchema),
  createdAt: DateTime(),
  expiresAt: DateTime(),
  decidedAt: Nullable(DateTime()),
});
export type ConsolidationInvitationView = Static<typeof ConsolidationInvitationViewSchema>;

export const ConsolidationAcceptedSchema = Type.Object({
  subscriptionId: Uuid(),
  seatsMoved: Type.Integer(),
  creditMinor: Minor(),
  currency: Type.String(),
  /** The credit notes documenting the credit, one per paid invoice of the merged subscription. */
  creditNotes: Type.Array(Type.String()),
});
export type ConsolidationAccepted = Static<typeof ConsolidationAcceptedSchema>;

/** The languages an invoice can be issued in: the catalogs' (shared/src/i18n). */
export const INVOICE_LANGUAGES = ['en', 'fr', 'de'] as const;

/** A subscription's billing profile: who its invoices name, where, with which VAT number, in which language. */
export const BillingProfileViewSchema = Type.Object({
  companyName: Type.String(),
  address: Type.String({ description: 'Street, postal code and city, as printed (several lines allowed).' }),
  country: Type.String({ description: 'ISO 3166 alpha-2, upper case.' }),
  vatId: Nullable(Type.String({ description: 'Canonical form (shared/src/billing/vatId.ts); null for a consumer.' })),
  billingEmail: Type.String(),
  language: StringEnum(INVOICE_LANGUAGES, { description: 'The language of invoices and their line descriptions.' }),
});
export type BillingProfileView = Static<typeof BillingProfileViewSchema>;

/** What the billing-profile routes answer: the profile (null before one is set) and the tax its invoices will carry. */
export const BillingProfileAnswerSchema = Type.Object({
  profile: Nullable(BillingProfileViewSchema),
  tax: Nullable(
    Type.Object({
      treatment: StringEnum(TAX_TREATMENTS),
      rateBp: Type.Integer({ description: 'Basis points (2000 = 20 %).' }),
    }),
  ),
});
export type BillingProfileAnswer = Static<typeof BillingProfileAnswerSchema>;

// --- partners (P1–P5) ----------------------------------------------------------------------

/** The roles an owner gives staff (the owner is the one who enrolled). */
export const ASSIGNABLE_PARTNER_STAFF_ROLES = ['full', 'limited'] as const;
export const PARTNER_STAFF_ROLES = ['owner', ...ASSIGNABLE_PARTNER_STAFF_ROLES] as const;
export type PartnerStaffRoleView = (typeof PARTNER_STAFF_ROLES)[number];
export const PARTNER_ACTIONS = [
  'partner.view',
  'customers.view',
  'offers.manage',
  'requests.manage',
  'keys.buy',
  'staff.manage',
] as const;

export const PartnerViewSchema = Type.Object({
  id: Uuid(),
  name: Type.String(),
  advisorCode: Type.String({ description: "Carried by the partner's offer links." }),
  role: StringEnum(PARTNER_STAFF_ROLES, { description: "The caller's staff role in the partner organisation." }),
  actions: Type.Array(StringEnum(PARTNER_ACTIONS), { description: 'What that role may do.' }),
  createdAt: DateTime(),
});
export type PartnerView = Static<typeof PartnerViewSchema>;

export const PartnerStaffViewSchema = Type.Object({
  id: Uuid(),
  email: Type.String(),
  role: StringEnum(PARTNER_STAFF_ROLES),
  signedIn: Type.Boolean({
    description: 'Whether the person has signed in since being added (then bound to their Microsoft 365 identity).',
  }),
  since: DateTime(),
});
export type PartnerStaffView = Static<typeof PartnerStaffViewSchema>;

export const OFFER_KINDS = ['trial', 'purchase'] as const;
const Administration = Nullable(
  Type.Object(
    { permissions: Permissions, durationDays: Type.Integer() },
    { description: 'The delegated administration the offer asks for, if any.' },
  ),
);

export const OfferViewSchema = Type.Object({
  id: Uuid(),
  kind: StringEnum(OFFER_KINDS),
  name: Nullable(
    Type.String({
      description:
        "The partner's name for it, or null: pages then name it from plan and seats in the reader's language.",
    }),
  ),
  plan: Type.String(),
  interval: PlanInterval,
  quantity: Type.Integer(),
  trialDays: Nullable(Type.Integer()),
  priceMinor: Nullable(
    Minor({
      description:
        "Purchase offers: the price per period shown, before tax (the billing engine's price for the plan and quantity; the tax depends on the customer's country and VAT number).",
    }),
  ),
  currency: Type.String(),
  administration: Administration,
  maxCustomers: Nullable(Type.Integer({ description: '1: one customer; null: any number.' })),
  customers: Type.Integer({ description: 'How many customers used the link.' }),
  disabled: Type.Boolean(),
  expiresAt: DateTime(),
  createdAt: DateTime(),
});
export type OfferView = Static<typeof OfferViewSchema>;

/** What a customer following an offer link is shown. */
export const OfferPublicViewSchema = Type.Object({
  partner: Type.String(),
  advisorCode: Type.String(),
  kind: StringEnum(OFFER_KINDS),
  name: Nullable(Type.String()),
  plan: Type.String(),
  interval: PlanInterval,
  quantity: Type.Integer(),
  trialDays: Nullable(Type.Integer()),
  priceMinor: Nullable(Minor()),
  currency: Type.String(),
  administration: Administration,
  expiresAt: DateTime(),
});
export type OfferPublicView = Static<typeof OfferPublicViewSchema>;

export const RELATIONSHIP_STATES = [
  'pending',
  'request_expired',
  'active',
  'expired',
  'declined',
  'withdrawn',
  'ended',
] as const;
export type RelationshipStateView = (typeof RELATIONSHIP_STATES)[number];

export const PartnerRelationshipViewSchema = Type.Object({
  id: Uuid(),
  partner: Type.String(),
  advisorCode: Type.String(),
  customer: Type.String({ description: "The address the request was sent to (the customer's owner)." }),
  subscriptionId: Nullable(Uuid()),
  permissions: Permissions,
  durationDays: Type.Integer(),
  state: StringEnum(RELATIONSHIP_STATES),
  requestedBy: Type.String(),
  requestedAt: DateTime(),
  requestExpiresAt: DateTime(),
  approvedAt: Nullable(DateTime()),
  expiresAt: Nullable(DateTime()),
  endedAt: Nullable(DateTime()),
});
export type PartnerRelationshipView = Static<typeof PartnerRelationshipViewSchema>;

export const ProductKeyViewSchema = Type.Object({
  id: Uuid(),
  batchId: Uuid(),
  hint: Type.String({ description: "The key's last group; the key itself is shown once, at purchase." }),
  plan: Type.String(),
  seats: Type.Integer(),
  termPeriods: Type.Integer(),
  status: StringEnum(['unused', 'redeemed', 'expired']),
  createdAt: DateTime(),
  expiresAt: DateTime(),
  redeemedAt: Nullable(DateTime()),
  redeemedSubscriptionId: Nullable(Uuid()),
});
export type ProductKeyView = Static<typeof ProductKeyViewSchema>;

/** The customer list's relationship filter: a relationship in one of these states, or none. */
export const CUSTOMER_RELATIONSHIP_FILTERS = ['active', 'pending', 'expired', 'ended', 'none'] as const;

export const PartnerCustomerViewSchema = Type.Object({
  subscriptionId: Uuid(),
  organisation: Type.String(),
  tenantId: Type.String(),
  owner: Type.String(),
  plan: Type.String(),
  status: SubscriptionStatusSchema,
  quantity: Type.Integer(),
  assigned: Type.Integer(),
  renewsAt: DateTime(),
  partnerOfRecord: Type.Boolean(),
  relationship: Nullable(
    Type.Object({
      id: Uuid(),
      state: StringEnum(RELATIONSHIP_STATES),
      permissions: Permissions,
      expiresAt: Nullable(DateTime()),
    }),
  ),
});
export type PartnerCustomerView = Static<typeof PartnerCustomerViewSchema>;

export const PartnerNotificationViewSchema = Type.Object({
  id: Type.Integer(),
  subscriptionId: Uuid(),
  customer: Type.String(),
  kind: StringEnum(NOTIFICATION_KINDS),
  action: StringEnum(JOURNAL_ACTION_NAMES),
  detail: Type.Unknown(),
  at: DateTime(),
  emailed: Type.Boolean(),
});
export type PartnerNotificationView = Static<typeof PartnerNotificationViewSchema>;

/** An invoice of a partner's purchase (product keys). */
export const PartnerInvoiceViewSchema = Type.Object({
  id: Uuid(),
  number: Type.String(),
  status: Type.Literal('paid'),
  currency: Type.String(),
  totalMinor: Minor(),
  taxMinor: Minor(),
  issuedAt: DateTime(),
});
export type PartnerInvoiceView = Static<typeof PartnerInvoiceViewSchema>;

/** 201 of an offer link that starts a trial (a purchase offer answers as a checkout). */
export const TrialStartedSchema = Type.Object({
  status: Type.Literal('trial'),
  subscriptionId: Uuid(),
  plan: Type.String(),
  quantity: Type.Integer(),
  periodEnd: DateTime(),
  administration: Nullable(PartnerRelationshipViewSchema),
});

/** 201 of a product-key purchase: the keys themselves only in the first answer (a replay shows their last group, `keysShownOnce`). */
export const KeyPurchaseResultSchema = Type.Object({
  batchId: Uuid(),
  invoiceNumber: Type.String(),
  plan: Type.String(),
  seats: Type.Integer(),
  termPeriods: Type.Integer(),
  amountMinor: Minor(),
  currency: Type.String(),
  expiresAt: DateTime(),
  keys: Type.Array(Type.String()),
  emailedTo: Type.Optional(Type.String({ description: 'Where the keys were emailed (first answer only)' })),
  keysShownOnce: Type.Optional(
    Type.Literal(true, {
      description: 'A replay: the keys were shown in the first answer and emailed; here only their last group',
    }),
  ),
});

/** A redeemed product key: the subscription it made or extended. */
export const KeyRedeemedSchema = Type.Object({
  subscriptionId: Uuid(),
  created: Type.Boolean(),
  plan: Type.String(),
  quantity: Type.Integer(),
  status: SubscriptionStatusSchema,
  periodEnd: DateTime(),
  prepaidPeriods: Type.Integer(),
});

/** A delegated-administration request seen from its emailed link, with the subscriptions the addressee could grant it on. */
export const PartnerRequestViewSchema = Type.Object({
  ...PartnerRelationshipViewSchema.properties,
  subscriptions: Type.Array(
    Type.Object({ id: Uuid(), plan: Type.String(), quantity: Type.Integer(), status: SubscriptionStatusSchema }),
  ),
});
