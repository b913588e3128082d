/**
 * IT help (A10): installing versus licensing, the two manifests for Integrated Apps with this
 * deployment's URLs (which one for which Outlook), the admin-consent link for the signed-in
 * person's tenant (the server builds it from its configuration), and the usual troubleshooting.
 */
import { Button, Caption1, Card, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, type ReactNode } from 'react';
import type { Account } from '../auth/authPort.js';
import { Loading } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi } from './usePortalApi.js';
import { PageTitle, BackLink } from '../components/PageTitle.js';

const useStyles = makeStyles({
  page: { maxWidth: '760px' },
  links: { display: 'flex', gap: tokens.spacingHorizontalL },
});

export function ItHelp({ api, account, onSignIn }: { api: PortalApi; account: Account | null; onSignIn: () => void }) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  return (
    <section
      className={mergeClasses(layout.stackL, styles.page)}
      aria-labelledby="it-help-heading"
      data-testid="it-help"
    >
      <BackLink />
      <PageTitle id="it-help-heading">{t('ithelp.title')}</PageTitle>
      <Topic id="install" title={t('ithelp.installTitle')}>
        <Text>{t('ithelp.install')}</Text>
        <Text>{t('ithelp.licensing')}</Text>
      </Topic>
      <Topic id="deploy" title={t('ithelp.deployTitle')}>
        <Text>{t('ithelp.manifestChoice')}</Text>
        <ol className={mergeClasses(layout.list, layout.stackXS)}>
          <li>
            <Link href="/manifest.xml" download="outmerge-manifest.xml" data-testid="manifest-download">
              {t('ithelp.manifest')}
            </Link>{' '}
            <Caption1>{t('ithelp.manifestHint')}</Caption1>
            <br />
            <Link href="/manifest.zip" download="outmerge-app-package.zip" data-testid="app-package-download">
              {t('ithelp.manifestZip')}
            </Link>{' '}
            <Caption1>{t('ithelp.manifestZipHint')}</Caption1>
          </li>
          <li>{t('ithelp.deployUpload')}</li>
          <li>{t('ithelp.deployAssign')}</li>
        </ol>
        <Text>{t('ithelp.deployConsent')}</Text>
        <Text>{t('ithelp.deployUpdate')}</Text>
      </Topic>
      <Topic id="consent" title={t('ithelp.consentTitle')}>
        <Text>{t('ithelp.consentExplain')}</Text>
        <ConsentLink api={api} account={account} onSignIn={onSignIn} />
      </Topic>
      <Topic id="troubleshoot" title={t('ithelp.troubleshootTitle')}>
        <ul className={mergeClasses(layout.list, layout.stackSNudge)}>
          <li>
            <Text weight="semibold">{t('ithelp.problemFooter')}</Text> <Text>{t('ithelp.troubleshoot')}</Text>
          </li>
          <li>
            <Text weight="semibold">{t('ithelp.problemInvitation')}</Text> <Text>{t('ithelp.fixInvitation')}</Text>
          </li>
          <li>
            <Text weight="semibold">{t('ithelp.problemApproval')}</Text> <Text>{t('ithelp.fixApproval')}</Text>
          </li>
          <li>
            <Text weight="semibold">{t('ithelp.problemMissing')}</Text> <Text>{t('ithelp.fixMissing')}</Text>
          </li>
        </ul>
      </Topic>
      <nav className={styles.links} aria-label={t('ithelp.title')}>
        <Link href="/privacy.html">{t('legal.privacyLink')}</Link>
        <Link href="/terms.html">{t('legal.termsLink')}</Link>
      </nav>
    </section>
  );
}

function Topic({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const layout = useLayout();
  return (
    <Card className={mergeClasses(layout.padded, layout.stackS)} aria-labelledby={`ithelp-${id}`}>
      <Text as="h3" weight="semibold" size={400} id={`ithelp-${id}`} className={layout.flush}>
        {title}
      </Text>
      {children}
    </Card>
  );
}

function ConsentLink({ api, account, onSignIn }: { api: PortalApi; account: Account | null; onSignIn: () => void }) {
  const { t } = useI18n();
  const layout = useLayout();
  const loadConsent = useCallback(() => api.adminConsent(), [api]);
  // The link is for the signed-in person's tenant: asked once someone is signed in.
  const { data: consent, error } = useAsyncAction(account ? loadConsent : null);

  if (!account)
    return (
      <div className={mergeClasses(layout.rowCenter, layout.rowWrap)}>
        <Caption1>{t('ithelp.consentSignIn')}</Caption1>
        <Button size="small" onClick={onSignIn} data-testid="consent-sign-in">
          {t('auth.title')}
        </Button>
      </div>
    );
  if (!consent) return <Loading error={error} size="tiny" />;
  return (
    <div className={layout.stackXS}>
      <Link href={consent.url} target="_blank" rel="noopener noreferrer" data-testid="admin-consent-link">
        {t('ithelp.consentLink')}
      </Link>
      <Caption1>{t('ithelp.consentTenant', { tenant: consent.tenantId })}</Caption1>
    </div>
  );
}
