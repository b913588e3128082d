/**
 * The authorisation matrix (S, A5, P1, P3, issue 10 finding 10): every subscription route × every
 * role (owner, delegates, partner staff with full or limited administration through an active
 * relationship, through an expired or a revoked one, another partner's staff, organisation
 * administrators appointed or by the tenant's Global Administrator role, another tenant's Global
 * Administrator) × own or foreign subscription, each cell on a fresh fixture; and every
 * organisation route × every role. The table below says which action each route must
 * require; the expected status of a cell follows from the permission function, whose own tests
 * spell out what each role may do.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  can,
  canInOrganisation,
  GLOBAL_ADMINISTRATOR_ROLE,
  PERMISSIONS,
  roleOf,
  type OrganisationAction,
  type OrganisationRoles,
  type PartnerRelationship,
  type PartnerStaffRole,
  type Permission,
  type SubscriptionAction,
} from '#shared/permissions/permissions.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';
import { openSubscription } from '../../server/src/organisations/organisations.js';

interface Persona {
  name: string;
  email: string;
  token?: string;
  tenantId: string;
  objectId: string;
  permissions?: Permission[];
  /** Partner staff: which partner and with which role. */
  partner?: { key: PartnerKey; role: PartnerStaffRole };
  /** Entra directory roles in the token (`wids`). */
  directoryRoles?: string[];
}

/** Partners of the matrix: A has an active relationship, B an expired one, C one the customer ended, D none with this subscription. */
type PartnerKey = 'A' | 'B' | 'C' | 'D';
const PARTNER_GRANTS: Record<PartnerKey, { status: PartnerRelationship['status']; expiresIn: number } | null> = {
  A: { status: 'active', expiresIn: 30 * 86400_000 },
  B: { status: 'active', expiresIn: -1000 },
  C: { status: 'ended', expiresIn: 30 * 86400_000 },
  D: null,
};
const partnerIds: Partial<Record<PartnerKey, string>> = {};

interface Fixture {
  subscriptionId: string;
  targetDelegateId: string;
  invitationId: string;
  /** An open invoice of the subscription (billing routes). */
  invoiceId: string;
  /** Another subscription of the same owner and organisation (consolidation). */
  siblingId: string;
  /** Partner A's relationship with the subscription. */
  relationshipId: string;
  /** A Microsoft 365 group the subscription follows (its link's id). */
  linkId: string;
}

interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** Billing changes need an Idempotency-Key. */
  idempotent?: boolean;
  action: SubscriptionAction;
  success: number;
  /** Tells apart two cells of the same route. */
  label?: string;
}

let unique = 0;
const next = () => ++unique;

const ROUTES: Route[] = [
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}`,
    action: 'subscription.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/seats?sort=status`,
    action: 'seats.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/seats/export`,
    action: 'seats.view',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/assignments`,
    body: () => ({ emails: [`new${next()}@contoso.com`] }),
    action: 'seats.assign',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/assignments/transfer`,
    body: () => ({ from: 'seat1@contoso.com', to: `heir${next()}@contoso.com` }),
    action: 'seats.assign',
    success: 200,
  },
  {
    method: 'PATCH',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/assignments/seat1%40contoso.com`,
    body: () => ({ suspended: true }),
    action: 'seats.suspend',
    success: 200,
  },
  {
    method: 'DELETE',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/assignments/seat1%40contoso.com`,
    action: 'seats.unassign',
    success: 204,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/delegates`,
    action: 'delegates.view',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/delegates`,
    body: () => ({ email: `invitee${next()}@contoso.com`, permissions: ['view'] }),
    action: 'delegates.manage',
    success: 201,
  },
  {
    method: 'PATCH',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/delegates/${f.targetDelegateId}`,
    body: () => ({ permissions: ['assign'] }),
    action: 'delegates.manage',
    success: 200,
  },
  {
    method: 'DELETE',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/delegates/${f.targetDelegateId}`,
    action: 'delegates.manage',
    success: 204,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/invitations/${f.invitationId}/resend`,
    action: 'delegates.manage',
    success: 200,
  },
  {
    method: 'DELETE',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/invitations/${f.invitationId}`,
    action: 'delegates.manage',
    success: 204,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/ownership`,
    body: (f) => ({ delegateId: f.targetDelegateId }),
    action: 'ownership.transfer',
    success: 204,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/ownership`,
    body: () => ({ email: 'target@contoso.com' }),
    action: 'ownership.transfer',
    success: 204,
    label: 'by email',
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/domains`,
    action: 'domains.view',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/domains`,
    body: () => ({ domain: `d${next()}.example` }),
    action: 'domains.manage',
    success: 201,
  },
  {
    method: 'DELETE',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/domains/removable.example`,
    action: 'domains.manage',
    success: 204,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/journal?action=seat.assigned`,
    action: 'journal.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/journal?order=desc&limit=50`,
    action: 'journal.view',
    success: 200,
    label: 'newest first',
  },
  {
    method: 'GET',
    path: (f) =>
      `/api/v1/subscriptions/${f.subscriptionId}/seats?search=seat&sort=lastCheckIn&order=desc&offset=0&limit=50`,
    action: 'seats.view',
    success: 200,
    label: 'searched, sorted, paged',
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/journal/export`,
    action: 'journal.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/quantity/preview?quantity=60`,
    action: 'quantity.change',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/quantity`,
    body: () => ({ quantity: 10, prorationDate: new Date().toISOString(), expectedAmountMinor: 0 }),
    idempotent: true,
    action: 'quantity.change',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/billing`,
    action: 'billing.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/invoices`,
    action: 'billing.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/invoices/${f.invoiceId}/html`,
    action: 'billing.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/invoices/${f.invoiceId}/pdf`,
    action: 'billing.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/credit-notes`,
    action: 'billing.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/billing-profile`,
    action: 'billing.view',
    success: 200,
  },
  {
    method: 'PUT',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/billing-profile`,
    body: () => ({
      companyName: 'Contoso SARL',
      address: '1 rue de la Paix, Paris',
      country: 'FR',
      vatId: null,
      billingEmail: 'billing@contoso.com',
      language: 'fr',
    }),
    action: 'billing.manage',
    success: 200,
  },
  {
    method: 'PUT',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/payment-method`,
    body: () => ({ card: '4242 4242 4242 4242' }),
    action: 'billing.manage',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/invoices/${f.invoiceId}/pay`,
    body: () => ({ card: '4242 4242 4242 4242' }),
    idempotent: true,
    action: 'billing.manage',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/consolidate`,
    body: (f) => ({ sources: [f.siblingId] }),
    idempotent: true,
    action: 'subscription.consolidate',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/partners`,
    action: 'delegates.view',
    success: 200,
  },
  {
    method: 'DELETE',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/partners/${f.relationshipId}`,
    action: 'delegates.manage',
    success: 204,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/groups`,
    action: 'groups.view',
    success: 200,
  },
  {
    method: 'GET',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/groups/search?q=Matrix`,
    action: 'groups.manage',
    success: 200,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/groups`,
    body: () => ({ groupId: groups.unlinked }),
    action: 'groups.manage',
    success: 201,
  },
  {
    method: 'DELETE',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/groups/${f.linkId}`,
    action: 'groups.manage',
    success: 204,
  },
  {
    method: 'POST',
    path: (f) => `/api/v1/subscriptions/${f.subscriptionId}/groups/sync`,
    action: 'groups.manage',
    success: 200,
  },
];

/** Two groups of Contoso's directory in the Graph stand-in: one every fixture follows, one to link. */
const groups = { linked: '', unlinked: '' };

/** The caller's own organisation (their tenant's): no id in the path, so no foreign one to try. */
const ORGANISATION_ROUTES: Array<{
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: (who: Persona) => unknown;
  action: OrganisationAction;
  success: number;
}> = [
  { method: 'GET', path: '/api/v1/organisation', action: 'organisation.view', success: 200 },
  { method: 'GET', path: '/api/v1/organisation/administrators', action: 'organisation.view', success: 200 },
  {
    method: 'POST',
    path: '/api/v1/organisation/domains',
    body: () => ({ domain: `o${next()}.example` }),
    action: 'organisation.domains.manage',
    success: 201,
  },
  {
    method: 'POST',
    path: '/api/v1/organisation/domains/removable.example/check',
    action: 'organisation.domains.manage',
    success: 200,
  },
  {
    method: 'DELETE',
    path: '/api/v1/organisation/domains/d.example',
    action: 'organisation.domains.manage',
    success: 204,
  },
  // Appointing someone who already administers answers that administrator.
  {
    method: 'POST',
    path: '/api/v1/organisation/administrators',
    body: (who) => ({ email: `owner@${who.email.split('@')[1]}` }),
    action: 'organisation.administrators.manage',
    success: 201,
  },
];

/** Every non-empty subset of the four permissions. */
const PERMISSION_SETS: Permission[][] = Array.from({ length: 15 }, (_, mask) =>
  PERMISSIONS.filter((_, bit) => ((mask + 1) >> bit) & 1),
);

let server: TestServer;
const personas: Persona[] = [];
let owner: Persona;
let otherOwner: Persona;
let stranger: Persona;
let organisationId: string;
let otherOrganisationId: string;
let thirdOrganisationId: string;

async function persona(
  name: string,
  email: string,
  permissions?: Permission[],
  partner?: Persona['partner'],
  directoryRoles?: string[],
): Promise<Persona> {
  const issued = (
    await server.call('POST', '/dev/idp/token', { body: { email, ...(directoryRoles ? { directoryRoles } : {}) } })
  ).json<{ access_token: string; account: { tenantId: string; objectId: string } }>();
  return {
    name,
    email,
    token: issued.access_token,
    tenantId: issued.account.tenantId,
    objectId: issued.account.objectId,
    ...(permissions ? { permissions } : {}),
    ...(partner ? { partner } : {}),
    ...(directoryRoles ? { directoryRoles } : {}),
  };
}

/** The organisation administrators of each tenant's organisation, as the permission function sees them. */
async function organisationOf(tenantId: string): Promise<OrganisationRoles | undefined> {
  const organisation = await server.services.uow.read.organisations.findByTenant(tenantId);
  return (
    organisation && {
      tenantId,
      administrators: await server.services.uow.read.organisations.listAdministrators(organisation.id),
    }
  );
}

/** The partners' relationships with a subscription of ours, as the permission function sees them. */
function partnerRelationships(asOf: number): PartnerRelationship[] {
  return (Object.keys(PARTNER_GRANTS) as PartnerKey[]).flatMap((key) => {
    const grant = PARTNER_GRANTS[key];
    if (!grant) return [];
    const staff = personas
      .filter((p) => p.partner?.key === key)
      .map((p) => ({ tenantId: p.tenantId, objectId: p.objectId, role: p.partner!.role }));
    return [{ status: grant.status, expiresAt: asOf + grant.expiresIn, permissions: [...PERMISSIONS], staff }];
  });
}

function fixture(orgId: string, by: Persona, delegates: Persona[], withPartners = false): Promise<Fixture> {
  const now = Date.now();
  const subscriptionId = randomUUID();
  return server.services.uow.transaction(async (tx) => {
    await openSubscription(tx, {
      id: subscriptionId,
      organisationId: orgId,
      planId: 'monthly',
      quantity: 50,
      status: 'active',
      periodStart: now,
      periodEnd: now + 30 * 86400_000,
      ownerTenantId: by.tenantId,
      ownerObjectId: by.objectId,
      ownerEmail: by.email,
      createdAt: now,
    });
    await tx.subscriptions.insertSeat({
      id: randomUUID(),
      subscriptionId,
      emailCanonical: 'seat1@contoso.com',
      emailDisplay: 'seat1@contoso.com',
      language: 'en',
      assignedAt: now,
    });
    for (const d of delegates)
      await tx.delegation.upsertDelegate({
        id: randomUUID(),
        subscriptionId,
        tenantId: d.tenantId,
        objectId: d.objectId,
        email: d.email,
        permissions: d.permissions ?? [],
        createdAt: now,
      });
    const targetDelegateId = randomUUID();
    await tx.delegation.upsertDelegate({
      id: targetDelegateId,
      subscriptionId,
      tenantId: by.tenantId,
      objectId: randomUUID(),
      email: 'target@contoso.com',
      permissions: ['view'],
      createdAt: now,
    });
    const invitationId = randomUUID();
    await tx.delegation.insertInvitation({
      id: invitationId,
      subscriptionId,
      emailCanonical: 'pending@contoso.com',
      emailDisplay: 'pending@contoso.com',
      permissions: ['view'],
      language: 'en',
      status: 'pending',
      invitedByEmail: by.email,
      createdAt: now,
      expiresAt: now + 86400_000,
      acceptedAt: null,
    });
    await tx.delegation.issueInvitationToken(invitationId, randomUUID(), now);
    await tx.organisations.approveDomain(orgId, 'removable.example', now, 'manual');
    const invoiceId = randomUUID();
    await tx.invoices.insertInvoice(
      {
        id: invoiceId,
        number: `TEST-${invoiceId}`,
        subscriptionId,
        organisationId: orgId,
        kind: 'renewal',
        status: 'open',
        currency: 'EUR',
        subtotalMinor: 1000,
        taxRateBp: 0,
        taxMinor: 0,
        totalMinor: 1000,
        periodStart: now,
        periodEnd: now + 30 * 86400_000,
        billTo: by.email,
        issuedAt: now,
        paidAt: null,
      },
      [{ description: 'Outmerge monthly, seats 1–2', quantity: 2, unitAmountMinor: 500, amountMinor: 1000 }],
    );
    const siblingId = randomUUID();
    await openSubscription(tx, {
      id: siblingId,
      organisationId: orgId,
      planId: 'monthly',
      quantity: 1,
      status: 'active',
      periodStart: now,
      periodEnd: now + 30 * 86400_000,
      ownerTenantId: by.tenantId,
      ownerObjectId: by.objectId,
      ownerEmail: by.email,
      createdAt: now,
    });
    // Partner A: active with all four permissions; B: expired; C: ended by the customer; D: none here.
    let relationshipId = randomUUID();
    for (const key of withPartners ? (Object.keys(PARTNER_GRANTS) as PartnerKey[]) : []) {
      const grant = PARTNER_GRANTS[key];
      const partnerId = partnerIds[key];
      if (!grant || !partnerId) continue;
      const id = randomUUID();
      if (key === 'A') relationshipId = id;
      await tx.partners.insertRelationship(
        {
          id,
          partnerId,
          subscriptionId,
          customerEmailCanonical: by.email,
          customerEmailDisplay: by.email,
          permissions: [...PERMISSIONS],
          durationDays: 30,
          status: grant.status,
          language: 'en',
          requestedByEmail: 'staff@partner.example',
          requestedAt: now - 1000,
          requestExpiresAt: now + 90 * 86400_000,
          approvedAt: now - 1000,
          approvedByEmail: by.email,
          expiresAt: now + grant.expiresIn,
          endedAt: grant.status === 'ended' ? now : null,
          endedByEmail: null,
        },
        null,
      );
    }
    const linkId = randomUUID();
    if (groups.linked)
      await tx.groups.insertLink({
        id: linkId,
        subscriptionId,
        tenantId: (await tx.organisations.find(orgId))?.tenantId ?? by.tenantId,
        groupId: groups.linked,
        displayName: 'Matrix linked',
        kind: 'security',
        language: 'en',
        linkedBy: by.email,
        linkedAt: now,
      });
    return { subscriptionId, targetDelegateId, invitationId, invoiceId, siblingId, relationshipId, linkId };
  });
}

beforeAll(async () => {
  server = await startTestServer({
    INVITATION_RATE_PER_MINUTE: '100000',
    DOMAIN_CHECK_RATE_PER_MINUTE: '100000',
    GROUP_SYNC_INTERVAL_SECONDS: '0',
    GRAPH_STANDIN_LATENCY_MS: '0',
  });
  owner = await persona('owner', 'owner@contoso.com');
  // Contoso's administrator consented to the group sync's permissions; two groups in its directory.
  await server.call('PUT', `/dev/idp/tenants/${owner.tenantId}/application`, {
    body: { roles: ['GroupMember.Read.All', 'User.Read.All'] },
  });
  for (const key of ['linked', 'unlinked'] as const) {
    groups[key] = (
      await server.call('POST', `/dev/graph/tenants/${owner.tenantId}/groups`, {
        body: { displayName: `Matrix ${key}`, kind: 'security', members: [{ email: `matrix-${key}@contoso.com` }] },
      })
    ).json<{ id: string }>().id;
  }
  for (const set of PERMISSION_SETS)
    personas.push(await persona(`delegate[${set.join('+')}]`, `delegate-${set.join('-')}@contoso.com`, set));
  personas.push(owner, await persona('plain user of the organisation', 'plain@contoso.com'));
  otherOwner = await persona('owner of another organisation', 'owner@fabrikam.com');
  stranger = await persona('(owner of the foreign subscription)', 'owner@northwind.example');
  personas.push(otherOwner, { name: 'unauthenticated', email: '', tenantId: '', objectId: '' });
  // Organisation-level roles: the tenant's Global Administrator (wids), and another tenant's.
  personas.push(
    await persona('Global Administrator of the tenant', 'ga@contoso.com', undefined, undefined, [
      GLOBAL_ADMINISTRATOR_ROLE,
    ]),
  );
  personas.push(
    await persona('Global Administrator of another tenant', 'ga@fabrikam.com', undefined, undefined, [
      GLOBAL_ADMINISTRATOR_ROLE,
    ]),
  );
  // Partner staff, each partner an organisation of its own tenant.
  personas.push(
    await persona('partner A full administration', 'full@partner-a.example', undefined, { key: 'A', role: 'full' }),
    await persona('partner A limited administration', 'limited@partner-a.example', undefined, {
      key: 'A',
      role: 'limited',
    }),
    await persona('partner A owner', 'owner@partner-a.example', undefined, { key: 'A', role: 'owner' }),
    await persona('partner B full (relationship expired)', 'full@partner-b.example', undefined, {
      key: 'B',
      role: 'full',
    }),
    await persona('partner C full (relationship revoked)', 'full@partner-c.example', undefined, {
      key: 'C',
      role: 'full',
    }),
    await persona('partner D full (other partner)', 'full@partner-d.example', undefined, { key: 'D', role: 'full' }),
  );
  organisationId = randomUUID();
  otherOrganisationId = randomUUID();
  thirdOrganisationId = randomUUID();
  await server.services.uow.transaction(async (tx) => {
    await tx.organisations.insert({
      id: organisationId,
      tenantId: owner.tenantId,
      name: 'contoso.com',
      createdAt: Date.now(),
    });
    await tx.organisations.insert({
      id: otherOrganisationId,
      tenantId: otherOwner.tenantId,
      name: 'fabrikam.com',
      createdAt: Date.now(),
    });
    await tx.organisations.insert({
      id: thirdOrganisationId,
      tenantId: stranger.tenantId,
      name: 'northwind.example',
      createdAt: Date.now(),
    });
    await tx.organisations.approveDomain(organisationId, 'contoso.com', Date.now());
    for (const key of Object.keys(PARTNER_GRANTS) as PartnerKey[]) {
      const staff = personas.filter((p) => p.partner?.key === key);
      const first = staff[0];
      if (!first) continue;
      const partnerOrg = randomUUID();
      const partnerId = randomUUID();
      partnerIds[key] = partnerId;
      await tx.organisations.insert({
        id: partnerOrg,
        tenantId: first.tenantId,
        name: `partner-${key}.example`,
        createdAt: Date.now(),
      });
      await tx.partners.insertPartner({
        id: partnerId,
        organisationId: partnerOrg,
        advisorCode: `PBCDFGHJK${'BCDF'['ABCD'.indexOf(key)]}`,
        name: `Partner ${key}`,
        contactEmail: first.email,
        language: 'en',
        createdAt: Date.now(),
      });
      for (const p of staff)
        await tx.partners.upsertStaff({
          id: randomUUID(),
          partnerId,
          emailCanonical: p.email,
          emailDisplay: p.email,
          role: p.partner!.role,
          tenantId: p.tenantId,
          objectId: p.objectId,
          createdAt: Date.now(),
        });
    }
  });
  // The other organisation's owner really owns something, elsewhere (and so administers that organisation).
  await fixture(otherOrganisationId, otherOwner, []);
  // Our organisation: the owner of its first subscription administers it; they appointed the delegate with "view" too.
  await fixture(organisationId, owner, []);
  const appointed = personas.find((p) => p.name === 'delegate[view]')!;
  await server.services.uow.transaction((tx) =>
    tx.organisations.insertAdministrator({
      id: randomUUID(),
      organisationId,
      tenantId: appointed.tenantId,
      objectId: appointed.objectId,
      email: appointed.email,
      appointedBy: owner.email,
      createdAt: Date.now(),
    }),
  );
});
afterAll(() => server.close());

/** Own subscription: the owner and delegates act by their permissions, anyone else sees nothing. Foreign: nobody here has a role. */
async function expectedStatus(route: Route, who: Persona, foreign: boolean): Promise<number> {
  if (!who.token) return 401;
  if (foreign) return 404;
  const organisation = await organisationOf(owner.tenantId);
  const roles = {
    owner,
    delegates: personas
      .filter((p) => p.permissions)
      .map((p) => ({ tenantId: p.tenantId, objectId: p.objectId, permissions: p.permissions! })),
    partners: { asOf: Date.now(), relationships: partnerRelationships(Date.now()) },
    ...(organisation ? { organisation } : {}),
  };
  if (roleOf(who, roles) === null) return 404;
  return can(who, route.action, roles) ? route.success : 403;
}

describe('authorisation matrix', () => {
  it.each(
    ROUTES.map(
      (route) =>
        [
          `${route.method} ${route.path({ subscriptionId: ':id', targetDelegateId: ':delegateId', invitationId: ':invitationId', invoiceId: ':invoiceId', siblingId: ':siblingId', relationshipId: ':relationshipId', linkId: ':linkId' }).replace(/\?.*/, '')}${route.label ? ` (${route.label})` : ''}`,
          route,
        ] as const,
    ),
  )('%s: every role, own and foreign subscription', async (_, route) => {
    const cells: string[] = [];
    for (const who of personas) {
      for (const foreign of [false, true]) {
        // Each cell gets a fresh subscription: ours with the owner and every delegate set, or a stranger's.
        const target = foreign
          ? await fixture(thirdOrganisationId, stranger, [])
          : await fixture(
              organisationId,
              owner,
              personas.filter((p) => p.permissions),
              true,
            );
        const response = await server.call(route.method, route.path(target), {
          ...(who.token ? { token: who.token } : {}),
          ...(route.body ? { body: route.body(target) } : {}),
          ...(route.idempotent ? { headers: { 'idempotency-key': `matrix-${next()}-${randomUUID()}` } } : {}),
        });
        const expected = await expectedStatus(route, who, foreign);
        if (response.statusCode !== expected)
          cells.push(
            `${who.name} on ${foreign ? 'foreign' : 'own'}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`,
          );
        if (response.statusCode >= 400) expect(response.json()).toHaveProperty('error.code');
      }
    }
    expect(cells).toEqual([]);
  });

  it.each(
    ORGANISATION_ROUTES.map(
      (route) => [`${route.method} ${route.path.replace('d.example', ':domain')}`, route] as const,
    ),
  )("%s: every role reaches only its own tenant's organisation, as an organisation administrator", async (_, route) => {
    const cells: string[] = [];
    for (const who of personas) {
      const organisation = await organisationOf(who.tenantId);
      const expected = !who.token ? 401 : canInOrganisation(who, route.action, organisation) ? route.success : 404;
      const body = route.body?.(who);
      const domain = `d${next()}.example`;
      // Whatever is deleted exists in the caller's organisation, so that only the role decides.
      const own = await server.services.uow.read.organisations.findByTenant(who.tenantId);
      if (own)
        await server.services.uow.transaction((tx) =>
          tx.organisations.approveDomain(own.id, domain, Date.now(), 'manual'),
        );
      const response = await server.call(route.method, route.path.replace('d.example', domain), {
        ...(who.token ? { token: who.token } : {}),
        ...(body ? { body } : {}),
      });
      if (response.statusCode !== expected)
        cells.push(`${who.name}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
      if (response.statusCode >= 400) expect(response.json()).toHaveProperty('error.code');
      if (route.path === '/api/v1/organisation' && response.statusCode === 200)
        expect(response.json()).toMatchObject({ tenantId: who.tenantId });
    }
    expect(cells).toEqual([]);
  });

  it('lets partner staff act only as the permission function says, journaled as "partner X for customer Y"', async () => {
    const staff = (name: string) => personas.find((p) => p.name === name)!;
    const target = await fixture(organisationId, owner, [], true);
    const full = staff('partner A full administration');
    const limited = staff('partner A limited administration');
    const assign = await server.call('POST', `/api/v1/subscriptions/${target.subscriptionId}/assignments`, {
      token: full.token!,
      body: { emails: ['by-partner@contoso.com'] },
    });
    expect(assign.statusCode).toBe(200);
    expect(
      (
        await server.call('POST', `/api/v1/subscriptions/${target.subscriptionId}/ownership`, {
          token: full.token!,
          body: { delegateId: target.targetDelegateId },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await server.call('GET', `/api/v1/subscriptions/${target.subscriptionId}/quantity/preview?quantity=60`, {
          token: limited.token!,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await server.call('GET', `/api/v1/subscriptions/${target.subscriptionId}/seats`, { token: limited.token! }))
        .statusCode,
    ).toBe(200);
    const view = (
      await server.call('GET', `/api/v1/subscriptions/${target.subscriptionId}`, { token: limited.token! })
    ).json<{ role: string; permissions: string[] }>();
    expect(view).toMatchObject({ role: 'partner', permissions: ['assign', 'view'] });
    const entries = (
      await server.call('GET', `/api/v1/subscriptions/${target.subscriptionId}/journal?action=seat.assigned`, {
        token: owner.token!,
      })
    ).json<{ entries: Array<{ actor: string; actorRole: string; onBehalfOf: string | null; target: string }> }>()
      .entries;
    expect(entries.find((e) => e.target === 'by-partner@contoso.com')).toMatchObject({
      actor: full.email,
      actorRole: 'partner',
      partner: 'Partner A',
      onBehalfOf: 'partner Partner A for customer contoso.com',
    });
  });
});
