/**
 * The pane's CSV exports: the campaign report and the pre-flight checks, in the reader's language.
 * Long ones are written in slices (`…InSlices`): 100,000 lines, each with its subject rendered,
 * take seconds, which the pane's UI thread must not spend at once.
 */
import { toCsv, toCsvRows } from '#shared/csv/toCsv.js';
import type { Translator } from '#shared/i18n/translate.js';
import type { CampaignReport, ReportLine } from './campaignReport.js';
import type { Finding } from './planCampaign.js';
import { describeFinding, reportStatusText } from './describe.js';
import { inSlices, type SliceOptions } from './slices.js';

const reportHeader = (t: Translator) => [
  t('report.csv.row'),
  t('report.csv.to'),
  t('report.csv.cc'),
  t('report.csv.bcc'),
  t('report.csv.subject'),
  t('report.csv.status'),
  t('report.csv.detail'),
];
/** How a scheduled row's time is written: ISO 8601 in UTC unless the caller gives the reader's own format. */
export type TimeFormat = (at: number) => string;
const isoTime: TimeFormat = (at) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
const reportCells = (line: ReportLine, t: Translator, formatTime: TimeFormat) => [
  line.row,
  line.to,
  line.cc.join('; '),
  line.bcc.join('; '),
  line.subject,
  reportStatusText(line, t, formatTime),
  line.failure?.message ?? '',
];
const findingsHeader = (t: Translator) => [t('report.csv.row'), t('problems.csvFinding')];
const findingCells = (finding: Finding, t: Translator) => [finding.row, describeFinding(finding, t)];

/** The report as CSV, every row of the list, headers in the reader's language (formula cells neutralised by toCsv). */
export function reportCsv(lines: readonly ReportLine[], t: Translator, formatTime: TimeFormat = isoTime): string {
  return toCsv(
    reportHeader(t),
    lines.map((line) => reportCells(line, t, formatTime)),
  );
}

/** Every pre-flight finding as CSV. */
export function findingsCsv(findings: readonly Finding[], t: Translator): string {
  return toCsv(
    findingsHeader(t),
    findings.map((finding) => findingCells(finding, t)),
  );
}

/** Lines per CSV part. */
const PART = 1_000;

/** `count` items as the parts of one CSV file, made in slices. */
async function csvInSlices(
  header: string[],
  count: number,
  cells: (index: number) => Array<string | number>,
  options: SliceOptions,
): Promise<string[]> {
  const parts: string[] = [];
  let batch: Array<Array<string | number>> = [];
  const flush = () => {
    parts.push(parts.length === 0 ? toCsv(header, batch) : toCsvRows(batch));
    batch = [];
  };
  await inSlices(
    count,
    (index) => {
      batch.push(cells(index));
      if (batch.length === PART) flush();
    },
    options,
  );
  if (batch.length > 0 || parts.length === 0) flush();
  return parts;
}

/** The report as CSV parts (one file), with each row's subject, made in slices. */
export function reportCsvInSlices(
  report: CampaignReport,
  t: Translator,
  formatTime: TimeFormat = isoTime,
  options: SliceOptions = {},
): Promise<string[]> {
  return csvInSlices(
    reportHeader(t),
    report.length,
    (index) => reportCells(report.line(index, { subject: true }), t, formatTime),
    options,
  );
}

/** Every pre-flight finding as CSV parts (one file), made in slices. */
export function findingsCsvInSlices(
  findings: readonly Finding[],
  t: Translator,
  options: SliceOptions = {},
): Promise<string[]> {
  return csvInSlices(findingsHeader(t), findings.length, (index) => findingCells(findings[index]!, t), options);
}
