/**
 * The partner area (P1–P5): the partner's name, advisor code and the caller's role, and a tab per
 * kind of work — customers, offers, delegated-administration requests, product keys, staff and
 * notifications. Tabs follow the route (#/partners/<id>/<tab>), so a notification email can link
 * straight to the customers.
 */
import { Badge, Caption1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { MessageKey } from '#shared/i18n/translate.js';
import { Loading } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';
import { navigate, PARTNER_TABS, type PartnerTab } from '../useHashRoute.js';
import { CustomersTab } from './CustomersTab.js';
import { NotificationsTab } from './NotificationsTab.js';
import { OffersTab } from './OffersTab.js';
import { ProductKeysTab } from './ProductKeysTab.js';
import { RequestsTab } from './RequestsTab.js';
import { StaffTab } from './StaffTab.js';
import { useLayout } from '../../components/layout.js';
import { PageTitle, BackLink } from '../../components/PageTitle.js';

const useStyles = makeStyles({
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export function PartnerArea({ api, id, tab }: { api: PortalApi; id: string; tab: PartnerTab }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const { data: partner, error } = useAsyncAction(useCallback(() => api.partner(id), [api, id]));
  if (!partner) return <Loading error={error} testId="partner-error" />;

  return (
    <section className={layout.stackL} aria-labelledby="partner-heading" data-testid="partner-area">
      <BackLink />
      <div className={styles.heading}>
        <PageTitle id="partner-heading">{t('partners.area.title', { name: partner.name })}</PageTitle>
        <Badge appearance="tint" color="brand">
          {t(`partners.role.${partner.role}` as MessageKey)}
        </Badge>
      </div>
      <Caption1 data-testid="advisor-code">
        {t('partners.area.advisorCode')} <strong>{partner.advisorCode}</strong>
      </Caption1>
      <TabList
        selectedValue={tab}
        onTabSelect={(_, data) => navigate(`/partners/${partner.id}/${String(data.value)}`)}
        aria-label={t('partners.area.tabs')}
        className={layout.tabsWrap}
      >
        {PARTNER_TABS.map((name) => (
          <Tab key={name} value={name} data-testid={`partner-tab-${name}`}>
            {t(`partners.tab.${name}` as MessageKey)}
          </Tab>
        ))}
      </TabList>
      {tab === 'customers' && <CustomersTab api={api} partner={partner} />}
      {tab === 'offers' && <OffersTab api={api} partner={partner} />}
      {tab === 'requests' && <RequestsTab api={api} partner={partner} />}
      {tab === 'keys' && <ProductKeysTab api={api} partner={partner} />}
      {tab === 'staff' && <StaffTab api={api} partner={partner} />}
      {tab === 'notifications' && <NotificationsTab api={api} partner={partner} />}
    </section>
  );
}
