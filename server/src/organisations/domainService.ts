/**
 * The organisation's domains and who administers them (issue 10, findings 4 and 10): adding a
 * domain, proving it ("Check now": the organisation's own tenant, or its DNS TXT record), removing
 * it, and appointing organisation administrators. Organisation-wide settings belong to the
 * organisation's administrators (`shared/src/permissions/permissions.ts`), reached either through
 * one of its subscriptions or directly for the caller's own tenant. DNS look-ups run outside any
 * transaction; what they found is written in one afterwards.
 */
import { randomUUID } from 'node:crypto';
import type { DomainVerificationRecord, DomainView, OrganisationAdministratorView } from '../../../shared/src/api/views.js';
import { canonicalEmail, domainToAscii, normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import type { TxtLookup } from '../dns/txtLookup.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { CONSUMER_TENANT_ID } from '../identity/verifiedClaims.js';
import type { JournalAction } from '../../../shared/src/journal/journalActions.js';
import { Journal, person } from '../journal/journal.js';
import type { Storage } from '../storage/storage.js';
import { authorize, authorizeOrganisation, journal } from '../access/access.js';
import { TENANT_DOMAIN_FRESHNESS_MS, domainView, judgeTxt, newDomainToken, verificationRecord } from './domainProof.js';

/** Where an organisation-wide change was made from, for the journal. */
type Scope = { via: 'subscription'; subscriptionId: string } | { via: 'organisation' };

interface Target {
  organisationId: string;
  tenantId: string;
  record(entry: { action: JournalAction; target: string | null; detail?: unknown; ip: string | null; at: number }): void;
}

/** A tenant's domain is written again at most this often per process (members sign in all day). */
const SIGHTING_REFRESH_MS = 24 * 3600 * 1000;
const SIGHTINGS_REMEMBERED = 10_000;

export class DomainService {
  private readonly sightings = new Map<string, number>();

  constructor(
    private readonly storage: Storage,
    private readonly lookupTxt: TxtLookup,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Records the caller's tenant domain (a member's UPN domain, which Entra allows only for the
   * tenant's verified domains). Called for every authenticated request; writes once a day per domain.
   */
  observe(caller: CallerIdentity): void {
    if (!caller.tenantDomain || caller.tenantId === CONSUMER_TENANT_ID) return;
    const key = `${caller.tenantId}|${caller.tenantDomain}`;
    const now = this.clock();
    if ((this.sightings.get(key) ?? -Infinity) > now - SIGHTING_REFRESH_MS) return;
    if (this.sightings.size >= SIGHTINGS_REMEMBERED) this.sightings.clear();
    this.sightings.set(key, now);
    const domain = caller.tenantDomain;
    this.storage.transaction(() => this.storage.recordTenantDomain(caller.tenantId, domain, now));
  }

  /** Where seats may be assigned and emails sent. */
  isProven(organisationId: string, domain: string, now = this.clock()): boolean {
    return this.storage.isDomainApproved(organisationId, domain, now - TENANT_DOMAIN_FRESHNESS_MS);
  }

  list(caller: CallerIdentity, subscriptionId: string): { domains: DomainView[]; record?: DomainVerificationRecord } {
    const access = authorize(this.storage, caller, subscriptionId, 'domains.view');
    const organisationId = access.subscription.organisationId;
    const domains = this.views(organisationId);
    if (!access.actions.includes('domains.manage')) return { domains };
    return { domains, record: this.storage.transaction(() => this.record(organisationId)) };
  }

  organisation(caller: CallerIdentity): { name: string; tenantId: string; domains: DomainView[]; record: DomainVerificationRecord; administrators: OrganisationAdministratorView[] } {
    const organisation = authorizeOrganisation(this.storage, caller, 'organisation.view');
    return {
      name: organisation.name,
      tenantId: organisation.tenantId,
      domains: this.views(organisation.id),
      record: this.storage.transaction(() => this.record(organisation.id)),
      administrators: this.administratorViews(organisation.id),
    };
  }

  async add(caller: CallerIdentity, scope: Scope, input: string, ip: string | null): Promise<DomainView & { added: boolean }> {
    const domain = parseDomain(input);
    const added = this.storage.transaction(() => {
      const target = this.target(caller, scope);
      const now = this.clock();
      const inserted = this.storage.approveDomain(target.organisationId, domain, now, 'manual');
      if (inserted) target.record({ action: 'domain.added', target: domain, ip, at: now });
      return inserted;
    });
    return { ...(await this.check(caller, scope, domain, ip)), added };
  }

  /** "Check now": proven by the organisation's own tenant, or by its TXT record found at the domain. */
  async check(caller: CallerIdentity, scope: Scope, input: string, ip: string | null): Promise<DomainView> {
    const domain = parseDomain(input);
    const before = this.storage.transaction(() => {
      const target = this.target(caller, scope);
      const row = this.storage.listDomains(target.organisationId).find((d) => d.domain === domain);
      if (!row) throw new ApiError(404, 'DOMAIN_NOT_FOUND', `${domain} is not one of the organisation's domains: add it first.`);
      return { row, token: this.record(target.organisationId).value.slice('outmerge-verification='.length), organisationId: target.organisationId };
    });
    const now = this.clock();
    if (domainView(before.row, now).status === 'proven') return domainView(before.row, now);

    const result = judgeTxt(await this.lookupTxt(domain), before.token);
    return this.storage.transaction(() => {
      const target = this.target(caller, scope);
      const at = this.clock();
      this.storage.recordDomainCheck(target.organisationId, domain, at, result, result === 'proven');
      if (result === 'proven') target.record({ action: 'domain.proven', target: domain, detail: { method: 'dns' }, ip, at });
      const row = this.storage.listDomains(target.organisationId).find((d) => d.domain === domain);
      if (!row) throw new ApiError(404, 'DOMAIN_NOT_FOUND', `${domain} was removed meanwhile.`);
      return domainView(row, at);
    });
  }

  remove(caller: CallerIdentity, scope: Scope, input: string, ip: string | null): void {
    const domain = domainToAscii(input.trim().toLowerCase()) ?? input;
    this.storage.transaction(() => {
      const target = this.target(caller, scope);
      const now = this.clock();
      if (this.storage.isTenantDomain(target.tenantId, domain, now - TENANT_DOMAIN_FRESHNESS_MS)) {
        throw new ApiError(409, 'DOMAIN_PROVEN_BY_TENANT', `${domain} is a verified domain of your Microsoft 365 tenant: it stays proven as long as your tenant verifies it.`);
      }
      if (!this.storage.removeDomain(target.organisationId, domain)) throw new ApiError(404, 'DOMAIN_NOT_FOUND', `${input} is not one of the organisation's domains.`);
      target.record({ action: 'domain.removed', target: domain, ip, at: now });
    });
  }

  // --- organisation administrators ---------------------------------------------------------

  administrators(caller: CallerIdentity): OrganisationAdministratorView[] {
    return this.administratorViews(authorizeOrganisation(this.storage, caller, 'organisation.view').id);
  }

  /** Appoints an owner or delegate of one of the organisation's subscriptions, in its own tenant: people known by (tid, oid), never by an address alone. */
  appoint(caller: CallerIdentity, emailInput: string, ip: string | null): OrganisationAdministratorView {
    const email = normalizeEmail(emailInput);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${emailInput}" is not a valid email address.`);
    return this.storage.transaction(() => {
      const organisation = authorizeOrganisation(this.storage, caller, 'organisation.administrators.manage');
      const person = this.storage.organisationPeople(organisation.id).find((p) => canonicalEmail(p.email) === email.canonical);
      if (!person) {
        throw new ApiError(404, 'ADMINISTRATOR_CANDIDATE_NOT_FOUND', `${email.display} is not an owner or delegated administrator of one of your organisation's subscriptions: invite them as a delegate first.`);
      }
      const now = this.clock();
      const existing = this.storage.listOrganisationAdministrators(organisation.id).find((a) => a.tenantId === person.tenantId && a.objectId === person.objectId);
      if (existing) return administratorView(existing);
      const row = { id: randomUUID(), tenantId: person.tenantId, objectId: person.objectId, email: person.email, createdAt: now };
      this.storage.insertOrganisationAdministrator({ ...row, organisationId: organisation.id, appointedBy: caller.email ?? '' });
      this.organisationTarget(caller, organisation.id, organisation.tenantId).record({ action: 'organisation_admin.appointed', target: person.email, ip, at: now });
      return administratorView(row);
    });
  }

  dismiss(caller: CallerIdentity, administratorId: string, ip: string | null): void {
    this.storage.transaction(() => {
      const organisation = authorizeOrganisation(this.storage, caller, 'organisation.administrators.manage');
      const administrators = this.storage.listOrganisationAdministrators(organisation.id);
      const administrator = administrators.find((a) => a.id === administratorId);
      if (!administrator) throw new ApiError(404, 'ADMINISTRATOR_NOT_FOUND', 'No organisation administrator with this id.');
      if (administrators.length === 1) throw new ApiError(409, 'ADMINISTRATOR_LAST', 'The organisation needs at least one administrator: appoint another one first.');
      this.storage.deleteOrganisationAdministrator(organisation.id, administratorId);
      this.organisationTarget(caller, organisation.id, organisation.tenantId).record({ action: 'organisation_admin.dismissed', target: administrator.email, ip, at: this.clock() });
    });
  }

  // --- helpers -----------------------------------------------------------------------------

  private views(organisationId: string): DomainView[] {
    const now = this.clock();
    return this.storage.listDomains(organisationId, now - TENANT_DOMAIN_FRESHNESS_MS).map((row) => domainView(row, now));
  }

  private administratorViews(organisationId: string): OrganisationAdministratorView[] {
    return this.storage.listOrganisationAdministrators(organisationId).map(administratorView);
  }

  /** The organisation's TXT record; its token is made on first use (inside the caller's transaction). */
  private record(organisationId: string): DomainVerificationRecord {
    return verificationRecord(this.storage.domainToken(organisationId, newDomainToken));
  }

  private target(caller: CallerIdentity, scope: Scope): Target {
    if (scope.via === 'subscription') {
      const access = authorize(this.storage, caller, scope.subscriptionId, 'domains.manage');
      const tenantId = this.storage.findOrganisation(access.subscription.organisationId)?.tenantId ?? '';
      return { organisationId: access.subscription.organisationId, tenantId, record: (entry) => journal(this.storage, access, entry) };
    }
    const organisation = authorizeOrganisation(this.storage, caller, 'organisation.domains.manage');
    return this.organisationTarget(caller, organisation.id, organisation.tenantId);
  }

  private organisationTarget(caller: CallerIdentity, organisationId: string, tenantId: string): Target {
    return {
      organisationId,
      tenantId,
      record: (entry) => Journal.record(this.storage, { organisationId, subscriptionId: null, actor: person(caller, 'organisation_admin'), ...entry }),
    };
  }
}

function parseDomain(input: string): string {
  const domain = domainToAscii(input.trim().replace(/^@/, '').replace(/\.$/, '').toLowerCase());
  if (!domain || !domain.includes('.') || domain.length > 253) throw new ApiError(400, 'VALIDATION_FAILED', `"${input}" is not a domain name such as contoso.com.`);
  return domain;
}

function administratorView(row: { id: string; email: string; createdAt: number }): OrganisationAdministratorView {
  return { id: row.id, email: row.email, since: new Date(row.createdAt).toISOString() };
}
