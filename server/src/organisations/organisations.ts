/**
 * Where customers' organisations and subscriptions come from, for every way in (checkout, a
 * partner's trial offer, a product key): the organisation of the buyer's tenant is found or created
 * with the buyer's domain listed (pending until proven), and whoever opens its first subscription
 * in its own tenant becomes its administrator, in the same transaction. Runs inside the caller's
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import { CONSUMER_TENANT_ID } from '../identity/verifiedClaims.js';
import type { OrganisationRow, Repositories, SubscriptionRow } from '../storage/unitOfWork.js';

/** The organisation of the tenant, made on first use (named after the buyer's domain), with that domain listed. */
export async function organisationFor(
  tx: Repositories,
  tenantId: string,
  domain: string,
  now: number,
): Promise<OrganisationRow> {
  const organisation =
    (await tx.organisations.findByTenant(tenantId)) ??
    (await tx.organisations.findOrInsert({ id: randomUUID(), tenantId, name: domain, createdAt: now }));
  await tx.organisations.approveDomain(organisation.id, domain, now);
  return organisation;
}

/**
 * Writes a new subscription. The first subscription owned in the organisation's own tenant makes
 * its owner the organisation's administrator (who then proves domains and appoints others);
 * personal Microsoft accounts share one tenant and administer nothing. The organisation is locked
 * first, so that two first subscriptions opened at once appoint one administrator.
 */
export async function openSubscription(tx: Repositories, row: Omit<SubscriptionRow, 'assignedCount'>): Promise<void> {
  await tx.organisations.lock(row.organisationId);
  await tx.subscriptions.insert(row);
  const organisation = await tx.organisations.find(row.organisationId);
  const ownTenant = organisation?.tenantId === row.ownerTenantId && row.ownerTenantId !== CONSUMER_TENANT_ID;
  if (ownTenant && (await tx.organisations.listAdministrators(row.organisationId)).length === 0) {
    await tx.organisations.insertAdministrator({
      id: randomUUID(),
      organisationId: row.organisationId,
      tenantId: row.ownerTenantId,
      objectId: row.ownerObjectId,
      email: row.ownerEmail,
      appointedBy: null,
      createdAt: row.createdAt,
    });
  }
}
