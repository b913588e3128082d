/**
 * The organisation's domains (A6; issue 10, finding 4): seats go, and welcome emails are sent,
 * only to addresses at domains the organisation proved. A domain of its own Microsoft 365 tenant
 * is proven as soon as someone of the tenant signs in with it; any other domain by a DNS TXT
 * record, whose value is shown here with "Check now". Adding and removing domains is for the
 * organisation's administrators; everyone else with the tab sees the list.
 */
import { message } from '#shared/i18n/message.js';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Subtitle2,
  TableCell,
  Text,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { formatDateTime, type MessageKey } from '#shared/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { ListTable } from '../components/ListTable.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { DomainView, PortalApi, SubscriptionSummary } from './usePortalApi.js';

const useStyles = makeStyles({
  section: { maxWidth: '760px' },
  /** The TXT value is one long token: it breaks anywhere rather than widen the table. */
  recordValue: { wordBreak: 'break-all' },
});

export function DomainsTab({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const manage = subscription.actions.includes('domains.manage');
  const listed = useAsyncAction(useCallback(() => api.domains(subscription.id), [api, subscription.id]));
  const domains = listed.data?.domains ?? null;
  const record = listed.data?.record ?? null;
  const busy = listed.busyKey;
  const [domain, setDomain] = useState('');

  /** After adding or checking: proven, or what the last DNS look-up found. */
  const outcome = (view: DomainView | void) =>
    view
      ? view.status === 'proven'
        ? message('domains.provenNow', { domain: view.domain })
        : message(`domains.check.${view.lastCheck?.result ?? 'record_missing'}` as MessageKey, { domain: view.domain })
      : null;
  const act = (name: string, work: () => Promise<DomainView | void>) =>
    listed.run(work, { key: name, notice: outcome });
  const add = (event: FormEvent) => {
    event.preventDefault();
    void act('add', async () => {
      const view = await api.addDomain(subscription.id, domain.trim());
      setDomain('');
      return view;
    });
  };
  const when = (iso: string) => formatDateTime(Date.parse(iso), locale);

  return (
    <section className={mergeClasses(layout.stackM, styles.section)} aria-label={t('domains.title')}>
      <Caption1>{t('domains.explain')}</Caption1>
      <Feedback error={listed.error} notice={listed.notice} />
      {domains && (
        <ListTable
          label={t('domains.title')}
          testId="domains-table"
          columns={[t('domains.domain'), t('domains.status'), manage && t('seats.actions')]}
          items={domains}
          rowKey={(d) => d.domain}
          rowTestId={(d) => `domain-row-${d.domain}`}
          row={(d) => (
            <>
              <TableCell>{d.domain}</TableCell>
              <TableCell>
                <div className={layout.stackXXS}>
                  <span>
                    <Badge
                      appearance="tint"
                      color={d.status === 'proven' ? 'success' : 'warning'}
                      data-testid="domain-status"
                    >
                      {d.status === 'proven' ? t('domains.proven') : t('domains.pending')}
                    </Badge>{' '}
                    {d.method && <Caption1>{d.method === 'dns' ? t('domains.byDns') : t('domains.byTenant')}</Caption1>}
                  </span>
                  {d.status === 'pending' && d.lastCheck && (
                    <Caption1>
                      {t('domains.lastCheck', {
                        when: when(d.lastCheck.at),
                        result: t(`domains.check.${d.lastCheck.result}` as MessageKey, { domain: d.domain }),
                      })}
                    </Caption1>
                  )}
                </div>
              </TableCell>
              {manage && (
                <TableCell>
                  {d.status === 'pending' && (
                    <Button
                      size="small"
                      appearance="primary"
                      disabled={busy !== null}
                      onClick={() => void act(d.domain, () => api.checkDomain(subscription.id, d.domain))}
                      aria-label={busy === d.domain ? undefined : t('domains.checkLabel', { domain: d.domain })}
                      data-testid="domain-check"
                    >
                      {busy === d.domain ? t('domains.checking') : t('domains.checkNow')}
                    </Button>
                  )}{' '}
                  {d.method !== 'tenant' && (
                    <Button
                      size="small"
                      appearance="subtle"
                      disabled={busy !== null}
                      onClick={() => void act(`remove:${d.domain}`, () => api.removeDomain(subscription.id, d.domain))}
                      aria-label={t('domains.removeLabel', { domain: d.domain })}
                    >
                      {t('domains.remove')}
                    </Button>
                  )}
                </TableCell>
              )}
            </>
          )}
        />
      )}
      {manage && record && (
        <section aria-labelledby="domain-record-heading" className={layout.stackSNudge} data-testid="domain-record">
          <Subtitle2 id="domain-record-heading">{t('domains.howTitle')}</Subtitle2>
          <Text size={200}>{t('domains.howSteps')}</Text>
          <ListTable
            label={t('domains.recordLabel')}
            columns={[t('domains.recordType'), t('domains.recordHost'), t('domains.recordValue')]}
            items={[record]}
            rowKey={(r) => r.host}
            row={(r) => (
              <>
                <TableCell>{r.type}</TableCell>
                <TableCell>{r.host}</TableCell>
                <TableCell>
                  <code data-testid="domain-record-value" className={styles.recordValue}>
                    {r.value}
                  </code>
                </TableCell>
              </>
            )}
          />
          <Caption1>{t('domains.howWait')}</Caption1>
        </section>
      )}
      {manage && (
        <form onSubmit={add} className={layout.fieldsRow}>
          <Field label={t('domains.add')}>
            <Input
              value={domain}
              onChange={(_, d) => setDomain(d.value)}
              placeholder="contoso.com"
              data-testid="domain-input"
            />
          </Field>
          <Button type="submit" disabled={domain.trim() === '' || busy !== null}>
            {t('domains.approve')}
          </Button>
        </form>
      )}
      {!manage && <Caption1>{t('domains.onlyAdministrators')}</Caption1>}
    </section>
  );
}
