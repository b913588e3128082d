/**
 * The unsubscribe line (pure): a `mailto:` link to the sending mailbox whose subject carries a
 * tag, and the replies that carry it. A List-Unsubscribe header (RFC 2369) cannot be set through
 * Graph: `internetMessageHeaders` takes only names starting with `x-` (400
 * InvalidInternetMessageHeader otherwise; message resource), so the line is the only way.
 *
 * Only the reply's own sender is suppressed, never an address written in it: a message can make
 * its sender leave the list, and nobody else.
 */
import { canonicalEmail } from '#shared/email/normalizeEmail.js';
import { escapeHtml } from '#shared/html/escapeHtml.js';
import type { ReceivedMessage } from '../graph/graphMailClient.js';
import { isReport } from './nonDelivery.js';

/** In every language's subject: what the pane looks for in the Inbox. */
export const UNSUBSCRIBE_TAG = '[OM-UNSUBSCRIBE]';

/** RFC 6068 `mailto:` to the sending mailbox with the tagged subject. */
export function unsubscribeMailto(mailbox: string, word: string): string {
  return `mailto:${encodeURI(mailbox)}?subject=${encodeURIComponent(`${word} ${UNSUBSCRIBE_TAG}`)}`;
}

/** The line under each message, in the sender's language (its texts are the catalogs'). */
export function unsubscribeLineHtml(mailbox: string, text: { sentence: string; link: string; word: string }): string {
  return `<p style="font-size:12px;color:#616161">${escapeHtml(text.sentence)} <a href="${escapeHtml(unsubscribeMailto(mailbox, text.word))}">${escapeHtml(text.link)}</a></p>`;
}

/** The address a message asks to leave the list, or null if it is not such a request. */
export function unsubscribeRequest(message: Pick<ReceivedMessage, 'subject' | 'from' | 'messageClass'>): string | null {
  if (isReport(message)) return null;
  if (!message.subject.toUpperCase().includes(UNSUBSCRIBE_TAG)) return null;
  return canonicalEmail(message.from);
}
