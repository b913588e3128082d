/**
 * The campaign report (M8): every row of the recipient list — sent, failed, cancelled, and the
 * rows left out before sending — with its status and reason, in pages; the CSV export has them
 * all; failed rows can be retried (each keeps its identity, see campaign.ts `retryState`).
 * Only the page shown is made into lines; the export is written in slices.
 */
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { useMemo, useState, type ReactNode } from 'react';
import { CampaignReport } from '../campaign/campaignReport.js';
import type { CampaignView } from '../campaign/campaignSession.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { saveCsv } from '../browser/saveFile.js';
import { reportStatusText } from '../campaign/describe.js';
import { formatDateTime } from '#shared/i18n/translate.js';
import { reportCsvInSlices } from '../campaign/reportCsv.js';
import { Pager, usePageRange } from './Pager.js';
import { StepHeading } from './StepHeading.js';

const PAGE_ROWS = 50;

const useStyles = makeStyles({
  rowNumber: { width: '44px' },
  status: { width: '38%' },
  /** Addresses, and Exchange's reasons (RESOLVER.ADR.RecipNotFound), break anywhere in the narrow pane rather than widen it. */
  address: { overflowWrap: 'anywhere' },
});

export function ReportStep({
  campaign,
  onRetryFailed,
  onClose,
  retryLabel,
  closeLabel,
  rowNote,
  children,
}: {
  campaign: Pick<CampaignView, 'definition' | 'ledger' | 'messages' | 'excluded'>;
  onRetryFailed: (() => void) | null;
  onClose: () => void;
  /** The history's labels: a re-run as a new campaign, back to the list. */
  retryLabel?: (failed: number) => string;
  closeLabel?: string;
  /** What the mailbox says of a sent row (inbox/: delivery, reply), added to its status. */
  rowNote?: ((row: number) => string | null) | undefined;
  /** More about the campaign under the buttons (inbox/InboxReport.tsx). */
  children?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const { definition, ledger, messages, excluded } = campaign;
  const report = useMemo(
    () =>
      new CampaignReport({ rows: definition.rows, emailColumn: definition.emailColumn, ledger, messages, excluded }),
    [definition, ledger, messages, excluded],
  );
  const counts = useMemo(() => report.counts(), [report]);
  const pages = usePageRange(report.length, PAGE_ROWS);
  const shown = useMemo(() => report.lines(pages.first, PAGE_ROWS), [report, pages.first]);
  const [exporting, setExporting] = useState(false);
  const exportCsv = async () => {
    setExporting(true);
    try {
      saveCsv(
        `outmerge-report-${ledger.id.slice(0, 8)}.csv`,
        await reportCsvInSlices(report, t, (at) => formatDateTime(at, locale)),
      );
    } finally {
      setExporting(false);
    }
  };
  return (
    <section aria-labelledby="step-report">
      <StepHeading id="step-report" title={t('report.title')} visible />
      <Text size={200} data-testid="report-totals">
        {t('report.totalsAll', {
          total: counts.total,
          sent: counts.sent,
          failed: counts.failed,
          cancelled: counts.cancelled,
          skipped: counts.skipped,
        })}
      </Text>
      <div className={mergeClasses(layout.rowWrap, layout.spacedS)}>
        <Button size="small" disabled={exporting} onClick={() => void exportCsv()} data-testid="report-export">
          {t('report.export')}
        </Button>
        {counts.failed > 0 && onRetryFailed && (
          <Button size="small" appearance="primary" onClick={onRetryFailed} data-testid="retry-failed">
            {retryLabel ? retryLabel(counts.failed) : t('report.retryFailed', { count: counts.failed })}
          </Button>
        )}
        <Button size="small" onClick={onClose} data-testid="close-report">
          {closeLabel ?? t('report.newCampaign')}
        </Button>
      </div>
      {children}
      <Table size="extra-small" aria-label={t('report.title')} data-testid="report-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className={styles.rowNumber}>{t('report.row')}</TableHeaderCell>
            <TableHeaderCell>{t('preview.to')}</TableHeaderCell>
            <TableHeaderCell className={styles.status}>{t('report.status')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((line) => (
            <TableRow key={line.row} data-testid={`report-row-${line.row}`}>
              <TableCell>{line.row}</TableCell>
              <TableCell className={styles.address}>{line.to}</TableCell>
              <TableCell className={styles.address}>
                {[reportStatusText(line, t, (at) => formatDateTime(at, locale)), rowNote?.(line.row)]
                  .filter(Boolean)
                  .join(' — ')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Pager
        page={pages.page}
        pages={pages.pages}
        total={report.length}
        first={pages.first}
        shownCount={shown.length}
        onPage={pages.setPage}
        label={t('report.title')}
        testId="report-pages"
      />
    </section>
  );
}
