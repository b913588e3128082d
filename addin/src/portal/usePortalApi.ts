/** The portal's calls to the Outmerge API, each with a fresh access token from the auth port. */
import { useMemo } from 'react';
import { apiFetch } from '../api/apiClient.js';
import type { AuthPort } from '../auth/authPort.js';

export interface SubscriptionSummary {
  id: string;
  plan: string;
  quantity: number;
  assigned: number;
  status: 'trial' | 'active' | 'past_due' | 'expired' | 'cancelled';
  periodStart: string;
  periodEnd: string;
  owner: string;
}

export interface SeatItem {
  email: string;
  status: 'pending' | 'active' | 'expired';
  assignedAt: string;
  lastCheckInAt: string | null;
}

export interface AssignmentResult {
  email: string;
  result: 'assigned' | 'already_assigned' | 'invalid' | 'domain_not_approved' | 'no_seat_left';
}

export interface Plan {
  id: string;
  interval: 'month' | 'year';
  unitPriceMinor: number;
}

export function usePortalApi(auth: AuthPort | null) {
  return useMemo(() => {
    const call = async <T,>(path: string, init: { method?: 'GET' | 'POST' | 'DELETE'; body?: unknown; headers?: Record<string, string> } = {}) => {
      if (!auth) throw new Error('Not signed in');
      return apiFetch<T>(path, { ...init, token: await auth.apiToken() });
    };
    return {
      plans: () => apiFetch<{ currency: string; plans: Plan[] }>('/api/v1/plans'),
      subscriptions: () => call<{ subscriptions: SubscriptionSummary[] }>('/api/v1/subscriptions'),
      subscription: (id: string) => call<SubscriptionSummary & { seats: SeatItem[] }>(`/api/v1/subscriptions/${encodeURIComponent(id)}`),
      checkout: (body: { plan: string; quantity: number; card: string }, idempotencyKey: string) =>
        call<{ subscriptionId: string }>('/api/v1/checkout', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
      assign: (id: string, emails: string[], language: string) =>
        call<{ results: AssignmentResult[] }>(`/api/v1/subscriptions/${encodeURIComponent(id)}/assignments`, { method: 'POST', body: { emails, language } }),
      unassign: (id: string, email: string) => call<void>(`/api/v1/subscriptions/${encodeURIComponent(id)}/assignments/${encodeURIComponent(email)}`, { method: 'DELETE' }),
    };
  }, [auth]);
}

export type PortalApi = ReturnType<typeof usePortalApi>;
