/**
 * Delegated administration (A5): the owner invites a person by email with any subset of the four
 * permissions; the invitee accepts after signing in with Microsoft 365; the owner edits and
 * removes delegates and can hand ownership to one of them.
 *
 * Invitation tokens (OWASP forgot-password model): 256 random bits, only their SHA-256 stored,
 * single use, expiring (7 days by default), bound to the invited address, and a resend makes
 * every earlier token of the invitation stop working. Each way a token can fail has its own code.
 */
import { randomUUID } from 'node:crypto';
import type { DelegateView, InvitationView } from '#shared/api/views.js';
import { canonicalEmail, normalizeEmail } from '#shared/email/normalizeEmail.js';
import { resolveLocale } from '#shared/i18n/translate.js';
import { PERMISSIONS, type Permission } from '#shared/permissions/permissions.js';
import type { OutgoingEmail } from '../email/mailer.js';
import type { Outbox } from '../email/outbox.js';
import { invitationEmail, ownershipTransferredEmail } from '../email/templates.js';
import { ApiError } from '../http/apiError.js';
import type { CallerIdentity } from '../identity/accessTokenValidator.js';
import type { DelegateRow, InvitationRow, Repositories, UnitOfWork } from '../storage/unitOfWork.js';
import { newLinkToken, sha256 } from '../secrets/linkTokens.js';
import { authorize, choosePermissions, journal, type Access } from '../access/access.js';

export const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export class DelegationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly options: { publicUrl: string; invitationLifetimeMs?: number },
    private readonly clock: () => number = Date.now,
  ) {}

  async list(
    caller: CallerIdentity,
    subscriptionId: string,
  ): Promise<{ delegates: DelegateView[]; invitations: InvitationView[] }> {
    const read = this.uow.read;
    await authorize(read, caller, subscriptionId, 'delegates.view');
    const [delegates, invitations] = await Promise.all([
      read.delegation.listDelegates(subscriptionId),
      read.delegation.listPendingInvitations(subscriptionId),
    ]);
    return { delegates: delegates.map(delegateView), invitations: invitations.map(invitationView) };
  }

  async invite(
    caller: CallerIdentity,
    subscriptionId: string,
    request: { email: string; permissions: readonly string[]; language?: string },
    ip: string | null,
  ): Promise<InvitationView> {
    const permissions = choosePermissions(request.permissions);
    const email = normalizeEmail(request.email);
    if (!email.ok) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.email}" is not a valid email address.`);
    const locale = resolveLocale(request.language);
    const token = newLinkToken();
    const invitation = await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'delegates.manage');
      if (canonicalEmail(access.subscription.ownerEmail) === email.canonical) {
        throw new ApiError(409, 'ALREADY_OWNER', 'This person owns the subscription already.');
      }
      if (await tx.delegation.findPendingInvitationFor(subscriptionId, email.canonical)) {
        throw new ApiError(
          409,
          'INVITATION_ALREADY_PENDING',
          `${email.display} already has a pending invitation: resend or revoke it.`,
        );
      }
      const now = this.clock();
      const row: InvitationRow = {
        id: randomUUID(),
        subscriptionId,
        emailCanonical: email.canonical,
        emailDisplay: email.display,
        permissions,
        language: locale,
        status: 'pending',
        invitedByEmail: caller.email ?? access.subscription.ownerEmail,
        createdAt: now,
        expiresAt: now + this.lifetime(),
        acceptedAt: null,
      };
      await tx.delegation.insertInvitation(row);
      await tx.delegation.issueInvitationToken(row.id, sha256(token), now);
      await journal(tx, access, {
        action: 'invitation.sent',
        target: email.display,
        detail: { permissions },
        ip,
        at: now,
      });
      await this.outbox.add(tx, this.invitationMail(row, token), now);
      return row;
    });
    await this.outbox.deliver();
    return invitationView(invitation);
  }

  /** A new token and a new expiry; the previous token stops working. */
  async resend(
    caller: CallerIdentity,
    subscriptionId: string,
    invitationId: string,
    ip: string | null,
  ): Promise<InvitationView> {
    const token = newLinkToken();
    const invitation = await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'delegates.manage');
      const row = await this.pendingInvitation(tx, subscriptionId, invitationId);
      const now = this.clock();
      const refreshed = { ...row, expiresAt: now + this.lifetime() };
      await tx.delegation.setInvitationExpiry(row.id, refreshed.expiresAt);
      await tx.delegation.issueInvitationToken(row.id, sha256(token), now);
      await journal(tx, access, { action: 'invitation.resent', target: row.emailDisplay, ip, at: now });
      await this.outbox.add(tx, this.invitationMail(refreshed, token), now);
      return refreshed;
    });
    await this.outbox.deliver();
    return invitationView(invitation);
  }

  async revoke(caller: CallerIdentity, subscriptionId: string, invitationId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'delegates.manage');
      const row = await this.pendingInvitation(tx, subscriptionId, invitationId);
      const now = this.clock();
      await tx.delegation.setInvitationStatus(row.id, 'revoked', now);
      await journal(tx, access, { action: 'invitation.revoked', target: row.emailDisplay, ip, at: now });
    });
  }

  /** The signed-in invitee takes the invitation: they become a delegate with its permissions. */
  accept(
    caller: CallerIdentity,
    token: string,
    ip: string | null,
  ): Promise<{ subscriptionId: string; permissions: Permission[]; invitedBy: string }> {
    return this.uow.transaction(async (tx) => {
      const found = await tx.delegation.findInvitationByTokenHash(sha256(token));
      if (!found)
        throw new ApiError(
          404,
          'INVITATION_NOT_FOUND',
          'This invitation link is not valid. Check that you opened the whole link from the email.',
        );
      const { invitation, superseded } = found;
      if (invitation.status === 'accepted')
        throw new ApiError(
          410,
          'INVITATION_USED',
          'This invitation has already been accepted. Ask the owner for a new one if you need it.',
        );
      if (invitation.status === 'revoked')
        throw new ApiError(410, 'INVITATION_REVOKED', 'The owner withdrew this invitation.');
      if (superseded)
        throw new ApiError(
          410,
          'INVITATION_SUPERSEDED',
          'A newer invitation was sent to you: use the link in the latest email.',
        );
      const now = this.clock();
      if (invitation.expiresAt <= now)
        throw new ApiError(410, 'INVITATION_EXPIRED', 'This invitation has expired. Ask the owner to send it again.');
      // The link proves access to the mailbox; the account must also be one Entra vouches for at that address (never preferred_username alone).
      if (!(caller.verifiedEmails ?? []).includes(invitation.emailCanonical)) {
        throw new ApiError(
          403,
          'INVITATION_WRONG_ACCOUNT',
          `This invitation is for ${invitation.emailDisplay}. Sign in with that Microsoft 365 account (a private browser window helps), then open the link again.`,
        );
      }
      const subscription = await tx.subscriptions.lock(invitation.subscriptionId);
      if (!subscription)
        throw new ApiError(404, 'INVITATION_NOT_FOUND', 'The subscription of this invitation no longer exists.');
      if (subscription.ownerTenantId === caller.tenantId && subscription.ownerObjectId === caller.objectId)
        throw new ApiError(409, 'ALREADY_OWNER', 'You own this subscription already.');
      // Single use: of two acceptances at once (two instances), the second finds it no longer pending.
      if (!(await tx.delegation.setInvitationStatus(invitation.id, 'accepted', now)))
        throw new ApiError(
          410,
          'INVITATION_USED',
          'This invitation has already been accepted. Ask the owner for a new one if you need it.',
        );
      await tx.delegation.upsertDelegate({
        id: randomUUID(),
        subscriptionId: subscription.id,
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        email: invitation.emailDisplay,
        permissions: invitation.permissions,
        createdAt: now,
      });
      const access: Access = {
        caller,
        subscription,
        role: 'delegate',
        permissions: invitation.permissions,
        actions: [],
      };
      await journal(tx, access, {
        action: 'invitation.accepted',
        target: invitation.emailDisplay,
        detail: { permissions: invitation.permissions },
        ip,
        at: now,
      });
      return {
        subscriptionId: subscription.id,
        permissions: invitation.permissions,
        invitedBy: invitation.invitedByEmail,
      };
    });
  }

  editPermissions(
    caller: CallerIdentity,
    subscriptionId: string,
    delegateId: string,
    permissions: readonly string[],
    ip: string | null,
  ): Promise<DelegateView> {
    const chosen = choosePermissions(permissions);
    return this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'delegates.manage');
      const delegate = await this.delegate(tx, subscriptionId, delegateId);
      const now = this.clock();
      await tx.delegation.updateDelegatePermissions(delegate.id, chosen);
      await journal(tx, access, {
        action: 'delegate.permissions_changed',
        target: delegate.email,
        detail: { from: delegate.permissions, to: chosen },
        ip,
        at: now,
      });
      return delegateView({ ...delegate, permissions: chosen });
    });
  }

  async remove(caller: CallerIdentity, subscriptionId: string, delegateId: string, ip: string | null): Promise<void> {
    await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'delegates.manage');
      const delegate = await this.delegate(tx, subscriptionId, delegateId);
      const now = this.clock();
      await tx.delegation.deleteDelegate(delegate.id);
      await journal(tx, access, { action: 'delegate.removed', target: delegate.email, ip, at: now });
    });
  }

  /**
   * Hands the subscription to one of its delegates (whose Microsoft 365 identity is known). The
   * former owner stays on as a delegate with every permission until the new owner decides.
   */
  async transferOwnership(
    caller: CallerIdentity,
    subscriptionId: string,
    to: { delegateId?: string; email?: string },
    language: string | undefined,
    ip: string | null,
  ): Promise<void> {
    const locale = resolveLocale(language);
    await this.uow.transaction(async (tx) => {
      await tx.subscriptions.lock(subscriptionId);
      const access = await authorize(tx, caller, subscriptionId, 'ownership.transfer');
      const heir =
        to.delegateId !== undefined
          ? await this.delegate(tx, subscriptionId, to.delegateId)
          : await this.delegateByEmail(tx, subscriptionId, to.email ?? '');
      const now = this.clock();
      const formerOwner = access.subscription.ownerEmail;
      await tx.delegation.deleteDelegate(heir.id);
      await tx.subscriptions.setOwner(subscriptionId, {
        tenantId: heir.tenantId,
        objectId: heir.objectId,
        email: heir.email,
      });
      await tx.delegation.upsertDelegate({
        id: randomUUID(),
        subscriptionId,
        tenantId: caller.tenantId,
        objectId: caller.objectId,
        email: formerOwner,
        permissions: [...PERMISSIONS],
        createdAt: now,
      });
      await journal(tx, access, {
        action: 'ownership.transferred',
        target: heir.email,
        detail: { from: formerOwner },
        ip,
        at: now,
      });
      const base = {
        locale,
        from: formerOwner,
        newOwner: heir.email,
        plan: access.subscription.planId,
        quantity: access.subscription.quantity,
        publicUrl: this.options.publicUrl,
      };
      await this.outbox.add(tx, ownershipTransferredEmail({ ...base, to: heir.email }), now);
      await this.outbox.add(tx, ownershipTransferredEmail({ ...base, to: formerOwner }), now);
    });
    await this.outbox.deliver();
  }

  private lifetime(): number {
    return this.options.invitationLifetimeMs ?? INVITATION_LIFETIME_MS;
  }

  private async pendingInvitation(
    tx: Repositories,
    subscriptionId: string,
    invitationId: string,
  ): Promise<InvitationRow> {
    const row = await tx.delegation.findInvitation(invitationId);
    if (!row || row.subscriptionId !== subscriptionId)
      throw new ApiError(404, 'INVITATION_NOT_FOUND', 'No such invitation in this subscription.');
    if (row.status !== 'pending')
      throw new ApiError(409, 'INVITATION_NOT_PENDING', `This invitation was already ${row.status}.`);
    return row;
  }

  /** Ownership goes to a known Microsoft 365 identity: someone who accepted an invitation as a delegate. */
  private async delegateByEmail(tx: Repositories, subscriptionId: string, email: string): Promise<DelegateRow> {
    const wanted = canonicalEmail(email);
    const delegate =
      wanted === null
        ? undefined
        : (await tx.delegation.listDelegates(subscriptionId)).find((d) => canonicalEmail(d.email) === wanted);
    if (!delegate)
      throw new ApiError(
        404,
        'DELEGATE_NOT_FOUND',
        `${email} is not a delegated administrator of this subscription. Invite them first; once they have accepted, hand ownership to them.`,
      );
    return delegate;
  }

  private async delegate(tx: Repositories, subscriptionId: string, delegateId: string): Promise<DelegateRow> {
    const delegate = (await tx.delegation.listDelegates(subscriptionId)).find((d) => d.id === delegateId);
    if (!delegate)
      throw new ApiError(404, 'DELEGATE_NOT_FOUND', 'No such delegated administrator in this subscription.');
    return delegate;
  }

  private invitationMail(row: InvitationRow, token: string): OutgoingEmail {
    return invitationEmail({
      to: row.emailDisplay,
      locale: resolveLocale(row.language),
      ownerEmail: row.invitedByEmail,
      permissions: row.permissions,
      token,
      expiresAt: row.expiresAt,
      publicUrl: this.options.publicUrl,
    });
  }
}

function delegateView(row: DelegateRow): DelegateView {
  return { id: row.id, email: row.email, permissions: row.permissions, since: new Date(row.createdAt).toISOString() };
}

function invitationView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    email: row.emailDisplay,
    permissions: row.permissions,
    status: row.status,
    invitedBy: row.invitedByEmail,
    createdAt: new Date(row.createdAt).toISOString(),
    expiresAt: new Date(row.expiresAt).toISOString(),
  };
}
