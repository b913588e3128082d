/** P3: what changed at the customers the partner is partner of record for (seats, quantity, renewal, cancellation), newest first; also emailed as a digest. */
import { Button, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PartnerNotificationView, PartnerView } from '../../../../shared/src/api/views.js';
import { formatDateTime } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi } from '../usePortalApi.js';
import { notificationText } from './partnerText.js';

export function NotificationsTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<PartnerNotificationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.partnerNotifications(partner.id).then(
      (result) => (setItems(result), setError(null)),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, partner.id, t]);
  useEffect(load, [load]);

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('partners.tab.notifications')} data-testid="partner-notifications">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Caption1>{t('partners.notifications.explain')}</Caption1>
        <Button size="small" onClick={load}>
          {t('common.refresh')}
        </Button>
      </div>
      <Feedback error={error} testId="notifications" />
      {items && items.length === 0 && <Caption1 data-testid="notifications-empty">{t('partners.notifications.empty')}</Caption1>}
      {items && items.length > 0 && (
        <Table aria-label={t('partners.tab.notifications')} size="small" data-testid="notifications-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('journal.time')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.customers.customer')}</TableHeaderCell>
              <TableHeaderCell>{t('journal.action')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.notifications.emailed')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((n) => (
              <TableRow key={n.id}>
                <TableCell>{formatDateTime(Date.parse(n.at), locale)}</TableCell>
                <TableCell>{n.customer}</TableCell>
                <TableCell>{notificationText(n, t)}</TableCell>
                <TableCell>{n.emailed ? t('partners.notifications.yes') : t('partners.notifications.notYet')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
