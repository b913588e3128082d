/** The page an invitation email links to: after sign-in, accept and see what was granted and by whom. */
import { Button, Caption1, Link, MessageBar, MessageBarBody, mergeClasses } from '@fluentui/react-components';
import { useState } from 'react';
import type { Permission } from '../../../shared/src/permissions/permissions.js';
import type { Account } from '../auth/authPort.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { permissionsText } from './partners/partnerText.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { PortalApi } from './usePortalApi.js';
import { useLayout } from '../components/layout.js';
import { PageTitle } from '../components/PageTitle.js';

export function AcceptInvitation({ api, account, token }: { api: PortalApi; account: Account; token: string }) {
  const { t } = useI18n();
  const layout = useLayout();
  const accepting = useAsyncAction<never>(null);
  const { busy, error } = accepting;
  const [granted, setGranted] = useState<{ subscriptionId: string; permissions: Permission[]; invitedBy: string } | null>(null);

  const accept = () => void accepting.run(async () => setGranted(await api.acceptInvitation(token)));

  return (
    <section className={mergeClasses(layout.stackM, layout.narrow)} aria-labelledby="accept-heading">
      <PageTitle id="accept-heading">{t('accept.title')}</PageTitle>
      {granted ? (
        <MessageBar intent="success">
          <MessageBarBody data-testid="accept-result">
            {t('accept.done', { by: granted.invitedBy, permissions: permissionsText(granted.permissions, t) })}{' '}
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
          <Button appearance="primary" onClick={accept} disabled={busy} className={layout.start} data-testid="accept">
            {t('accept.button')}
          </Button>
        </>
      )}
    </section>
  );
}
