/**
 * The promotional footer of the free tier (M9). The merge renderer appends it to each message of
 * an unlicensed sender; whether it applies is decided from the license token (see
 * ../license/footerDecision.ts), never here.
 */
import { escapeHtml } from '../html/escapeHtml.js';
import { translate, type Locale } from '../i18n/translate.js';

/** Marks the footer so tests and support can recognise it in a sent message. */
export const FOOTER_MARKER = 'data-outmerge-footer';

export function promotionalFooterHtml(locale: Locale, promoUrl: string): string {
  const text = escapeHtml(translate(locale, 'footer.text'));
  const link = escapeHtml(translate(locale, 'footer.link'));
  return (
    `<div ${FOOTER_MARKER}="1" style="margin-top:24px;padding-top:8px;border-top:1px solid #d1d1d1;` +
    `font-family:Segoe UI,Arial,sans-serif;font-size:12px;color:#616161">` +
    `${text} <a href="${escapeHtml(promoUrl)}" style="color:#0f6cbd">${link}</a></div>`
  );
}
