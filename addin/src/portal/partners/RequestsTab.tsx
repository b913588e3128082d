/**
 * P3: ask a customer's owner (by address) for delegated administration — some of the four
 * permissions for 1 day to 2 years. Nothing is granted until the owner approves from the emailed
 * link; the list shows every request and relationship with its state, and pending ones can be
 * withdrawn.
 */
import { Button, Caption1, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { PartnerRelationshipView, PartnerView } from '../../../../shared/src/api/views.js';
import { formatDate } from '../../../../shared/src/i18n/translate.js';
import type { Permission } from '../../../../shared/src/permissions/permissions.js';
import { Feedback } from '../../components/Feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PermissionChecks } from '../DelegatesTab.js';
import { errorText } from '../errorText.js';
import type { PortalApi } from '../usePortalApi.js';
import { durationText, permissionsText, stateText } from './partnerText.js';

export function RequestsTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const manage = partner.actions.includes('requests.manage');
  const [requests, setRequests] = useState<PartnerRelationshipView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['assign', 'view']);
  const [days, setDays] = useState('365');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.partnerRequests(partner.id).then(setRequests, (e: unknown) => setError(errorText(e, t)));
  }, [api, partner.id, t]);
  useEffect(load, [load]);

  const duration = /^\d+$/.test(days.trim()) && Number(days) >= 1 && Number(days) <= 730 ? Number(days) : null;

  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      setNotice(message);
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (permissions.length === 0) return setError(t('delegates.choosePermission'));
    if (duration === null) return setError(t('partners.requests.durationInvalid'));
    const to = email.trim();
    void act(async () => {
      await api.requestAdministration(partner.id, { email: to, permissions, durationDays: duration, language: locale });
      setEmail('');
    }, t('partners.requests.sent', { email: to }));
  };

  const dateOf = (r: PartnerRelationshipView) => {
    if (r.state === 'pending') return t('partners.requests.answerBy', { date: formatDate(Date.parse(r.requestExpiresAt), locale) });
    if (r.state === 'active' && r.expiresAt) return t('partners.customers.until', { date: formatDate(Date.parse(r.expiresAt), locale) });
    if (r.state === 'expired' && r.expiresAt) return t('partners.customers.expiredOn', { date: formatDate(Date.parse(r.expiresAt), locale) });
    if (r.endedAt) return t('partners.requests.closedOn', { date: formatDate(Date.parse(r.endedAt), locale) });
    return '';
  };

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('partners.tab.requests')} data-testid="partner-requests">
      <Caption1>{t('partners.requests.explain')}</Caption1>
      <Feedback error={error} notice={notice} testId="requests" />
      {manage && (
        <form onSubmit={send} style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 640 }} aria-labelledby="new-request-heading">
          <Text as="h3" weight="semibold" id="new-request-heading">
            {t('partners.requests.new')}
          </Text>
          <Field label={t('partners.requests.email')} hint={t('partners.requests.emailHint')}>
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} data-testid="request-email" />
          </Field>
          <PermissionChecks value={permissions} onChange={setPermissions} idPrefix="request" />
          <Field label={t('partners.requests.duration')} hint={t('partners.requests.durationHint')} validationState={duration === null ? 'error' : 'none'} validationMessage={duration === null ? t('partners.requests.durationInvalid') : undefined}>
            <Input type="number" min={1} max={730} value={days} onChange={(_, d) => setDays(d.value)} data-testid="request-days" />
          </Field>
          <Button appearance="primary" type="submit" disabled={busy || email.trim() === ''} style={{ alignSelf: 'flex-start' }} data-testid="send-request">
            {t('partners.requests.send')}
          </Button>
        </form>
      )}
      <Text as="h3" weight="semibold">
        {t('partners.requests.list')}
      </Text>
      {requests && requests.length === 0 && <Caption1 data-testid="requests-empty">{t('partners.requests.empty')}</Caption1>}
      {requests && requests.length > 0 && (
        <Table aria-label={t('partners.requests.list')} size="small" data-testid="requests-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('partners.requests.customer')}</TableHeaderCell>
              <TableHeaderCell>{t('delegates.permissions')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.requests.duration')}</TableHeaderCell>
              <TableHeaderCell>{t('partners.requests.state')}</TableHeaderCell>
              {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {requests.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column' }}>
                    <span>{r.customer}</span>
                    <Caption1>{t('partners.requests.requestedBy', { email: r.requestedBy, date: formatDate(Date.parse(r.requestedAt), locale) })}</Caption1>
                  </div>
                </TableCell>
                <TableCell>{permissionsText(r.permissions, t)}</TableCell>
                <TableCell>{durationText(r.durationDays, t)}</TableCell>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column' }}>
                    <span data-testid="request-state">{stateText(r.state, t)}</span>
                    <Caption1>{dateOf(r)}</Caption1>
                  </div>
                </TableCell>
                {manage && (
                  <TableCell>
                    {r.state === 'pending' && (
                      <Button size="small" disabled={busy} onClick={() => void act(() => api.withdrawRequest(partner.id, r.id), t('partners.requests.withdrawn', { email: r.customer }))} aria-label={t('partners.requests.withdrawLabel', { email: r.customer })}>
                        {t('partners.requests.withdraw')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
