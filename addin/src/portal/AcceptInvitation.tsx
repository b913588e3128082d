/** The page an invitation email links to: after sign-in, accept and see what was granted and by whom. */
import { Button, Caption1, Link, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Permission } from '../../../shared/src/permissions/permissions.js';
import type { Account } from '../auth/authPort.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { PortalApi } from './usePortalApi.js';

export function AcceptInvitation({ api, account, token }: { api: PortalApi; account: Account; token: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [granted, setGranted] = useState<{ subscriptionId: string; permissions: Permission[]; invitedBy: string } | null>(null);

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      setGranted(await api.acceptInvitation(token));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 640 }} aria-labelledby="accept-heading">
      <Text as="h2" size={500} weight="semibold" id="accept-heading">
        {t('accept.title')}
      </Text>
      {granted ? (
        <MessageBar intent="success">
          <MessageBarBody data-testid="accept-result">
            {t('accept.done', { by: granted.invitedBy, permissions: granted.permissions.map((p) => t(`permission.${p}`)).join(', ') })}{' '}
            <Link href={`#/subscriptions/${granted.subscriptionId}`}>{t('accept.open')}</Link>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Caption1>{t('accept.explain', { email: account.email })}</Caption1>
          {error && (
            <MessageBar intent="error">
              <MessageBarBody data-testid="accept-error">{error}</MessageBarBody>
            </MessageBar>
          )}
          <Button appearance="primary" onClick={() => void accept()} disabled={busy} style={{ alignSelf: 'flex-start' }} data-testid="accept">
            {t('accept.button')}
          </Button>
        </>
      )}
    </section>
  );
}
