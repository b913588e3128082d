/** The licensing portal: sign in, see and buy subscriptions, assign seats, IT help. */
import { Button, Caption1, Link, MessageBar, MessageBarBody, Spinner, Text, Title2 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PartnerView } from '../../../shared/src/api/views.js';
import type { Locale } from '../../../shared/src/i18n/translate.js';
import type { ClientConfig } from '../api/apiClient.js';
import { useAuth } from '../auth/useAuth.js';
import { AppShell, usePageLocale } from '../components/AppShell.js';
import { AuthFailureNotice, organizationsConsentUrl } from '../components/AuthFailureNotice.js';
import type { AuthBroker } from '../host/mailHost.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { AcceptInvitation } from './AcceptInvitation.js';
import { readAdminConsentReturn } from './adminConsentReturn.js';
import { PaymentsContext } from './CardField.js';
import { Checkout } from './Checkout.js';
import { Dashboard } from './Dashboard.js';
import { ItHelp } from './ItHelp.js';
import { ApproveRequest } from './partners/ApproveRequest.js';
import { BecomePartner } from './partners/BecomePartner.js';
import { OfferLanding } from './partners/OfferLanding.js';
import { PartnerArea } from './partners/PartnerArea.js';
import { RedeemKey } from './partners/RedeemKey.js';
import { SubscriptionPage } from './SubscriptionPage.js';
import { usePortalApi } from './usePortalApi.js';
import { useHashRoute } from './useHashRoute.js';

/** The portal is a plain browser page: MSAL's own popup. */
const BROWSER: AuthBroker = { kind: 'browser' };

export function Portal({ config }: { config: ClientConfig }) {
  const [locale, setLocale] = usePageLocale();
  return (
    <AppShell locale={locale}>
      <PortalContent config={config} locale={locale} onLocale={setLocale} />
    </AppShell>
  );
}

function PortalContent({ config, locale, onLocale }: { config: ClientConfig; locale: Locale; onLocale: (l: Locale) => void }) {
  const { t } = useI18n();
  const { auth, account, ready, failure, signIn, signOut, dialog } = useAuth(config, { broker: BROWSER, loginHint: null });
  const api = usePortalApi(auth);
  const adminConsentUrl = useCallback(async () => (await api.adminConsent()).url, [api]);
  // The admin-consent link comes back here; say how it went once, then drop Entra's query from the address.
  const [consentReturn] = useState(() => readAdminConsentReturn(window.location.search));
  useEffect(() => {
    if (consentReturn) window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  }, [consentReturn]);
  const route = useHashRoute();
  // The partners the person is staff of, asked at sign-in: the server binds new staff at their first partner call.
  const [partners, setPartners] = useState<PartnerView[] | null>(null);
  useEffect(() => {
    setPartners(null);
    if (account) api.partners().then(setPartners, () => setPartners([]));
  }, [api, account]);

  let content;
  if (route.page === 'it-help') content = <ItHelp api={api} account={account} onSignIn={() => void signIn()} />;
  else if (!ready) content = <Spinner label={t('common.loading')} />;
  else if (route.page === 'offer') content = <OfferLanding api={api} account={account} code={route.code} token={route.token} onSignIn={() => void signIn()} />;
  else if (!account)
    content = (
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12, alignItems: 'flex-start' }}>
        <Text>{route.page === 'accept' ? t('accept.signInFirst') : route.page === 'partner-request' ? t('approve.signInFirst') : t('portal.intro')}</Text>
        <Caption1>{route.page === 'accept' || route.page === 'partner-request' ? t('accept.privateWindow') : t('portal.signInPrompt')}</Caption1>
        <Button appearance="primary" onClick={() => void signIn()} data-testid="sign-in">
          {t('auth.title')}
        </Button>
      </div>
    );
  else if (route.page === 'buy') content = <Checkout api={api} account={account} />;
  else if (route.page === 'accept') content = <AcceptInvitation api={api} account={account} token={route.token} />;
  else if (route.page === 'subscription') content = <SubscriptionPage key={route.id} api={api} id={route.id} partnerStaff={(partners ?? []).length > 0} />;
  else if (route.page === 'become-partner') content = <BecomePartner api={api} onEnrolled={(partner) => setPartners((list) => [...(list ?? []), partner])} />;
  else if (route.page === 'partner') content = <PartnerArea key={route.id} api={api} id={route.id} tab={route.tab} />;
  else if (route.page === 'partner-request') content = <ApproveRequest api={api} account={account} token={route.token} />;
  else if (route.page === 'redeem-key') content = <RedeemKey api={api} />;
  else content = <Dashboard api={api} partners={partners} />;

  return (
    <div>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, padding: '12px 24px', borderBottom: '1px solid #e0e0e0', flexWrap: 'wrap' }}>
        <Title2 as="h1">
          <Link href="#/" appearance="subtle" style={{ fontSize: 'inherit', fontWeight: 'inherit' }}>
            {t('portal.title')}
          </Link>
        </Title2>
        <nav style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
          <Link href="#/it-help">{t('portal.itHelp')}</Link>
          <LanguagePicker value={locale} onChange={onLocale} />
          {account && (
            <>
              <Caption1 data-testid="signed-in-as">{t('auth.signedInAs', { email: account.email })}</Caption1>
              <Button size="small" onClick={() => void signOut()}>
                {t('common.signOut')}
              </Button>
            </>
          )}
        </nav>
      </header>
      <main style={{ padding: 24, maxWidth: 1100, margin: '0 auto' }}>
        {consentReturn && (
          <MessageBar intent={consentReturn.granted ? 'success' : 'error'} style={{ marginBottom: 12 }}>
            <MessageBarBody data-testid="admin-consent-return">{consentReturn.granted ? t('consent.granted') : t('consent.notGranted', { message: consentReturn.description })}</MessageBarBody>
          </MessageBar>
        )}
        <div style={{ marginBottom: failure ? 12 : 0 }}>
          <AuthFailureNotice failure={failure} adminConsentUrl={account ? adminConsentUrl : null} organizationsConsentUrl={organizationsConsentUrl(config)} onRetry={() => void signIn()} />
        </div>
        <PaymentsContext.Provider value={config.payments}>{content}</PaymentsContext.Provider>
      </main>
      {dialog}
    </div>
  );
}
