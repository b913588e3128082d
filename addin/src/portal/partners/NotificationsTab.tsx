/** P3: what changed at the customers the partner is partner of record for (seats, quantity, renewal, cancellation), newest first; also emailed as a digest. */
import { Button, Caption1, TableCell, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import { formatDateTime } from '#shared/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';
import { notificationText } from './partnerText.js';

const useStyles = makeStyles({
  intro: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
  },
});

export function NotificationsTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const notifications = useAsyncAction(useCallback(() => api.partnerNotifications(partner.id), [api, partner.id]));
  const items = notifications.data;

  return (
    <section className={layout.stackM} aria-label={t('partners.tab.notifications')} data-testid="partner-notifications">
      <div className={styles.intro}>
        <Caption1>{t('partners.notifications.explain')}</Caption1>
        <Button size="small" onClick={notifications.reload}>
          {t('common.refresh')}
        </Button>
      </div>
      <Feedback error={notifications.error} testId="notifications" />
      {items && items.length === 0 && (
        <Caption1 data-testid="notifications-empty">{t('partners.notifications.empty')}</Caption1>
      )}
      {items && items.length > 0 && (
        <ListTable
          label={t('partners.tab.notifications')}
          testId="notifications-table"
          columns={[
            t('journal.time'),
            t('partners.customers.customer'),
            t('journal.action'),
            t('partners.notifications.emailed'),
          ]}
          items={items}
          rowKey={(n) => String(n.id)}
          row={(n) => (
            <>
              <TableCell>{formatDateTime(Date.parse(n.at), locale)}</TableCell>
              <TableCell>{n.customer}</TableCell>
              <TableCell>{notificationText(n, t)}</TableCell>
              <TableCell>{n.emailed ? t('partners.notifications.yes') : t('partners.notifications.notYet')}</TableCell>
            </>
          )}
        />
      )}
    </section>
  );
}
