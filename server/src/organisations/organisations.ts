/**
 * Where customers' organisations and subscriptions come from, for every way in (checkout, a
 * partner's trial offer, a product key): the organisation of the buyer's tenant is found or created
 * with the buyer's domain listed (pending until proven), and whoever opens its first subscription
 * in its own tenant becomes its administrator, in the same transaction. Runs inside the caller's
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import { CONSUMER_TENANT_ID } from '../identity/verifiedClaims.js';
import type { OrganisationRow, Storage, SubscriptionRow } from '../storage/storage.js';

/** The organisation of the tenant, made on first use (named after the buyer's domain), with that domain listed. */
export function organisationFor(storage: Storage, tenantId: string, domain: string, now: number): OrganisationRow {
  let organisation = storage.findOrganisationByTenant(tenantId);
  if (!organisation) {
    organisation = { id: randomUUID(), tenantId, name: domain, createdAt: now };
    storage.insertOrganisation(organisation);
  }
  storage.approveDomain(organisation.id, domain, now);
  return organisation;
}

/**
 * Writes a new subscription. The first subscription owned in the organisation's own tenant makes
 * its owner the organisation's administrator (who then proves domains and appoints others);
 * personal Microsoft accounts share one tenant and administer nothing.
 */
export function openSubscription(storage: Storage, row: Omit<SubscriptionRow, 'assignedCount'>): void {
  storage.insertSubscription(row);
  const organisation = storage.findOrganisation(row.organisationId);
  const ownTenant = organisation?.tenantId === row.ownerTenantId && row.ownerTenantId !== CONSUMER_TENANT_ID;
  if (ownTenant && storage.listOrganisationAdministrators(row.organisationId).length === 0) {
    storage.insertOrganisationAdministrator({ id: randomUUID(), organisationId: row.organisationId, tenantId: row.ownerTenantId, objectId: row.ownerObjectId, email: row.ownerEmail, appointedBy: null, createdAt: row.createdAt });
  }
}
