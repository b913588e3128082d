/**
 * The product's emails in the recipient's language. Texts come from the shared catalogs; every
 * value is escaped for HTML, and links are built from the configured public URL, never from a
 * request's Host header.
 */
import { escapeHtml } from '#shared/html/escapeHtml.js';
// Emails go out in each recipient's language: every catalog is registered.
import '#shared/i18n/allCatalogs.js';
import { formatDate, translate, type Locale, type MessageKey } from '#shared/i18n/translate.js';
import type { Permission } from '#shared/permissions/permissions.js';
import type { NotificationKind } from '#shared/journal/journalActions.js';
import type { OutgoingEmail } from './mailer.js';

type Params = Record<string, string | number>;

function compose(
  kind: string,
  to: string,
  locale: Locale,
  subjectKey: MessageKey,
  paragraphs: Array<[MessageKey, Params?]>,
  params: Params,
  action: { label: MessageKey; url: string } | null,
): OutgoingEmail {
  const t = (key: MessageKey, extra?: Params) => translate(locale, key, { ...params, ...extra });
  const subject = t(subjectKey);
  const texts = paragraphs.map(([key, extra]) => t(key, extra));
  const button = action
    ? `<p style="margin:20px 0"><a href="${escapeHtml(action.url)}" style="background:#0f6cbd;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(t(action.label))}</a></p>`
    : '';
  const html =
    `<!doctype html><html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424;max-width:560px">` +
    `<h1 style="font-size:20px;font-weight:600">${escapeHtml(subject)}</h1>${texts.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('')}${button}</body></html>`;
  const text = [
    ...texts,
    ...(action ? [t('common.labelled', { label: t(action.label), value: action.url })] : []),
  ].join('\n\n');
  return { kind, to, subject, html, text };
}

/** `group`: the seat came from membership of this Microsoft 365 group (a group sync), not from a person. */
export function welcomeEmail(options: {
  to: string;
  locale: Locale;
  ownerEmail: string;
  publicUrl: string;
  group?: string;
}): OutgoingEmail {
  return compose(
    'welcome',
    options.to,
    options.locale,
    'email.welcome.subject',
    [
      [options.group === undefined ? 'email.welcome.intro' : 'email.welcome.introGroup'],
      ['email.welcome.step1'],
      ['email.welcome.step2'],
      ['email.welcome.step3'],
    ],
    { owner: options.ownerEmail, group: options.group ?? '' },
    { label: 'email.welcome.help', url: `${options.publicUrl}/portal.html#/it-help` },
  );
}

export function invitationEmail(options: {
  to: string;
  locale: Locale;
  ownerEmail: string;
  permissions: readonly Permission[];
  token: string;
  expiresAt: number;
  publicUrl: string;
}): OutgoingEmail {
  const permissions = options.permissions.map((p) => translate(options.locale, `permission.${p}`)).join(', ');
  return compose(
    'invitation',
    options.to,
    options.locale,
    'email.invitation.subject',
    [['email.invitation.intro'], ['email.invitation.accept'], ['email.invitation.trouble']],
    { owner: options.ownerEmail, permissions, email: options.to, date: formatDate(options.expiresAt, options.locale) },
    // The token travels in the fragment: browsers never send it to a server or in a Referer header.
    {
      label: 'email.invitation.button',
      url: `${options.publicUrl}/portal.html#/accept?token=${encodeURIComponent(options.token)}`,
    },
  );
}

export function seatRemovedEmail(options: { to: string; locale: Locale; by: string }): OutgoingEmail {
  return compose(
    'seat-removed',
    options.to,
    options.locale,
    'email.seatRemoved.subject',
    [['email.seatRemoved.body']],
    { by: options.by },
    null,
  );
}

/** A seat a group sync took back: the person left every linked group. */
export function seatRemovedByGroupEmail(options: { to: string; locale: Locale }): OutgoingEmail {
  return compose(
    'seat-removed',
    options.to,
    options.locale,
    'email.seatRemoved.subject',
    [['email.seatRemovedByGroup.body']],
    {},
    null,
  );
}

export function ownershipTransferredEmail(options: {
  to: string;
  locale: Locale;
  from: string;
  newOwner: string;
  plan: string;
  quantity: number;
  publicUrl: string;
}): OutgoingEmail {
  return compose(
    'ownership-transferred',
    options.to,
    options.locale,
    'email.ownership.subject',
    [['email.ownership.body']],
    {
      from: options.from,
      to: options.newOwner,
      plan: translate(options.locale, `plan.${options.plan}` as MessageKey),
      quantity: options.quantity,
    },
    { label: 'email.ownership.button', url: `${options.publicUrl}/portal.html` },
  );
}

/** A partner's delegated-administration request (P3), to the customer's owner; the token travels in the fragment. */
export function partnerRequestEmail(options: {
  to: string;
  locale: Locale;
  partner: string;
  advisorCode: string;
  permissions: readonly Permission[];
  days: number;
  token: string;
  expiresAt: number;
  publicUrl: string;
}): OutgoingEmail {
  const permissions = options.permissions.map((p) => translate(options.locale, `permission.${p}`)).join(', ');
  return compose(
    'partner-request',
    options.to,
    options.locale,
    'email.partnerRequest.subject',
    [['email.partnerRequest.intro'], ['email.partnerRequest.approve'], ['email.partnerRequest.end']],
    {
      partner: options.partner,
      code: options.advisorCode,
      permissions,
      days: options.days,
      email: options.to,
      date: formatDate(options.expiresAt, options.locale),
    },
    {
      label: 'email.partnerRequest.button',
      url: `${options.publicUrl}/portal.html#/partner-request?token=${encodeURIComponent(options.token)}`,
    },
  );
}

/** The partner of record's digest of its customers' changes (P3). */
export function partnerNotificationsEmail(options: {
  to: string;
  locale: Locale;
  partner: string;
  partnerId: string;
  changes: ReadonlyArray<{ customer: string; kind: NotificationKind; at: number }>;
  publicUrl: string;
}): OutgoingEmail {
  const lines: Array<[MessageKey, Params]> = options.changes.map((change) => [
    'email.partnerNotifications.line',
    {
      customer: change.customer,
      change: translate(options.locale, `partnerChange.${change.kind}`),
      time: formatDate(change.at, options.locale),
    },
  ]);
  return compose(
    'partner-notifications',
    options.to,
    options.locale,
    'email.partnerNotifications.subject',
    [['email.partnerNotifications.intro'], ...lines],
    { partner: options.partner, count: options.changes.length },
    {
      label: 'email.partnerNotifications.button',
      url: `${options.publicUrl}/portal.html#/partners/${encodeURIComponent(options.partnerId)}/customers`,
    },
  );
}

/** The product keys a partner bought: the buyer's durable copy (the server keeps only their hashes). */
export function productKeysEmail(options: {
  to: string;
  locale: Locale;
  partner: string;
  plan: string;
  seats: number;
  periods: number;
  interval: 'month' | 'year';
  keys: readonly string[];
  expiresAt: number;
  publicUrl: string;
}): OutgoingEmail {
  const plan = translate(options.locale, `plan.${options.plan}` as MessageKey);
  const term = translate(
    options.locale,
    options.interval === 'year' ? 'email.productKeys.termYears' : 'email.productKeys.termMonths',
    { count: options.periods },
  );
  return compose(
    'product-keys',
    options.to,
    options.locale,
    'email.productKeys.subject',
    [
      ['email.productKeys.intro'],
      ...options.keys.map((key): [MessageKey, Params] => ['email.productKeys.key', { key }]),
      ['email.productKeys.keep'],
    ],
    {
      partner: options.partner,
      count: options.keys.length,
      plan,
      seats: options.seats,
      term,
      date: formatDate(options.expiresAt, options.locale),
    },
    { label: 'email.productKeys.button', url: `${options.publicUrl}/portal.html#/redeem-key` },
  );
}

/** The owner's renewal could not be charged: what happens, until when, and where to pay (B3/B4). */
export function paymentFailedEmail(options: {
  to: string;
  locale: Locale;
  plan: string;
  quantity: number;
  amount: string;
  invoice: string;
  graceUntil: number;
  subscriptionId: string;
  publicUrl: string;
}): OutgoingEmail {
  return compose(
    'payment-failed',
    options.to,
    options.locale,
    'email.paymentFailed.subject',
    [['email.paymentFailed.intro'], ['email.paymentFailed.what']],
    {
      plan: translate(options.locale, `plan.${options.plan}` as MessageKey),
      quantity: options.quantity,
      amount: options.amount,
      invoice: options.invoice,
      date: formatDate(options.graceUntil, options.locale),
    },
    {
      label: 'email.paymentFailed.button',
      url: `${options.publicUrl}/portal.html#/subscriptions/${encodeURIComponent(options.subscriptionId)}`,
    },
  );
}

/** The grace ran out: the subscription expired; its users send with the footer until a payment reactivates it. */
export function subscriptionExpiredEmail(options: {
  to: string;
  locale: Locale;
  plan: string;
  quantity: number;
  subscriptionId: string;
  publicUrl: string;
}): OutgoingEmail {
  return compose(
    'subscription-expired',
    options.to,
    options.locale,
    'email.expired.subject',
    [['email.expired.intro'], ['email.expired.what']],
    { plan: translate(options.locale, `plan.${options.plan}` as MessageKey), quantity: options.quantity },
    {
      label: 'email.paymentFailed.button',
      url: `${options.publicUrl}/portal.html#/subscriptions/${encodeURIComponent(options.subscriptionId)}`,
    },
  );
}

/** A colleague asks to merge the recipient's subscription into theirs (consolidation by invitation); the portal shows the request to the invited account only. */
export function mergeInvitationEmail(options: {
  to: string;
  locale: Locale;
  inviter: string;
  plan: string;
  quantity: number;
  credit: string;
  expiresAt: number;
  publicUrl: string;
}): OutgoingEmail {
  return compose(
    'merge-invitation',
    options.to,
    options.locale,
    'email.mergeInvite.subject',
    [['email.mergeInvite.body'], ['email.mergeInvite.next']],
    {
      inviter: options.inviter,
      plan: translate(options.locale, `plan.${options.plan}` as MessageKey),
      quantity: options.quantity,
      credit: options.credit,
      date: formatDate(options.expiresAt, options.locale),
    },
    { label: 'email.mergeInvite.button', url: `${options.publicUrl}/portal.html` },
  );
}

export function mergeAcceptedEmail(options: {
  to: string;
  locale: Locale;
  colleague: string;
  seats: number;
  credit: string;
}): OutgoingEmail {
  return compose(
    'merge-accepted',
    options.to,
    options.locale,
    'email.mergeAccepted.subject',
    [['email.mergeAccepted.body']],
    { colleague: options.colleague, seats: options.seats, credit: options.credit },
    null,
  );
}

export function mergeDeclinedEmail(options: { to: string; locale: Locale; colleague: string }): OutgoingEmail {
  return compose(
    'merge-declined',
    options.to,
    options.locale,
    'email.mergeDeclined.subject',
    [['email.mergeDeclined.body']],
    { colleague: options.colleague },
    null,
  );
}
