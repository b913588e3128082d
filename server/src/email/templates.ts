/**
 * The product's emails in the recipient's language. Texts come from the shared catalogs; every
 * value is escaped for HTML, and links are built from the configured public URL, never from a
 * request's Host header.
 */
import { escapeHtml } from '../../../shared/src/merge/footer.js';
import { formatDate, translate, type Locale, type MessageKey } from '../../../shared/src/i18n/translate.js';
import type { Permission } from '../../../shared/src/permissions/permissions.js';
import type { OutgoingEmail } from './mailer.js';

type Params = Record<string, string | number>;

function compose(kind: string, to: string, locale: Locale, subjectKey: MessageKey, paragraphs: Array<[MessageKey, Params?]>, params: Params, action: { label: MessageKey; url: string } | null): OutgoingEmail {
  const t = (key: MessageKey, extra?: Params) => translate(locale, key, { ...params, ...extra });
  const subject = t(subjectKey);
  const texts = paragraphs.map(([key, extra]) => t(key, extra));
  const button = action
    ? `<p style="margin:20px 0"><a href="${escapeHtml(action.url)}" style="background:#0f6cbd;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(t(action.label))}</a></p>`
    : '';
  const html =
    `<!doctype html><html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424;max-width:560px">` +
    `<h1 style="font-size:20px;font-weight:600">${escapeHtml(subject)}</h1>${texts.map((p) => `<p style="margin:0 0 12px">${escapeHtml(p)}</p>`).join('')}${button}</body></html>`;
  const text = [...texts, ...(action ? [`${t(action.label)}: ${action.url}`] : [])].join('\n\n');
  return { kind, to, subject, html, text };
}

export function welcomeEmail(options: { to: string; locale: Locale; ownerEmail: string; publicUrl: string }): OutgoingEmail {
  return compose(
    'welcome',
    options.to,
    options.locale,
    'email.welcome.subject',
    [['email.welcome.intro'], ['email.welcome.step1'], ['email.welcome.step2'], ['email.welcome.step3']],
    { owner: options.ownerEmail },
    { label: 'email.welcome.help', url: `${options.publicUrl}/portal.html#/it-help` },
  );
}

export function invitationEmail(options: { to: string; locale: Locale; ownerEmail: string; permissions: readonly Permission[]; token: string; expiresAt: number; publicUrl: string }): OutgoingEmail {
  const permissions = options.permissions.map((p) => translate(options.locale, `permission.${p}`)).join(', ');
  return compose(
    'invitation',
    options.to,
    options.locale,
    'email.invitation.subject',
    [['email.invitation.intro'], ['email.invitation.accept'], ['email.invitation.trouble']],
    { owner: options.ownerEmail, permissions, email: options.to, date: formatDate(options.expiresAt, options.locale) },
    // The token travels in the fragment: browsers never send it to a server or in a Referer header.
    { label: 'email.invitation.button', url: `${options.publicUrl}/portal.html#/accept?token=${encodeURIComponent(options.token)}` },
  );
}

export function seatRemovedEmail(options: { to: string; locale: Locale; by: string }): OutgoingEmail {
  return compose('seat-removed', options.to, options.locale, 'email.seatRemoved.subject', [['email.seatRemoved.body']], { by: options.by }, null);
}

export function ownershipTransferredEmail(options: { to: string; locale: Locale; from: string; newOwner: string; plan: string; quantity: number; publicUrl: string }): OutgoingEmail {
  return compose(
    'ownership-transferred',
    options.to,
    options.locale,
    'email.ownership.subject',
    [['email.ownership.body']],
    { from: options.from, to: options.newOwner, plan: translate(options.locale, `plan.${options.plan}` as MessageKey), quantity: options.quantity },
    { label: 'email.ownership.button', url: `${options.publicUrl}/portal.html` },
  );
}
