import { Badge, Button, Link, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { decideFooter, type LicenseState } from '#shared/license/footerDecision.js';
import { formatDate, type MessageKey } from '#shared/i18n/translate.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from '../components/layout.js';

function detailKey(state: LicenseState): MessageKey {
  if (state.kind === 'none') {
    const byReason = {
      not_signed_in: 'license.freeDetail',
      sign_in_expired: 'license.signInExpiredDetail',
      unreachable: 'license.offlineDetail',
      invalid_token: 'license.invalidDetail',
      clock_rollback: 'license.clockDetail',
    } as const;
    return byReason[state.reason];
  }
  switch (state.claims.code) {
    case 'ACTIVE':
      return 'license.licensedDetail';
    case 'SUBSCRIPTION_EXPIRED':
      return 'license.expiredDetail';
    case 'SUSPENDED':
      return 'license.suspendedDetail';
    case 'SEAT_REMOVED':
      return 'license.removedDetail';
    default:
      return 'license.freeDetail';
  }
}

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
});

export function LicenseStatus({
  state,
  checking,
  onRecheck,
}: {
  state: LicenseState;
  checking: boolean;
  onRecheck: () => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const decision = decideFooter(state);
  if (checking) return <Spinner size="tiny" label={t('license.checking')} />;
  const cached = state.kind === 'verified' && state.source === 'cache';
  return (
    <section aria-labelledby="license-heading" className={layout.stackXS}>
      <div className={layout.rowCenter}>
        <Text id="license-heading" weight="semibold">
          {t('license.title')}
        </Text>
        <Badge data-testid="license-status" appearance="filled" color={decision.licensed ? 'success' : 'informative'}>
          {decision.licensed ? t('license.licensed') : t('license.free')}
        </Badge>
      </div>
      <Text size={200}>
        {cached && state.kind === 'verified'
          ? t('license.cachedDetail', { date: formatDate(state.claims.exp * 1000, locale) })
          : t(detailKey(state))}
      </Text>
      <div className={styles.actions}>
        {!decision.licensed && (
          <Link href="/portal.html" target="_blank" rel="noopener">
            {t('license.openPortal')}
          </Link>
        )}
        <Button size="small" appearance="subtle" onClick={onRecheck}>
          {t('license.recheck')}
        </Button>
      </div>
    </section>
  );
}
