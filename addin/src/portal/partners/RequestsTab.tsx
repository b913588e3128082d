/**
 * P3: ask a customer's owner (by address) for delegated administration — some of the four
 * permissions for 1 day to 2 years. Nothing is granted until the owner approves from the emailed
 * link; the list shows every request and relationship with its state, and pending ones can be
 * withdrawn.
 */
import { message } from '#shared/i18n/message.js';
import { Button, Caption1, Field, Input, TableCell, Text, mergeClasses } from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { PartnerView } from '#shared/api/views.js';
import { formatDate } from '#shared/i18n/translate.js';
import type { Permission } from '#shared/permissions/permissions.js';
import { Feedback } from '../../components/Feedback.js';
import { useLayout } from '../../components/layout.js';
import { CellLines, ListTable } from '../../components/ListTable.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PermissionChecks } from '../DelegatesTab.js';
import { useAsyncAction } from '../useAsyncAction.js';
import type { PortalApi } from '../usePortalApi.js';
import { wholeNumberIn } from '../wholeNumber.js';
import { durationText, permissionsText, relationshipDateText, stateText } from './partnerText.js';

export function RequestsTab({ api, partner }: { api: PortalApi; partner: PartnerView }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const manage = partner.actions.includes('requests.manage');
  const requests = useAsyncAction(useCallback(() => api.partnerRequests(partner.id), [api, partner.id]));
  const { data, busy, run, fail } = requests;
  const [email, setEmail] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['assign', 'view']);
  const [days, setDays] = useState('365');

  const duration = wholeNumberIn(days, 1, 730);

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (permissions.length === 0) return fail(t('delegates.choosePermission'));
    if (duration === null) return fail(t('partners.requests.durationInvalid'));
    const to = email.trim();
    void run(
      async () => {
        await api.requestAdministration(partner.id, {
          email: to,
          permissions,
          durationDays: duration,
          language: locale,
        });
        setEmail('');
      },
      { notice: message('partners.requests.sent', { email: to }) },
    );
  };

  return (
    <section className={layout.stackM} aria-label={t('partners.tab.requests')} data-testid="partner-requests">
      <Caption1>{t('partners.requests.explain')}</Caption1>
      <Feedback error={requests.error} notice={requests.notice} testId="requests" />
      {manage && (
        <form
          onSubmit={send}
          className={mergeClasses(layout.stackS, layout.narrow)}
          aria-labelledby="new-request-heading"
        >
          <Text as="h3" weight="semibold" id="new-request-heading">
            {t('partners.requests.new')}
          </Text>
          <Field label={t('partners.requests.email')} hint={t('partners.requests.emailHint')}>
            <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} data-testid="request-email" />
          </Field>
          <PermissionChecks value={permissions} onChange={setPermissions} idPrefix="request" />
          <Field
            label={t('partners.requests.duration')}
            hint={t('partners.requests.durationHint')}
            validationState={duration === null ? 'error' : 'none'}
            validationMessage={duration === null ? t('partners.requests.durationInvalid') : undefined}
          >
            <Input
              type="number"
              min={1}
              max={730}
              value={days}
              onChange={(_, d) => setDays(d.value)}
              data-testid="request-days"
            />
          </Field>
          <Button
            appearance="primary"
            type="submit"
            disabled={busy || email.trim() === ''}
            className={layout.start}
            data-testid="send-request"
          >
            {t('partners.requests.send')}
          </Button>
        </form>
      )}
      <Text as="h3" weight="semibold">
        {t('partners.requests.list')}
      </Text>
      {data && data.length === 0 && <Caption1 data-testid="requests-empty">{t('partners.requests.empty')}</Caption1>}
      {data && data.length > 0 && (
        <ListTable
          label={t('partners.requests.list')}
          testId="requests-table"
          columns={[
            t('partners.requests.customer'),
            t('delegates.permissions'),
            t('partners.requests.duration'),
            t('partners.requests.state'),
            manage && t('seats.actions'),
          ]}
          items={data}
          rowKey={(r) => r.id}
          row={(r) => (
            <>
              <TableCell>
                <CellLines
                  text={r.customer}
                  detail={t('partners.requests.requestedBy', {
                    email: r.requestedBy,
                    date: formatDate(Date.parse(r.requestedAt), locale),
                  })}
                />
              </TableCell>
              <TableCell>{permissionsText(r.permissions, t)}</TableCell>
              <TableCell>{durationText(r.durationDays, t)}</TableCell>
              <TableCell>
                <CellLines
                  text={stateText(r.state, t)}
                  detail={relationshipDateText(r, t, locale)}
                  testId="request-state"
                />
              </TableCell>
              {manage && (
                <TableCell>
                  {r.state === 'pending' && (
                    <Button
                      size="small"
                      disabled={busy}
                      onClick={() =>
                        void run(() => api.withdrawRequest(partner.id, r.id), {
                          notice: message('partners.requests.withdrawn', { email: r.customer }),
                        })
                      }
                      aria-label={t('partners.requests.withdrawLabel', { email: r.customer })}
                    >
                      {t('partners.requests.withdraw')}
                    </Button>
                  )}
                </TableCell>
              )}
            </>
          )}
        />
      )}
    </section>
  );
}
