/**
 * The database's tables as Kysely sees them: one TypeScript description that types every query
 * of the repositories, on SQLite and on PostgreSQL alike. Times are integer epoch milliseconds
 * and money integer minor units on both engines (BIGINT on PostgreSQL, read back as numbers:
 * ./engine.ts). Both engines' migrations reach these tables (./migrations.ts for SQLite,
 * ./postgresMigrations.ts for PostgreSQL); tests/storage/schemaParity.test.ts compares them.
 */
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: string;
  tenant_id: string;
  name: string;
  created_at: number;
  domain_token: string | null;
}

export interface ApprovedDomainsTable {
  organisation_id: string;
  domain: string;
  created_at: number;
  source: Generated<string>;
  verified_at: number | null;
  verified_by: string | null;
  checked_at: number | null;
  check_result: string | null;
}

export interface TenantDomainsTable {
  tenant_id: string;
  domain: string;
  seen_at: number;
}

export interface OrganisationAdministratorsTable {
  id: string;
  organisation_id: string;
  tenant_id: string;
  object_id: string;
  email: string;
  appointed_by: string | null;
  created_at: number;
}

export interface OrganisationEmailDaysTable {
  organisation_id: string;
  day: string;
  sent: number;
}

export interface SubscriptionsTable {
  id: string;
  organisation_id: string;
  plan_id: string;
  quantity: number;
  status: string;
  period_start: number;
  period_end: number;
  owner_tenant_id: string;
  owner_object_id: string;
  owner_email: string;
  created_at: number;
  currency: Generated<string>;
  pending_quantity: number | null;
  grace_until: number | null;
  ended_at: number | null;
  billing_lock_until: number | null;
  partner_id: string | null;
  live_seats: Generated<number>;
  /** The subscription this one was merged into (consolidation). */
  merged_into: Generated<string | null>;
}

export interface SeatsTable {
  id: string;
  subscription_id: string;
  email_canonical: string;
  email_display: string;
  language: string;
  bound_tenant_id: string | null;
  bound_object_id: string | null;
  assigned_at: number;
  last_check_in_at: number | null;
  removed_at: number | null;
  suspended_at: number | null;
}

export interface PaymentsTable {
  id: string;
  subscription_id: string | null;
  provider: string;
  provider_reference: string;
  amount_minor: number;
  currency: string;
  status: string;
  description: string;
  created_at: number;
  invoice_id: string | null;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: number;
  kind: string | null;
  pending: string | null;
  claim_token: string | null;
  lease_until: number | null;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  claim_token: string | null;
  lease_until: number | null;
  last_error: string | null;
  message_id: string | null;
  raw: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface JournalTable {
  id: Generated<number>;
  organisation_id: string;
  subscription_id: string | null;
  actor_tenant_id: string | null;
  actor_object_id: string | null;
  actor_email: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
  created_at: number;
  actor_role: string | null;
  on_behalf_of: string | null;
  category: Generated<string>;
  actor_partner_id: string | null;
  actor_staff_role: string | null;
}

export interface DelegatesTable {
  id: string;
  subscription_id: string;
  tenant_id: string;
  object_id: string;
  email: string;
  permissions: string;
  created_at: number;
}

export interface InvitationsTable {
  id: string;
  subscription_id: string;
  email_canonical: string;
  email_display: string;
  permissions: string;
  language: string;
  status: string;
  invited_by_email: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
}

export interface InvitationTokensTable {
  token_hash: string;
  invitation_id: string;
  created_at: number;
  superseded_at: number | null;
}

export interface PaymentMethodsTable {
  id: string;
  subscription_id: string;
  provider: string;
  token: string;
  brand: string;
  last4: string;
  created_at: number;
  replaced_at: number | null;
}

export interface InvoiceSequencesTable {
  year: number;
  last_number: number;
}

export interface InvoicesTable {
  id: string;
  number: string;
  subscription_id: string;
  organisation_id: string;
  kind: string;
  status: string;
  currency: string;
  subtotal_minor: number;
  tax_rate_bp: number;
  tax_minor: number;
  total_minor: number;
  period_start: number;
  period_end: number;
  bill_to: string;
  issued_at: number;
  paid_at: number | null;
}

export interface InvoiceLinesTable {
  invoice_id: string;
  position: number;
  description: string;
  quantity: number | null;
  unit_amount_minor: number | null;
  amount_minor: number;
}

export interface CreditsTable {
  id: string;
  subscription_id: string;
  description: string;
  amount_minor: number;
  remaining_minor: number;
  created_at: number;
}

export interface PaymentActionsTable {
  id: string;
  kind: string;
  status: string;
  tenant_id: string;
  object_id: string;
  idempotency_scope: string;
  idempotency_key: string;
  provider_reference: string;
  amount_minor: number;
  currency: string;
  request: string;
  created_at: number;
  completed_at: number | null;
  response: string | null;
}

export interface WebhookEventsTable {
  id: string;
  type: string;
  received_at: number;
}

export interface PartnersTable {
  id: string;
  organisation_id: string;
  advisor_code: string;
  name: string;
  contact_email: string;
  language: string;
  created_at: number;
  trial_seat_allowance: number | null;
}

export interface PartnerStaffTable {
  id: string;
  partner_id: string;
  email_canonical: string;
  email_display: string;
  role: string;
  tenant_id: string;
  object_id: string | null;
  created_at: number;
}

export interface PartnerRelationshipsTable {
  id: string;
  partner_id: string;
  subscription_id: string | null;
  customer_email_canonical: string;
  customer_email_display: string;
  permissions: string;
  duration_days: number;
  status: string;
  token_hash: string | null;
  language: string;
  requested_by_email: string;
  requested_at: number;
  request_expires_at: number;
  approved_at: number | null;
  approved_by_email: string | null;
  expires_at: number | null;
  ended_at: number | null;
  ended_by_email: string | null;
}

export interface PartnerOffersTable {
  id: string;
  partner_id: string;
  kind: string;
  name: string;
  plan_id: string;
  quantity: number;
  trial_days: number | null;
  price_minor: number | null;
  currency: string;
  admin_permissions: string;
  admin_days: number | null;
  token_hash: string;
  max_customers: number | null;
  disabled_at: number | null;
  expires_at: number;
  created_by_email: string;
  created_at: number;
}

export interface PartnerOfferRedemptionsTable {
  offer_id: string;
  organisation_id: string;
  subscription_id: string;
  email: string;
  created_at: number;
}

export interface PartnerOfferClaimsTable {
  offer_id: string;
  tenant_id: string;
  object_id: string;
  created_at: number;
}

export interface ProductKeysTable {
  id: string;
  partner_id: string;
  batch_id: string;
  key_hash: string;
  key_hint: string;
  plan_id: string;
  seats: number;
  term_periods: number;
  status: string;
  created_at: number;
  expires_at: number;
  redeemed_at: number | null;
  redeemed_subscription_id: string | null;
  redeemed_by_email: string | null;
}

export interface PartnerNotificationsTable {
  id: Generated<number>;
  partner_id: string;
  subscription_id: string;
  kind: string;
  action: string;
  detail: string | null;
  created_at: number;
  emailed_at: number | null;
}

export interface PartnerInvoicesTable {
  id: string;
  number: string;
  partner_id: string;
  status: string;
  currency: string;
  subtotal_minor: number;
  tax_rate_bp: number;
  tax_minor: number;
  total_minor: number;
  bill_to: string;
  issued_at: number;
  paid_at: number;
}

export interface TrialsTable {
  organisation_id: string;
  plan_id: string;
  subscription_id: string;
  partner_id: string | null;
  seats: number;
  starts_at: number;
  ends_at: number;
}

export interface KeyGrantsTable {
  product_key_id: string;
  subscription_id: string;
  seats: number;
  periods: number;
  periods_used: number;
  created_at: number;
}

/** Who a subscription's invoices name (billing/billingProfileService.ts). */
export interface BillingProfilesTable {
  subscription_id: string;
  company_name: string;
  address: string;
  country: string;
  vat_id: string | null;
  billing_email: string;
  language: string;
  updated_at: number;
}

/** Seller and buyer of an invoice as issued (JSON), its tax treatment and language. */
export interface InvoicePartiesTable {
  invoice_id: string;
  seller: string;
  buyer: string;
  tax_treatment: string;
  language: string;
}

export interface CreditNoteSequencesTable {
  year: number;
  last_number: number;
}

/** Refunds and credits against one invoice (./repositories/creditNotes.ts); `ended_service` 0 or 1. */
export interface CreditNotesTable {
  id: string;
  number: string;
  invoice_id: string;
  subscription_id: string;
  kind: string;
  currency: string;
  subtotal_minor: number;
  tax_rate_bp: number;
  tax_minor: number;
  total_minor: number;
  description: string;
  provider_reference: string | null;
  ended_service: number;
  issued_at: number;
}

/** A periodic job's lease: the instance that runs it now, and until when (./repositories/jobRepository.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string | null;
  lease_until: number | null;
  last_run_at: number | null;
}

/** PostgreSQL only: the license signing keys every instance shares (../licenseCheck/signingKeys.ts). */
export interface SigningKeysTable {
  kid: string;
  private_jwk: string;
  created_at: number;
  /** Published from creation; signs from this time (after every instance has published it). */
  signs_from: number;
  /** Dropped from the published key set from this time (tokens it signed have expired). */
  retired_at: number | null;
}

/** PostgreSQL only (UNLOGGED): request counts per rate-limit window, shared by the instances. */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

/** Entra groups a subscription follows (./repositories/groups.ts). */
export interface GroupLinksTable {
  id: string;
  subscription_id: string;
  tenant_id: string;
  group_id: string;
  display_name: string;
  kind: string;
  language: string;
  linked_by: string;
  linked_at: number;
  delta_link: string | null;
  version: Generated<number>;
  read_at: number | null;
  read_error: string | null;
}

/** The direct user members of each linked group, as Graph last described them; `guest` 0 or 1. */
export interface GroupLinkMembersTable {
  link_id: string;
  user_id: string;
  upn: string;
  upn_display: string;
  mail: string | null;
  display_name: string | null;
  language: string | null;
  guest: number;
  first_seen_at: number;
}

/** Seats a group sync gave, and to whom. */
export interface GroupSeatsTable {
  seat_id: string;
  subscription_id: string;
  user_id: string;
}

/** Each subscription's last group sync, and the lease of one under way. */
export interface GroupSyncsTable {
  subscription_id: string;
  run_at: number | null;
  result: string | null;
  message: string | null;
  added: Generated<number>;
  removed: Generated<number>;
  lease_token: string | null;
  lease_until: number | null;
}

export interface Schema {
  organisations: OrganisationsTable;
  approved_domains: ApprovedDomainsTable;
  tenant_domains: TenantDomainsTable;
  organisation_administrators: OrganisationAdministratorsTable;
  organisation_email_days: OrganisationEmailDaysTable;
  subscriptions: SubscriptionsTable;
  seats: SeatsTable;
  payments: PaymentsTable;
  idempotency_keys: IdempotencyKeysTable;
  outbox: OutboxTable;
  journal: JournalTable;
  delegates: DelegatesTable;
  invitations: InvitationsTable;
  invitation_tokens: InvitationTokensTable;
  payment_methods: PaymentMethodsTable;
  invoice_sequences: InvoiceSequencesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  credits: CreditsTable;
  payment_actions: PaymentActionsTable;
  webhook_events: WebhookEventsTable;
  partners: PartnersTable;
  partner_staff: PartnerStaffTable;
  partner_relationships: PartnerRelationshipsTable;
  partner_offers: PartnerOffersTable;
  partner_offer_redemptions: PartnerOfferRedemptionsTable;
  partner_offer_claims: PartnerOfferClaimsTable;
  product_keys: ProductKeysTable;
  partner_notifications: PartnerNotificationsTable;
  partner_invoices: PartnerInvoicesTable;
  partner_invoice_lines: InvoiceLinesTable;
  trials: TrialsTable;
  key_grants: KeyGrantsTable;
  billing_profiles: BillingProfilesTable;
  invoice_parties: InvoicePartiesTable;
  job_leases: JobLeasesTable;
  signing_keys: SigningKeysTable;
  rate_limits: RateLimitsTable;
  group_links: GroupLinksTable;
  group_link_members: GroupLinkMembersTable;
  group_seats: GroupSeatsTable;
  group_syncs: GroupSyncsTable;
  credit_note_sequences: CreditNoteSequencesTable;
  credit_notes: CreditNotesTable;
  consolidation_invitations: ConsolidationInvitationsTable;
}

export interface ConsolidationInvitationsTable {
  id: string;
  organisation_id: string;
  target_subscription_id: string;
  source_subscription_id: string;
  inviter_tenant_id: string;
  inviter_object_id: string;
  inviter_email: string;
  invitee_tenant_id: string;
  invitee_object_id: string;
  invitee_email: string;
  language: string;
  target_terms: string;
  status: string;
  created_at: number;
  expires_at: number;
  decided_at: number | null;
}
