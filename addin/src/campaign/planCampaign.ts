/**
 * Pre-flight (M4) and message planning, pure: from the compiled template and the recipient rows,
 * the messages that will be sent and the findings that name their row. Row numbers are the
 * spreadsheet's (the header is row 1, the first recipient row 2).
 */
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { plainTextValue, type CompiledTemplate, type MergeRow } from '../../../shared/src/merge/mergeTemplate.js';
import type { OutgoingMessage } from './campaignRunner.js';

export type PlannedMessage = OutgoingMessage;

export type Finding =
  | { kind: 'missing_address'; row: number }
  | { kind: 'invalid_address'; row: number; address: string }
  | { kind: 'duplicate'; row: number; address: string; firstRow: number }
  | { kind: 'empty_fields'; row: number; fields: string[] }
  | { kind: 'too_many_recipients'; row: number; count: number };

export interface CampaignPlan {
  messages: PlannedMessage[];
  findings: Finding[];
  /** Rows that will not be sent, with the finding that excludes them. */
  excluded: Map<number, Finding>;
}

export interface ColumnMapping {
  emailColumn: string;
  ccColumn?: string | null;
  bccColumn?: string | null;
}

export const FIRST_DATA_ROW = 2;
/** Exchange Online refuses a message with more recipients than this. */
export const MAX_RECIPIENTS_PER_MESSAGE = 500;

/** A CC or BCC cell may hold several addresses, separated by commas or semicolons. */
function addressList(cell: string | undefined): { valid: string[]; invalid: string | null } {
  const valid: string[] = [];
  for (const part of plainTextValue(cell ?? '').split(/[;,]/)) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const address = normalizeEmail(trimmed);
    if (!address.ok) return { valid, invalid: trimmed };
    valid.push(address.display);
  }
  return { valid, invalid: null };
}

export function planCampaign(input: { template: CompiledTemplate; rows: readonly MergeRow[]; footerHtml: string | null } & ColumnMapping): CampaignPlan {
  const messages: PlannedMessage[] = [];
  const findings: Finding[] = [];
  const excluded = new Map<number, Finding>();
  const firstRowByAddress = new Map<string, number>();

  input.rows.forEach((data, index) => {
    const row = index + FIRST_DATA_ROW;
    const exclude = (finding: Finding) => {
      findings.push(finding);
      excluded.set(row, finding);
    };
    const raw = plainTextValue(data[input.emailColumn] ?? '').trim();
    if (raw === '') return exclude({ kind: 'missing_address', row });
    const address = normalizeEmail(raw);
    if (!address.ok) return exclude({ kind: 'invalid_address', row, address: raw });
    const cc = input.ccColumn ? addressList(data[input.ccColumn]) : { valid: [], invalid: null };
    if (cc.invalid !== null) return exclude({ kind: 'invalid_address', row, address: cc.invalid });
    const bcc = input.bccColumn ? addressList(data[input.bccColumn]) : { valid: [], invalid: null };
    if (bcc.invalid !== null) return exclude({ kind: 'invalid_address', row, address: bcc.invalid });
    const count = 1 + cc.valid.length + bcc.valid.length;
    if (count > MAX_RECIPIENTS_PER_MESSAGE) return exclude({ kind: 'too_many_recipients', row, count });
    const firstRow = firstRowByAddress.get(address.canonical);
    if (firstRow !== undefined) return exclude({ kind: 'duplicate', row, address: address.display, firstRow });
    firstRowByAddress.set(address.canonical, row);

    const empty = input.template.emptyFields(data);
    if (empty.length > 0) findings.push({ kind: 'empty_fields', row, fields: empty });
    const rendered = input.template.render(data, { footerHtml: input.footerHtml });
    messages.push({ row, to: address.display, cc: cc.valid, bcc: bcc.valid, subject: rendered.subject, html: rendered.html });
  });
  return { messages, findings, excluded };
}

/** Recipients a plan would use of the mailbox's 24-hour budget. */
export function recipientCount(messages: readonly PlannedMessage[]): number {
  return messages.reduce((sum, m) => sum + 1 + m.cc.length + m.bcc.length, 0);
}
