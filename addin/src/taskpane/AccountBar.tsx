/** Who is signed in, with sign-out; or why to sign in, with the button. */
import { Button, Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Account } from '../auth/authPort.js';
import { useLayout } from '../components/layout.js';
import { useI18n } from '../i18n/I18nProvider.js';

const useStyles = makeStyles({
  signedIn: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
});

export function AccountBar({
  account,
  canSignIn,
  onSignIn,
  onSignOut,
}: {
  account: Account | null;
  canSignIn: boolean;
  onSignIn: () => void;
  onSignOut: () => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const layout = useLayout();
  if (account)
    return (
      <div className={styles.signedIn}>
        <Text size={200} data-testid="signed-in-as">
          {t('auth.signedInAs', { email: account.email })}
        </Text>
        <Button size="small" appearance="subtle" onClick={onSignOut}>
          {t('common.signOut')}
        </Button>
      </div>
    );
  return (
    <div className={layout.stackSNudge}>
      <Caption1>{t('auth.intro')}</Caption1>
      <Button appearance="primary" onClick={onSignIn} disabled={!canSignIn} data-testid="sign-in">
        {t('auth.title')}
      </Button>
    </div>
  );
}
