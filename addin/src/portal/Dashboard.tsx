/**
 * The dashboard (A1): every subscription the signed-in person owns or administers, with plan,
 * seats as a picture, status, renewal date, owner, delegates and their permissions (for those who
 * may see them), and only the ways in that their permissions open; above them, the person's own
 * seats, foreign ones to leave (MySeats).
 */
import {
  Button,
  Caption1,
  Card,
  CardHeader,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, type ReactNode } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import { renewsAtPeriodEnd } from '#shared/billing/subscriptionState.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { useLayout } from '../components/layout.js';
import { SeatUsage } from '../components/SeatUsage.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { MySeats } from './MySeats.js';
import { MergeRequests } from './MergeRequests.js';
import { PartnerEntry } from './partners/PartnerEntry.js';
import { permissionsText } from './partners/partnerText.js';
import { StatusBadge } from './StatusBadge.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';
import { navigate } from './useHashRoute.js';
import { PageTitle } from '../components/PageTitle.js';

const useStyles = makeStyles({
  heading: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
  },
  empty: { padding: tokens.spacingHorizontalXL },
  cards: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(340px, 100%), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  card: { padding: tokens.spacingHorizontalL, height: '100%', boxSizing: 'border-box' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  delegates: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { marginTop: 'auto' },
  term: { color: tokens.colorNeutralForeground3 },
});

export function Dashboard({ api, partners = null }: { api: PortalApi; partners?: PartnerView[] | null }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const { data, error, reload } = useAsyncAction(useCallback(() => api.subscriptions(), [api]));
  const subscriptions = data?.subscriptions ?? null;

  if (error)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>
    );
  if (!subscriptions) return <Spinner label={t('common.loading')} />;
  return (
    <section aria-labelledby="subscriptions-heading" className={layout.stackL} data-testid="dashboard">
      <MySeats api={api} />
      <MergeRequests api={api} onMerged={reload} />
      <div className={styles.heading}>
        <PageTitle id="subscriptions-heading">{t('portal.subscriptions')}</PageTitle>
        <div className={layout.rowWrap}>
          <PartnerEntry partners={partners} />
          <Button appearance="primary" onClick={() => navigate('/buy')} data-testid="buy-button">
            {t('portal.buy')}
          </Button>
        </div>
      </div>
      {subscriptions.length === 0 ? (
        <Card className={mergeClasses(styles.empty, layout.narrow)}>
          <Text weight="semibold">{t('dashboard.emptyTitle')}</Text>
          <Caption1>{t('portal.noSubscriptions')}</Caption1>
          <Link href="#/it-help">{t('dashboard.emptyItHelp')}</Link>
        </Card>
      ) : (
        <ul className={styles.cards}>
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
  const layout = useLayout();
  const styles = useStyles();
  const headingId = `subscription-${s.id}`;
  const can = (action: SubscriptionSummary['actions'][number]) => s.actions.includes(action);
  return (
    <Card className={styles.card} data-testid="subscription-card" aria-labelledby={headingId}>
      <CardHeader
        header={
          <Text as="h3" weight="semibold" size={400} id={headingId} className={layout.flush}>
            {t('dashboard.cardTitle', { plan: t(`plan.${s.plan}` as MessageKey), quantity: s.quantity })}
          </Text>
        }
        action={<StatusBadge status={s.status} testId="subscription-status" />}
      />
      <SeatUsage assigned={s.assigned} quantity={s.quantity} testId="seat-picture" />
      <dl className={styles.facts}>
        {renewsAtPeriodEnd(s.status) && (
          <>
            <Term>{t('portal.renews')}</Term>
            <Detail>{formatDate(Date.parse(s.periodEnd), locale)}</Detail>
          </>
        )}
        <Term>{t('portal.owner')}</Term>
        <Detail>{s.owner}</Detail>
        <Term>{t('portal.yourRole')}</Term>
        <Detail>
          {s.role === 'owner'
            ? t('role.youOwn')
            : t('role.youDelegate', { permissions: permissionsText(s.permissions, t) })}
        </Detail>
        {s.delegates && (
          <>
            <Term>{t('dashboard.delegates')}</Term>
            <Detail>
              {s.delegates.length === 0 ? (
                t('delegates.none')
              ) : (
                <ul className={styles.delegates} data-testid="dashboard-delegates">
                  {s.delegates.map((d) => (
                    <li key={d.email}>
                      {t('common.labelled', { label: d.email, value: permissionsText(d.permissions, t) })}
                    </li>
                  ))}
                </ul>
              )}
            </Detail>
          </>
        )}
      </dl>
      <div className={mergeClasses(layout.rowWrap, styles.actions)}>
        <Button
          appearance="primary"
          onClick={() => navigate(`/subscriptions/${s.id}`)}
          aria-label={t(can('seats.assign') ? 'dashboard.manageSeatsLabel' : 'dashboard.manageLabel', {
            plan: t(`plan.${s.plan}` as MessageKey),
            owner: s.owner,
          })}
        >
          {can('seats.assign') ? t('dashboard.manageSeats') : t('portal.manage')}
        </Button>
      </div>
    </Card>
  );
}

function Term({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <dt>
      <Caption1 className={styles.term}>{children}</Caption1>
    </dt>
  );
}

function Detail({ children }: { children: ReactNode }) {
  const layout = useLayout();
  return (
    <dd className={layout.flush}>
      <Caption1>{children}</Caption1>
    </dd>
  );
}
