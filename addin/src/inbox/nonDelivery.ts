/**
 * Reading Exchange's non-delivery reports (pure). A report is an item of class
 * `REPORT.IPM.Note.NDR` (PidTagMessageClass, [MS-OXOMSG] "Report" message classes), read through
 * Graph as the extended property `String 0x001A`; its subject ("Undeliverable: …") is localised,
 * so it is not what is matched. Exchange Online's report names each recipient it could not reach
 * with the remote server's answer — "Remote Server returned '550 5.1.1
 * RESOLVER.ADR.RecipNotFound; not found'" — and quotes the original's headers, Message-ID
 * included ("Fix email delivery issues for error code 5.1.1 through 5.1.20 in Exchange Online";
 * "Non-delivery reports in Exchange Online"). The status is RFC 3463's enhanced code: 5.x.x is
 * permanent, 4.x.x a delay Exchange is still retrying.
 */
import type { ReceivedMessage } from '../graph/graphMailClient.js';

export interface Bounce {
  /** The report's own id: a report is applied once. */
  reportId: string;
  receivedAt: number;
  /** The recipient Exchange could not reach, lower case. */
  address: string;
  /** RFC 3463 enhanced status, e.g. `5.1.1`. */
  status: string;
  /** The server's words after the status, e.g. `RESOLVER.ADR.RecipNotFound; not found`. */
  reason: string;
  /** The Message-ID of the message that bounced, when the report quotes it. */
  originalMessageId: string | null;
}

export function isReport(message: Pick<ReceivedMessage, 'messageClass'>): boolean {
  return /^report\./i.test(message.messageClass);
}

const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** The report's text: tags out first, then entities decoded (a quoted `&lt;id@host&gt;` is not a tag). */
function reportText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:lt|gt|amp|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);
}

const RECIPIENT_LINE =
  /([^\s<>'"(),;:]+@[^\s<>'"(),;:]+)\s+Remote Server returned '\d{3}\s+([245]\.\d{1,3}\.\d{1,3})\s*([^']*)'/g;
/** An address as the report writes it, without a sentence's full stop after it. */
const addressOf = (written: string | undefined) => (written ?? '').replace(/\.+$/, '').toLowerCase();
const MESSAGE_ID = /(?:^|\s)Message-ID:\s*(<[^<>\s]+>)/i;

/**
 * The recipients a report's text names with a server answer: not every address in it (the
 * quoted original headers name the sender, and Message-IDs look like addresses).
 */
export function reportRecipients(html: string): Array<{ address: string; status: string; reason: string }> {
  return [...reportText(html).matchAll(RECIPIENT_LINE)].map((match) => ({
    address: addressOf(match[1]),
    status: match[2] ?? '',
    reason: (match[3] ?? '').trim(),
  }));
}

/** The recipients a non-delivery report names as not reached (permanent failures only), or none for any other item. */
export function readBounces(message: ReceivedMessage): Bounce[] {
  if (!isReport(message) || !/\.NDR$/i.test(message.messageClass)) return [];
  const text = reportText(message.body);
  const originalMessageId = MESSAGE_ID.exec(text)?.[1] ?? null;
  const bounces: Bounce[] = [];
  for (const match of text.matchAll(RECIPIENT_LINE)) {
    const status = match[2] ?? '';
    if (!status.startsWith('5.')) continue;
    bounces.push({
      reportId: message.id,
      receivedAt: message.receivedAt,
      address: addressOf(match[1]),
      status,
      reason: (match[3] ?? '').trim(),
      originalMessageId,
    });
  }
  return bounces;
}
