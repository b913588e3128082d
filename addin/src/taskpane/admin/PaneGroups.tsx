/**
 * The pane's admin view of a subscription's Microsoft 365 groups (issue 17): which groups its
 * seats follow, the last sync and its result, and who waits for a seat. Managing them is the
 * portal's (linked from the subscription).
 */
import { Caption1, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useCallback } from 'react';
import type { MessageKey } from '#shared/i18n/translate.js';
import { formatDateTime } from '#shared/i18n/translate.js';
import { useLayout } from '../../components/layout.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../../portal/useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from '../../portal/usePortalApi.js';

export function PaneGroups({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const load = useCallback(() => api.groups(subscription.id), [api, subscription.id]);
  const { data: view } = useAsyncAction(subscription.actions.includes('groups.view') ? load : null, {
    role: subscription.role,
  });
  if (!view || view.groups.length === 0) return null;
  const last = view.lastSync;
  return (
    <div className={layout.stackXXS} data-testid="pane-groups">
      <Caption1>
        {t('paneAdmin.groups', { count: view.groups.length, names: view.groups.map((g) => g.displayName).join(', ') })}
      </Caption1>
      {last && last.result !== 'ok' ? (
        <MessageBar intent="warning">
          <MessageBarBody data-testid="pane-groups-sync">
            {t('paneAdmin.groupsLastSync', {
              when: formatDateTime(Date.parse(last.at), locale),
              result: t(`groups.result.${last.result}` as MessageKey),
            })}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Caption1 data-testid="pane-groups-sync">
          {last
            ? t('paneAdmin.groupsLastSync', {
                when: formatDateTime(Date.parse(last.at), locale),
                result: t('groups.changes', { added: last.added, removed: last.removed }),
              })
            : t('groups.neverSynced')}
        </Caption1>
      )}
      {view.waitingTotal > 0 && (
        <Caption1 data-testid="pane-groups-waiting">
          {t('paneAdmin.groupsWaiting', { count: view.waitingTotal })}
        </Caption1>
      )}
    </div>
  );
}
