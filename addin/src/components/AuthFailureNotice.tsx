/**
 * Why sign-in or a permission did not work, said so the user knows what to do. A missing consent
 * names each permission with what Outmerge does with it and gives the admin-consent link for the
 * user's organisation (from `/api/v1/me/admin-consent`); when that cannot be fetched (the API's own
 * permission is the one missing, so there is no token to ask with), the same link for
 * `organizations`, which consents in the administrator's own tenant.
 */
import {
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { adminConsentUrl } from '#shared/api/adminConsent.js';
import { GRAPH_PERMISSIONS, type GraphScope } from '#shared/api/graphScopes.js';
import type { ClientConfig } from '#shared/api/clientConfig.js';
import type { MessageKey } from '#shared/i18n/translate.js';
import type { AuthFailure } from '../auth/authPort.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useLayout } from './layout.js';

const PURPOSE: Record<GraphScope, MessageKey> = {
  'User.Read': 'consent.permission.userRead',
  'Mail.ReadWrite': 'consent.permission.mailReadWrite',
  'Mail.Send': 'consent.permission.mailSend',
  'Mail.Send.Shared': 'consent.permission.mailSendShared',
  'Contacts.Read': 'consent.permission.contactsRead',
  'Contacts.Read.Shared': 'consent.permission.contactsReadShared',
};

const useStyles = makeStyles({
  retry: { marginTop: tokens.spacingVerticalSNudge },
});

/** Graph's permissions by name; anything else is the Outmerge API's own scope. */
function purposeOf(permission: string): MessageKey {
  const graph = GRAPH_PERMISSIONS.find((p) => p === permission);
  return graph ? PURPOSE[graph] : 'consent.permission.api';
}

/** The admin-consent link before anyone is signed in: the administrator's own tenant. */
export function organizationsConsentUrl(config: ClientConfig): string {
  return adminConsentUrl({
    tenant: 'organizations',
    clientId: config.identity.clientId,
    apiScope: config.identity.apiScope,
    publicUrl: window.location.origin,
  });
}

export interface AuthFailureNoticeProps {
  failure: AuthFailure | null;
  /** The link for the signed-in person's tenant, or null before sign-in. */
  adminConsentUrl: (() => Promise<string>) | null;
  /** The link for `organizations`, built from the page's configuration. */
  organizationsConsentUrl: string;
  onRetry?: () => void;
}

export function AuthFailureNotice({
  failure,
  adminConsentUrl,
  organizationsConsentUrl,
  onRetry,
}: AuthFailureNoticeProps) {
  const { t } = useI18n();
  if (!failure || failure.reason === 'cancelled') return null;
  if (failure.reason === 'consent_required')
    return (
      <ConsentRequired
        permissions={failure.permissions}
        adminConsentUrl={adminConsentUrl}
        organizationsConsentUrl={organizationsConsentUrl}
        onRetry={onRetry}
      />
    );
  return (
    <MessageBar intent="error">
      <MessageBarBody data-testid="auth-failure">
        {failure.reason === 'window_blocked' ? t('auth.windowBlocked') : t('auth.error', { message: failure.message })}
      </MessageBarBody>
    </MessageBar>
  );
}

function ConsentRequired({
  permissions,
  adminConsentUrl,
  organizationsConsentUrl,
  onRetry,
}: {
  permissions: readonly string[];
  adminConsentUrl: (() => Promise<string>) | null;
  organizationsConsentUrl: string;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const layout = useLayout();
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setLink(null);
    if (!adminConsentUrl) setLink(organizationsConsentUrl);
    else
      adminConsentUrl().then(
        (url) => current && setLink(url),
        () => current && setLink(organizationsConsentUrl),
      );
    return () => {
      current = false;
    };
  }, [adminConsentUrl, organizationsConsentUrl]);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="consent-required">
      <MessageBarBody>
        <MessageBarTitle>{t('consent.title')}</MessageBarTitle>
        <Text block>{t('consent.explain', { count: permissions.length })}</Text>
        <ul className={layout.listSpaced}>
          {permissions.map((permission) => (
            <li key={permission} data-testid="consent-permission">
              <Text weight="semibold">{t('common.label', { label: permission })}</Text> {t(purposeOf(permission))}
            </li>
          ))}
        </ul>
        {link ? (
          <Text block>
            {t('consent.askIt')}{' '}
            <Link href={link} target="_blank" rel="noopener noreferrer" data-testid="consent-admin-link">
              {t('consent.link')}
            </Link>
          </Text>
        ) : null}
        {onRetry && (
          <Button size="small" onClick={onRetry} className={styles.retry}>
            {t('consent.retry')}
          </Button>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
