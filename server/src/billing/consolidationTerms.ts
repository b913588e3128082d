/**
 * Consolidation by invitation (issue 15, point 4), pure: which colleague's subscription may be
 * invited, what the inviter's subscription was when they sent it, what accepting does (seats that
 * move, the room they need, the credit per paid invoice), and an invitation's state at a moment.
 * The preview both sides see and the acceptance compute with these same functions.
 */
import type { SubscriptionStatus } from '#shared/api/views.js';
import { unusedPaidByInvoice, type PaidInvoiceSpan } from './consolidationCredit.js';

/**
 * An invitation lives 7 days, as a delegation invitation does: long enough for a colleague away
 * for a working week, short enough that the terms both saw (the credit shrinks every day, the
 * inviter's free seats change) are still close when it is accepted; after that a new invitation
 * shows a fresh preview.
 */
export const CONSOLIDATION_INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** Why a colleague's subscription cannot be invited (the API's `details.reason`). */
export const INELIGIBLE_REASONS = [
  'no_subscription',
  'own_subscription',
  'other_tenant',
  'not_individual',
  'already_consolidated',
  'not_paid',
  'currency',
] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

interface Owned {
  id: string;
  organisationId: string;
  ownerTenantId: string;
  ownerObjectId: string;
  status: SubscriptionStatus;
}

/** What decides whether a source may be merged by invitation, read from storage. */
export interface SourceFacts {
  subscription: Owned;
  currency: string;
  /** A partner manages it: it is the organisation's, bought through the partner, not one person's. */
  partnerOfRecord: string | null;
  /** Where it was merged already, and how many were merged into it. */
  mergedInto: string | null;
  tookIn: number;
  /** Paid invoices (money this subscription took). */
  paidInvoices: number;
}

/**
 * Read as an attacker: the source must be another person's (same owner: merge it directly), of
 * the same organisation and the same Entra tenant as the target's owner, individual (no partner
 * of record, nothing merged into it), not merged already, paid (active, and money was taken: a
 * trial or a period a key paid for would bring seats nobody paid for here), in the same currency.
 */
export function sourceIneligibility(
  target: Owned & { currency: string },
  source: SourceFacts,
): IneligibleReason | null {
  const s = source.subscription;
  if (s.id === target.id || (s.ownerTenantId === target.ownerTenantId && s.ownerObjectId === target.ownerObjectId))
    return 'own_subscription';
  if (s.organisationId !== target.organisationId || s.ownerTenantId !== target.ownerTenantId) return 'other_tenant';
  if (source.mergedInto !== null) return 'already_consolidated';
  if (s.status !== 'active' || source.paidInvoices === 0) return 'not_paid';
  if (source.partnerOfRecord !== null || source.tookIn > 0) return 'not_individual';
  if (source.currency !== target.currency) return 'currency';
  return null;
}

/** What the inviter's subscription was when they invited: any change (owner, status, plan, seats bought, period) refuses the acceptance. */
export function targetTerms(target: {
  ownerTenantId: string;
  ownerObjectId: string;
  status: string;
  planId: string;
  quantity: number;
  periodEnd: number;
}): string {
  return JSON.stringify([
    target.ownerTenantId,
    target.ownerObjectId,
    target.status,
    target.planId,
    target.quantity,
    target.periodEnd,
  ]);
}

export interface MergeInput {
  targetQuantity: number;
  targetAssigned: number;
  /** Canonical addresses holding a live seat in the target. */
  targetSeats: ReadonlySet<string>;
  /** Canonical addresses holding a live seat in the source. */
  sourceSeats: readonly string[];
  /** The source's paid invoices, net of what credit notes gave back (storage's `paidSpans`). */
  spans: readonly PaidInvoiceSpan[];
  now: number;
}

export interface MergeTerms {
  /** Seats that move: people without a seat in the target yet. */
  seatsMoving: number;
  /** People who hold a seat in both: their source seat ends. */
  seatsAlreadyThere: number;
  freeSeats: number;
  /** The moving seats fit in the seats the target paid for: never more live seats than bought. */
  fits: boolean;
  credits: Array<{ invoiceId: string; amountMinor: number }>;
  creditMinor: number;
}

export function mergeTerms(input: MergeInput): MergeTerms {
  const seatsMoving = input.sourceSeats.filter((email) => !input.targetSeats.has(email)).length;
  const freeSeats = Math.max(0, input.targetQuantity - input.targetAssigned);
  const credits = unusedPaidByInvoice(input.spans, input.now);
  return {
    seatsMoving,
    seatsAlreadyThere: input.sourceSeats.length - seatsMoving,
    freeSeats,
    fits: seatsMoving <= freeSeats,
    credits,
    creditMinor: credits.reduce((sum, credit) => sum + credit.amountMinor, 0),
  };
}

/** A pending invitation past its end reads as expired, before any job marks it. */
export function invitationState<S extends string>(
  invitation: { status: S; expiresAt: number },
  now: number,
): S | 'expired' {
  return invitation.status === 'pending' && now >= invitation.expiresAt ? 'expired' : invitation.status;
}
