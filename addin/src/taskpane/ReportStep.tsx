/** The campaign report (M8): per-row status and reason, totals, CSV export, retry of failed rows. */
import { Button, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { toCsv } from '../../../shared/src/csv/toCsv.js';
import type { Translator } from '../../../shared/src/i18n/translate.js';
import type { RowState } from '../campaign/campaign.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { StepHeading } from './StepHeading.js';
import type { CampaignView } from './useCampaign.js';

export function rowStatusText(state: RowState | undefined, t: Translator): string {
  switch (state?.status) {
    case 'sent':
      return t('report.sent');
    case 'failed':
      return `${t('report.failed')}: ${t(`report.reason.${state.reason}`)}`;
    case 'cancelled':
      return t('report.cancelled');
    default:
      return t('report.notYet');
  }
}

export function reportCsv(campaign: CampaignView, t: Translator): string {
  return toCsv(
    ['row', 'to', 'cc', 'bcc', 'subject', 'status', 'detail'],
    campaign.ledger.rows.map((row) => {
      const message = campaign.messages.get(row);
      const state = campaign.ledger.states[row];
      return [row, message?.to ?? '', message?.cc.join('; ') ?? '', message?.bcc.join('; ') ?? '', message?.subject ?? '', rowStatusText(state, t), state?.status === 'failed' ? state.message : ''];
    }),
  );
}

const SHOWN_ROWS = 200;

export function ReportStep({ campaign, onRetryFailed, onClose }: { campaign: CampaignView; onRetryFailed: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const { progress, ledger } = campaign;
  const download = () => {
    const url = URL.createObjectURL(new Blob([reportCsv(campaign, t)], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: `outmerge-report-${ledger.id.slice(0, 8)}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section aria-labelledby="step-report">
      <StepHeading id="step-report" title={t('report.title')} visible />
      <Text size={200} data-testid="report-totals">
        {t('report.totals', { total: progress.total, sent: progress.sent, failed: progress.failed, cancelled: progress.cancelled })}
      </Text>
      <div style={{ display: 'flex', gap: 8, margin: '8px 0', flexWrap: 'wrap' }}>
        <Button size="small" onClick={download}>
          {t('report.export')}
        </Button>
        {progress.failed > 0 && (
          <Button size="small" appearance="primary" onClick={onRetryFailed} data-testid="retry-failed">
            {t('report.retryFailed', { count: progress.failed })}
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
            <TableHeaderCell>{t('report.status')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {ledger.rows.slice(0, SHOWN_ROWS).map((row) => (
            <TableRow key={row}>
              <TableCell>{row}</TableCell>
              <TableCell>{campaign.messages.get(row)?.to ?? ''}</TableCell>
              <TableCell>{rowStatusText(ledger.states[row], t)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {ledger.rows.length > SHOWN_ROWS && <Caption1>{t('report.moreInCsv', { count: ledger.rows.length - SHOWN_ROWS })}</Caption1>}
    </section>
  );
}
