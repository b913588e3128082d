/**
 * What became of each sent row after Exchange took it (pure), from the sender's own mailbox:
 *
 * - **waiting**: the pane sent it, but it is not in Sent Items yet (transport moves a message
 *   there some time after the 202: "Send mail by using the Microsoft Graph API");
 * - **accepted**: in Sent Items, and no non-delivery report names it: Exchange handed it on;
 * - **bounced**: a non-delivery report names it, with the server's status and reason.
 *
 * A row's message is found in Sent Items by its row marker; a report is matched to it by the
 * original Message-ID it quotes, or else by the recipient it names among the campaign's messages
 * sent before it arrived. A row **replied** when a message that is not a report arrived in the
 * conversation of the row's message (Graph's `conversationId`); an automatic out-of-office reply
 * (class `IPM.Note.Rules.OofTemplate.Microsoft`) is not an answer.
 */
import type { Translator } from '#shared/i18n/translate.js';
import type { ReceivedMessage, SentMessage } from '../graph/graphMailClient.js';
import { isReport, readBounces, type Bounce } from './nonDelivery.js';

export type Delivery = { kind: 'waiting' } | { kind: 'accepted' } | { kind: 'bounced'; status: string; reason: string };

export interface RowOutcome {
  row: number;
  to: string;
  delivery: Delivery;
  /** When it reached Sent Items (null while waiting). */
  sentAt: number | null;
  replied: boolean;
}

export interface OutcomeInput {
  /** The campaign's rows the pane sent (ledger `sent`), with their recipient. */
  sentRows: ReadonlyArray<{ row: number; to: string }>;
  /** The marker of a row's message (campaign.ts `rowMarker`). */
  markerOf(row: number): string;
  sent: readonly SentMessage[];
  received: readonly ReceivedMessage[];
}

export function rowOutcomes(input: OutcomeInput): RowOutcome[] {
  const sentByMarker = new Map(input.sent.filter((m) => m.marker !== null).map((m) => [m.marker as string, m]));
  const messageOf = new Map(input.sentRows.map(({ row }) => [row, sentByMarker.get(input.markerOf(row)) ?? null]));
  const rowByMessageId = new Map<string, number>();
  for (const [row, message] of messageOf) if (message) rowByMessageId.set(message.internetMessageId, row);

  const bounced = new Map<number, Bounce>();
  const replied = new Set<string>();
  for (const item of input.received) {
    if (!isReport(item)) {
      // An Exchange automatic reply (out of office) is in the conversation too, but nobody answered.
      if (!/^IPM\.Note\.Rules\.OofTemplate\./i.test(item.messageClass)) replied.add(item.conversationId);
      continue;
    }
    for (const bounce of readBounces(item)) {
      const row = matchBounce(bounce, input, messageOf, rowByMessageId);
      if (row !== null && !bounced.has(row)) bounced.set(row, bounce);
    }
  }
  return input.sentRows.map(({ row, to }) => {
    const message = messageOf.get(row) ?? null;
    const bounce = bounced.get(row);
    const delivery: Delivery = bounce
      ? { kind: 'bounced', status: bounce.status, reason: bounce.reason }
      : message
        ? { kind: 'accepted' }
        : { kind: 'waiting' };
    return {
      row,
      to,
      delivery,
      sentAt: message?.sentAt ?? null,
      replied: message !== null && replied.has(message.conversationId),
    };
  });
}

function matchBounce(
  bounce: Bounce,
  input: OutcomeInput,
  messageOf: Map<number, SentMessage | null>,
  rowByMessageId: Map<string, number>,
): number | null {
  if (bounce.originalMessageId !== null) {
    const row = rowByMessageId.get(bounce.originalMessageId);
    // A report quoting a message of no row of this campaign is about another message.
    return row ?? null;
  }
  const candidates = input.sentRows.filter(
    ({ row, to }) => to.toLowerCase() === bounce.address && (messageOf.get(row)?.sentAt ?? 0) <= bounce.receivedAt,
  );
  return candidates.length === 1 ? (candidates[0]?.row ?? null) : null;
}

export interface OutcomeCounts {
  waiting: number;
  accepted: number;
  bounced: number;
  replied: number;
}

export function outcomeCounts(outcomes: readonly RowOutcome[]): OutcomeCounts {
  const counts = { waiting: 0, accepted: 0, bounced: 0, replied: 0 };
  for (const outcome of outcomes) {
    counts[outcome.delivery.kind]++;
    if (outcome.replied) counts.replied++;
  }
  return counts;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The rows a follow-up goes to: accepted, no reply, sent at least `days` days ago. A bounced row
 * is not followed up (nothing reached it); a waiting one is not known to have left.
 */
export function followUpRecipients(
  outcomes: readonly RowOutcome[],
  now: number,
  days: number,
): { due: RowOutcome[]; notYet: number } {
  const due: RowOutcome[] = [];
  let notYet = 0;
  for (const outcome of outcomes) {
    if (outcome.delivery.kind !== 'accepted' || outcome.replied || outcome.sentAt === null) continue;
    if (outcome.sentAt <= now - days * DAY_MS) due.push(outcome);
    else notYet++;
  }
  return { due, notYet };
}

/** A row's delivery as the report's status column adds it. */
export function outcomeText(outcome: RowOutcome, t: Translator): string {
  const { delivery } = outcome;
  const text =
    delivery.kind === 'bounced'
      ? t('report.delivery.bounced', { status: delivery.status, reason: delivery.reason })
      : t(`report.delivery.${delivery.kind}`);
  return outcome.replied ? `${text}; ${t('report.delivery.replied')}` : text;
}
