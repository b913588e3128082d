/**
 * The campaign report (M8), pure: one line per row of the recipient list, in the list's order —
 * the rows sent, failed, cancelled or still to go (from the ledger) and the rows left out before
 * sending (from the pre-flight: no or invalid address, duplicate, missing file, too large, too
 * many recipients, left out by hand) — each with its status and reason.
 *
 * A line is made when it is asked for (the page shown, or the export, in slices): a list of
 * 100,000 rows is never turned into 100,000 lines at once, and a message's subject is rendered
 * only for the export.
 */
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import type { CampaignLedger, FailureReason, RowState } from './campaign.js';
import type { Envelope, OutgoingMessage } from './outgoingMessage.js';
import { FIRST_DATA_ROW, type Finding } from './planCampaign.js';

export type ReportStatus = 'sent' | 'failed' | 'cancelled' | 'pending' | 'skipped';

export interface ReportLine {
  row: number;
  to: string;
  cc: string[];
  bcc: string[];
  /** The message's subject: only when asked for (the export), otherwise empty. */
  subject: string;
  status: ReportStatus;
  /** A scheduled row's deferred send time: Exchange keeps the message until then. */
  heldUntil?: number;
  /** Why a row failed, with Microsoft 365's own words where it gave some. */
  failure?: { reason: FailureReason; message: string };
  /** Why a row was left out before sending. */
  skipped?: Finding;
}

export interface ReportInput {
  rows: readonly MergeRow[];
  emailColumn: string;
  ledger: Pick<CampaignLedger, 'rows' | 'states'>;
  /** The campaign's messages: envelopes for the lines, rendered only for a subject. */
  messages: { envelope(row: number): Envelope | undefined; get(row: number): OutgoingMessage | undefined };
  excluded: ReadonlyMap<number, Finding>;
}

export interface ReportCounts {
  total: number;
  sent: number;
  failed: number;
  cancelled: number;
  pending: number;
  skipped: number;
}

function statusOf(state: RowState | undefined): ReportStatus {
  switch (state?.status) {
    case 'sent':
    case 'failed':
    case 'cancelled':
      return state.status;
    default:
      return 'pending';
  }
}

export class CampaignReport {
  constructor(private readonly input: ReportInput) {}

  /** Every row of the list has a line. */
  get length(): number {
    return this.input.rows.length;
  }

  /** A row of the campaign (planned from its definition, as its ledger was made), or null for a row left out before sending. */
  private sent(row: number): { envelope: Envelope; state: RowState } | null {
    const envelope = this.input.messages.envelope(row);
    return envelope ? { envelope, state: this.input.ledger.states[row] ?? { status: 'pending' } } : null;
  }

  /** The line of the list's `index`-th row; with `subject`, its message is rendered for the subject. */
  line(index: number, options: { subject?: boolean } = {}): ReportLine {
    const row = index + FIRST_DATA_ROW;
    const campaign = this.sent(row);
    if (campaign) {
      const { envelope, state } = campaign;
      return {
        row,
        to: envelope.to,
        cc: envelope.cc,
        bcc: envelope.bcc,
        subject: options.subject ? (this.input.messages.get(row)?.subject ?? '') : '',
        status: statusOf(state),
        ...(state.status === 'failed' ? { failure: { reason: state.reason, message: state.message } } : {}),
        ...(state.status === 'sent' && state.heldId ? { heldUntil: state.at } : {}),
      };
    }
    // Left out before sending; a row planned after the campaign started (none should be) reads as left out too.
    const finding = this.input.excluded.get(row);
    const address = (this.input.rows[index]?.[this.input.emailColumn] ?? '').trim();
    return {
      row,
      to: address,
      cc: [],
      bcc: [],
      subject: '',
      status: 'skipped',
      ...(finding ? { skipped: finding } : {}),
    };
  }

  /** The lines from `first`, at most `count`: a page. */
  lines(first: number, count: number): ReportLine[] {
    const lines: ReportLine[] = [];
    for (let index = first; index < Math.min(this.length, first + count); index++) lines.push(this.line(index));
    return lines;
  }

  /** How many lines have each status, without making them. */
  counts(): ReportCounts {
    const counts: ReportCounts = { total: this.length, sent: 0, failed: 0, cancelled: 0, pending: 0, skipped: 0 };
    for (let index = 0; index < this.length; index++) {
      const campaign = this.sent(index + FIRST_DATA_ROW);
      counts[campaign ? statusOf(campaign.state) : 'skipped']++;
    }
    return counts;
  }
}
