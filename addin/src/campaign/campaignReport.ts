/**
 * The campaign report (M8), pure: one line per row of the recipient list, in the list's order —
 * the rows sent, failed, cancelled or still to go (from the ledger) and the rows left out before
 * sending (from the pre-flight: no or invalid address, duplicate, missing file, too large, too
 * many recipients, left out by hand) — each with its status and reason.
 */
import type { MergeRow } from '../../../shared/src/merge/mergeTemplate.js';
import type { CampaignLedger, FailureReason, RowState } from './campaign.js';
import type { OutgoingMessage } from './outgoingMessage.js';
import { FIRST_DATA_ROW, type Finding } from './planCampaign.js';

export type ReportStatus = 'sent' | 'failed' | 'cancelled' | 'pending' | 'skipped';

export interface ReportLine {
  row: number;
  to: string;
  cc: string[];
  bcc: string[];
  subject: string;
  status: ReportStatus;
  /** Why a row failed, with Microsoft 365's own words where it gave some. */
  failure?: { reason: FailureReason; message: string };
  /** Why a row was left out before sending. */
  skipped?: Finding;
}

export interface ReportInput {
  rows: readonly MergeRow[];
  emailColumn: string;
  ledger: Pick<CampaignLedger, 'rows' | 'states'>;
  messages: ReadonlyMap<number, OutgoingMessage>;
  excluded: ReadonlyMap<number, Finding>;
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

export function campaignReport(input: ReportInput): ReportLine[] {
  const inLedger = new Set(input.ledger.rows);
  const lines: ReportLine[] = [];
  for (let index = 0; index < input.rows.length; index++) {
    const row = index + FIRST_DATA_ROW;
    const finding = input.excluded.get(row);
    const message = input.messages.get(row);
    if (inLedger.has(row) && message) {
      const state = input.ledger.states[row];
      lines.push({
        row,
        to: message.to,
        cc: message.cc,
        bcc: message.bcc,
        subject: message.subject,
        status: statusOf(state),
        ...(state?.status === 'failed' ? { failure: { reason: state.reason, message: state.message } } : {}),
      });
    } else {
      // Left out before sending; a row planned after the campaign started (none should be) reads as left out too.
      const address = (input.rows[index]?.[input.emailColumn] ?? '').trim();
      lines.push({ row, to: address, cc: [], bcc: [], subject: '', status: 'skipped', ...(finding ? { skipped: finding } : {}) });
    }
  }
  return lines;
}

export interface ReportCounts {
  total: number;
  sent: number;
  failed: number;
  cancelled: number;
  pending: number;
  skipped: number;
}

export function reportCounts(lines: readonly ReportLine[]): ReportCounts {
  const counts: ReportCounts = { total: lines.length, sent: 0, failed: 0, cancelled: 0, pending: 0, skipped: 0 };
  for (const line of lines) counts[line.status]++;
  return counts;
}
