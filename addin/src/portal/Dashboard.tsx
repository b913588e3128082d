/**
 * The dashboard (A1): every subscription the signed-in person owns or administers, with plan,
 * seats as a picture, status, renewal date, owner, delegates and their permissions (for those who
 * may see them), and only the ways in that their permissions open; above them, the person's own
 * seats, foreign ones to leave (MySeats).
 */
import { Badge, Button, Caption1, Card, CardHeader, Link, MessageBar, MessageBarBody, Spinner, Text, tokens, type BadgeProps } from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { formatDate, type MessageKey } from '../../../shared/src/i18n/translate.js';
import type { PartnerView, SubscriptionStatus } from '../../../shared/src/api/views.js';
import { SeatUsage } from '../components/SeatUsage.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import { MySeats } from './MySeats.js';
import { PartnerEntry } from './partners/PartnerEntry.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';
import { navigate } from './useHashRoute.js';

const STATUS_COLOUR: Record<SubscriptionStatus, BadgeProps['color']> = { trial: 'informative', active: 'success', past_due: 'warning', expired: 'danger', cancelled: 'subtle' };

export function Dashboard({ api, partners = null }: { api: PortalApi; partners?: PartnerView[] | null }) {
  const { t } = useI18n();
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
    <section aria-labelledby="subscriptions-heading" style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="dashboard">
      <MySeats api={api} />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Text as="h2" size={500} weight="semibold" id="subscriptions-heading">
          {t('portal.subscriptions')}
        </Text>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <PartnerEntry partners={partners} />
          <Button appearance="primary" onClick={() => navigate('/buy')} data-testid="buy-button">
            {t('portal.buy')}
          </Button>
        </div>
      </div>
      {subscriptions.length === 0 ? (
        <Card style={{ padding: 20, maxWidth: 640 }}>
          <Text weight="semibold">{t('dashboard.emptyTitle')}</Text>
          <Caption1>{t('portal.noSubscriptions')}</Caption1>
          <Link href="#/it-help">{t('dashboard.emptyItHelp')}</Link>
        </Card>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(340px, 1fr))', gap: 16 }}>
          {subscriptions.map((s) => (
            <li key={s.id}>
              <SubscriptionCard subscription={s} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SubscriptionCard({ subscription: s }: { subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const headingId = `subscription-${s.id}`;
  const can = (action: SubscriptionSummary['actions'][number]) => s.actions.includes(action);
  return (
    <Card style={{ padding: 16, height: '100%', boxSizing: 'border-box' }} data-testid="subscription-card" aria-labelledby={headingId}>
      <CardHeader
        header={
          <Text as="h3" weight="semibold" size={400} id={headingId} style={{ margin: 0 }}>
            {t('dashboard.cardTitle', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity })}
          </Text>
        }
        action={
          <Badge appearance="tint" color={STATUS_COLOUR[s.status]} data-testid="subscription-status">
            {t(`status.${s.status}` as MessageKey)}
          </Badge>
        }
      />
      <SeatUsage assigned={s.assigned} quantity={s.quantity} testId="seat-picture" />
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 12, rowGap: 4, margin: 0 }}>
        <Term>{t('portal.renews')}</Term>
        <Detail>{formatDate(Date.parse(s.periodEnd), locale)}</Detail>
        <Term>{t('portal.owner')}</Term>
        <Detail>{s.owner}</Detail>
        <Term>{t('portal.yourRole')}</Term>
        <Detail>{s.role === 'owner' ? t('role.youOwn') : t('role.youDelegate', { permissions: s.permissions.map((p) => t(`permission.${p}`)).join(', ') })}</Detail>
        {s.delegates && (
          <>
            <Term>{t('dashboard.delegates')}</Term>
            <Detail>
              {s.delegates.length === 0 ? (
                t('delegates.none')
              ) : (
                <ul style={{ margin: 0, paddingLeft: 16 }} data-testid="dashboard-delegates">
                  {s.delegates.map((d) => (
                    <li key={d.email}>
                      {d.email}: {d.permissions.map((p) => t(`permission.${p}`)).join(', ')}
                    </li>
                  ))}
                </ul>
              )}
            </Detail>
          </>
        )}
      </dl>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 'auto' }}>
        <Button appearance="primary" onClick={() => navigate(`/subscriptions/${s.id}`)} aria-label={t('dashboard.openLabel', { plan: t(`plan.${s.plan}` as MessageKey), owner: s.owner })}>
          {can('seats.assign') ? t('dashboard.manageSeats') : t('portal.manage')}
        </Button>
      </div>
    </Card>
  );
}

function Term({ children }: { children: ReactNode }) {
  return (
    <dt>
      <Caption1 style={{ color: tokens.colorNeutralForeground3 }}>{children}</Caption1>
    </dt>
  );
}

function Detail({ children }: { children: ReactNode }) {
  return (
    <dd style={{ margin: 0 }}>
      <Caption1>{children}</Caption1>
    </dd>
  );
}

/** The seat picture under its older name (the subscription page uses it). */
export function SeatBar({ assigned, quantity }: { assigned: number; quantity: number; label?: string }) {
  return <SeatUsage assigned={assigned} quantity={quantity} />;
}
