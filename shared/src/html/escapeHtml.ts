/**
 * The one HTML escape: text made safe for element content and for quoted or unquoted attribute
 * values. It escapes the characters Handlebars escapes, written as Handlebars writes them, so a
 * merged value (rendered by Handlebars) and the HTML we write ourselves (footer, emails, invoices,
 * a plain-text draft) are escaped alike. Text without any of them is returned as it is.
 */
const SPECIAL = /[&<>"'`=]/;
const SPECIAL_ALL = /[&<>"'`=]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

export function escapeHtml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (ch) => ENTITIES[ch] ?? ch) : text;
}

/** A plain-text body as HTML: every line escaped, line breaks kept as <br>. */
export function plainTextToHtml(text: string): string {
  return text.split(/\r?\n/).map(escapeHtml).join('<br>');
}
