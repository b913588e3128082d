/** Approved domains (A6): seats can only go to addresses in these domains. */
import { Button, Caption1, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import type { PortalApi, SubscriptionSummary } from './usePortalApi.js';

export function DomainsTab({ api, subscription }: { api: PortalApi; subscription: SubscriptionSummary }) {
  const { t } = useI18n();
  const manage = subscription.actions.includes('domains.manage');
  const [domains, setDomains] = useState<Array<{ domain: string; source: 'tenant' | 'manual' }> | null>(null);
  const [domain, setDomain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.domains(subscription.id).then((r) => setDomains(r.domains), (e: unknown) => setError(errorText(e, t)));
  }, [api, subscription.id, t]);
  useEffect(load, [load]);
  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      load();
    } catch (e) {
      setError(errorText(e, t));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await api.addDomain(subscription.id, domain.trim());
      setDomain('');
    });
  };
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12, maxWidth: 640 }} aria-label={t('domains.title')}>
      <Caption1>{t('domains.explain')}</Caption1>
      <Feedback error={error} />
      {domains && (
        <Table aria-label={t('domains.title')} size="small" data-testid="domains-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('domains.domain')}</TableHeaderCell>
              <TableHeaderCell>{t('domains.source')}</TableHeaderCell>
              {manage && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {domains.map((d) => (
              <TableRow key={d.domain}>
                <TableCell>{d.domain}</TableCell>
                <TableCell>{d.source === 'tenant' ? t('domains.fromTenant') : t('domains.added')}</TableCell>
                {manage && (
                  <TableCell>
                    <Button size="small" appearance="subtle" onClick={() => void act(() => api.removeDomain(subscription.id, d.domain))} aria-label={t('domains.removeLabel', { domain: d.domain })}>
                      {t('domains.remove')}
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {manage && (
        <form onSubmit={add} style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
          <Field label={t('domains.add')}>
            <Input value={domain} onChange={(_, d) => setDomain(d.value)} placeholder="contoso.com" data-testid="domain-input" />
          </Field>
          <Button type="submit" disabled={domain.trim() === ''}>
            {t('domains.approve')}
          </Button>
        </form>
      )}
    </section>
  );
}
