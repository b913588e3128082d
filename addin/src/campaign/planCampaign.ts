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

const NO_ADDRESSES: { valid: string[]; invalid: string | null } = Object.freeze({ valid: [] as string[], invalid: null });

/** A CC or BCC cell may hold several addresses, separated by commas or semicolons. */
function addressList(cell: string | undefined): { valid: string[]; invalid: string | null } {
  if (cell === undefined || cell.trim() === '') return NO_ADDRESSES;
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

export interface CheckedRow {
  row: number;
  data: MergeRow;
  to: string;
  cc: string[];
  bcc: string[];
}

/** Pre-flight of the recipients alone: addresses, CC/BCC, size, duplicates. Nothing is rendered. */
export function checkRecipients(rows: readonly MergeRow[], mapping: ColumnMapping): { valid: CheckedRow[]; findings: Finding[]; excluded: Map<number, Finding> } {
  const valid: CheckedRow[] = [];
  const findings: Finding[] = [];
  const excluded = new Map<number, Finding>();
  const firstRowByAddress = new Map<string, number>();
  rows.forEach((data, index) => {
    const row = index + FIRST_DATA_ROW;
    const exclude = (finding: Finding) => {
      findings.push(finding);
      excluded.set(row, finding);
    };
    const raw = plainTextValue(data[mapping.emailColumn] ?? '').trim();
    if (raw === '') return exclude({ kind: 'missing_address', row });
    const address = normalizeEmail(raw);
    if (!address.ok) return exclude({ kind: 'invalid_address', row, address: raw });
    const cc = mapping.ccColumn ? addressList(data[mapping.ccColumn]) : NO_ADDRESSES;
    if (cc.invalid !== null) return exclude({ kind: 'invalid_address', row, address: cc.invalid });
    const bcc = mapping.bccColumn ? addressList(data[mapping.bccColumn]) : NO_ADDRESSES;
    if (bcc.invalid !== null) return exclude({ kind: 'invalid_address', row, address: bcc.invalid });
    const count = 1 + cc.valid.length + bcc.valid.length;
    if (count > MAX_RECIPIENTS_PER_MESSAGE) return exclude({ kind: 'too_many_recipients', row, count });
    const firstRow = firstRowByAddress.get(address.canonical);
    if (firstRow !== undefined) return exclude({ kind: 'duplicate', row, address: address.display, firstRow });
    firstRowByAddress.set(address.canonical, row);
    valid.push({ row, data, to: address.display, cc: cc.valid, bcc: bcc.valid });
  });
  return { valid, findings, excluded };
}

export function planCampaign(input: { template: CompiledTemplate; rows: readonly MergeRow[]; footerHtml: string | null } & ColumnMapping): CampaignPlan {
  const checked = checkRecipients(input.rows, input);
  const findings = [...checked.findings];
  const messages = checked.valid.map(({ row, data, to, cc, bcc }): PlannedMessage => {
    const empty = input.template.emptyFields(data);
    if (empty.length > 0) findings.push({ kind: 'empty_fields', row, fields: empty });
    const rendered = input.template.render(data, { footerHtml: input.footerHtml });
    return { row, to, cc, bcc, subject: rendered.subject, html: rendered.html };
  });
  findings.sort((a, b) => a.row - b.row);
  return { messages, findings, excluded: checked.excluded };
}

/** Recipients a plan would use of the mailbox's 24-hour budget. */
export function recipientCount(messages: readonly PlannedMessage[]): number {
  return messages.reduce((sum, m) => sum + 1 + m.cc.length + m.bcc.length, 0);
}
