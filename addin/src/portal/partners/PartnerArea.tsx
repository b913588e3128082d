/**
 * The partner area (P1–P5): the partner's name, advisor code and the caller's role, and a tab per
 * kind of work — customers, offers, delegated-administration requests, product keys, staff and
 * notifications. Tabs follow the route (#/partners/<id>/<tab>), so a notification email can link
 * straight to the customers.
 */
import { Badge, Caption1, Link, MessageBar, MessageBarBody, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PartnerView } from '../../../../shared/src/api/views.js';
import type { MessageKey } from '../../../../shared/src/i18n/translate.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi } from '../usePortalApi.js';
import { navigate, PARTNER_TABS, type PartnerTab } from '../useHashRoute.js';
import { CustomersTab } from './CustomersTab.js';
import { NotificationsTab } from './NotificationsTab.js';
import { OffersTab } from './OffersTab.js';
import { ProductKeysTab } from './ProductKeysTab.js';
import { RequestsTab } from './RequestsTab.js';
import { StaffTab } from './StaffTab.js';

export function PartnerArea({ api, id, tab }: { api: PortalApi; id: string; tab: PartnerTab }) {
  const { t } = useI18n();
  const [partner, setPartner] = useState<PartnerView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.partner(id).then(setPartner, (e: unknown) => setError(errorText(e, t)));
  }, [api, id, t]);

  if (!partner)
    return error ? (
      <MessageBar intent="error">
        <MessageBarBody data-testid="partner-error">{error}</MessageBarBody>
      </MessageBar>
    ) : (
      <Spinner label={t('common.loading')} />
    );

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 16 }} aria-labelledby="partner-heading" data-testid="partner-area">
      <Link href="#/">← {t('portal.back')}</Link>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Text as="h2" size={500} weight="semibold" id="partner-heading">
          {t('partners.area.title', { name: partner.name })}
        </Text>
        <Badge appearance="tint" color="brand">
          {t(`partners.role.${partner.role}` as MessageKey)}
        </Badge>
      </div>
      <Caption1 data-testid="advisor-code">
        {t('partners.area.advisorCode')} <strong>{partner.advisorCode}</strong>
      </Caption1>
      <TabList selectedValue={tab} onTabSelect={(_, data) => navigate(`/partners/${partner.id}/${String(data.value)}`)} aria-label={t('partners.area.tabs')}>
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
