import { Button, Caption1, Link, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { formatDate, type MessageKey } from '../../../shared/src/i18n/translate.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';
import { navigate } from './useHashRoute.js';

export function Dashboard({ api }: { api: PortalApi }) {
  const { t, locale } = useI18n();
  const [subscriptions, setSubscriptions] = useState<SubscriptionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.subscriptions().then(
      (r) => setSubscriptions(r.subscriptions),
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, t]);

  if (error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  if (!subscriptions) return <Spinner label={t('common.loading')} />;
  return (
    <section aria-labelledby="subscriptions-heading" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text as="h2" size={500} weight="semibold" id="subscriptions-heading">
          {t('portal.subscriptions')}
        </Text>
        <Button appearance="primary" onClick={() => navigate('/buy')} data-testid="buy-button">
          {t('portal.buy')}
        </Button>
      </div>
      {subscriptions.length === 0 ? (
        <Caption1>{t('portal.noSubscriptions')}</Caption1>
      ) : (
        <Table aria-labelledby="subscriptions-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('portal.plan')}</TableHeaderCell>
              <TableHeaderCell>{t('portal.seats')}</TableHeaderCell>
              <TableHeaderCell>{t('portal.status')}</TableHeaderCell>
              <TableHeaderCell>{t('portal.renews')}</TableHeaderCell>
              <TableHeaderCell>{t('portal.owner')}</TableHeaderCell>
              <TableHeaderCell>{t('portal.yourRole')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {subscriptions.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  <Link href={`#/subscriptions/${s.id}`}>{t(`plan.${s.plan}` as MessageKey)}</Link>
                </TableCell>
                <TableCell>
                  <SeatBar assigned={s.assigned} quantity={s.quantity} label={t('portal.assignedOf', { assigned: s.assigned, quantity: s.quantity })} />
                </TableCell>
                <TableCell>{t(`status.${s.status}` as MessageKey)}</TableCell>
                <TableCell>{formatDate(Date.parse(s.periodEnd), locale)}</TableCell>
                <TableCell>{s.owner}</TableCell>
                <TableCell>{s.role === 'owner' ? t('role.owner') : t('role.delegate')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

export function SeatBar({ assigned, quantity, label }: { assigned: number; quantity: number; label: string }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 120 }}>
      <div role="img" aria-label={label} style={{ height: 8, background: '#e0e0e0', borderRadius: 4, overflow: 'hidden' }}>
        <div style={{ width: `${quantity === 0 ? 0 : (100 * assigned) / quantity}%`, height: '100%', background: '#0f6cbd' }} />
      </div>
      <Caption1>{label}</Caption1>
    </div>
  );
}
