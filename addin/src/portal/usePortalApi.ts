/** The portal's calls to the Outmerge API, each with a fresh access token from the auth port. */
import { useMemo } from 'react';
import type {
  ConsolidationAccepted,
  ConsolidationInvitationView,
  ConsolidationPreview,
  CreditNoteView,
  AssignmentResult,
  DelegateView,
  DomainVerificationRecord,
  DomainView,
  InvitationView,
  JournalEntryView,
  MyLicenseView,
  MySeatView,
  SeatSort,
  SeatView,
  SubscriptionView,
} from '#shared/api/views.js';
import type {
  BillingProfileAnswer,
  BillingProfileView,
  BillingSummaryView,
  CartLine,
  CheckoutResult,
  InvoiceView,
  PaymentMethodView,
  PaymentResult,
  PlanCatalogView,
  QuantityChangeResult,
  QuantityPreviewView,
} from '#shared/api/views.js';
import type { Permission } from '#shared/permissions/permissions.js';
import type { DirectoryGroupView, GroupSyncView } from '#shared/api/groupViews.js';
import type {
  OfferPublicView,
  OfferView,
  PartnerCustomerView,
  PartnerInvoiceView,
  PartnerNotificationView,
  PartnerRelationshipView,
  PartnerStaffView,
  PartnerView,
  ProductKeyView,
  SubscriptionStatus,
} from '#shared/api/views.js';

export type {
  AssignmentResult,
  DirectoryGroupView,
  DomainVerificationRecord,
  DomainView,
  GroupSyncView,
  MyLicenseView,
  MySeatView,
  SeatSort,
};
export type SubscriptionSummary = SubscriptionView;

/** What merging subscriptions into one did (A9). */
export interface ConsolidationResult {
  subscriptionId: string;
  quantity: number;
  seatsMoved: number;
  cancelled: string[];
  creditMinor: number;
  chargedMinor: number;
  currency: string;
  invoiceNumber: string | null;
}
export type SeatItem = SeatView;
export type Delegate = DelegateView;
export type Invitation = InvitationView;
export type JournalEntry = JournalEntryView;
import { ApiRequestError, apiFetch } from '../api/apiClient.js';
import type { AuthPort } from '../auth/authPort.js';
import { saveFile } from '../browser/saveFile.js';

export interface Plan {
  id: string;
  interval: 'month' | 'year';
  unitPriceMinor: number;
}

/** A trial invitation or purchase offer to create (P2). */
export interface OfferRequestBody {
  kind: 'trial' | 'purchase';
  name?: string;
  plan: string;
  quantity: number;
  trialDays?: number;
  administration?: { permissions: Permission[]; durationDays: number };
  maxCustomers?: number | null;
  expiresInDays?: number;
}

/** Taking an offer: a trial (201), a purchase (201, or 202 when the bank asks for confirmation). */
export type OfferRedemption =
  | (CheckoutResult & { administration?: PartnerRelationshipView | null })
  | {
      status: 'trial';
      subscriptionId: string;
      plan: string;
      quantity: number;
      periodEnd: string;
      administration: PartnerRelationshipView | null;
    };

/** A delegated-administration request as its addressee sees it, with the subscriptions they could grant it on. */
export type PartnerRequestReview = PartnerRelationshipView & {
  subscriptions: Array<{ id: string; plan: string; quantity: number; status: SubscriptionStatus }>;
};

/** Product keys just bought: `keys` in clear only in this answer. */
/** A payment the bank asks the buyer to confirm first (3-D Secure). */
export interface PaymentWaiting {
  status: 'requires_action';
  actionId: string;
  amountMinor: number;
  currency: string;
}

export interface ProductKeyPurchase {
  batchId: string;
  plan: string;
  seats: number;
  termPeriods: number;
  amountMinor: number;
  currency: string;
  expiresAt: string;
  keys: string[];
  keysShownOnce?: boolean;
  /** Where the keys were emailed, as the buyer's durable copy. */
  emailedTo?: string;
}

export interface JournalFilter {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  /** `desc`: newest first (the screen); exports stay oldest first. */
  order?: 'asc' | 'desc';
  limit?: number;
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export function usePortalApi(auth: AuthPort | null) {
  return useMemo(() => {
    const call = async <T>(
      path: string,
      init: {
        method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
        body?: unknown;
        headers?: Record<string, string>;
      } = {},
    ) => {
      if (!auth) throw new Error('Not signed in');
      return apiFetch<T>(path, { ...init, token: await auth.apiToken() });
    };
    const base = (id: string) => `/api/v1/subscriptions/${encodeURIComponent(id)}`;
    const partnerBase = (partnerId: string) => `/api/v1/partners/${encodeURIComponent(partnerId)}`;
    /** Opens a printable page (an invoice) in a new tab: fetched with the bearer token, shown from a blob. */
    const openHtml = async (path: string) => {
      if (!auth) throw new Error('Not signed in');
      const tab = window.open('', '_blank');
      const response = await fetch(path, { headers: { Authorization: `Bearer ${await auth.apiToken()}` } });
      if (!response.ok) {
        tab?.close();
        throw new ApiRequestError(response.status, 'DOWNLOAD_FAILED', `HTTP ${response.status}`);
      }
      const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else window.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    };
    /** Fetches a file (a CSV export, an invoice's PDF) with the bearer token and hands it to the browser as a download. */
    const download = async (path: string, fileName: string) => {
      if (!auth) throw new Error('Not signed in');
      const response = await fetch(path, { headers: { Authorization: `Bearer ${await auth.apiToken()}` } });
      if (!response.ok) throw new ApiRequestError(response.status, 'DOWNLOAD_FAILED', `HTTP ${response.status}`);
      saveFile(fileName, await response.blob());
    };
    return {
      plans: () => apiFetch<{ currency: string; plans: Plan[] }>('/api/v1/plans'),
      subscriptions: () => call<{ subscriptions: SubscriptionSummary[] }>('/api/v1/subscriptions'),
      subscription: (id: string) => call<SubscriptionSummary>(base(id)),
      checkout: (body: { plan: string; quantity: number; card: string }, idempotencyKey: string) =>
        call<{ subscriptionId: string }>('/api/v1/checkout', {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      /** `after`: a previous page's `next` (same search and order), read without skipping rows; `offset` for a jump. */
      seats: (
        id: string,
        params: {
          search?: string;
          sort?: SeatSort;
          order?: 'asc' | 'desc';
          offset?: number;
          after?: string;
          limit?: number;
        },
      ) => call<{ total: number; items: SeatItem[]; next: string | null }>(`${base(id)}/seats${query(params)}`),
      /** `lang`: the page's language, for the CSV's headers and statuses. */
      exportSeats: (id: string, lang: string) =>
        download(`${base(id)}/seats/export${query({ lang })}`, 'outmerge-seats.csv'),
      assign: (id: string, emails: string[], language: string) =>
        call<{ results: AssignmentResult[] }>(`${base(id)}/assignments`, {
          method: 'POST',
          body: { emails, language },
        }),
      transfer: (id: string, from: string, to: string, language: string) =>
        call<AssignmentResult>(`${base(id)}/assignments/transfer`, { method: 'POST', body: { from, to, language } }),
      setSuspended: (id: string, email: string, suspended: boolean) =>
        call<SeatItem>(`${base(id)}/assignments/${encodeURIComponent(email)}`, {
          method: 'PATCH',
          body: { suspended },
        }),
      unassign: (id: string, email: string) =>
        call<void>(`${base(id)}/assignments/${encodeURIComponent(email)}`, { method: 'DELETE' }),
      delegates: (id: string) => call<{ delegates: Delegate[]; invitations: Invitation[] }>(`${base(id)}/delegates`),
      invite: (id: string, email: string, permissions: Permission[], language: string) =>
        call<{ invitation: Invitation }>(`${base(id)}/delegates`, {
          method: 'POST',
          body: { email, permissions, language },
        }),
      editDelegate: (id: string, delegateId: string, permissions: Permission[]) =>
        call<Delegate>(`${base(id)}/delegates/${delegateId}`, { method: 'PATCH', body: { permissions } }),
      removeDelegate: (id: string, delegateId: string) =>
        call<void>(`${base(id)}/delegates/${delegateId}`, { method: 'DELETE' }),
      resendInvitation: (id: string, invitationId: string) =>
        call<{ invitation: Invitation }>(`${base(id)}/invitations/${invitationId}/resend`, { method: 'POST' }),
      revokeInvitation: (id: string, invitationId: string) =>
        call<void>(`${base(id)}/invitations/${invitationId}`, { method: 'DELETE' }),
      transferOwnership: (id: string, to: { delegateId: string } | { email: string }, language: string) =>
        call<void>(`${base(id)}/ownership`, { method: 'POST', body: { ...to, language } }),
      acceptInvitation: (token: string) =>
        call<{ subscriptionId: string; permissions: Permission[]; invitedBy: string }>('/api/v1/invitations/accept', {
          method: 'POST',
          body: { token },
        }),
      domains: (id: string) =>
        call<{ domains: DomainView[]; record?: DomainVerificationRecord }>(`${base(id)}/domains`),
      addDomain: (id: string, domain: string) =>
        call<DomainView & { added: boolean }>(`${base(id)}/domains`, { method: 'POST', body: { domain } }),
      checkDomain: (id: string, domain: string) =>
        call<DomainView>(`${base(id)}/domains/${encodeURIComponent(domain)}/check`, { method: 'POST' }),
      removeDomain: (id: string, domain: string) =>
        call<void>(`${base(id)}/domains/${encodeURIComponent(domain)}`, { method: 'DELETE' }),
      // Seats that follow Microsoft 365 groups (issue 17).
      groups: (id: string) => call<GroupSyncView>(`${base(id)}/groups`),
      searchGroups: (id: string, q: string) =>
        call<{ groups: DirectoryGroupView[] }>(`${base(id)}/groups/search${query({ q })}`),
      linkGroup: (id: string, groupId: string, language: string) =>
        call<GroupSyncView>(`${base(id)}/groups`, { method: 'POST', body: { groupId, language } }),
      unlinkGroup: (id: string, linkId: string) =>
        call<void>(`${base(id)}/groups/${encodeURIComponent(linkId)}`, { method: 'DELETE' }),
      syncGroups: (id: string) => call<GroupSyncView>(`${base(id)}/groups/sync`, { method: 'POST' }),
      leaveSeat: (seatId: string) =>
        call<void>(`/api/v1/me/seats/${encodeURIComponent(seatId)}/leave`, { method: 'POST' }),
      journal: (id: string, filter: JournalFilter) =>
        call<{ entries: JournalEntry[] }>(`${base(id)}/journal${query({ ...filter })}`),
      myLicense: () => call<MyLicenseView>('/api/v1/me/license'),
      adminConsent: () => call<{ tenantId: string; url: string }>('/api/v1/me/admin-consent'),
      exportJournal: (id: string, filter: JournalFilter, lang: string) =>
        download(`${base(id)}/journal/export${query({ ...filter, lang })}`, 'outmerge-journal.csv'),
      // Billing (B1–B5): the catalog, the cart, quantity, invoices, payment method.
      catalog: () => apiFetch<PlanCatalogView>('/api/v1/plans'),
      buy: (body: { lines: CartLine[]; card: string }, idempotencyKey: string) =>
        call<CheckoutResult>('/api/v1/checkout', {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      completePayment: (actionId: string, approved: boolean) =>
        call<CheckoutResult | PaymentResult>(`/api/v1/payment-actions/${encodeURIComponent(actionId)}/complete`, {
          method: 'POST',
          body: { approved },
        }),
      /** The bank's answer to a product-key purchase: the keys, shown this once. */
      completeKeyPurchase: (actionId: string, approved: boolean) =>
        call<ProductKeyPurchase>(`/api/v1/payment-actions/${encodeURIComponent(actionId)}/complete`, {
          method: 'POST',
          body: { approved },
        }),
      previewQuantity: (id: string, quantity: number) =>
        call<QuantityPreviewView>(`${base(id)}/quantity/preview${query({ quantity })}`),
      changeQuantity: (
        id: string,
        body: { quantity: number; prorationDate: string; expectedAmountMinor: number },
        idempotencyKey: string,
      ) =>
        call<QuantityChangeResult>(`${base(id)}/quantity`, {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      billing: (id: string) => call<BillingSummaryView>(`${base(id)}/billing`),
      consolidate: (id: string, sources: string[], idempotencyKey: string) =>
        call<ConsolidationResult>(`${base(id)}/consolidate`, {
          method: 'POST',
          body: { sources },
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      invoices: (id: string) => call<{ invoices: InvoiceView[] }>(`${base(id)}/invoices`),
      // Consolidation by invitation (issue 15): the inviter's side, then the invited colleague's.
      previewMerge: (id: string, email: string) =>
        call<ConsolidationPreview>(`${base(id)}/consolidation-invitations/preview${query({ email })}`),
      inviteMerge: (id: string, email: string, language: string) =>
        call<ConsolidationInvitationView>(`${base(id)}/consolidation-invitations`, {
          method: 'POST',
          body: { email, language },
        }),
      mergeInvitationsSent: (id: string) =>
        call<{ invitations: ConsolidationInvitationView[] }>(`${base(id)}/consolidation-invitations`),
      withdrawMerge: (id: string, invitationId: string) =>
        call<void>(`${base(id)}/consolidation-invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
      mergeRequests: () => call<{ invitations: ConsolidationInvitationView[] }>('/api/v1/me/consolidation-invitations'),
      acceptMerge: (invitationId: string) =>
        call<ConsolidationAccepted>(`/api/v1/me/consolidation-invitations/${encodeURIComponent(invitationId)}/accept`, {
          method: 'POST',
        }),
      declineMerge: (invitationId: string) =>
        call<void>(`/api/v1/me/consolidation-invitations/${encodeURIComponent(invitationId)}/decline`, {
          method: 'POST',
        }),
      creditNotes: (id: string) => call<{ creditNotes: CreditNoteView[] }>(`${base(id)}/credit-notes`),
      openCreditNote: (id: string, creditNoteId: string, lang: string) =>
        openHtml(`${base(id)}/credit-notes/${encodeURIComponent(creditNoteId)}/html${query({ lang })}`),
      downloadCreditNotePdf: (id: string, creditNoteId: string, number: string, lang: string) =>
        download(`${base(id)}/credit-notes/${encodeURIComponent(creditNoteId)}/pdf${query({ lang })}`, `${number}.pdf`),
      openInvoice: (id: string, invoiceId: string, lang: string) =>
        openHtml(`${base(id)}/invoices/${encodeURIComponent(invoiceId)}/html${query({ lang })}`),
      downloadInvoicePdf: (id: string, invoiceId: string, number: string, lang: string) =>
        download(`${base(id)}/invoices/${encodeURIComponent(invoiceId)}/pdf${query({ lang })}`, `${number}.pdf`),
      openPartnerInvoice: (partnerId: string, invoiceId: string, lang: string) =>
        openHtml(`${partnerBase(partnerId)}/invoices/${encodeURIComponent(invoiceId)}/html${query({ lang })}`),
      partnerInvoices: (partnerId: string) => call<PartnerInvoiceView[]>(`${partnerBase(partnerId)}/invoices`),
      billingProfile: (id: string) => call<BillingProfileAnswer>(`${base(id)}/billing-profile`),
      saveBillingProfile: (id: string, profile: BillingProfileView) =>
        call<BillingProfileAnswer>(`${base(id)}/billing-profile`, { method: 'PUT', body: profile }),
      replacePaymentMethod: (id: string, card: string) =>
        call<PaymentMethodView>(`${base(id)}/payment-method`, { method: 'PUT', body: { card } }),
      payInvoice: (id: string, invoiceId: string, card: string | null, idempotencyKey: string) =>
        call<PaymentResult>(`${base(id)}/invoices/${encodeURIComponent(invoiceId)}/pay`, {
          method: 'POST',
          body: card ? { card } : {},
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      // Partners (P1–P5): the partner area, and the customer's side of offers, requests and keys.
      partners: () => call<PartnerView[]>('/api/v1/partners'),
      enrolPartner: (name: string, language: string) =>
        call<PartnerView>('/api/v1/partners', { method: 'POST', body: { name, language } }),
      partner: (partnerId: string) => call<PartnerView>(partnerBase(partnerId)),
      partnerStaff: (partnerId: string) => call<PartnerStaffView[]>(`${partnerBase(partnerId)}/staff`),
      setPartnerStaff: (partnerId: string, email: string, role: 'full' | 'limited') =>
        call<PartnerStaffView>(`${partnerBase(partnerId)}/staff`, { method: 'POST', body: { email, role } }),
      removePartnerStaff: (partnerId: string, staffId: string) =>
        call<void>(`${partnerBase(partnerId)}/staff/${encodeURIComponent(staffId)}`, { method: 'DELETE' }),
      createOffer: (partnerId: string, body: OfferRequestBody) =>
        call<{ offer: OfferView; link: string }>(`${partnerBase(partnerId)}/offers`, { method: 'POST', body }),
      offers: (partnerId: string) => call<OfferView[]>(`${partnerBase(partnerId)}/offers`),
      setOfferDisabled: (partnerId: string, offerId: string, disabled: boolean) =>
        call<OfferView>(`${partnerBase(partnerId)}/offers/${encodeURIComponent(offerId)}`, {
          method: 'PATCH',
          body: { disabled },
        }),
      /** No sign-in needed: what an offer link offers. */
      viewOffer: (code: string, token: string) =>
        apiFetch<OfferPublicView>('/api/v1/offers/view', { method: 'POST', body: { code, token } }),
      redeemOffer: (
        body: { code: string; token: string; card?: string; approveAdministration?: boolean },
        idempotencyKey?: string,
      ) =>
        call<OfferRedemption>('/api/v1/offers/redeem', {
          method: 'POST',
          body,
          ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
        }),
      requestAdministration: (
        partnerId: string,
        body: { email: string; permissions: Permission[]; durationDays: number; language: string },
      ) => call<PartnerRelationshipView>(`${partnerBase(partnerId)}/requests`, { method: 'POST', body }),
      partnerRequests: (partnerId: string) => call<PartnerRelationshipView[]>(`${partnerBase(partnerId)}/requests`),
      withdrawRequest: (partnerId: string, requestId: string) =>
        call<void>(`${partnerBase(partnerId)}/requests/${encodeURIComponent(requestId)}`, { method: 'DELETE' }),
      viewPartnerRequest: (token: string) =>
        call<PartnerRequestReview>('/api/v1/partner-requests/view', { method: 'POST', body: { token } }),
      approvePartnerRequest: (token: string, subscriptionId?: string) =>
        call<PartnerRelationshipView>('/api/v1/partner-requests/approve', {
          method: 'POST',
          body: subscriptionId ? { token, subscriptionId } : { token },
        }),
      declinePartnerRequest: (token: string) =>
        call<void>('/api/v1/partner-requests/decline', { method: 'POST', body: { token } }),
      subscriptionPartners: (id: string) => call<PartnerRelationshipView[]>(`${base(id)}/partners`),
      endPartnerRelationship: (id: string, relationshipId: string) =>
        call<void>(`${base(id)}/partners/${encodeURIComponent(relationshipId)}`, { method: 'DELETE' }),
      buyProductKeys: (
        partnerId: string,
        body: { plan: string; seats: number; termPeriods: number; count: number; card: string },
        idempotencyKey: string,
      ) =>
        call<ProductKeyPurchase | PaymentWaiting>(`${partnerBase(partnerId)}/product-keys`, {
          method: 'POST',
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      productKeys: (partnerId: string) => call<ProductKeyView[]>(`${partnerBase(partnerId)}/product-keys`),
      redeemProductKey: (key: string, subscriptionId?: string) =>
        call<{
          subscriptionId: string;
          created: boolean;
          plan: string;
          quantity: number;
          status: SubscriptionStatus;
          periodEnd: string;
        }>('/api/v1/product-keys/redeem', { method: 'POST', body: subscriptionId ? { key, subscriptionId } : { key } }),
      partnerCustomers: (
        partnerId: string,
        params: {
          search?: string;
          status?: SubscriptionStatus;
          relationship?: 'active' | 'pending' | 'expired' | 'ended' | 'none';
          offset?: number;
          limit?: number;
        },
      ) => call<{ total: number; items: PartnerCustomerView[] }>(`${partnerBase(partnerId)}/customers${query(params)}`),
      partnerNotifications: (partnerId: string) =>
        call<PartnerNotificationView[]>(`${partnerBase(partnerId)}/notifications`),
    };
  }, [auth]);
}

export type PortalApi = ReturnType<typeof usePortalApi>;
