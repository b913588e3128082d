/** The API's views of partner rows (shared/src/api/views.ts shapes). */
import type {
  OfferView,
  PartnerRelationshipView,
  PartnerStaffView,
  PartnerView,
  ProductKeyView,
  RelationshipStateView,
} from '#shared/api/views.js';
import type { PartnerStaffRole } from '#shared/permissions/permissions.js';
import type { OfferRow, PartnerRow, PartnerStaffRow, ProductKeyRow, RelationshipRow } from '../storage/unitOfWork.js';
import { partnerActions, relationshipState } from './rules.js';

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function partnerView(row: PartnerRow, role: PartnerStaffRole): PartnerView {
  return {
    id: row.id,
    name: row.name,
    advisorCode: row.advisorCode,
    role,
    actions: partnerActions(role),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function staffView(row: PartnerStaffRow): PartnerStaffView {
  return {
    id: row.id,
    email: row.emailDisplay,
    role: row.role,
    signedIn: row.objectId !== null,
    since: new Date(row.createdAt).toISOString(),
  };
}

export function offerView(row: OfferRow & { customers: number }, interval: 'month' | 'year'): OfferView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name === '' ? null : row.name,
    plan: row.planId,
    interval,
    quantity: row.quantity,
    trialDays: row.trialDays,
    priceMinor: row.priceMinor,
    currency: row.currency,
    administration: row.adminDays === null ? null : { permissions: row.adminPermissions, durationDays: row.adminDays },
    maxCustomers: row.maxCustomers,
    customers: row.customers,
    disabled: row.disabledAt !== null,
    expiresAt: new Date(row.expiresAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function relationshipView(row: RelationshipRow, partner: PartnerRow, now: number): PartnerRelationshipView {
  return {
    id: row.id,
    partner: partner.name,
    advisorCode: partner.advisorCode,
    customer: row.customerEmailDisplay,
    subscriptionId: row.subscriptionId,
    permissions: row.permissions,
    durationDays: row.durationDays,
    state: relationshipState(row, now) as RelationshipStateView,
    requestedBy: row.requestedByEmail,
    requestedAt: new Date(row.requestedAt).toISOString(),
    requestExpiresAt: new Date(row.requestExpiresAt).toISOString(),
    approvedAt: iso(row.approvedAt),
    expiresAt: iso(row.expiresAt),
    endedAt: iso(row.endedAt),
  };
}

export function productKeyView(row: ProductKeyRow, now: number): ProductKeyView {
  return {
    id: row.id,
    batchId: row.batchId,
    hint: row.keyHint,
    plan: row.planId,
    seats: row.seats,
    termPeriods: row.termPeriods,
    status: row.status === 'unused' && row.expiresAt <= now ? 'expired' : row.status,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
    redeemedAt: iso(row.redeemedAt),
    redeemedSubscriptionId: row.redeemedSubscriptionId,
  };
}
