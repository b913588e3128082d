/**
 * Partner organisations and their staff (P1): a signed-in person makes their organisation a
 * partner (they become its owner; it gets an advisor code); the owner adds staff by address as
 * full or limited administration, bound to (tid, oid) at their first partner call in the partner's
 * tenant (./staffAccess.ts); the partner's own journal.
 */
import { randomUUID } from 'node:crypto';
import type { JournalEntryView, PartnerStaffView, PartnerView } from '#shared/api/views.js';
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import { resolveLocale } from '#shared/i18n/translate.js';
import { ApiError } from '../http/apiError.js';
import { NO_VERIFIED_ADDRESS, verifiedAddress } from '../identity/verifiedClaims.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import { journalEntryView } from '../journal/journal.js';
import { organisationFor } from '../organisations/organisations.js';
import type { PartnerRow, PartnerStaffRow, UnitOfWork } from '../storage/unitOfWork.js';
import { partnerView, staffView } from './partnerViews.js';
import { newAdvisorCode } from './rules.js';
import { bindStaff, partnerAccess, partnerJournal, staffActor } from './staffAccess.js';

export class PartnerStaffService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The signed-in person's organisation becomes a partner, with them as its owner, and gets its advisor code. */
  enrol(caller: CallerIdentity, request: { name: string; language?: string }, ip: string | null): Promise<PartnerView> {
    const email = verifiedAddress(caller);
    if (!email) throw new ApiError(400, 'VALIDATION_FAILED', NO_VERIFIED_ADDRESS);
    const name = request.name.trim();
    if (!name) throw new ApiError(400, 'VALIDATION_FAILED', 'Give the partner organisation a name.');
    return this.uow.transaction(async (tx) => {
      const now = this.clock();
      const organisation = await organisationFor(tx, caller.tenantId, email.domain, now);
      // Locked: two enrolments of one organisation at once make one partner (the second is told it exists).
      await tx.organisations.lock(organisation.id);
      if (await tx.partners.findPartnerByOrganisation(organisation.id))
        throw new ApiError(
          409,
          'PARTNER_EXISTS',
          'Your organisation is a partner already; ask its owner to add you as staff.',
        );
      let advisorCode = newAdvisorCode();
      while (await tx.partners.advisorCodeTaken(advisorCode)) advisorCode = newAdvisorCode();
      const partner: PartnerRow = {
        id: randomUUID(),
        organisationId: organisation.id,
        advisorCode,
        name,
        contactEmail: email.display,
        language: resolveLocale(request.language),
        createdAt: now,
      };
      await tx.partners.insertPartner(partner);
      const staff: PartnerStaffRow = {
        id: randomUUID(),
        partnerId: partner.id,
        emailCanonical: email.canonical,
        emailDisplay: email.display,
        role: 'owner',
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        createdAt: now,
      };
      await tx.partners.upsertStaff(staff);
      await partnerJournal(
        tx,
        partner,
        staffActor({ partner, staff }, caller),
        'partner.enrolled',
        null,
        { advisorCode },
        ip,
        now,
      );
      return partnerView(partner, 'owner');
    });
  }

  /** Partners the caller is staff of (binding their address to their identity at the first sign-in in the partner's tenant). */
  async list(caller: CallerIdentity): Promise<PartnerView[]> {
    // A write (binding the caller's staff rows): in a transaction of its own, like every write.
    await this.uow.transaction((tx) => bindStaff(tx, caller));
    const read = this.uow.read;
    const views: PartnerView[] = [];
    for (const staff of await read.partners.staffOf(caller.tenantId, caller.objectId)) {
      const partner = await read.partners.findPartner(staff.partnerId);
      if (partner) views.push(partnerView(partner, staff.role));
    }
    return views;
  }

  async get(caller: CallerIdentity, partnerId: string): Promise<PartnerView> {
    const access = await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    return partnerView(access.partner, access.staff.role);
  }

  async listStaff(caller: CallerIdentity, partnerId: string): Promise<PartnerStaffView[]> {
    await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    return (await this.uow.read.partners.listStaff(partnerId)).map(staffView);
  }

  /** Adds a staff member by address (they sign in within the partner's tenant), or changes their role. */
  setStaff(
    caller: CallerIdentity,
    partnerId: string,
    request: { email: string; role: 'full' | 'limited' },
    ip: string | null,
  ): Promise<PartnerStaffView> {
    const email = normalizeEmail(request.email);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.email}" is not a valid email address.`);
    return this.uow.transaction(async (tx) => {
      const access = await partnerAccess(tx, caller, partnerId, 'staff.manage');
      await tx.partners.lock(partnerId);
      const now = this.clock();
      const existing = await tx.partners.findStaffByEmail(partnerId, email.canonical);
      if (existing?.role === 'owner')
        throw new ApiError(409, 'PARTNER_STAFF_OWNER', "The partner's owner keeps the owner role.");
      const organisation = await tx.organisations.find(access.partner.organisationId);
      await tx.partners.upsertStaff({
        id: randomUUID(),
        partnerId,
        emailCanonical: email.canonical,
        emailDisplay: email.display,
        role: request.role,
        tenantId: organisation?.tenantId ?? caller.tenantId,
        objectId: null,
        createdAt: now,
      });
      await partnerJournal(
        tx,
        access.partner,
        staffActor(access, caller),
        existing ? 'staff.role_changed' : 'staff.added',
        email.display,
        { role: request.role, ...(existing ? { from: existing.role } : {}) },
        ip,
        now,
      );
      const row = await tx.partners.findStaffByEmail(partnerId, email.canonical);
      if (!row) throw new Error('unreachable: the staff row was just written');
      return staffView(row);
    });
  }

  async removeStaff(caller: CallerIdentity, partnerId: string, staffId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      const access = await partnerAccess(tx, caller, partnerId, 'staff.manage');
      await tx.partners.lock(partnerId);
      const staff = await tx.partners.findStaff(partnerId, staffId);
      if (!staff)
        throw new ApiError(404, 'PARTNER_STAFF_NOT_FOUND', 'No such staff member in this partner organisation.');
      if (staff.role === 'owner')
        throw new ApiError(409, 'PARTNER_STAFF_OWNER', "The partner's owner cannot be removed.");
      await tx.partners.deleteStaff(staff.id);
      await partnerJournal(
        tx,
        access.partner,
        staffActor(access, caller),
        'staff.removed',
        staff.emailDisplay,
        null,
        ip,
        this.clock(),
      );
    });
  }

  /** The partner organisation's own journal, newest first. */
  async journal(caller: CallerIdentity, partnerId: string, limit: number): Promise<JournalEntryView[]> {
    const { partner } = await partnerAccess(this.uow.read, caller, partnerId, 'partner.view');
    return (
      await this.uow.read.journal.query(partner.organisationId, null, {
        categories: ['partner'],
        limit,
        newestFirst: true,
      })
    ).map(journalEntryView);
  }
}
