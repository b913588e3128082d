/** The licensing portal: sign in, see and buy subscriptions, assign seats, IT help. */
import {
  Button,
  Caption1,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  Title2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import type { Locale } from '#shared/i18n/translate.js';
import type { ClientConfig } from '../api/apiClient.js';
import { useAuth } from '../auth/useAuth.js';
import { AppShell, usePageLocale } from '../components/AppShell.js';
import { AuthFailureNotice, organizationsConsentUrl } from '../components/AuthFailureNotice.js';
import type { AuthBroker } from '../host/mailHost.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import { useLayout } from '../components/layout.js';
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

/** A phone held upright (375 pixels and the like): less padding, so the content keeps its width. */
const NARROW = '@media (max-width: 480px)';

const useStyles = makeStyles({
  header: {
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
    [NARROW]: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}` },
  },
  /** The title links home and looks like the title. */
  home: { fontSize: 'inherit', fontWeight: 'inherit' },
  /** On a phone the links, language and account go on as many lines as they need. */
  nav: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    flexWrap: 'wrap',
  },
  main: {
    padding: tokens.spacingHorizontalXXL,
    maxWidth: '1100px',
    margin: '0 auto',
    [NARROW]: { padding: tokens.spacingHorizontalL },
  },
  notice: { marginBottom: tokens.spacingVerticalM },
});

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

function PortalContent({
  config,
  locale,
  onLocale,
}: {
  config: ClientConfig;
  locale: Locale;
  onLocale: (l: Locale) => void;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const { auth, account, ready, failure, signIn, signOut, dialog } = useAuth(config, {
    broker: BROWSER,
    loginHint: null,
  });
  const api = usePortalApi(auth);
  const adminConsentUrl = useCallback(async () => (await api.adminConsent()).url, [api]);
  // The admin-consent link comes back here; say how it went once, then drop Entra's query from the address.
  const [consentReturn] = useState(() => readAdminConsentReturn(window.location.search));
  useEffect(() => {
    // The group sync's consent reopens the subscription it was asked from.
    if (!consentReturn) return;
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${consentReturn.groupSubscription ? `#/subscriptions/${consentReturn.groupSubscription}` : window.location.hash}`,
    );
    // replaceState announces nothing: the hash route reads the new address on this event.
    if (consentReturn.groupSubscription) window.dispatchEvent(new HashChangeEvent('hashchange'));
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
  else if (route.page === 'offer')
    content = (
      <OfferLanding api={api} account={account} code={route.code} token={route.token} onSignIn={() => void signIn()} />
    );
  else if (!account)
    content = (
      <div className={mergeClasses(layout.stackM, layout.itemsStart)}>
        <Text>
          {route.page === 'accept'
            ? t('accept.signInFirst')
            : route.page === 'partner-request'
              ? t('approve.signInFirst')
              : t('portal.intro')}
        </Text>
        <Caption1>
          {route.page === 'accept' || route.page === 'partner-request'
            ? t('accept.privateWindow')
            : t('portal.signInPrompt')}
        </Caption1>
        <Button appearance="primary" onClick={() => void signIn()} data-testid="sign-in">
          {t('auth.title')}
        </Button>
      </div>
    );
  else if (route.page === 'buy') content = <Checkout api={api} account={account} />;
  // Keyed by the account: after signing in as someone else, the invitation may be accepted again.
  else if (route.page === 'accept')
    content = (
      <AcceptInvitation key={`${account.email}:${route.token}`} api={api} account={account} token={route.token} />
    );
  else if (route.page === 'subscription')
    content = <SubscriptionPage key={route.id} api={api} id={route.id} partnerStaff={(partners ?? []).length > 0} />;
  else if (route.page === 'become-partner')
    content = <BecomePartner api={api} onEnrolled={(partner) => setPartners((list) => [...(list ?? []), partner])} />;
  else if (route.page === 'partner') content = <PartnerArea key={route.id} api={api} id={route.id} tab={route.tab} />;
  else if (route.page === 'partner-request')
    content = <ApproveRequest api={api} account={account} token={route.token} />;
  else if (route.page === 'redeem-key') content = <RedeemKey api={api} />;
  else content = <Dashboard api={api} partners={partners} />;

  return (
    <div>
      <header className={mergeClasses(layout.spread, styles.header)}>
        <Title2 as="h1">
          <Link href="#/" appearance="subtle" className={styles.home}>
            {t('portal.title')}
          </Link>
        </Title2>
        <nav className={styles.nav}>
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
      <main className={styles.main}>
        {consentReturn && (
          <MessageBar intent={consentReturn.granted ? 'success' : 'error'} className={styles.notice}>
            <MessageBarBody data-testid="admin-consent-return">
              {consentReturn.groupSubscription
                ? consentReturn.granted
                  ? t('groups.consentGranted')
                  : t('groups.consentRefused', { description: consentReturn.description })
                : consentReturn.granted
                  ? t('consent.granted')
                  : t('consent.notGranted', { message: consentReturn.description })}
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={failure ? styles.notice : undefined}>
          <AuthFailureNotice
            failure={failure}
            adminConsentUrl={account ? adminConsentUrl : null}
            organizationsConsentUrl={organizationsConsentUrl(config)}
            onRetry={() => void signIn()}
          />
        </div>
        <PaymentsContext.Provider value={config.payments}>{content}</PaymentsContext.Provider>
      </main>
      {dialog}
    </div>
  );
}
