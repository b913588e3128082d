/**
 * Pre-flight (M4) and message planning, pure: from the compiled template and the recipient rows,
 * the messages that will be sent and the findings that name their row. Row numbers are the
 * spreadsheet's (the header is row 1, the first recipient row 2).
 */
import { normalizeEmail } from '../../../shared/src/email/normalizeEmail.js';
import { plainTextValue, type CompiledTemplate, type MergeRow } from '../../../shared/src/merge/mergeTemplate.js';
import type { OutgoingMessage } from './outgoingMessage.js';
import { imagesShownIn, usableInlineImages } from './inlineImages.js';

export type PlannedMessage = OutgoingMessage;

export type Finding =
  | { kind: 'missing_address'; row: number }
  | { kind: 'invalid_address'; row: number; address: string }
  | { kind: 'duplicate'; row: number; address: string; firstRow: number }
  | { kind: 'empty_fields'; row: number; fields: string[] }
  | { kind: 'too_many_recipients'; row: number; count: number }
  | { kind: 'missing_attachment'; row: number; name: string }
  | { kind: 'attachment_too_large'; row: number; name: string }
  /** The sender took the row out of this campaign. */
  | { kind: 'excluded_by_sender'; row: number };

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
  /** Column naming each row's files (separated by ; or ,), matched against the draft's attachments. */
  attachmentColumn?: string | null;
  /** Rows the sender excluded by hand. */
  excludedRows?: ReadonlySet<number>;
}

export interface AvailableAttachment {
  name: string;
  size: number;
  /** An inline image of the body (not a file): it goes with the messages whose body shows it. */
  isInline?: boolean;
  contentId?: string | null;
}

export const FIRST_DATA_ROW = 2;
/** Exchange Online refuses a message with more recipients than this. */
export const MAX_RECIPIENTS_PER_MESSAGE = 500;
/**
 * Exchange Online refuses a message over 35 MB by default, counted after base64 encoding (a third
 * more than the files' bytes). Files of any size up to that go, large ones by upload session.
 */
export const MAX_MESSAGE_BYTES = 35 * 1024 * 1024;
const encodedSize = (bytes: number) => Math.ceil(bytes / 3) * 4;

/**
 * Which draft attachments a row gets: the files its cell names, plus every draft attachment that
 * no row names (those are for everyone). Names compare case-insensitively.
 */
export function attachmentPlan(rows: readonly MergeRow[], column: string | null | undefined, available: readonly AvailableAttachment[]) {
  const byName = new Map(available.map((a) => [a.name.toLocaleLowerCase(), a]));
  const named = (data: MergeRow) =>
    column
      ? (data[column] ?? '')
          .split(/[;,]/)
          .map((n) => n.trim())
          .filter((n) => n !== '')
      : [];
  const referenced = new Set<string>();
  if (column) for (const data of rows) for (const name of named(data)) referenced.add(name.toLocaleLowerCase());
  const common = available.filter((a) => !referenced.has(a.name.toLocaleLowerCase()));
  return { named, byName, common };
}

/** White space is ASCII control or space, or non-ASCII: anything else certainly is not. */
function mayBeSpace(code: number): boolean {
  return code <= 32 || code >= 127;
}

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
  attachments: string[];
}

/** Pre-flight of the recipients alone: addresses, CC/BCC, size, duplicates. Nothing is rendered. */
export function checkRecipients(
  rows: readonly MergeRow[],
  mapping: ColumnMapping,
  available: readonly AvailableAttachment[] = [],
): { valid: CheckedRow[]; findings: Finding[]; excluded: Map<number, Finding> } {
  // Inline images are part of the body, not files a row can name or everyone gets.
  const attachments = attachmentPlan(
    rows,
    mapping.attachmentColumn,
    available.filter((a) => !a.isInline),
  );
  const valid: CheckedRow[] = [];
  const findings: Finding[] = [];
  const excluded = new Map<number, Finding>();
  const firstRowByAddress = new Map<string, number>();
  const exclude = (row: number, finding: Finding) => {
    findings.push(finding);
    excluded.set(row, finding);
  };
  // The files every row gets, worked out once: this loop runs for each of up to 100,000 rows.
  const commonNames = attachments.common.map((a) => a.name);
  const commonBytes = attachments.common.reduce((sum, a) => sum + encodedSize(a.size), 0);
  const largest = (files: readonly AvailableAttachment[]) => files.reduce<AvailableAttachment | undefined>((big, a) => (big && big.size >= a.size ? big : a), undefined);
  const commonTooLarge = commonBytes > MAX_MESSAGE_BYTES ? largest(attachments.common) : undefined;
  const perRowFiles = Boolean(mapping.attachmentColumn);
  for (let index = 0; index < rows.length; index++) {
    const data = rows[index]!;
    const row = index + FIRST_DATA_ROW;
    if (mapping.excludedRows?.has(row)) {
      exclude(row, { kind: 'excluded_by_sender', row });
      continue;
    }
    const cell = plainTextValue(data[mapping.emailColumn] ?? '');
    // trim() copies; most cells have nothing to trim.
    const raw = cell.length > 0 && (mayBeSpace(cell.charCodeAt(0)) || mayBeSpace(cell.charCodeAt(cell.length - 1))) ? cell.trim() : cell;
    if (raw === '') {
      exclude(row, { kind: 'missing_address', row });
      continue;
    }
    const address = normalizeEmail(raw);
    if (!address.ok) {
      exclude(row, { kind: 'invalid_address', row, address: raw });
      continue;
    }
    const cc = mapping.ccColumn ? addressList(data[mapping.ccColumn]) : NO_ADDRESSES;
    if (cc.invalid !== null) {
      exclude(row, { kind: 'invalid_address', row, address: cc.invalid });
      continue;
    }
    const bcc = mapping.bccColumn ? addressList(data[mapping.bccColumn]) : NO_ADDRESSES;
    if (bcc.invalid !== null) {
      exclude(row, { kind: 'invalid_address', row, address: bcc.invalid });
      continue;
    }
    const count = 1 + cc.valid.length + bcc.valid.length;
    if (count > MAX_RECIPIENTS_PER_MESSAGE) {
      exclude(row, { kind: 'too_many_recipients', row, count });
      continue;
    }
    let files = commonNames;
    let tooLarge = commonTooLarge;
    if (perRowFiles) {
      const own = attachments.named(data);
      if (own.length > 0) {
        files = [...commonNames];
        const added: AvailableAttachment[] = [];
        let missing: string | null = null;
        for (const name of own) {
          const file = attachments.byName.get(name.toLocaleLowerCase());
          if (!file) {
            missing = name;
            break;
          }
          if (!files.includes(file.name)) {
            files.push(file.name);
            added.push(file);
          }
        }
        if (missing !== null) {
          exclude(row, { kind: 'missing_attachment', row, name: missing });
          continue;
        }
        if (!tooLarge && added.reduce((sum, a) => sum + encodedSize(a.size), commonBytes) > MAX_MESSAGE_BYTES) tooLarge = largest([...attachments.common, ...added]);
      }
    }
    if (tooLarge) {
      exclude(row, { kind: 'attachment_too_large', row, name: tooLarge.name });
      continue;
    }
    const firstRow = firstRowByAddress.get(address.canonical);
    if (firstRow !== undefined) {
      exclude(row, { kind: 'duplicate', row, address: address.display, firstRow });
      continue;
    }
    firstRowByAddress.set(address.canonical, row);
    valid.push({ row, data, to: address.display, cc: cc.valid, bcc: bcc.valid, attachments: files });
  }
  return { valid, findings, excluded };
}

export function planCampaign(input: { template: CompiledTemplate; rows: readonly MergeRow[]; footerHtml: string | null; attachments?: readonly AvailableAttachment[] } & ColumnMapping): CampaignPlan {
  const checked = checkRecipients(input.rows, input, input.attachments ?? []);
  const images = usableInlineImages(input.attachments ?? []);
  const findings = [...checked.findings];
  const messages = checked.valid.map(({ row, data, to, cc, bcc, attachments }): PlannedMessage => {
    const empty = input.template.emptyFields(data);
    if (empty.length > 0) findings.push({ kind: 'empty_fields', row, fields: empty });
    const rendered = input.template.render(data, { footerHtml: input.footerHtml });
    const inline = imagesShownIn(rendered.html, images);
    return { row, to, cc, bcc, attachments, ...(inline.length > 0 ? { inline } : {}), subject: rendered.subject, html: rendered.html };
  });
  findings.sort((a, b) => a.row - b.row);
  return { messages, findings, excluded: checked.excluded };
}

