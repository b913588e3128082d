/**
 * The page an invitation email links to: after sign-in, accept and see what was granted and by
 * whom. An invitation the server refuses for good (used, withdrawn, expired, for another account)
 * keeps its reason on the page and loses its Accept button (invitationOutcome.ts).
 */
import { Button, Caption1, Link, MessageBar, MessageBarBody, mergeClasses } from '@fluentui/react-components';
import { useState } from 'react';
import type { Permission } from '#shared/permissions/permissions.js';
import type { Account } from '../auth/authPort.js';
import { ErrorMessage } from '../components/Feedback.js';
import { useFocusWhenShown } from '../components/focus.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { invitationClosedBy } from './invitationOutcome.js';
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
  const [granted, setGranted] = useState<{
    subscriptionId: string;
    permissions: Permission[];
    invitedBy: string;
  } | null>(null);
  const [closed, setClosed] = useState(false);
  const resultRef = useFocusWhenShown<HTMLDivElement>(granted?.subscriptionId);

  const accept = () =>
    void accepting.run(async () => {
      try {
        setGranted(await api.acceptInvitation(token));
      } catch (e) {
        if (invitationClosedBy(e)) setClosed(true);
        throw e;
      }
    });

  return (
    <section className={mergeClasses(layout.stackM, layout.narrow)} aria-labelledby="accept-heading">
      <PageTitle id="accept-heading">{t('accept.title')}</PageTitle>
      {granted ? (
        <MessageBar intent="success" ref={resultRef} tabIndex={-1}>
          <MessageBarBody data-testid="accept-result">
            {t('accept.done', { by: granted.invitedBy, permissions: permissionsText(granted.permissions, t) })}{' '}
            <Link href={`#/subscriptions/${granted.subscriptionId}`}>{t('accept.open')}</Link>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {!closed && <Caption1>{t('accept.explain', { email: account.email })}</Caption1>}
          <ErrorMessage error={error} testId="accept-error" />
          {!closed && (
            <Button appearance="primary" onClick={accept} disabled={busy} className={layout.start} data-testid="accept">
              {t('accept.button')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
