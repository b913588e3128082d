/**
 * Pre-flight (M4) and message planning, pure: from the compiled template and the recipient rows,
 * the messages that will be sent and the findings that name their row. Row numbers are the
 * spreadsheet's (the header is row 1, the first recipient row 2).
 */
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { plainTextValue, type CompiledTemplate, type MergeRow } from '../../../shared/src/merge/mergeTemplate.js';

export interface PlannedMessage {
  row: number;
  to: string;
  subject: string;
  html: string;
}

export type Finding =
  | { kind: 'missing_address'; row: number }
  | { kind: 'invalid_address'; row: number; address: string }
  | { kind: 'duplicate'; row: number; address: string; firstRow: number }
  | { kind: 'empty_fields'; row: number; fields: string[] };

export interface CampaignPlan {
  messages: PlannedMessage[];
  findings: Finding[];
  /** Rows that will not be sent, with the finding that excludes them. */
  excluded: Map<number, Finding>;
}

export const FIRST_DATA_ROW = 2;

export function planCampaign(input: { template: CompiledTemplate; rows: readonly MergeRow[]; emailColumn: string; footerHtml: string | null }): CampaignPlan {
  const messages: PlannedMessage[] = [];
  const findings: Finding[] = [];
  const excluded = new Map<number, Finding>();
  const firstRowByAddress = new Map<string, number>();

  input.rows.forEach((data, index) => {
    const row = index + FIRST_DATA_ROW;
    const raw = plainTextValue(data[input.emailColumn] ?? '').trim();
    const exclude = (finding: Finding) => {
      findings.push(finding);
      excluded.set(row, finding);
    };
    if (raw === '') return exclude({ kind: 'missing_address', row });
    const address = normalizeEmail(raw);
    if (!address.ok) return exclude({ kind: 'invalid_address', row, address: raw });
    const firstRow = firstRowByAddress.get(address.canonical);
    if (firstRow !== undefined) return exclude({ kind: 'duplicate', row, address: address.display, firstRow });
    firstRowByAddress.set(address.canonical, row);

    const empty = input.template.emptyFields(data);
    if (empty.length > 0) findings.push({ kind: 'empty_fields', row, fields: empty });
    const rendered = input.template.render(data, { footerHtml: input.footerHtml });
    messages.push({ row, to: address.display, subject: rendered.subject, html: rendered.html });
  });
  return { messages, findings, excluded };
}
