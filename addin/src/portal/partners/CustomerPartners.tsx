/**
 * The customer's side of delegated administration by partners (P3), in a subscription's
 * Delegates tab: every partner with a relationship or request, its permissions, state and expiry;
 * the owner ends one at any time (or declines a pending request).
 */
import { message } from '#shared/i18n/message.js';
import { Button, Caption1, TableCell, Text } from '@fluentui/react-components';
import { useCallback, useState } from 'react';
import type { PartnerRelationshipView } from '#shared/api/views.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { CellLines, ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi, SubscriptionSummary } from '../usePortalApi.js';
import { durationText, permissionsText, relationshipDateText, stateText } from './partnerText.js';

export function CustomerPartners({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const manage = subscription.actions.includes('delegates.manage');
  const partners = useAsyncAction(useCallback(() => api.subscriptionPartners(subscription.id), [api, subscription.id]));
  const [ending, setEnding] = useState<PartnerRelationshipView | null>(null);

  const end = () => {
    const relationship = ending;
    setEnding(null);
    if (!relationship) return;
    void partners.run(() => api.endPartnerRelationship(subscription.id, relationship.id), {
      notice: message(relationship.state === 'active' ? 'customerPartners.ended' : 'customerPartners.declined', {
        partner: relationship.partner,
      }),
    });
  };
  // Ending an active relationship, or declining a request that waits for an answer.
  const endingActive = ending?.state === 'active';

  return (
    <section className={layout.stackS} aria-labelledby="customer-partners-heading" data-testid="customer-partners">
      <Text as="h3" weight="semibold" id="customer-partners-heading">
        {t('customerPartners.title')}
      </Text>
      <Caption1>{t('customerPartners.explain')}</Caption1>
      <Feedback error={partners.error} notice={partners.notice} testId="customer-partners" />
      {partners.data && partners.data.length === 0 && <Caption1>{t('customerPartners.none')}</Caption1>}
      {partners.data && partners.data.length > 0 && (
        <ListTable
          label={t('customerPartners.title')}
          testId="customer-partners-table"
          columns={[
            t('customerPartners.partner'),
            t('delegates.permissions'),
            t('partners.requests.state'),
            manage && t('seats.actions'),
          ]}
          items={partners.data}
          rowKey={(r) => r.id}
          row={(r) => (
            <>
              <TableCell>
                <CellLines text={r.partner} detail={t('customerPartners.code', { code: r.advisorCode })} />
              </TableCell>
              <TableCell>
                <CellLines text={permissionsText(r.permissions, t)} detail={durationText(r.durationDays, t)} />
              </TableCell>
              <TableCell>
                <CellLines
                  text={stateText(r.state, t)}
                  detail={relationshipDateText(r, t, locale)}
                  testId="customer-partner-state"
                />
              </TableCell>
              {manage && (
                <TableCell>
                  {(r.state === 'active' || r.state === 'pending') && (
                    <Button
                      size="small"
                      onClick={() => setEnding(r)}
                      aria-label={t(
                        r.state === 'active' ? 'customerPartners.endLabel' : 'customerPartners.declineLabel',
                        { partner: r.partner },
                      )}
                      data-testid="end-partner"
                    >
                      {t(r.state === 'active' ? 'customerPartners.end' : 'approve.decline')}
                    </Button>
                  )}
                </TableCell>
              )}
            </>
          )}
        />
      )}
      <ConfirmDialog
        question={
          ending && {
            title: t(endingActive ? 'customerPartners.endTitle' : 'customerPartners.declineTitle', {
              partner: ending.partner,
            }),
            text: t(endingActive ? 'customerPartners.endExplain' : 'customerPartners.declineExplain', {
              partner: ending.partner,
            }),
            confirm: t(endingActive ? 'customerPartners.end' : 'approve.decline'),
          }
        }
        onCancel={() => setEnding(null)}
        onConfirm={end}
        confirmTestId="end-partner-confirm"
      />
    </section>
  );
}
