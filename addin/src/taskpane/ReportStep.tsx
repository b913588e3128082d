/**
 * The campaign report (M8): every row of the recipient list — sent, failed, cancelled, and the
 * rows left out before sending — with its status and reason, in pages; the CSV export has them
 * all; failed rows can be retried (each keeps its identity, see campaign.ts `retryState`).
 */
import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useMemo } from 'react';
import { campaignReport, reportCounts } from '../campaign/campaignReport.js';
import type { CampaignView } from '../campaign/campaignSession.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { downloadCsv, reportCsv } from './csvExports.js';
import { reportStatusText } from './describe.js';
import { Pager, usePages } from './Pager.js';
import { StepHeading } from './StepHeading.js';

const PAGE_ROWS = 50;

export function ReportStep({ campaign, onRetryFailed, onClose }: { campaign: CampaignView; onRetryFailed: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const { definition, ledger, messages, excluded } = campaign;
  const lines = useMemo(() => campaignReport({ rows: definition.rows, emailColumn: definition.emailColumn, ledger, messages, excluded }), [definition, ledger, messages, excluded]);
  const counts = reportCounts(lines);
  const pages = usePages(lines, PAGE_ROWS);
  return (
    <section aria-labelledby="step-report">
      <StepHeading id="step-report" title={t('report.title')} visible />
      <Text size={200} data-testid="report-totals">
        {t('report.totalsAll', { total: counts.total, sent: counts.sent, failed: counts.failed, cancelled: counts.cancelled, skipped: counts.skipped })}
      </Text>
      <div style={{ display: 'flex', gap: 8, margin: '8px 0', flexWrap: 'wrap' }}>
        <Button size="small" onClick={() => downloadCsv(`outmerge-report-${ledger.id.slice(0, 8)}.csv`, reportCsv(lines, t))} data-testid="report-export">
          {t('report.export')}
        </Button>
        {counts.failed > 0 && (
          <Button size="small" appearance="primary" onClick={onRetryFailed} data-testid="retry-failed">
            {t('report.retryFailed', { count: counts.failed })}
          </Button>
        )}
        <Button size="small" onClick={onClose} data-testid="close-report">
          {t('report.newCampaign')}
        </Button>
      </div>
      <Table size="extra-small" aria-label={t('report.title')} data-testid="report-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell style={{ width: 44 }}>{t('report.row')}</TableHeaderCell>
            <TableHeaderCell>{t('preview.to')}</TableHeaderCell>
            <TableHeaderCell style={{ width: '38%' }}>{t('report.status')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {pages.shown.map((line) => (
            <TableRow key={line.row} data-testid={`report-row-${line.row}`}>
              <TableCell>{line.row}</TableCell>
              <TableCell style={{ overflowWrap: 'anywhere' }}>{line.to}</TableCell>
              <TableCell>{reportStatusText(line, t)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Pager page={pages.page} pages={pages.pages} total={lines.length} first={pages.first} shownCount={pages.shown.length} onPage={pages.setPage} label={t('report.title')} testId="report-pages" />
    </section>
  );
}
