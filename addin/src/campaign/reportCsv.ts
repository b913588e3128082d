/** The pane's CSV exports: the campaign report and the pre-flight checks, in the reader's language. */
import { toCsv } from '../../../shared/src/csv/toCsv.js';
import type { Translator } from '../../../shared/src/i18n/translate.js';
import type { ReportLine } from './campaignReport.js';
import type { Finding } from './planCampaign.js';
import { describeFinding, reportStatusText } from './describe.js';

/** The report as CSV, every row of the list, headers in the reader's language (formula cells neutralised by toCsv). */
export function reportCsv(lines: readonly ReportLine[], t: Translator): string {
  return toCsv(
    [t('report.csv.row'), t('report.csv.to'), t('report.csv.cc'), t('report.csv.bcc'), t('report.csv.subject'), t('report.csv.status'), t('report.csv.detail')],
    lines.map((line) => [line.row, line.to, line.cc.join('; '), line.bcc.join('; '), line.subject, reportStatusText(line, t), line.failure?.message ?? '']),
  );
}

/** Every pre-flight finding as CSV. */
export function findingsCsv(findings: readonly Finding[], t: Translator): string {
  return toCsv(
    [t('report.csv.row'), t('problems.csvFinding')],
    findings.map((finding) => [finding.row, describeFinding(finding, t)]),
  );
}
