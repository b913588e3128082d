/**
 * Reading Exchange's non-delivery reports (pure). A business mailbox over its 24-hour recipient
 * limit is not refused by Graph: Exchange accepts the message (202) and transport returns a
 * report to the sender's Inbox with the enhanced status 5.1.90 ("you've reached your daily limit
 * for message recipients"); a sender who keeps sending is restricted and every later message comes
 * back with 5.1.8 ("Access denied, bad outbound sender") until an administrator releases them.
 * (Exchange Online limits; "Fix email delivery issues for error code 5.1.90 / 5.1.8 in Exchange
 * Online".) Reports come from the tenant's postmaster address ("Microsoft Outlook"); the subject is
 * localised, the status code is not, so the code is what is matched.
 */
import type { InboxItem } from '../graph/graphMailClient.js';
import { reportRecipients } from '../inbox/nonDelivery.js';

export type ReportKind = 'daily_limit' | 'sender_restricted';

export interface DeliveryReport {
  /** The report's message id: each report is applied once. */
  id: string;
  kind: ReportKind;
  receivedAt: number;
  /** Addresses the report names (lower case); the runner matches them to its rows. */
  addresses: string[];
}

/** Exchange Online sends reports from postmaster@ (older tenants: MicrosoftExchange…@). */
const SYSTEM_SENDER = /^(postmaster|microsoftexchange[0-9a-f]*)@/i;
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function readDeliveryReport(item: InboxItem): DeliveryReport | null {
  if (!SYSTEM_SENDER.test(item.from)) return null;
  const text = item.body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  const kind: ReportKind | null = /\b5\.1\.8\b/.test(text)
    ? 'sender_restricted'
    : /\b5\.1\.90\b/.test(text)
      ? 'daily_limit'
      : null;
  if (kind === null) return null;
  // The recipients the report names with the server's answer; failing that, the addresses before the
  // quoted original headers (which name the sender, and Message-IDs that look like addresses).
  const named = reportRecipients(item.body).map((r) => r.address);
  const found =
    named.length > 0
      ? named
      : ((text.split(/Original message headers/i)[0] ?? '').match(ADDRESS) ?? []).map((a) => a.toLowerCase());
  const addresses = [...new Set(found)].filter((a) => !SYSTEM_SENDER.test(a));
  return { id: item.id, kind, receivedAt: item.receivedAt, addresses };
}

/** What the runner asks the mailbox between rows: the reports received since a time. */
export interface MailboxHealth {
  reportsSince(since: number): Promise<DeliveryReport[]>;
}

export function mailboxHealth(graph: { inboxSince(since: number): Promise<InboxItem[]> }): MailboxHealth {
  return {
    async reportsSince(since) {
      return (await graph.inboxSince(since)).map(readDeliveryReport).filter((r): r is DeliveryReport => r !== null);
    },
  };
}
