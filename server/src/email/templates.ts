/**
 * The product's emails in the recipient's language. Texts come from the shared catalogs; every
 * value is escaped for HTML, and links are built from the configured public URL, never from a
 * request's Host header.
 */
import { escapeHtml } from '../../../shared/src/merge/footer.js';
import { translate, type Locale } from '../../../shared/src/i18n/translate.js';
import type { OutgoingEmail } from './mailer.js';

function layout(title: string, paragraphs: string[], action: { label: string; url: string } | null): string {
  const body = paragraphs.map((p) => `<p style="margin:0 0 12px">${p}</p>`).join('');
  const button = action
    ? `<p style="margin:20px 0"><a href="${escapeHtml(action.url)}" style="background:#0f6cbd;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(action.label)}</a></p>`
    : '';
  return `<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#242424;max-width:560px">` +
    `<h1 style="font-size:20px;font-weight:600">${escapeHtml(title)}</h1>${body}${button}</body></html>`;
}

export function welcomeEmail(options: { to: string; locale: Locale; ownerEmail: string; publicUrl: string }): OutgoingEmail {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(options.locale, key, params);
  const helpUrl = `${options.publicUrl}/portal.html#/it-help`;
  const paragraphs = [
    escapeHtml(t('email.welcome.intro', { owner: options.ownerEmail })),
    escapeHtml(t('email.welcome.step1')),
    escapeHtml(t('email.welcome.step2')),
    escapeHtml(t('email.welcome.step3')),
  ];
  const subject = t('email.welcome.subject');
  const text = [t('email.welcome.intro', { owner: options.ownerEmail }), t('email.welcome.step1'), t('email.welcome.step2'), t('email.welcome.step3'), `${t('email.welcome.help')}: ${helpUrl}`].join('\n\n');
  return { kind: 'welcome', to: options.to, subject, html: layout(subject, paragraphs, { label: t('email.welcome.help'), url: helpUrl }), text };
}
