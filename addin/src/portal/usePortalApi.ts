/** The portal's calls to the Outmerge API, each with a fresh access token from the auth port. */
import { useMemo } from 'react';
import type { AssignmentResult, DelegateView, InvitationView, JournalEntryView, MyLicenseView, SeatSort, SeatView, SubscriptionView } from '../../../shared/src/api/views.js';
import type { BillingSummaryView, CartLine, CheckoutResult, InvoiceView, PaymentMethodView, PaymentResult, PlanCatalogView, QuantityChangeResult, QuantityPreviewView } from '../../../shared/src/api/views.js';
import type { Permission } from '../../../shared/src/permissions/permissions.js';

export type { AssignmentResult, MyLicenseView, SeatSort };
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




export interface Plan {
  id: string;
  interval: 'month' | 'year';
  unitPriceMinor: number;
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
  const entries = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
}

export function usePortalApi(auth: AuthPort | null) {
  return useMemo(() => {
    const call = async <T,>(path: string, init: { method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; body?: unknown; headers?: Record<string, string> } = {}) => {
      if (!auth) throw new Error('Not signed in');
      return apiFetch<T>(path, { ...init, token: await auth.apiToken() });
    };
    const base = (id: string) => `/api/v1/subscriptions/${encodeURIComponent(id)}`;
    /** Fetches a CSV export with the bearer token and hands it to the browser as a download. */
    const download = async (path: string, fileName: string) => {
      if (!auth) throw new Error('Not signed in');
      const response = await fetch(path, { headers: { Authorization: `Bearer ${await auth.apiToken()}` } });
      if (!response.ok) throw new ApiRequestError(response.status, 'DOWNLOAD_FAILED', `HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    };
    return {
      plans: () => apiFetch<{ currency: string; plans: Plan[] }>('/api/v1/plans'),
      subscriptions: () => call<{ subscriptions: SubscriptionSummary[] }>('/api/v1/subscriptions'),
      subscription: (id: string) => call<SubscriptionSummary>(base(id)),
      checkout: (body: { plan: string; quantity: number; card: string }, idempotencyKey: string) =>
        call<{ subscriptionId: string }>('/api/v1/checkout', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
      seats: (id: string, params: { search?: string; sort?: SeatSort; order?: 'asc' | 'desc'; offset?: number; limit?: number }) => call<{ total: number; items: SeatItem[] }>(`${base(id)}/seats${query(params)}`),
      exportSeats: (id: string) => download(`${base(id)}/seats/export`, 'outmerge-seats.csv'),
      assign: (id: string, emails: string[], language: string) => call<{ results: AssignmentResult[] }>(`${base(id)}/assignments`, { method: 'POST', body: { emails, language } }),
      transfer: (id: string, from: string, to: string, language: string) => call<AssignmentResult>(`${base(id)}/assignments/transfer`, { method: 'POST', body: { from, to, language } }),
      setSuspended: (id: string, email: string, suspended: boolean) => call<SeatItem>(`${base(id)}/assignments/${encodeURIComponent(email)}`, { method: 'PATCH', body: { suspended } }),
      unassign: (id: string, email: string) => call<void>(`${base(id)}/assignments/${encodeURIComponent(email)}`, { method: 'DELETE' }),
      delegates: (id: string) => call<{ delegates: Delegate[]; invitations: Invitation[] }>(`${base(id)}/delegates`),
      invite: (id: string, email: string, permissions: Permission[], language: string) => call<{ invitation: Invitation }>(`${base(id)}/delegates`, { method: 'POST', body: { email, permissions, language } }),
      editDelegate: (id: string, delegateId: string, permissions: Permission[]) => call<Delegate>(`${base(id)}/delegates/${delegateId}`, { method: 'PATCH', body: { permissions } }),
      removeDelegate: (id: string, delegateId: string) => call<void>(`${base(id)}/delegates/${delegateId}`, { method: 'DELETE' }),
      resendInvitation: (id: string, invitationId: string) => call<{ invitation: Invitation }>(`${base(id)}/invitations/${invitationId}/resend`, { method: 'POST' }),
      revokeInvitation: (id: string, invitationId: string) => call<void>(`${base(id)}/invitations/${invitationId}`, { method: 'DELETE' }),
      transferOwnership: (id: string, to: { delegateId: string } | { email: string }, language: string) => call<void>(`${base(id)}/ownership`, { method: 'POST', body: { ...to, language } }),
      acceptInvitation: (token: string) => call<{ subscriptionId: string; permissions: Permission[]; invitedBy: string }>('/api/v1/invitations/accept', { method: 'POST', body: { token } }),
      domains: (id: string) => call<{ domains: Array<{ domain: string; source: 'tenant' | 'manual'; addedAt: string }> }>(`${base(id)}/domains`),
      addDomain: (id: string, domain: string) => call<{ domain: string; added: boolean }>(`${base(id)}/domains`, { method: 'POST', body: { domain } }),
      removeDomain: (id: string, domain: string) => call<void>(`${base(id)}/domains/${encodeURIComponent(domain)}`, { method: 'DELETE' }),
      journal: (id: string, filter: JournalFilter) => call<{ entries: JournalEntry[] }>(`${base(id)}/journal${query({ ...filter })}`),
      myLicense: () => call<MyLicenseView>('/api/v1/me/license'),
      adminConsent: () => call<{ tenantId: string; url: string }>('/api/v1/me/admin-consent'),
      exportJournal: (id: string, filter: JournalFilter) => download(`${base(id)}/journal/export${query({ ...filter })}`, 'outmerge-journal.csv'),
      // Billing (B1–B5): the catalog, the cart, quantity, invoices, payment method.
      catalog: () => apiFetch<PlanCatalogView>('/api/v1/plans'),
      buy: (body: { lines: CartLine[]; card: string }, idempotencyKey: string) => call<CheckoutResult>('/api/v1/checkout', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
      completePayment: (actionId: string, approved: boolean) => call<CheckoutResult | PaymentResult>(`/api/v1/payment-actions/${encodeURIComponent(actionId)}/complete`, { method: 'POST', body: { approved } }),
      previewQuantity: (id: string, quantity: number) => call<QuantityPreviewView>(`${base(id)}/quantity/preview${query({ quantity })}`),
      changeQuantity: (id: string, body: { quantity: number; prorationDate: string; expectedAmountMinor: number }, idempotencyKey: string) =>
        call<QuantityChangeResult>(`${base(id)}/quantity`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
      billing: (id: string) => call<BillingSummaryView>(`${base(id)}/billing`),
      consolidate: (id: string, sources: string[], idempotencyKey: string) =>
        call<ConsolidationResult>(`${base(id)}/consolidate`, { method: 'POST', body: { sources }, headers: { 'Idempotency-Key': idempotencyKey } }),
      invoices: (id: string) => call<{ invoices: InvoiceView[] }>(`${base(id)}/invoices`),
      /** Opens the printable invoice in a new tab (fetched with the bearer token, shown from a blob). */
      openInvoice: async (id: string, invoiceId: string, lang: string) => {
        if (!auth) throw new Error('Not signed in');
        const tab = window.open('', '_blank');
        const response = await fetch(`${base(id)}/invoices/${encodeURIComponent(invoiceId)}/html${query({ lang })}`, { headers: { Authorization: `Bearer ${await auth.apiToken()}` } });
        if (!response.ok) {
          tab?.close();
          throw new ApiRequestError(response.status, 'DOWNLOAD_FAILED', `HTTP ${response.status}`);
        }
        const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/html' }));
        if (tab) tab.location.href = url;
        else window.location.href = url;
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
      replacePaymentMethod: (id: string, card: string) => call<PaymentMethodView>(`${base(id)}/payment-method`, { method: 'PUT', body: { card } }),
      payInvoice: (id: string, invoiceId: string, card: string | null, idempotencyKey: string) =>
        call<PaymentResult>(`${base(id)}/invoices/${encodeURIComponent(invoiceId)}/pay`, { method: 'POST', body: card ? { card } : {}, headers: { 'Idempotency-Key': idempotencyKey } }),
    };
  }, [auth]);
}

export type PortalApi = ReturnType<typeof usePortalApi>;
