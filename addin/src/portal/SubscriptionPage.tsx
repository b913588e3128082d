/** One subscription: summary and the tabs the signed-in person may use (hidden, not disabled, otherwise). */
import { Caption1, Tab, TabList } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import { renewsAtPeriodEnd } from '#shared/billing/subscriptionState.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { Loading } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { SeatUsage } from '../components/SeatUsage.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { BillingTab } from './BillingTab.js';
import { ConsolidateDialog } from './ConsolidateDialog.js';
import { InviteColleagueDialog } from './InviteColleagueDialog.js';
import { DelegatesTab } from './DelegatesTab.js';
import { DomainsTab } from './DomainsTab.js';
import { GroupsSection } from './GroupsSection.js';
import { JournalTab } from './JournalTab.js';
import { permissionsText } from './partners/partnerText.js';
import { QuantityDialog } from './QuantityDialog.js';
import { SeatsTab } from './SeatsTab.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi } from './usePortalApi.js';
import { PageTitle, BackLink } from '../components/PageTitle.js';

type TabName = 'seats' | 'delegates' | 'domains' | 'journal' | 'billing';
const TAB_ACTION = {
  seats: 'seats.view',
  delegates: 'delegates.view',
  domains: 'domains.view',
  journal: 'journal.view',
  billing: 'billing.view',
} as const;

/** `partnerStaff`: the person works for a partner, so a refused subscription is most likely a customer whose access ended. */
export function SubscriptionPage({
  api,
  id,
  partnerStaff = false,
}: {
  api: PortalApi;
  id: string;
  partnerStaff?: boolean;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const {
    data: subscription,
    error,
    reload: load,
  } = useAsyncAction(
    useCallback(() => api.subscription(id), [api, id]),
    partnerStaff ? { role: 'partner' } : {},
  );
  const [tab, setTab] = useState<TabName>('seats');
  // A group sync changes seats: the seat table is read again from the start.
  const [seatsVersion, setSeatsVersion] = useState(0);

  if (!subscription) return <Loading error={error} testId="subscription-error" />;
  const tabs = (Object.keys(TAB_ACTION) as TabName[]).filter((name) => subscription.actions.includes(TAB_ACTION[name]));
  const current = tabs.includes(tab) ? tab : tabs[0];
  return (
    <div className={layout.stackL}>
      <BackLink />
      <PageTitle>
        {t('portal.subscriptionTitle', {
          plan: t(`plan.${subscription.plan}` as MessageKey),
          quantity: subscription.quantity,
        })}
      </PageTitle>
      <Caption1 data-testid="subscription-facts">
        {t(`status.${subscription.status}` as MessageKey)} ·{' '}
        {renewsAtPeriodEnd(subscription.status) &&
          `${t('portal.renews')} ${formatDate(Date.parse(subscription.periodEnd), locale)} · `}
        {t('common.labelled', { label: t('portal.owner'), value: subscription.owner })} ·{' '}
        {subscription.role === 'owner'
          ? t('role.youOwn')
          : t('role.youDelegate', { permissions: permissionsText(subscription.permissions, t) })}
      </Caption1>
      <SeatUsage assigned={subscription.assigned} quantity={subscription.quantity} />
      {/* The server offers these only while the subscription is live (shared/src/billing/subscriptionState.ts). */}
      {(subscription.actions.includes('quantity.change') ||
        subscription.actions.includes('subscription.consolidate')) && (
        <div className={layout.rowWrap}>
          {subscription.actions.includes('quantity.change') && (
            <QuantityDialog api={api} subscription={subscription} onChanged={load} />
          )}
          {subscription.actions.includes('subscription.consolidate') && (
            <ConsolidateDialog api={api} subscription={subscription} onChanged={load} />
          )}
          {subscription.actions.includes('subscription.consolidate') && (
            <InviteColleagueDialog api={api} subscription={subscription} />
          )}
        </div>
      )}
      {tabs.length > 0 && (
        <TabList
          selectedValue={current}
          onTabSelect={(_, data) => setTab(data.value as TabName)}
          className={layout.tabsWrap}
        >
          {tabs.map((name) => (
            <Tab key={name} value={name} data-testid={`tab-${name}`}>
              {t(`tab.${name}` as MessageKey)}
            </Tab>
          ))}
        </TabList>
      )}
      {current === 'seats' && <SeatsTab key={seatsVersion} api={api} subscription={subscription} onChanged={load} />}
      {current === 'seats' && subscription.actions.includes('groups.view') && (
        <GroupsSection
          api={api}
          subscription={subscription}
          onChanged={() => {
            load();
            setSeatsVersion((v) => v + 1);
          }}
        />
      )}
      {current === 'delegates' && <DelegatesTab api={api} subscription={subscription} onChanged={load} />}
      {current === 'domains' && <DomainsTab api={api} subscription={subscription} />}
      {current === 'journal' && <JournalTab api={api} subscription={subscription} />}
      {current === 'billing' && <BillingTab api={api} subscription={subscription} onChanged={load} />}
      {tabs.length === 0 && <Caption1>{t('portal.nothingToManage')}</Caption1>}
    </div>
  );
}
