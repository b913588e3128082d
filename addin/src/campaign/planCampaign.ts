/**
 * Pre-flight (M4) and message planning, pure: from the compiled template and the recipient rows,
 * the messages that will be sent and the findings that name their row. Row numbers are the
 * spreadsheet's (the header is row 1, the first recipient row 2).
 *
 * Every row is checked (addresses, files, size, empty fields), which is cheap; a message is
 * rendered only when it is asked for — the previewed row, the test send, each row as it is sent —
 * by `PlannedMessages`: rendering every message up front took seconds at 100,000 rows and held
 * all their bodies in memory. `planCampaignInSlices` does the checks in slices that give the UI
 * thread back between them.
 */
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import { plainTextValue, type CompiledTemplate, type MergeRow } from '#shared/merge/mergeTemplate.js';
import type { Envelope, MessageSource, OutgoingMessage } from './outgoingMessage.js';
import { imagesShownIn, usableInlineImages, type InlineImage } from './inlineImages.js';
import { inSlices, type SliceOptions } from './slices.js';
import type { SuppressionReason } from '../inbox/suppressionList.js';
import type { CampaignPart } from './campaignRecords.js';

export type Finding =
  | { kind: 'missing_address'; row: number }
  | { kind: 'invalid_address'; row: number; address: string }
  | { kind: 'duplicate'; row: number; address: string; firstRow: number }
  | { kind: 'empty_fields'; row: number; fields: string[] }
  | { kind: 'too_many_recipients'; row: number; count: number }
  | { kind: 'missing_attachment'; row: number; name: string }
  | { kind: 'attachment_too_large'; row: number; name: string }
  /** The sender took the row out of this campaign. */
  | { kind: 'excluded_by_sender'; row: number }
  /** The campaign goes to part of the list (a follow-up, a re-run) and this row is not in it: no finding to look at, a report line. */
  | { kind: 'outside_part'; row: number; of: CampaignPart }
  /** The address is on the mailbox's suppression list (inbox/suppressionList.ts): it unsubscribed or bounced. */
  | { kind: 'suppressed'; row: number; address: string; reason: SuppressionReason };

export interface CampaignPlan {
  /** The rows that will be sent, in sending order, checked; each message rendered when asked for. */
  messages: PlannedMessages;
  /** In row order. */
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
  /** A campaign to part of the list: the rows outside it. */
  part?: { of: CampaignPart; outside: ReadonlySet<number> } | null;
  /** Canonical addresses to leave out, and why (the mailbox's suppression list). */
  suppressed?: ReadonlyMap<string, SuppressionReason>;
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
export function attachmentPlan(
  rows: readonly MergeRow[],
  column: string | null | undefined,
  available: readonly AvailableAttachment[],
) {
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

const NO_ADDRESSES: { valid: string[]; invalid: string | null } = Object.freeze({
  valid: [] as string[],
  invalid: null,
});

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

/** A row that passed the checks: its envelope, and the row's values its message is rendered from. */
export interface CheckedRow extends Envelope {
  data: MergeRow;
}

interface CheckResult {
  valid: CheckedRow[];
  findings: Finding[];
  excluded: Map<number, Finding>;
}

/**
 * The pre-flight of one row at a time, in the list's order (duplicates are found against the rows
 * before): `check(index)` for each index, then `result`. `onValid` is told of each row that goes,
 * before the next is checked.
 */
function recipientChecker(
  rows: readonly MergeRow[],
  mapping: ColumnMapping,
  available: readonly AvailableAttachment[],
  onValid?: (checked: CheckedRow, findings: Finding[]) => void,
) {
  // Inline images are part of the body, not files a row can name or everyone gets.
  const attachments = attachmentPlan(
    rows,
    mapping.attachmentColumn,
    available.filter((a) => !a.isInline),
  );
  const result: CheckResult = { valid: [], findings: [], excluded: new Map() };
  const firstRowByAddress = new Map<string, number>();
  const exclude = (row: number, finding: Finding) => {
    result.findings.push(finding);
    result.excluded.set(row, finding);
  };
  // The files every row gets, worked out once: this runs for each of up to 100,000 rows.
  const commonNames = attachments.common.map((a) => a.name);
  const commonBytes = attachments.common.reduce((sum, a) => sum + encodedSize(a.size), 0);
  const largest = (files: readonly AvailableAttachment[]) =>
    files.reduce<AvailableAttachment | undefined>((big, a) => (big && big.size >= a.size ? big : a), undefined);
  const commonTooLarge = commonBytes > MAX_MESSAGE_BYTES ? largest(attachments.common) : undefined;
  const perRowFiles = Boolean(mapping.attachmentColumn);
  const check = (index: number): void => {
    const data = rows[index]!;
    const row = index + FIRST_DATA_ROW;
    // Outside a follow-up or a re-run: left out, but not a finding for the sender to look at (thousands of them otherwise).
    if (mapping.part?.outside.has(row))
      return void result.excluded.set(row, { kind: 'outside_part', row, of: mapping.part.of });
    if (mapping.excludedRows?.has(row)) return exclude(row, { kind: 'excluded_by_sender', row });
    const cell = plainTextValue(data[mapping.emailColumn] ?? '');
    // trim() copies; most cells have nothing to trim.
    const raw =
      cell.length > 0 && (mayBeSpace(cell.charCodeAt(0)) || mayBeSpace(cell.charCodeAt(cell.length - 1)))
        ? cell.trim()
        : cell;
    if (raw === '') return exclude(row, { kind: 'missing_address', row });
    const address = normalizeEmail(raw);
    if (!address.ok) return exclude(row, { kind: 'invalid_address', row, address: raw });
    const suppressed = mapping.suppressed?.get(address.canonical);
    if (suppressed) return exclude(row, { kind: 'suppressed', row, address: address.display, reason: suppressed });
    const cc = mapping.ccColumn ? addressList(data[mapping.ccColumn]) : NO_ADDRESSES;
    if (cc.invalid !== null) return exclude(row, { kind: 'invalid_address', row, address: cc.invalid });
    const bcc = mapping.bccColumn ? addressList(data[mapping.bccColumn]) : NO_ADDRESSES;
    if (bcc.invalid !== null) return exclude(row, { kind: 'invalid_address', row, address: bcc.invalid });
    const count = 1 + cc.valid.length + bcc.valid.length;
    if (count > MAX_RECIPIENTS_PER_MESSAGE) return exclude(row, { kind: 'too_many_recipients', row, count });
    let files = commonNames;
    let tooLarge = commonTooLarge;
    if (perRowFiles) {
      const own = attachments.named(data);
      if (own.length > 0) {
        files = [...commonNames];
        const added: AvailableAttachment[] = [];
        for (const name of own) {
          const file = attachments.byName.get(name.toLocaleLowerCase());
          if (!file) return exclude(row, { kind: 'missing_attachment', row, name });
          if (!files.includes(file.name)) {
            files.push(file.name);
            added.push(file);
          }
        }
        if (!tooLarge && added.reduce((sum, a) => sum + encodedSize(a.size), commonBytes) > MAX_MESSAGE_BYTES)
          tooLarge = largest([...attachments.common, ...added]);
      }
    }
    if (tooLarge) return exclude(row, { kind: 'attachment_too_large', row, name: tooLarge.name });
    const firstRow = firstRowByAddress.get(address.canonical);
    if (firstRow !== undefined) return exclude(row, { kind: 'duplicate', row, address: address.display, firstRow });
    firstRowByAddress.set(address.canonical, row);
    const checked: CheckedRow = { row, data, to: address.display, cc: cc.valid, bcc: bcc.valid, attachments: files };
    result.valid.push(checked);
    onValid?.(checked, result.findings);
  };
  return { check, result };
}

/** Pre-flight of the recipients alone: addresses, CC/BCC, size, duplicates. Nothing is rendered. */
export function checkRecipients(
  rows: readonly MergeRow[],
  mapping: ColumnMapping,
  available: readonly AvailableAttachment[] = [],
): CheckResult {
  const checker = recipientChecker(rows, mapping, available);
  for (let index = 0; index < rows.length; index++) checker.check(index);
  return checker.result;
}

export interface PlanInput extends ColumnMapping {
  template: CompiledTemplate;
  rows: readonly MergeRow[];
  footerHtml: string | null;
  /** The unsubscribe line (inbox/unsubscribe.ts), above the footer; null without one. */
  unsubscribeHtml?: string | null;
  attachments?: readonly AvailableAttachment[];
  /**
   * The template's body as written: the pictures it shows (`cid:`) are read from it. A merged
   * value cannot make one (values are escaped, and a field in a source attribute becomes "#"
   * unless http(s)), so a message can only show pictures its template names. Without it, every
   * usable picture is taken to be shown somewhere.
   */
  bodyHtml?: string;
}

/**
 * A campaign's messages: the rows that go, in sending order, each rendered when asked for (and
 * not kept: the runner renders a row as it sends it, once).
 */
export class PlannedMessages implements MessageSource {
  private byRow: Map<number, CheckedRow> | null = null;
  /** Content ids of the inline pictures the template shows, somewhere: the superset of any message's. */
  readonly pictures: readonly string[];

  constructor(
    /** In sending order. */
    readonly checked: readonly CheckedRow[],
    private readonly template: CompiledTemplate | null,
    private readonly footerHtml: string | null,
    private readonly images: readonly InlineImage[],
    bodyHtml?: string,
  ) {
    this.pictures = bodyHtml === undefined ? images.map((image) => image.contentId) : imagesShownIn(bodyHtml, images);
  }

  get length(): number {
    return this.checked.length;
  }

  /** The rows, in sending order. */
  rows(): number[] {
    return this.checked.map((checked) => checked.row);
  }

  envelope(row: number): CheckedRow | undefined {
    this.byRow ??= new Map(this.checked.map((checked) => [checked.row, checked]));
    return this.byRow.get(row);
  }

  /** The row's message, rendered now. */
  get(row: number): OutgoingMessage | undefined {
    const checked = this.envelope(row);
    return checked ? this.render(checked) : undefined;
  }

  /** No messages: a template that does not compile plans none. */
  static none(): PlannedMessages {
    return new PlannedMessages([], null, null, []);
  }

  render({ row, data, to, cc, bcc, attachments }: CheckedRow): OutgoingMessage {
    if (!this.template) throw new Error('No message can be rendered without a template.');
    const rendered = this.template.render(data, { footerHtml: this.footerHtml });
    const inline = this.images.length > 0 ? imagesShownIn(rendered.html, this.images) : [];
    return {
      row,
      to,
      cc,
      bcc,
      attachments,
      ...(inline.length > 0 ? { inline } : {}),
      subject: rendered.subject,
      html: rendered.html,
    };
  }
}

function planner(input: PlanInput) {
  const images = usableInlineImages(input.attachments ?? []);
  const checker = recipientChecker(input.rows, input, input.attachments ?? [], (checked, findings) => {
    const empty = input.template.emptyFields(checked.data);
    if (empty.length > 0) findings.push({ kind: 'empty_fields', row: checked.row, fields: empty });
  });
  const footer =
    [input.unsubscribeHtml, input.footerHtml].filter((part): part is string => Boolean(part)).join('') || null;
  const plan = (): CampaignPlan => ({
    messages: new PlannedMessages(checker.result.valid, input.template, footer, images, input.bodyHtml),
    findings: checker.result.findings,
    excluded: checker.result.excluded,
  });
  return { check: checker.check, plan };
}

/** Checks every row; renders nothing (findings come in row order). */
export function planCampaign(input: PlanInput): CampaignPlan {
  const { check, plan } = planner(input);
  for (let index = 0; index < input.rows.length; index++) check(index);
  return plan();
}

/** The same plan, checked in slices that give the UI thread back between them; `onProgress` counts rows. */
export async function planCampaignInSlices(input: PlanInput, options: SliceOptions = {}): Promise<CampaignPlan> {
  const { check, plan } = planner(input);
  await inSlices(input.rows.length, check, options);
  return plan();
}
