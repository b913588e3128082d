/**
 * The organisation's domains (A6; issue 10, finding 4): seats go, and welcome emails are sent,
 * only to addresses at domains the organisation proved. A domain of its own Microsoft 365 tenant
 * is proven as soon as someone of the tenant signs in with it; any other domain by a DNS TXT
 * record, whose value is shown here with "Check now". Adding and removing domains is for the
 * organisation's administrators; everyone else with the tab sees the list.
 */
import { Badge, Button, Caption1, Field, Input, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../../shared/src/i18n/translate.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { DomainVerificationRecord, DomainView, PortalApi, SubscriptionSummary } from './usePortalApi.js';

export function DomainsTab({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t, locale } = useI18n();
  const manage = subscription.actions.includes('domains.manage');
  const [domains, setDomains] = useState<DomainView[] | null>(null);
  const [record, setRecord] = useState<DomainVerificationRecord | null>(null);
  const [domain, setDomain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = useCallback(() => {
    api.domains(subscription.id).then(
      (r) => {
        setDomains(r.domains);
        setRecord(r.record ?? null);
      },
      (e: unknown) => setError(errorText(e, t)),
    );
  }, [api, subscription.id, t]);
  useEffect(load, [load]);

  const act = async (name: string, work: () => Promise<DomainView | void>) => {
    setError(null);
    setNotice(null);
    setBusy(name);
    try {
      const view = await work();
      if (view) setNotice(view.status === 'proven' ? t('domains.provenNow', { domain: view.domain }) : t(`domains.check.${view.lastCheck?.result ?? 'record_missing'}` as MessageKey, { domain: view.domain }));
      load();
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void act('add', async () => {
      const view = await api.addDomain(subscription.id, domain.trim());
      setDomain('');
      return view;
    });
  };
  const when = (iso: string) => new Date(iso).toLocaleString(locale);

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 760 }} aria-label={t('domains.title')}>
      <Caption1>{t('domains.explain')}</Caption1>
      <Feedback error={error} notice={notice} />
      {domains && (
        <Table aria-label={t('domains.title')} size="small" data-testid="domains-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('domains.domain')}</TableHeaderCell>
              <TableHeaderCell>{t('domains.status')}</TableHeaderCell>
              {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {domains.map((d) => (
              <TableRow key={d.domain} data-testid={`domain-row-${d.domain}`}>
                <TableCell>{d.domain}</TableCell>
                <TableCell>
                  <div style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
                    <span>
                      <Badge appearance="tint" color={d.status === 'proven' ? 'success' : 'warning'} data-testid="domain-status">
                        {d.status === 'proven' ? t('domains.proven') : t('domains.pending')}
                      </Badge>{' '}
                      {d.method && <Caption1>{d.method === 'dns' ? t('domains.byDns') : t('domains.byTenant')}</Caption1>}
                    </span>
                    {d.status === 'pending' && d.lastCheck && (
                      <Caption1>{t('domains.lastCheck', { when: when(d.lastCheck.at), result: t(`domains.check.${d.lastCheck.result}` as MessageKey, { domain: d.domain }) })}</Caption1>
                    )}
                  </div>
                </TableCell>
                {manage && (
                  <TableCell>
                    {d.status === 'pending' && (
                      <Button size="small" appearance="primary" disabled={busy !== null} onClick={() => void act(d.domain, () => api.checkDomain(subscription.id, d.domain))} aria-label={t('domains.checkLabel', { domain: d.domain })} data-testid="domain-check">
                        {busy === d.domain ? t('domains.checking') : t('domains.checkNow')}
                      </Button>
                    )}{' '}
                    {d.method !== 'tenant' && (
                      <Button size="small" appearance="subtle" disabled={busy !== null} onClick={() => void act(`remove:${d.domain}`, () => api.removeDomain(subscription.id, d.domain))} aria-label={t('domains.removeLabel', { domain: d.domain })}>
                        {t('domains.remove')}
                      </Button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {manage && record && (
        <section aria-labelledby="domain-record-heading" style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="domain-record">
          <Subtitle2 id="domain-record-heading">{t('domains.howTitle')}</Subtitle2>
          <Text size={200}>{t('domains.howSteps')}</Text>
          <Table size="small" aria-label={t('domains.recordLabel')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('domains.recordType')}</TableHeaderCell>
                <TableHeaderCell>{t('domains.recordHost')}</TableHeaderCell>
                <TableHeaderCell>{t('domains.recordValue')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              <TableRow>
                <TableCell>{record.type}</TableCell>
                <TableCell>{record.host}</TableCell>
                <TableCell>
                  <code data-testid="domain-record-value" style={{ wordBreak: 'break-all' }}>
                    {record.value}
                  </code>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Caption1>{t('domains.howWait')}</Caption1>
        </section>
      )}
      {manage && (
        <form onSubmit={add} style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
          <Field label={t('domains.add')}>
            <Input value={domain} onChange={(_, d) => setDomain(d.value)} placeholder="contoso.com" data-testid="domain-input" />
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
