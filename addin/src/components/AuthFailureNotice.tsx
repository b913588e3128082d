/**
 * Why sign-in or a permission did not work, said so the user knows what to do. A missing consent
 * names each permission with what Outmerge does with it and gives the admin-consent link for the
 * user's organisation (from `/api/v1/me/admin-consent`); when even that cannot be fetched (the
 * API's own permission is the one missing), it points to the portal's IT help, which has it.
 */
import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { GRAPH_PERMISSIONS, type GraphScope } from '../../../shared/src/api/graphScopes.js';
import type { MessageKey } from '../../../shared/src/i18n/translate.js';
import type { AuthFailure } from '../auth/authPort.js';
import { useI18n } from '../i18n/I18nProvider.js';

const PURPOSE: Record<GraphScope, MessageKey> = {
  'User.Read': 'consent.permission.userRead',
  'Mail.ReadWrite': 'consent.permission.mailReadWrite',
  'Mail.ReadWrite.Shared': 'consent.permission.mailReadWriteShared',
  'Mail.Send': 'consent.permission.mailSend',
  'Mail.Send.Shared': 'consent.permission.mailSendShared',
  'Contacts.Read': 'consent.permission.contactsRead',
  'Contacts.Read.Shared': 'consent.permission.contactsReadShared',
};

/** Graph's permissions by name; anything else is the Outmerge API's own scope. */
function purposeOf(permission: string): MessageKey {
  const graph = GRAPH_PERMISSIONS.find((p) => p === permission);
  return graph ? PURPOSE[graph] : 'consent.permission.api';
}

export function AuthFailureNotice({ failure, adminConsentUrl, onRetry }: { failure: AuthFailure | null; adminConsentUrl: (() => Promise<string>) | null; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!failure || failure.reason === 'cancelled') return null;
  if (failure.reason === 'consent_required') return <ConsentRequired permissions={failure.permissions} adminConsentUrl={adminConsentUrl} onRetry={onRetry} />;
  return (
    <MessageBar intent="error">
      <MessageBarBody data-testid="auth-failure">{failure.reason === 'window_blocked' ? t('auth.windowBlocked') : t('auth.error', { message: failure.message })}</MessageBarBody>
    </MessageBar>
  );
}

function ConsentRequired({ permissions, adminConsentUrl, onRetry }: { permissions: readonly string[]; adminConsentUrl: (() => Promise<string>) | null; onRetry?: () => void }) {
  const { t } = useI18n();
  const [link, setLink] = useState<string | null | 'unavailable'>(null);
  useEffect(() => {
    let current = true;
    setLink(null);
    if (!adminConsentUrl) setLink('unavailable');
    else adminConsentUrl().then(
      (url) => current && setLink(url),
      () => current && setLink('unavailable'),
    );
    return () => {
      current = false;
    };
  }, [adminConsentUrl]);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="consent-required">
      <MessageBarBody>
        <MessageBarTitle>{t('consent.title')}</MessageBarTitle>
        <Text block>{t('consent.explain', { count: permissions.length })}</Text>
        <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
          {permissions.map((permission) => (
            <li key={permission} data-testid="consent-permission">
              <Text weight="semibold">{permission}</Text>: {t(purposeOf(permission))}
            </li>
          ))}
        </ul>
        {link === 'unavailable' ? (
          <Text block>
            {t('consent.portal')}{' '}
            <Link href="/portal.html#/it-help" target="_blank" rel="noopener noreferrer" data-testid="consent-portal-link">
              {t('consent.portalLink')}
            </Link>
          </Text>
        ) : link ? (
          <Text block>
            {t('consent.askIt')}{' '}
            <Link href={link} target="_blank" rel="noopener noreferrer" data-testid="consent-admin-link">
              {t('consent.link')}
            </Link>
          </Text>
        ) : null}
        {onRetry && (
          <Button size="small" onClick={onRetry} style={{ marginTop: 6 }}>
            {t('consent.retry')}
          </Button>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
