/** Turns findings and template problems into the sentences the pane shows. */
import type { Translator } from '#shared/i18n/translate.js';
import { mergeFieldTag, type TemplateProblem } from '#shared/merge/mergeTemplate.js';
import type { RowState } from './campaign.js';
import type { ReportLine } from './campaignReport.js';
import type { Finding } from './planCampaign.js';
import type { RecipientListProblem } from './recipientList.js';

/** A template problem in words: where it is, as the reader of the message sees the text around it, and what to do. */
export function describeProblem(problem: TemplateProblem, t: Translator): string {
  const part = t(problem.part === 'subject' ? 'problems.part.subject' : 'problems.part.body');
  const params = {
    part,
    tag: problem.tag,
    excerpt: `${problem.before}${problem.tag}${problem.after}`,
    field: problem.field ?? '',
  };
  switch (problem.code) {
    case 'UNKNOWN_FIELD': {
      const suggestion = problem.suggestion === undefined ? null : mergeFieldTag(problem.suggestion);
      const unknown = t('problems.unknownField', params);
      return suggestion ? `${unknown} ${t('problems.didYouMean', { suggestion })}` : unknown;
    }
    case 'UNSUPPORTED_TAG':
      return t('problems.unsupportedTag', params);
    case 'UNCLOSED_CONDITION':
      return t('problems.unclosedCondition', params);
    case 'UNEXPECTED_ELSE':
      return t('problems.unexpectedElse', params);
    case 'UNEXPECTED_END':
      return t('problems.unexpectedEnd', params);
    case 'SYNTAX_ERROR':
      return t('problems.syntax', params);
  }
}

export function describeFinding(finding: Finding, t: Translator): string {
  switch (finding.kind) {
    case 'missing_address':
      return t('problems.missingAddress', { row: finding.row });
    case 'invalid_address':
      return t('problems.invalidAddress', { row: finding.row, address: finding.address });
    case 'duplicate':
      return t('problems.duplicate', { row: finding.row, address: finding.address, first: finding.firstRow });
    case 'empty_fields':
      return t('problems.emptyField', {
        row: finding.row,
        fields: finding.fields.join(', '),
        example: finding.fields[0] ?? '',
      });
    case 'too_many_recipients':
      return t('problems.tooManyRecipients', { row: finding.row, count: finding.count });
    case 'missing_attachment':
      return t('problems.missingAttachment', { row: finding.row, name: finding.name });
    case 'attachment_too_large':
      return t('problems.attachmentTooLarge', { row: finding.row, name: finding.name });
    case 'excluded_by_sender':
      return t('problems.excludedBySender', { row: finding.row });
    case 'outside_part':
      return t(`problems.outsidePart.${finding.of}`, { row: finding.row });
    case 'suppressed':
      return t(`problems.suppressed.${finding.reason}`, { row: finding.row, address: finding.address });
  }
}

/** Why a row was left out before sending, as the report says it. */
export function skipReason(finding: Finding, t: Translator): string {
  switch (finding.kind) {
    case 'missing_address':
      return t('report.skip.missing_address');
    case 'invalid_address':
      return t('report.skip.invalid_address', { address: finding.address });
    case 'duplicate':
      return t('report.skip.duplicate', { first: finding.firstRow });
    case 'empty_fields':
      return t('report.skip.empty_fields', { fields: finding.fields.join(', ') });
    case 'too_many_recipients':
      return t('report.skip.too_many_recipients', { count: finding.count });
    case 'missing_attachment':
      return t('report.skip.missing_attachment', { name: finding.name });
    case 'attachment_too_large':
      return t('report.skip.attachment_too_large', { name: finding.name });
    case 'excluded_by_sender':
      return t('report.skip.excluded_by_sender');
    case 'outside_part':
      return t(`report.skip.outside_part.${finding.of}`);
    case 'suppressed':
      return t(`report.skip.suppressed.${finding.reason}`);
  }
}

/** A report line's status and reason. */
export function reportStatusText(line: ReportLine, t: Translator, formatTime?: (at: number) => string): string {
  switch (line.status) {
    case 'sent':
      // A scheduled row: accepted by Exchange, which keeps it until its time.
      return line.heldUntil !== undefined && formatTime
        ? t('report.scheduled', { time: formatTime(line.heldUntil) })
        : t('report.sent');
    case 'failed':
      return line.failure
        ? t('common.labelled', { label: t('report.failed'), value: t(`report.reason.${line.failure.reason}`) })
        : t('report.failed');
    case 'cancelled':
      return t('report.cancelled');
    case 'skipped':
      return line.skipped
        ? t('common.labelled', { label: t('report.skipped'), value: skipReason(line.skipped, t) })
        : t('report.skipped');
    default:
      return t('report.notYet');
  }
}

/** What the pane says after a test send to `address`: sent, or why not. */
export function testSendOutcome(state: RowState, address: string, t: Translator): { ok: boolean; text: string } {
  if (state.status === 'sent') return { ok: true, text: t('preview.testSent', { address }) };
  const why =
    state.status !== 'failed'
      ? t('report.reason.budget')
      : state.reason === 'send_as_denied'
        ? t('send.sendAsDenied')
        : state.reason === 'rejected' && state.message
          ? state.message
          : t(`report.reason.${state.reason}`);
  return { ok: false, text: t('preview.testNotSent', { message: why }) };
}

/** Why a recipient list cannot be used, and what to do about it. */
export function describeListProblem(problem: RecipientListProblem, t: Translator): string {
  switch (problem.code) {
    case 'NO_EMAIL_COLUMN':
      return t('recipients.noEmailColumn', { file: problem.fileName });
    case 'MOSTLY_INVALID_ADDRESSES':
      return t('recipients.mostlyInvalid', {
        file: problem.fileName,
        column: problem.column,
        invalid: problem.invalid,
        total: problem.total,
        example: problem.example,
      });
    case 'NO_ROWS':
      return t('recipients.noRows', { file: problem.fileName });
    case 'EMPTY_SHEET':
      return t('recipients.emptySheet', { file: problem.fileName, sheet: problem.sheet });
    case 'NOT_CSV':
      return t('recipients.notCsv', { file: problem.fileName });
    case 'CONTACTS_FAILED':
      return t('recipients.contactsFailed', { message: problem.message });
    case 'PARSE_ERROR':
      return t('recipients.parseError', { file: problem.fileName, message: problem.message });
  }
}
