/**
 * The organisation's domains and who administers them (issue 10, findings 4 and 10): adding a
 * domain, proving it ("Check now": the organisation's own tenant, or its DNS TXT record), removing
 * it, and appointing organisation administrators. Organisation-wide settings belong to the
 * organisation's administrators (`shared/src/permissions/permissions.ts`), reached either through
 * one of its subscriptions or directly for the caller's own tenant. DNS look-ups run outside any
 * transaction; what they found is written in one afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { DomainVerificationRecord, DomainView, OrganisationAdministratorView } from '#shared/api/views.js';
import { canonicalEmail, domainToAscii, normalizeEmail } from '#shared/email/normalizeEmail.js';
import type { TxtLookup } from '../dns/txtLookup.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { CONSUMER_TENANT_ID } from '../identity/verifiedClaims.js';
import type { JournalAction } from '#shared/journal/journalActions.js';
import { Journal, person } from '../journal/journal.js';
import type { Repositories, UnitOfWork } from '../storage/unitOfWork.js';
import { authorize, authorizeOrganisation, journal } from '../access/access.js';
import { TENANT_DOMAIN_FRESHNESS_MS, domainView, judgeTxt, newDomainToken, verificationRecord } from './domainProof.js';

/** Where an organisation-wide change was made from, for the journal. */
type Scope = { via: 'subscription'; subscriptionId: string } | { via: 'organisation' };

interface Target {
  organisationId: string;
  tenantId: string;
  record(entry: {
    action: JournalAction;
    target: string | null;
    detail?: unknown;
    ip: string | null;
    at: number;
  }): Promise<void>;
}

/** A tenant's domain is written again at most this often per process (members sign in all day). */
const SIGHTING_REFRESH_MS = 24 * 3600 * 1000;
const SIGHTINGS_REMEMBERED = 10_000;

export class DomainService {
  private readonly sightings = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly lookupTxt: TxtLookup,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Records the caller's tenant domain (a member's UPN domain, which Entra allows only for the
   * tenant's verified domains). Called for every authenticated request; writes once a day per domain
   * and process (the memory of sightings is only an optimisation: any instance may write it again).
   */
  async observe(caller: CallerIdentity): Promise<void> {
    if (!caller.tenantDomain || caller.tenantId === CONSUMER_TENANT_ID) return;
    const key = `${caller.tenantId}|${caller.tenantDomain}`;
    const now = this.clock();
    if ((this.sightings.get(key) ?? -Infinity) > now - SIGHTING_REFRESH_MS) return;
    if (this.sightings.size >= SIGHTINGS_REMEMBERED) this.sightings.clear();
    this.sightings.set(key, now);
    const domain = caller.tenantDomain;
    await this.uow.transaction((tx) => tx.organisations.recordTenantDomain(caller.tenantId, domain, now));
  }

  /** Where seats may be assigned and emails sent. */
  isProven(repos: Repositories, organisationId: string, domain: string, now = this.clock()): Promise<boolean> {
    return repos.organisations.isDomainApproved(organisationId, domain, now - TENANT_DOMAIN_FRESHNESS_MS);
  }

  async list(
    caller: CallerIdentity,
    subscriptionId: string,
  ): Promise<{ domains: DomainView[]; record?: DomainVerificationRecord }> {
    const access = await authorize(this.uow.read, caller, subscriptionId, 'domains.view');
    const organisationId = access.subscription.organisationId;
    const domains = await this.views(this.uow.read, organisationId);
    if (!access.actions.includes('domains.manage')) return { domains };
    return { domains, record: await this.uow.transaction((tx) => this.record(tx, organisationId)) };
  }

  async organisation(caller: CallerIdentity): Promise<{
    name: string;
    tenantId: string;
    domains: DomainView[];
    record: DomainVerificationRecord;
    administrators: OrganisationAdministratorView[];
  }> {
    const read = this.uow.read;
    const organisation = await authorizeOrganisation(read, caller, 'organisation.view');
    return {
      name: organisation.name,
      tenantId: organisation.tenantId,
      domains: await this.views(read, organisation.id),
      record: await this.uow.transaction((tx) => this.record(tx, organisation.id)),
      administrators: await this.administratorViews(read, organisation.id),
    };
  }

  async add(
    caller: CallerIdentity,
    scope: Scope,
    input: string,
    ip: string | null,
  ): Promise<DomainView & { added: boolean }> {
    const domain = parseDomain(input);
    const added = await this.uow.transaction(async (tx) => {
      const target = await this.target(tx, caller, scope);
      const now = this.clock();
      const inserted = await tx.organisations.approveDomain(target.organisationId, domain, now, 'manual');
      if (inserted) await target.record({ action: 'domain.added', target: domain, ip, at: now });
      return inserted;
    });
    return { ...(await this.check(caller, scope, domain, ip)), added };
  }

  /** "Check now": proven by the organisation's own tenant, or by its TXT record found at the domain. */
  async check(caller: CallerIdentity, scope: Scope, input: string, ip: string | null): Promise<DomainView> {
    const domain = parseDomain(input);
    const before = await this.uow.transaction(async (tx) => {
      const target = await this.target(tx, caller, scope);
      const row = (await tx.organisations.listDomains(target.organisationId)).find((d) => d.domain === domain);
      if (!row)
        throw new ApiError(
          404,
          'DOMAIN_NOT_FOUND',
          `${domain} is not one of the organisation's domains: add it first.`,
        );
      return {
        row,
        token: (await this.record(tx, target.organisationId)).value.slice('outmerge-verification='.length),
        organisationId: target.organisationId,
      };
    });
    const now = this.clock();
    if (domainView(before.row, now).status === 'proven') return domainView(before.row, now);

    const result = judgeTxt(await this.lookupTxt(domain), before.token);
    return this.uow.transaction(async (tx) => {
      const target = await this.target(tx, caller, scope);
      const at = this.clock();
      await tx.organisations.recordDomainCheck(target.organisationId, domain, at, result, result === 'proven');
      if (result === 'proven')
        await target.record({ action: 'domain.proven', target: domain, detail: { method: 'dns' }, ip, at });
      const row = (await tx.organisations.listDomains(target.organisationId)).find((d) => d.domain === domain);
      if (!row) throw new ApiError(404, 'DOMAIN_NOT_FOUND', `${domain} was removed meanwhile.`);
      return domainView(row, at);
    });
  }

  async remove(caller: CallerIdentity, scope: Scope, input: string, ip: string | null): Promise<void> {
    const domain = domainToAscii(input.trim().toLowerCase()) ?? input;
    await this.uow.transaction(async (tx) => {
      const target = await this.target(tx, caller, scope);
      const now = this.clock();
      if (await tx.organisations.isTenantDomain(target.tenantId, domain, now - TENANT_DOMAIN_FRESHNESS_MS)) {
        throw new ApiError(
          409,
          'DOMAIN_PROVEN_BY_TENANT',
          `${domain} is a verified domain of your Microsoft 365 tenant: it stays proven as long as your tenant verifies it.`,
        );
      }
      if (!(await tx.organisations.removeDomain(target.organisationId, domain)))
        throw new ApiError(404, 'DOMAIN_NOT_FOUND', `${input} is not one of the organisation's domains.`);
      await target.record({ action: 'domain.removed', target: domain, ip, at: now });
    });
  }

  // --- organisation administrators ---------------------------------------------------------

  async administrators(caller: CallerIdentity): Promise<OrganisationAdministratorView[]> {
    const read = this.uow.read;
    return this.administratorViews(read, (await authorizeOrganisation(read, caller, 'organisation.view')).id);
  }

  /** Appoints an owner or delegate of one of the organisation's subscriptions, in its own tenant: people known by (tid, oid), never by an address alone. */
  appoint(caller: CallerIdentity, emailInput: string, ip: string | null): Promise<OrganisationAdministratorView> {
    const email = normalizeEmail(emailInput);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${emailInput}" is not a valid email address.`);
    return this.uow.transaction(async (tx) => {
      const organisation = await authorizeOrganisation(tx, caller, 'organisation.administrators.manage');
      await tx.organisations.lock(organisation.id);
      const person = (await tx.organisations.people(organisation.id)).find(
        (p) => canonicalEmail(p.email) === email.canonical,
      );
      if (!person) {
        throw new ApiError(
          404,
          'ADMINISTRATOR_CANDIDATE_NOT_FOUND',
          `${email.display} is not an owner or delegated administrator of one of your organisation's subscriptions: invite them as a delegate first.`,
        );
      }
      const now = this.clock();
      const existing = (await tx.organisations.listAdministrators(organisation.id)).find(
        (a) => a.tenantId === person.tenantId && a.objectId === person.objectId,
      );
      if (existing) return administratorView(existing);
      const row = {
        id: randomUUID(),
        tenantId: person.tenantId,
        objectId: person.objectId,
        email: person.email,
        createdAt: now,
      };
      await tx.organisations.insertAdministrator({
        ...row,
        organisationId: organisation.id,
        appointedBy: caller.email ?? '',
      });
      await this.organisationTarget(tx, caller, organisation.id, organisation.tenantId).record({
        action: 'organisation_admin.appointed',
        target: person.email,
        ip,
        at: now,
      });
      return administratorView(row);
    });
  }

  async dismiss(caller: CallerIdentity, administratorId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const organisation = await authorizeOrganisation(tx, caller, 'organisation.administrators.manage');
      // Locked: two administrators dismissing each other at once must not leave the organisation with none.
      await tx.organisations.lock(organisation.id);
      const administrators = await tx.organisations.listAdministrators(organisation.id);
      const administrator = administrators.find((a) => a.id === administratorId);
      if (!administrator)
        throw new ApiError(404, 'ADMINISTRATOR_NOT_FOUND', 'No organisation administrator with this id.');
      if (administrators.length === 1)
        throw new ApiError(
          409,
          'ADMINISTRATOR_LAST',
          'The organisation needs at least one administrator: appoint another one first.',
        );
      await tx.organisations.deleteAdministrator(organisation.id, administratorId);
      await this.organisationTarget(tx, caller, organisation.id, organisation.tenantId).record({
        action: 'organisation_admin.dismissed',
        target: administrator.email,
        ip,
        at: this.clock(),
      });
    });
  }

  // --- helpers -----------------------------------------------------------------------------

  private async views(repos: Repositories, organisationId: string): Promise<DomainView[]> {
    const now = this.clock();
    return (await repos.organisations.listDomains(organisationId, now - TENANT_DOMAIN_FRESHNESS_MS)).map((row) =>
      domainView(row, now),
    );
  }

  private async administratorViews(
    repos: Repositories,
    organisationId: string,
  ): Promise<OrganisationAdministratorView[]> {
    return (await repos.organisations.listAdministrators(organisationId)).map(administratorView);
  }

  /** The organisation's TXT record; its token is made on first use (inside the caller's transaction). */
  private async record(tx: Repositories, organisationId: string): Promise<DomainVerificationRecord> {
    return verificationRecord(await tx.organisations.domainToken(organisationId, newDomainToken));
  }

  private async target(tx: Repositories, caller: CallerIdentity, scope: Scope): Promise<Target> {
    if (scope.via === 'subscription') {
      const access = await authorize(tx, caller, scope.subscriptionId, 'domains.manage');
      const tenantId = (await tx.organisations.find(access.subscription.organisationId))?.tenantId ?? '';
      return {
        organisationId: access.subscription.organisationId,
        tenantId,
        record: (entry) => journal(tx, access, entry),
      };
    }
    const organisation = await authorizeOrganisation(tx, caller, 'organisation.domains.manage');
    return this.organisationTarget(tx, caller, organisation.id, organisation.tenantId);
  }

  private organisationTarget(
    tx: Repositories,
    caller: CallerIdentity,
    organisationId: string,
    tenantId: string,
  ): Target {
    return {
      organisationId,
      tenantId,
      record: (entry) =>
        Journal.record(tx, {
          organisationId,
          subscriptionId: null,
          actor: person(caller, 'organisation_admin'),
          ...entry,
        }),
    };
  }
}

function parseDomain(input: string): string {
  const domain = domainToAscii(input.trim().replace(/^@/, '').replace(/\.$/, '').toLowerCase());
  if (!domain || !domain.includes('.') || domain.length > 253)
    throw new ApiError(400, 'VALIDATION_FAILED', `"${input}" is not a domain name such as contoso.com.`);
  return domain;
}

function administratorView(row: { id: string; email: string; createdAt: number }): OrganisationAdministratorView {
  return { id: row.id, email: row.email, since: new Date(row.createdAt).toISOString() };
}
