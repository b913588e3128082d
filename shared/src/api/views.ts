/**
 * The JSON shapes the administration API answers with: one definition for the server that builds
 * them and the portal that reads them.
 */
import type { Permission, Role, SubscriptionAction } from '../permissions/permissions.js';

export type SubscriptionStatus = 'trial' | 'active' | 'past_due' | 'expired' | 'cancelled';

export interface SubscriptionView {
  id: string;
  plan: string;
  quantity: number;
  assigned: number;
  status: SubscriptionStatus;
  periodStart: string;
  periodEnd: string;
  owner: string;
  role: Role;
  permissions: readonly Permission[];
  /** What the caller may do here; the pages show only these. */
  actions: SubscriptionAction[];
  /** The delegated administrators and what each may do; present only for callers allowed `delegates.view`. */
  delegates?: Array<{ email: string; permissions: Permission[] }>;
}

/**
 * The caller's own seat, for the pane (A8): what their license status means and whom to ask.
 * `contact` is the subscription owner's address, which the welcome email already told the seat
 * holder; nothing else of the subscription is revealed. `seat` is null without a seat.
 */
export interface MyLicenseView {
  seat: { status: SeatStatus | 'removed'; plan: string; subscriptionStatus: SubscriptionStatus; contact: string; assignedAt: string } | null;
  /** How many subscriptions the caller owns or administers: whether the pane shows its admin view. */
  administers: number;
  /** Seats of organisations of other tenants bound to the caller, which they may leave. */
  foreignSeats?: MySeatView[];
}

export type SeatStatus = 'pending' | 'active' | 'expired' | 'suspended';

export interface SeatView {
  email: string;
  status: SeatStatus;
  assignedAt: string;
  lastCheckInAt: string | null;
}

export type SeatSort = 'email' | 'status' | 'lastCheckIn' | 'assignedAt';

export type AssignmentOutcome = 'assigned' | 'already_assigned' | 'invalid' | 'domain_not_approved' | 'no_seat_left';

export interface AssignmentResult {
  email: string;
  result: AssignmentOutcome;
  /**
   * Present when a seat was assigned but its welcome email was held back: the organisation reached
   * its daily email limit (the seat works all the same; the person can be told another way).
   */
  welcomeEmail?: 'daily_limit_reached';
}

/**
 * A domain of the organisation. `proven` by `dns` (the organisation's TXT record was found) or by
 * `tenant` (a member of the organisation's own Entra tenant signed in with a user principal name at
 * it, which Entra allows only for the tenant's verified domains); `pending` until then. Seats are
 * assigned, and emails sent, only at proven domains.
 */
export interface DomainView {
  domain: string;
  status: 'proven' | 'pending';
  method: 'dns' | 'tenant' | null;
  provenAt: string | null;
  addedAt: string;
  /** The last "Check now": when, and what was found. */
  lastCheck: { at: string; result: DomainCheckResult } | null;
}

export type DomainCheckResult = 'proven' | 'record_missing' | 'domain_not_found' | 'lookup_failed';

/** The TXT record that proves the organisation controls a domain (the same value for every domain). */
export interface DomainVerificationRecord {
  type: 'TXT';
  /** Published at the domain itself (its apex), like Microsoft 365's own domain verification record. */
  host: '@';
  value: string;
}

/** A seat bound to the caller, for leaving seats of other organisations (`foreign`). */
export interface MySeatView {
  id: string;
  organisation: string;
  /** The seat belongs to an organisation of another Microsoft 365 tenant than the caller's. */
  foreign: boolean;
  status: SeatStatus | 'removed';
  contact: string;
  assignedAt: string;
}

export interface OrganisationAdministratorView {
  id: string;
  email: string;
  since: string;
}

export interface DelegateView {
  id: string;
  email: string;
  permissions: Permission[];
  since: string;
}

export interface InvitationView {
  id: string;
  email: string;
  permissions: Permission[];
  status: 'pending' | 'accepted' | 'revoked';
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface JournalEntryView {
  id: number;
  at: string;
  actor: string | null;
  actorRole: string | null;
  onBehalfOf: string | null;
  action: string;
  target: string | null;
  detail: unknown;
  ip: string | null;
}

// --- billing (B1–B5, A9) -----------------------------------------------------------------------

export interface PriceTierView {
  from: number;
  to: number | null;
  unitPriceMinor: number;
}

export interface PlanView {
  id: string;
  interval: 'month' | 'year';
  unitPriceMinor: number;
  /** Graduated volume pricing: each seat is priced by the tier it falls in. */
  tiers: PriceTierView[];
}

export interface PlanCatalogView {
  currency: string;
  taxRateBp: number;
  plans: PlanView[];
  /** The vendor's limits on one trial (offers beyond them are refused). */
  trial: { maxSeats: number; maxDays: number };
}

export interface CartLine {
  plan: string;
  quantity: number;
}

/** 201: paid; 202: the bank asks for additional authentication (complete the action). */
export type CheckoutResult =
  | { status: 'active'; subscriptionId: string; subscriptionIds: string[]; plan: string; quantity: number; amountMinor: number; currency: string; periodEnd: string; invoiceNumbers: string[] }
  /** `clientSecret`: with Stripe, what Stripe.js needs to show the bank's confirmation. */
  | { status: 'requires_action'; actionId: string; amountMinor: number; currency: string; clientSecret?: string };

export interface QuantityPreviewView {
  quantity: number;
  newQuantity: number;
  assigned: number;
  /** now: charged at once; renewal: a decrease, from the next period; none: nothing changes. */
  effective: 'now' | 'renewal' | 'none';
  /** The second the proration is computed at; pass it back to confirm (valid 15 minutes). */
  prorationDate: string;
  currency: string;
  /** Negative: unused time of the current quantity. */
  creditMinor: number;
  /** Remaining time of the new quantity. */
  debitMinor: number;
  creditAppliedMinor: number;
  subtotalMinor: number;
  taxRateBp: number;
  taxMinor: number;
  /** What will be charged now, tax included. */
  amountDueMinor: number;
  /** The new price per period (before tax) and with tax. */
  recurringMinor: number;
  recurringTotalMinor: number;
  periodEnd: string;
}

export interface QuantityChangeResult {
  quantity: number;
  pendingQuantity: number | null;
  effective: 'now' | 'renewal' | 'none';
  chargedMinor: number;
  currency: string;
  invoiceNumber: string | null;
}

export type InvoiceStatus = 'open' | 'paid';

export interface InvoiceView {
  id: string;
  number: string;
  kind: 'purchase' | 'quantity_change' | 'renewal' | 'consolidation';
  status: InvoiceStatus;
  currency: string;
  subtotalMinor: number;
  taxMinor: number;
  totalMinor: number;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  paidAt: string | null;
}

export interface PaymentMethodView {
  brand: string;
  last4: string;
}

export interface BillingSummaryView {
  status: SubscriptionStatus;
  currency: string;
  plan: string;
  quantity: number;
  pendingQuantity: number | null;
  recurringMinor: number;
  taxRateBp: number;
  periodEnd: string;
  graceUntil: string | null;
  creditMinor: number;
  paymentMethod: PaymentMethodView | null;
  openInvoice: InvoiceView | null;
}

export type PaymentResult = { status: 'paid'; invoice: InvoiceView } | { status: 'requires_action'; actionId: string; amountMinor: number; currency: string };

// --- partners (P1–P5) ----------------------------------------------------------------------

export type PartnerStaffRoleView = 'owner' | 'full' | 'limited';

export interface PartnerView {
  id: string;
  name: string;
  /** Carried by the partner's offer links. */
  advisorCode: string;
  /** The caller's staff role and what it may do in the partner organisation. */
  role: PartnerStaffRoleView;
  actions: Array<'partner.view' | 'customers.view' | 'offers.manage' | 'requests.manage' | 'keys.buy' | 'staff.manage'>;
  createdAt: string;
}

export interface PartnerStaffView {
  id: string;
  email: string;
  role: PartnerStaffRoleView;
  /** Whether the person has signed in since being added (then bound to their Microsoft 365 identity). */
  signedIn: boolean;
  since: string;
}

export interface OfferView {
  id: string;
  kind: 'trial' | 'purchase';
  /** The partner's name for it, or null: pages then name it from plan and seats in the reader's language. */
  name: string | null;
  plan: string;
  interval: 'month' | 'year';
  quantity: number;
  trialDays: number | null;
  /** Purchase offers: the price per period shown, before tax, in minor units (the billing engine's price for the plan and quantity). */
  priceMinor: number | null;
  currency: string;
  /** The delegated administration the offer asks for, if any. */
  administration: { permissions: Permission[]; durationDays: number } | null;
  /** 1: one customer; null: any number. */
  maxCustomers: number | null;
  /** How many customers used the link. */
  customers: number;
  disabled: boolean;
  expiresAt: string;
  createdAt: string;
}

/** What a customer following an offer link is shown. */
export interface OfferPublicView {
  partner: string;
  advisorCode: string;
  kind: 'trial' | 'purchase';
  name: string | null;
  plan: string;
  interval: 'month' | 'year';
  quantity: number;
  trialDays: number | null;
  priceMinor: number | null;
  currency: string;
  administration: { permissions: Permission[]; durationDays: number } | null;
  expiresAt: string;
}

export type RelationshipStateView = 'pending' | 'request_expired' | 'active' | 'expired' | 'declined' | 'withdrawn' | 'ended';

export interface PartnerRelationshipView {
  id: string;
  partner: string;
  advisorCode: string;
  /** The address the request was sent to (the customer's owner). */
  customer: string;
  subscriptionId: string | null;
  permissions: Permission[];
  durationDays: number;
  state: RelationshipStateView;
  requestedBy: string;
  requestedAt: string;
  requestExpiresAt: string;
  approvedAt: string | null;
  expiresAt: string | null;
  endedAt: string | null;
}

export interface ProductKeyView {
  id: string;
  batchId: string;
  /** The key's last group; the key itself is shown once, at purchase. */
  hint: string;
  plan: string;
  seats: number;
  termPeriods: number;
  status: 'unused' | 'redeemed' | 'expired';
  createdAt: string;
  expiresAt: string;
  redeemedAt: string | null;
  redeemedSubscriptionId: string | null;
}

export interface PartnerCustomerView {
  subscriptionId: string;
  organisation: string;
  tenantId: string;
  owner: string;
  plan: string;
  status: SubscriptionStatus;
  quantity: number;
  assigned: number;
  renewsAt: string;
  partnerOfRecord: boolean;
  relationship: { id: string; state: RelationshipStateView; permissions: Permission[]; expiresAt: string | null } | null;
}

export interface PartnerNotificationView {
  id: number;
  subscriptionId: string;
  customer: string;
  kind: 'seats' | 'quantity' | 'renewal' | 'cancellation';
  action: string;
  detail: unknown;
  at: string;
  emailed: boolean;
}

/** An invoice of a partner's purchase (product keys). */
export interface PartnerInvoiceView {
  id: string;
  number: string;
  status: 'paid';
  currency: string;
  totalMinor: number;
  taxMinor: number;
  issuedAt: string;
}
