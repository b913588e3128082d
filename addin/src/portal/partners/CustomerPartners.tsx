/**
 * The customer's side of delegated administration by partners (P3), in a subscription's
 * Delegates tab: every partner with a relationship or request, its permissions, state and expiry;
 * the owner ends one at any time (or declines a pending request).
 */
import { Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { PartnerRelationshipView } from '../../../../shared/src/api/views.js';
import { formatDate } from '../../../../shared/src/i18n/translate.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { errorText } from '../errorText.js';
import type { PortalApi, SubscriptionSummary } from '../usePortalApi.js';
import { durationText, permissionsText, stateText } from './partnerText.js';

export function CustomerPartners({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const manage = subscription.actions.includes('delegates.manage');
  const [partners, setPartners] = useState<PartnerRelationshipView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [ending, setEnding] = useState<PartnerRelationshipView | null>(null);

  const load = useCallback(() => {
    api.subscriptionPartners(subscription.id).then(setPartners, (e: unknown) => setError(errorText(e, t)));
  }, [api, subscription.id, t]);
  useEffect(load, [load]);

  const end = async (relationship: PartnerRelationshipView) => {
    setEnding(null);
    setError(null);
    setNotice(null);
    try {
      await api.endPartnerRelationship(subscription.id, relationship.id);
      setNotice(t(relationship.state === 'active' ? 'customerPartners.ended' : 'customerPartners.declined', { partner: relationship.partner }));
      load();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const until = (r: PartnerRelationshipView) => {
    if (r.state === 'active' && r.expiresAt) return t('partners.customers.until', { date: formatDate(Date.parse(r.expiresAt), locale) });
    if (r.state === 'pending') return t('partners.requests.answerBy', { date: formatDate(Date.parse(r.requestExpiresAt), locale) });
    if (r.state === 'expired' && r.expiresAt) return t('partners.customers.expiredOn', { date: formatDate(Date.parse(r.expiresAt), locale) });
    if (r.endedAt) return t('partners.requests.closedOn', { date: formatDate(Date.parse(r.endedAt), locale) });
    return '';
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }} aria-labelledby="customer-partners-heading" data-testid="customer-partners">
      <Text as="h3" weight="semibold" id="customer-partners-heading">
        {t('customerPartners.title')}
      </Text>
      <Caption1>{t('customerPartners.explain')}</Caption1>
      <Feedback error={error} notice={notice} testId="customer-partners" />
      {partners && partners.length === 0 && <Caption1>{t('customerPartners.none')}</Caption1>}
      {partners && partners.length > 0 && (
        <Table aria-label={t('customerPartners.title')} size="small" data-testid="customer-partners-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('customerPartners.partner')}</TableHeaderCell>
              <TableHeaderCell>{t('delegates.permissions')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.requests.state')}</TableHeaderCell>
              {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {partners.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column' }}>
                    <span>{r.partner}</span>
                    <Caption1>{t('customerPartners.code', { code: r.advisorCode })}</Caption1>
                  </div>
                </TableCell>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column' }}>
                    <span>{permissionsText(r.permissions, t)}</span>
                    <Caption1>{durationText(r.durationDays, t)}</Caption1>
                  </div>
                </TableCell>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column' }}>
                    <span data-testid="customer-partner-state">{stateText(r.state, t)}</span>
                    <Caption1>{until(r)}</Caption1>
                  </div>
                </TableCell>
                {manage && (
                  <TableCell>
                    {(r.state === 'active' || r.state === 'pending') && (
                      <Button size="small" onClick={() => setEnding(r)} aria-label={t(r.state === 'active' ? 'customerPartners.endLabel' : 'customerPartners.declineLabel', { partner: r.partner })} data-testid="end-partner">
                        {t(r.state === 'active' ? 'customerPartners.end' : 'approve.decline')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {/* Mounted even when closed: unmounting an open Fluent dialog leaves aria-hidden on the page. */}
      <Dialog open={ending !== null} onOpenChange={(_, d) => !d.open && setEnding(null)}>
        <DialogSurface>
          {ending && (
            <DialogBody>
              <DialogTitle>{t(ending.state === 'active' ? 'customerPartners.endTitle' : 'customerPartners.declineTitle', { partner: ending.partner })}</DialogTitle>
              <DialogContent>{t(ending.state === 'active' ? 'customerPartners.endExplain' : 'customerPartners.declineExplain', { partner: ending.partner })}</DialogContent>
              <DialogActions>
                <Button onClick={() => setEnding(null)}>{t('common.cancel')}</Button>
                <Button appearance="primary" onClick={() => void end(ending)} data-testid="end-partner-confirm">
                  {t(ending.state === 'active' ? 'customerPartners.end' : 'approve.decline')}
                </Button>
              </DialogActions>
            </DialogBody>
          )}
        </DialogSurface>
      </Dialog>
    </section>
  );
}
