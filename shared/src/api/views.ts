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
